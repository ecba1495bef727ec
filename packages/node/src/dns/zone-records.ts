import { isIPv4, isIPv6 } from 'node:net';
import { parseZoneFile } from '@bsk/crypto';
import type { ZoneFileJson } from '@bsk/crypto';

/*
 * A BNS zone file as DNS resource records (issue 5 "DNS bridge"; bns.md §7.1, §8.1). Zone files
 * are read with the same lenient parser clients use (npm `zone-file` 1.x, auth-and-storage.md
 * §5.4), then each record is checked before it can reach the wire: addresses must be addresses,
 * numbers must fit their 16-bit fields, host names must be names. Records that fail are left out
 * rather than failing the whole zone.
 *
 * Owner names and targets follow master-file rules relative to the BNS name being served — not to
 * the file's `$ORIGIN`, which for subdomain zone files is only the label (`$ORIGIN 1yeardaily`):
 * `@` is the name itself, a name ending in `.` is absolute, anything else is prefixed to the name.
 */

/** The RR types the bridge serves; URI (RFC 7553) travels as type 256. */
export type DnsRecordType = 'A' | 'AAAA' | 'CNAME' | 'TXT' | 'MX' | 'NS' | 'SRV' | 'URI';

export const URI_TYPE_CODE = 256;

export type DnsRecordData =
  | { readonly type: 'A' | 'AAAA' | 'CNAME' | 'NS'; readonly data: string }
  | { readonly type: 'TXT'; readonly data: readonly Buffer[] }
  | { readonly type: 'MX'; readonly data: { readonly preference: number; readonly exchange: string } }
  | { readonly type: 'SRV'; readonly data: { readonly priority: number; readonly weight: number; readonly port: number; readonly target: string } }
  | { readonly type: 'URI'; readonly data: { readonly priority: number; readonly weight: number; readonly target: string } };

export type DnsRecord = DnsRecordData & {
  /** Lower-case absolute name without the trailing dot. */
  readonly owner: string;
  readonly ttl: number;
};

/** The TTL when neither the record nor `$TTL` gives one (what blockstack.js writes). */
export const DEFAULT_DNS_TTL = 3600;
const MAX_TTL = 2147483647;
const CHARACTER_STRING_LIMIT = 255;

const LABEL = /^(?:\*|[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)$/;

/** A host name we are willing to put on the wire (labels of letters, digits, `-`, `_`). */
export function isDnsName(name: string): boolean {
  if (name.length === 0) return true;
  if (name.length > 253) return false;
  return name.split('.').every((label) => LABEL.test(label));
}

/** Master-file name expansion relative to `apex`; null when the result is not a usable name. */
export function expandName(name: unknown, apex: string): string | null {
  if (typeof name !== 'string' || name.length === 0) return null;
  const lower = name.toLowerCase();
  let absolute: string;
  if (lower === '@') absolute = apex;
  else if (lower.endsWith('.')) absolute = lower.slice(0, -1);
  else absolute = `${lower}.${apex}`;
  return isDnsName(absolute) ? absolute : null;
}

const isUint16 = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 0xffff;

function ttlOf(record: { ttl?: unknown }, zoneTtl: number): number {
  const ttl = record.ttl;
  return typeof ttl === 'number' && Number.isInteger(ttl) && ttl >= 0 && ttl <= MAX_TTL ? ttl : zoneTtl;
}

/** TXT data as character-strings of at most 255 bytes each (a longer string is split). */
function characterStrings(txt: string | string[]): Buffer[] {
  const strings = Array.isArray(txt) ? txt : [txt];
  const out: Buffer[] = [];
  for (const s of strings) {
    const bytes = Buffer.from(String(s), 'utf8');
    if (bytes.length === 0) out.push(bytes);
    for (let at = 0; at < bytes.length; at += CHARACTER_STRING_LIMIT) out.push(bytes.subarray(at, at + CHARACTER_STRING_LIMIT));
  }
  return out;
}

type Reader = (zone: ZoneFileJson, apex: string, push: (owner: unknown, ttl: number, record: DnsRecordData | null) => void, zoneTtl: number) => void;

const READERS: readonly Reader[] = [
  (zone, _apex, push, zoneTtl) => {
    for (const r of zone.a ?? []) push(r.name, ttlOf(r, zoneTtl), isIPv4(String(r.ip)) ? { type: 'A', data: r.ip } : null);
    for (const r of zone.aaaa ?? []) push(r.name, ttlOf(r, zoneTtl), isIPv6(String(r.ip)) ? { type: 'AAAA', data: r.ip } : null);
  },
  (zone, apex, push, zoneTtl) => {
    for (const r of zone.cname ?? []) {
      const alias = expandName(r.alias, apex);
      push(r.name, ttlOf(r, zoneTtl), alias === null ? null : { type: 'CNAME', data: alias });
    }
    for (const r of zone.ns ?? []) {
      const host = expandName(r.host, apex);
      push(r.name, ttlOf(r, zoneTtl), host === null ? null : { type: 'NS', data: host });
    }
  },
  (zone, apex, push, zoneTtl) => {
    for (const r of zone.mx ?? []) {
      const exchange = expandName(r.host, apex);
      push(r.name, ttlOf(r, zoneTtl), exchange === null || !isUint16(r.preference) ? null : { type: 'MX', data: { preference: r.preference, exchange } });
    }
    for (const r of zone.srv ?? []) {
      const target = expandName(r.target, apex);
      const ok = target !== null && isUint16(r.priority) && isUint16(r.weight) && isUint16(r.port);
      push(r.name, ttlOf(r, zoneTtl), ok ? { type: 'SRV', data: { priority: r.priority, weight: r.weight, port: r.port, target } } : null);
    }
  },
  (zone, _apex, push, zoneTtl) => {
    for (const r of zone.txt ?? []) push(r.name, ttlOf(r, zoneTtl), { type: 'TXT', data: characterStrings(r.txt) });
    for (const r of zone.uri ?? []) {
      const ok = isUint16(r.priority) && isUint16(r.weight) && typeof r.target === 'string' && r.target.length > 0;
      push(r.name, ttlOf(r, zoneTtl), ok ? { type: 'URI', data: { priority: r.priority, weight: r.weight, target: r.target } } : null);
    }
  },
];

/** Every servable record of `zonefileText`, served as the zone of the BNS name `apex`. */
export function zoneRecords(zonefileText: string, apex: string): DnsRecord[] {
  let zone: ZoneFileJson;
  try {
    zone = parseZoneFile(zonefileText);
  } catch {
    return [];
  }
  const zoneTtl = ttlOf({ ttl: zone.$ttl }, DEFAULT_DNS_TTL);
  const records: DnsRecord[] = [];
  const push = (owner: unknown, ttl: number, record: DnsRecordData | null) => {
    const name = expandName(owner === undefined || owner === '' ? '@' : owner, apex);
    if (record !== null && name !== null) records.push({ ...record, owner: name, ttl } as DnsRecord);
  };
  for (const read of READERS) read(zone, apex, push, zoneTtl);
  return records;
}

/** The zone's default TTL (for synthesized SOA records). */
export function zoneDefaultTtl(zonefileText: string): number {
  try {
    return ttlOf({ ttl: parseZoneFile(zonefileText).$ttl }, DEFAULT_DNS_TTL);
  } catch {
    return DEFAULT_DNS_TTL;
  }
}
