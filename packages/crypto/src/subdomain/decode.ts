import { pythonInt } from '../zonefile/core-arguments.js';
import { parseZoneFileAsCore } from '../zonefile/core-parse.js';
import type { CoreZoneFileJson } from '../zonefile/core-parse.js';
import type { TxtRecord } from '../zonefile/types.js';
import { InvalidInputError } from '../errors.js';
import { decodeBase64AsPython2 } from './base64.js';
import {
  SUBDOMAIN_MISSING_RECORD,
  SUBDOMAIN_OWNER_KEY,
  SUBDOMAIN_PARTS_KEY,
  SUBDOMAIN_RESERVED_NAMES,
  SUBDOMAIN_RESOLVER_RECORD,
  SUBDOMAIN_SEQUENCE_KEY,
  SUBDOMAIN_SIGNATURE_KEY,
  subdomainZonefilePieceKey,
} from './constants.js';
import { isOnChainName, isSubdomainName } from './names.js';
import type { SubdomainRecord } from './record.js';
import { unescapeSubdomainValue } from './txt.js';
import { isUserZoneFile } from './user-zonefile.js';

/*
 * Reading the subdomain records out of a domain's zone file (bns.md §8.1;
 * `decode_zonefile_subdomains` and `parse_subdomain_record` in blockstack-core). The zone
 * file is read with the reference node's own (strict, Python) parser rules — see
 * parseZoneFileAsCore — not with the lenient client parser.
 *
 * The reference has two kinds of failure, and so do we: a bad *record* (unparseable
 * number, duplicate key, invalid name) is skipped; a bad *zone file* (not a user zone file,
 * wrong $ORIGIN, two `_missing` records, a string without `=`, a missing `zfN` piece,
 * undecodable base64) yields no subdomains at all.
 */

export interface SkippedSubdomainRecord {
  /** Position in the zone file's TXT list. */
  readonly index: number;
  readonly reason: string;
}

export interface DecodedSubdomainRecord extends SubdomainRecord {
  /** Position among the records that parsed, in zone-file order (`zonefile_offset`). */
  readonly offset: number;
}

export type ZoneFileSubdomains =
  | {
      readonly ok: true;
      /** One record per fqn (lowest sequence, first on a tie), in zone-file order. */
      readonly subdomains: readonly DecodedSubdomainRecord[];
      /** Inventory indexes the domain declares missing (`_missing`). */
      readonly missing: readonly number[];
      /** The registrar's resolver URL (`_resolver` URI record), if any. */
      readonly resolver: string | null;
      readonly skipped: readonly SkippedSubdomainRecord[];
    }
  | { readonly ok: false; readonly reason: string };

/** A record is skipped; the zone file is still read. */
class SkipRecord {
  constructor(readonly reason: string) {}
}
/** The whole zone file yields nothing. */
class RejectZoneFile {
  constructor(readonly reason: string) {}
}

/** Python's `int()`, limited to numbers JavaScript holds exactly. */
function safeInt(text: string): number | null {
  const n = pythonInt(text);
  return n !== null && Number.isSafeInteger(n) ? n : null;
}

/** A subdomain record has several strings, among them `parts=`, `owner=` and `seqn=` ones. */
function isSubdomainTxt(record: TxtRecord): record is TxtRecord & { txt: string[] } {
  if (!Array.isArray(record.txt)) return false;
  const has = (key: string) => (record.txt as string[]).some((s) => s.startsWith(`${key}=`));
  return has(SUBDOMAIN_PARTS_KEY) && has(SUBDOMAIN_OWNER_KEY) && has(SUBDOMAIN_SEQUENCE_KEY);
}

/** `_missing`: one string of comma-separated integers. */
function readMissingList(record: TxtRecord): number[] | null {
  if (record.name !== SUBDOMAIN_MISSING_RECORD || typeof record.txt !== 'string') return null;
  const values = record.txt.split(',').map(safeInt);
  return values.every((v): v is number => v !== null) ? values : null;
}

function readEntries(strings: readonly string[]): Map<string, string> {
  const entries = new Map<string, string>();
  for (const s of strings) {
    const at = s.indexOf('=');
    if (at < 0) throw new RejectZoneFile(`TXT string without '=': ${JSON.stringify(s).slice(0, 40)}`);
    const key = s.slice(0, at);
    if (entries.has(key)) throw new SkipRecord(`duplicate TXT entry '${key}'`);
    entries.set(key, unescapeSubdomainValue(s.slice(at + 1)));
  }
  return entries;
}

