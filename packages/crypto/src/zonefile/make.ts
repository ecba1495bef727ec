import { invalid } from '../errors.js';
import { DEFAULT_ZONE_FILE_TEMPLATE } from './template.js';
import type { SoaRecord, TxtRecord, ZoneFileJson } from './types.js';

/*
 * makeZoneFile: JSON → zone-file text, byte-compatible with npm `zone-file` 1.x
 * (auth-and-storage.md §5.4, §9.8). Each record is one tab-separated line
 * `name[\tttl]\tIN\tTYPE\t…\n`; a missing or empty name becomes `@`, a TTL of 0 is left out,
 * and runs of blank lines collapse to one.
 *
 * Placeholders are filled with `String.prototype.replace` and a string replacement, as the
 * reference does; so `$&`, `$'`, `` $` `` and `$$` inside values are expanded the same way.
 * Record order within each list is kept; record lists appear in template order.
 */

/** Only the fields makeZoneFile reads; names may be left out. */
type Loose<T> = { [K in keyof T]?: T[K] } & Record<string, unknown>;

export interface MakeZoneFileOptions {
  /** Clock for the `{datetime}` and `{time}` placeholders; defaults to now. */
  readonly now?: Date;
}

function asRecord(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) invalid('bad_zonefile_json', 'zone-file records must be objects');
  return value as Record<string, unknown>;
}

/** JavaScript string conversion, as the reference's concatenation does it; values that cannot be converted are rejected. */
function show(value: unknown): string {
  try {
    return `${value}`;
  } catch {
    return invalid('bad_zonefile_json', 'a zone-file value cannot be written as text');
  }
}

function line(record: { name?: unknown; ttl?: unknown }, typeAndData: string): string {
  const ttl = record.ttl ? `${show(record.ttl)}\t` : '';
  return `${show(record.name || '@')}\t${ttl}IN\t${typeAndData}\n`;
}

function quoteTxt(txt: TxtRecord['txt'] | undefined): string {
  if (typeof txt === 'string') return `"${txt}"`;
  if (Array.isArray(txt)) return txt.map((s) => `"${show(s)}"`).join(' ');
  return '';
}

type RecordWriter = (record: Record<string, unknown>) => string;

/** Record lists in the order the reference fills them in, with each one's line format. */
const RECORD_WRITERS: ReadonlyArray<readonly [keyof ZoneFileJson, RecordWriter]> = [
  ['ns', (r) => line(r, `NS\t${show(r.host)}`)],
  ['a', (r) => line(r, `A\t${show(r.ip)}`)],
  ['aaaa', (r) => line(r, `AAAA\t${show(r.ip)}`)],
  ['cname', (r) => line(r, `CNAME\t${show(r.alias)}`)],
  ['mx', (r) => line(r, `MX\t${show(r.preference)}\t${show(r.host)}`)],
  ['ptr', (r) => line(r, `PTR\t${show(r.host)}`)],
  ['txt', (r) => line(r, `TXT\t${quoteTxt(r.txt as TxtRecord['txt'] | undefined)}`)],
  ['srv', (r) => line(r, `SRV\t${show(r.priority)}\t${show(r.weight)}\t${show(r.port)}\t${show(r.target)}`)],
  ['spf', (r) => line(r, `SPF\t${show(r.data)}`)],
  ['uri', (r) => line(r, `URI\t${show(r.priority)}\t${show(r.weight)}\t"${show(r.target)}"`)],
];

/**
 * Each SOA field replaces its `{field}` placeholder with the value and a tab, in the
 * record's own key order (name defaults to `@`, ttl to the empty string).
 */
function fillSoa(template: string, soa: Loose<SoaRecord> | undefined): string {
  if (soa === undefined) return template;
  const fields: Record<string, unknown> = { ...soa, name: soa.name || '@', ttl: soa.ttl || '' };
  let out = template;
  for (const [key, value] of Object.entries(fields)) out = out.replace(`{${key}}`, `${show(value)}\t`);
  return out;
}

function fillDirective(template: string, placeholder: string, directive: string, value: unknown): string {
  return template.replace(placeholder, value === undefined ? '' : `${directive} ${show(value)}`);
}

export function makeZoneFile(zone: ZoneFileJson, template: string = DEFAULT_ZONE_FILE_TEMPLATE, options: MakeZoneFileOptions = {}): string {
  asRecord(zone);
  if (typeof template !== 'string') invalid('bad_template', 'a zone-file template must be a string');
  let out = fillDirective(template, '{$origin}', '$ORIGIN', zone.$origin);
  out = fillDirective(out, '{$ttl}', '$TTL', zone.$ttl);
  out = fillSoa(out, zone.soa === undefined ? undefined : (asRecord(zone.soa) as Loose<SoaRecord>));
  for (const [key, write] of RECORD_WRITERS) {
    const records = zone[key] as unknown;
    const text = Array.isArray(records) ? records.map((r) => write(asRecord(r))).join('') : '';
    out = out.replace(`{${key}}`, text);
  }
  const now = options.now ?? new Date();
  out = out.replace('{zone}', show(zone.$origin || (zone.soa ? zone.soa.name : false) || ''));
  out = out.replace('{datetime}', now.toISOString());
  out = out.replace('{time}', `${Math.round(now.getTime() / 1000)}`);
  return out.replace(/\n{2,}/g, '\n\n');
}
