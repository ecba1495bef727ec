import { invalid } from '../errors.js';
import { flattenParentheses, stripComments } from './preprocess.js';
import {
  readA,
  readAaaa,
  readCname,
  readMx,
  readNs,
  readPtr,
  readSoa,
  readSpf,
  readSrv,
  readTxt,
  readUri,
} from './records.js';
import type { ZoneFileJson } from './types.js';

/*
 * parseZoneFile: zone-file text → the JSON of npm `zone-file` 1.x, the parser every
 * blockstack.js client and the subdomain registrar use (auth-and-storage.md §5.4, §9.8;
 * bns.md §8.1).
 *
 * Lines are split on "\n" only (a CRLF line keeps its "\r", which counts as whitespace).
 * A line's kind is decided by the first test below that matches its upper-cased text, in
 * the reference's order — so type names are case-insensitive, `TXT` wins over everything,
 * and lines of no known kind are skipped. Nothing here rejects a zone file: like the
 * reference, it reads what it can.
 */

type LineReader = (line: string, zone: ZoneFileJson) => void;

interface LineKind {
  readonly matches: (upperLine: string) => boolean;
  readonly read: LineReader;
}

const hasType = (type: string) => {
  const pattern = new RegExp(`\\s+${type}\\s+`);
  return (upperLine: string) => pattern.test(upperLine);
};

/** The value after a directive, split on whitespace like the reference (may be absent). */
const directiveValue = (line: string): string | undefined => line.split(/\s+/g)[1];

const LINE_KINDS: readonly LineKind[] = [
  { matches: hasType('TXT'), read: (line, zone) => (zone.txt ??= []).push(readTxt(line)) },
  {
    matches: (upper) => upper.startsWith('$ORIGIN'),
    read: (line, zone) => {
      zone.$origin = directiveValue(line);
    },
  },
  {
    matches: (upper) => upper.startsWith('$TTL'),
    read: (line, zone) => {
      zone.$ttl = parseInt(directiveValue(line) as string, 10);
    },
  },
  {
    matches: hasType('SOA'),
    read: (line, zone) => {
      zone.soa = readSoa(line);
    },
  },
  { matches: hasType('NS'), read: (line, zone) => (zone.ns ??= []).push(readNs(line)) },
  {
    matches: hasType('A'),
    read: (line, zone) => {
      const a = (zone.a ??= []);
      a.push(readA(line, a));
    },
  },
  { matches: hasType('AAAA'), read: (line, zone) => (zone.aaaa ??= []).push(readAaaa(line)) },
  { matches: hasType('CNAME'), read: (line, zone) => (zone.cname ??= []).push(readCname(line)) },
  { matches: hasType('MX'), read: (line, zone) => (zone.mx ??= []).push(readMx(line)) },
  {
    matches: hasType('PTR'),
    read: (line, zone) => {
      const ptr = (zone.ptr ??= []);
      ptr.push(readPtr(line, ptr, zone.$origin));
    },
  },
  { matches: hasType('SRV'), read: (line, zone) => (zone.srv ??= []).push(readSrv(line)) },
  { matches: hasType('SPF'), read: (line, zone) => (zone.spf ??= []).push(readSpf(line)) },
  { matches: hasType('URI'), read: (line, zone) => (zone.uri ??= []).push(readUri(line)) },
];

/** Parses zone-file text. Throws only InvalidInputError (for a non-string argument). */
export function parseZoneFile(text: string): ZoneFileJson {
  if (typeof text !== 'string') invalid('bad_zonefile', 'a zone file must be a string');
  const zone: ZoneFileJson = {};
  for (const line of flattenParentheses(stripComments(text)).split('\n')) {
    if (!line.trim()) continue;
    const upper = line.toUpperCase();
    LINE_KINDS.find((kind) => kind.matches(upper))?.read(line, zone);
  }
  return zone;
}