function readRecord(domain: string, name: string, strings: readonly string[]): SubdomainRecord {
  const entries = readEntries(strings);
  const owner = entries.get(SUBDOMAIN_OWNER_KEY) as string;
  const signature = entries.get(SUBDOMAIN_SIGNATURE_KEY) ?? null;
  const parts = safeInt(entries.get(SUBDOMAIN_PARTS_KEY) as string);
  if (parts === null) throw new SkipRecord('parts is not an integer');
  const sequence = safeInt(entries.get(SUBDOMAIN_SEQUENCE_KEY) as string);
  if (sequence === null) throw new SkipRecord('seqn is not an integer');
  let encoded = '';
  for (let i = 0; i < parts; i++) {
    const piece = entries.get(subdomainZonefilePieceKey(i));
    if (piece === undefined) throw new RejectZoneFile(`missing ${subdomainZonefilePieceKey(i)}`);
    encoded += piece;
  }
  let fqn = name;
  if (!isSubdomainName(name)) {
    fqn = `${name}.${domain}`;
    if (!isOnChainName(domain) || !isSubdomainName(fqn)) throw new SkipRecord(`invalid subdomain name ${JSON.stringify(fqn).slice(0, 80)}`);
  }
  const zonefile = decodeBase64AsPython2(encoded);
  if (!zonefile) throw new RejectZoneFile('zone-file payload is not base64 (incorrect padding)');
  return { fqn, domain, owner, sequence, zonefile, signature };
}

function resolverOf(zone: CoreZoneFileJson): string | null {
  return zone.uri?.find((uri) => uri.name === SUBDOMAIN_RESOLVER_RECORD)?.target ?? null;
}

function missingOf(txt: readonly TxtRecord[]): number[] {
  let missing: number[] | null = null;
  for (const record of txt) {
    const list = readMissingList(record);
    if (list === null) continue;
    if (missing !== null) throw new RejectZoneFile(`multiple ${SUBDOMAIN_MISSING_RECORD} records`);
    missing = list;
  }
  return missing ?? [];
}

function decode(domain: string, zone: CoreZoneFileJson): ZoneFileSubdomains {
  if (!isUserZoneFile(zone)) return { ok: false, reason: 'not a user zone file' };
  if (zone.$origin !== domain) return { ok: false, reason: `$ORIGIN is not ${domain}` };
  const txt = zone.txt ?? [];
  const missing = missingOf(txt);
  const kept = new Map<string, { record: DecodedSubdomainRecord; index: number }>();
  const skipped: SkippedSubdomainRecord[] = [];
  let offset = 0;
  txt.forEach((record, index) => {
    if (!isSubdomainTxt(record)) return;
    const name = record.name.toLowerCase();
    if (SUBDOMAIN_RESERVED_NAMES.includes(name)) return;
    let parsed: SubdomainRecord;
    try {
      parsed = readRecord(domain, name, record.txt);
    } catch (e) {
      if (e instanceof SkipRecord) return void skipped.push({ index, reason: e.reason });
      throw e;
    }
    const decoded = { ...parsed, offset: offset++ };
    const earlier = kept.get(decoded.fqn);
    if (earlier === undefined || decoded.sequence < earlier.record.sequence) kept.set(decoded.fqn, { record: decoded, index });
  });
  const subdomains = [...kept.values()].sort((a, b) => a.index - b.index).map((k) => k.record);
  return { ok: true, subdomains, missing, resolver: resolverOf(zone), skipped };
}

/** Raw zone-file bytes one character per byte, as the reference's Python 2 byte strings. */
function bytesToBinaryString(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return out;
}

/**
 * The subdomain operations in the zone file of `domain`, given as text or as the raw bytes
 * Atlas stored. Never throws.
 */
export function decodeZoneFileSubdomains(domain: string, zoneFile: string | Uint8Array): ZoneFileSubdomains {
  try {
    const text = typeof zoneFile === 'string' ? zoneFile : bytesToBinaryString(zoneFile);
    return decode(domain, parseZoneFileAsCore(text));
  } catch (e) {
    if (e instanceof RejectZoneFile) return { ok: false, reason: e.reason };
    if (e instanceof InvalidInputError) return { ok: false, reason: e.message };
    return { ok: false, reason: 'unreadable zone file' };
  }
}
