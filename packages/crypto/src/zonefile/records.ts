import { invalid } from '../errors.js';
import type {
  AddressRecord,
  CnameRecord,
  MxRecord,
  NsRecord,
  PtrRecord,
  SoaRecord,
  SpfRecord,
  SrvRecord,
  TxtRecord,
  UriRecord,
  ZoneFileJson,
} from './types.js';

/*
 * One reader per record type, each reading a single (already flattened) line the way the
 * reference `zone-file` 1.x parser does (auth-and-storage.md §5.4). Fields are taken by
 * position from the *end* of the line, which is why `IN` and the TTL are optional; the TTL
 * is kept when the second token is numeric in JavaScript's sense (`isNaN` is false).
 */

function tokens(line: string): string[] {
  return line.trim().split(/\s+/g);
}

/** `tokens[i]` from the end; the reference indexes past the start as `undefined`. */
function fromEnd(parts: readonly string[], i: number): string {
  return parts[parts.length - i] as string;
}

function int(token: string | undefined): number {
  return parseInt(token as string, 10);
}

/** The reference's `!isNaN(tokens[1])`: JavaScript number coercion, so `1e3` and `0x10` count. */
function hasNumericTtl(parts: readonly string[]): boolean {
  const second = parts[1];
  return second !== undefined && !Number.isNaN(Number(second));
}

function withTtl<T extends object>(record: T, parts: readonly string[]): T & { ttl?: number } {
  return hasNumericTtl(parts) ? { ...record, ttl: int(parts[1]) } : record;
}

export function readSoa(line: string): SoaRecord {
  const t = tokens(line);
  return withTtl(
    {
      name: t[0] as string,
      minimum: int(fromEnd(t, 1)),
      expire: int(fromEnd(t, 2)),
      retry: int(fromEnd(t, 3)),
      refresh: int(fromEnd(t, 4)),
      serial: int(fromEnd(t, 5)),
      rname: fromEnd(t, 6),
      mname: fromEnd(t, 7),
    },
    t,
  );
}

export function readNs(line: string): NsRecord {
  const t = tokens(line);
  return withTtl({ name: t[0] as string, host: fromEnd(t, 1) }, t);
}

/** A line that starts with the type itself (`A 1.2.3.4`) inherits the previous A record's name, else `@`. */
export function readA(line: string, earlier: readonly AddressRecord[]): AddressRecord {
  const t = tokens(line);
  const upper = line.trim().toUpperCase().split(/\s+/g);
  const inherited = upper.lastIndexOf('A') === 0;
  const name = inherited ? (earlier[earlier.length - 1]?.name ?? '@') : (t[0] as string);
  return withTtl({ name, ip: fromEnd(t, 1) }, t);
}

export function readAaaa(line: string): AddressRecord {
  const t = tokens(line);
  return withTtl({ name: t[0] as string, ip: fromEnd(t, 1) }, t);
}

export function readCname(line: string): CnameRecord {
  const t = tokens(line);
  return withTtl({ name: t[0] as string, alias: fromEnd(t, 1) }, t);
}

export function readMx(line: string): MxRecord {
  const t = tokens(line);
  return withTtl({ name: t[0] as string, preference: int(fromEnd(t, 2)), host: fromEnd(t, 1) }, t);
}

/** A line that starts with `PTR` inherits the previous PTR record's name (when there is one). */
export function readPtr(line: string, earlier: readonly PtrRecord[], origin: string | undefined): PtrRecord {
  const t = tokens(line);
  const upper = line.trim().toUpperCase().split(/\s+/g);
  const previous = earlier[earlier.length - 1];
  if (upper.lastIndexOf('PTR') === 0 && previous) t.unshift(previous.name);
  const name = t[0] as string;
  return withTtl({ name, fullname: `${name}.${origin}`, host: fromEnd(t, 1) }, t);
}

const TXT_TOKEN = /[^\s"']+|"[^"]*"|'[^']*'/g;

/** The text between the first pair of double quotes; tokens without one are kept as they are. */
function unquote(token: string): string {
  return token.includes('"') ? (token.split('"')[1] as string) : token;
}

/**
 * TXT: tokens are bare words, "double-quoted" or 'single-quoted' runs (quotes cannot be
 * escaped: `"a\"b"` reads as `a\` then `b`). Everything after the literal, upper-case `TXT`
 * token is the data: one string, or an array when there are several (bns.md §8.1). A
 * lower-case `txt` is recognised as a TXT line, but then no token matches and every token,
 * the owner name included, becomes data — as in the reference.
 */
export function readTxt(line: string): TxtRecord {
  const t = line.trim().match(TXT_TOKEN);
  if (!t) invalid('bad_zonefile', 'Failure to tokenize TXT record');
  const typeAt = t.indexOf('TXT');
  const data = t.length - typeAt - 1 > 1 ? t.slice(typeAt + 1).map(unquote) : unquote(fromEnd(t, 1));
  return withTtl({ name: t[0] as string, txt: data }, t);
}

export function readSrv(line: string): SrvRecord {
  const t = tokens(line);
  return withTtl(
    {
      name: t[0] as string,
      target: fromEnd(t, 1),
      priority: int(fromEnd(t, 4)),
      weight: int(fromEnd(t, 3)),
      port: int(fromEnd(t, 2)),
    },
    t,
  );
}

/**
 * SPF data is every token from the fifth on (`name ttl IN SPF data…`), space-joined; a
 * single data token keeps a trailing space. Without a TTL the first data token is lost.
 * Both are the reference's behaviour.
 */
export function readSpf(line: string): SpfRecord {
  const t = tokens(line);
  let data = '';
  for (let i = t.length - 1; i >= 4; i--) data = `${t[i]} ${data.trim()}`;
  return withTtl({ name: t[0] as string, data }, t);
}

/** URI: the last three tokens are priority, weight and the target with every `"` removed. */
export function readUri(line: string): UriRecord {
  const t = tokens(line);
  return withTtl(
    {
      name: t[0] as string,
      target: fromEnd(t, 1).replace(/"/g, ''),
      priority: int(fromEnd(t, 3)),
      weight: int(fromEnd(t, 2)),
    },
    t,
  );
}

export type RecordListKey = Exclude<keyof ZoneFileJson, '$origin' | '$ttl' | 'soa'>;
