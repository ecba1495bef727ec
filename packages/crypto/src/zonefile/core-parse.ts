import { invalid } from '../errors.js';
import { LineRejected, parseArguments } from './core-arguments.js';
import type { ArgumentValue, ParserSpec, PositionalSpec } from './core-arguments.js';
import { serializeTokens, tokenizeLine } from './core-tokenize.js';
import type { TxtRecord, UriRecord } from './types.js';

/*
 * parseZoneFileAsCore: a zone file as blockstack-core's Python parser reads it
 * (`blockstack_zones.parse_zone_file` 0.19, the parser behind subdomain processing —
 * bns.md §8.1). It is much stricter than the npm parser clients use: record types must be
 * upper-case, every line must be a well-formed record, a lower-case class (`in`) or any
 * PTR record makes the parse fail. Where the reference raises, we throw InvalidInputError;
 * a BNS node then finds no subdomains in that zone file.
 *
 * Passes, each re-tokenizing the previous one's text: drop comments, join parenthesised
 * groups onto one line, drop the class (IN/CS/CH/HS), give nameless records the name `@`,
 * then read each line with its record type's argument parser.
 */

/** Record lists are keyed by lower-case type; values keep the reference's field types. */
export interface CoreZoneFileJson {
  $origin?: string;
  $ttl?: number;
  txt?: TxtRecord[];
  uri?: UriRecord[];
  [recordType: string]: unknown;
}

const RECORD_TYPES = ['$ORIGIN', '$TTL', 'SOA', 'NS', 'A', 'AAAA', 'CNAME', 'ALIAS', 'MX', 'PTR', 'TXT', 'SRV', 'SPF', 'URI'];

const str = (dest: string): PositionalSpec => ({ dest, nargs: null, type: 'str' });
const int = (dest: string): PositionalSpec => ({ dest, nargs: null, type: 'int' });

function recordParser(type: string, fields: PositionalSpec[]): ParserSpec {
  return { positionals: [str('name'), { dest: 'ttl', nargs: '?', type: 'int' }, str(type), ...fields], options: {} };
}

const PARSERS: ReadonlyMap<string, ParserSpec> = new Map<string, ParserSpec>(Object.entries<ParserSpec>({
  $ORIGIN: { positionals: [str('$ORIGIN')], options: {} },
  $TTL: { positionals: [int('$TTL')], options: {} },
  SOA: recordParser('SOA', [str('mname'), str('rname'), int('serial'), int('refresh'), int('retry'), int('expire'), int('minimum')]),
  NS: recordParser('NS', [str('host')]),
  A: recordParser('A', [str('ip')]),
  AAAA: recordParser('AAAA', [str('ip')]),
  CNAME: recordParser('CNAME', [str('alias')]),
  ALIAS: recordParser('ALIAS', [str('host')]),
  MX: recordParser('MX', [str('preference'), str('host')]),
  TXT: {
    positionals: [str('name'), str('TXT'), { dest: 'txt', nargs: '+', type: 'str' }],
    options: { '--ttl': { dest: 'ttl', type: 'int' } },
  },
  PTR: recordParser('PTR', [str('host')]),
  SRV: recordParser('SRV', [int('priority'), int('weight'), int('port'), str('target')]),
  SPF: recordParser('SPF', [str('data')]),
  URI: recordParser('URI', [int('priority'), int('weight'), str('target')]),
}));

function mapLines(text: string, pass: (tokens: string[]) => string | null): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const result = pass(tokenizeLine(line));
    if (result !== null) out.push(result);
  }
  return out.join('\n');
}

/** `remove_comments`: every non-empty line re-serialized without its comment. */
function removeComments(text: string): string {
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => serializeTokens(tokenizeLine(line)))
    .join('\n');
}

/**
 * `flatten`: tokens split on single spaces (tabs first become spaces), and a group from a
 * token starting with `(` to one ending with `)` is joined onto one line. A group that is
 * never closed swallows the rest of the file.
 */
function flatten(text: string): string {
  const tokens: string[] = [];
  for (const line of text.split('\n')) {
    if (line.length === 0) continue;
    for (const token of line.replace(/\t/g, ' ').split(' ')) if (token.length > 0) tokens.push(token);
    tokens.push('');
  }
  const lines: string[] = [];
  let captured: string[] = [];
  let capturing = false;
  for (let token of tokens) {
    if (!capturing && token.length === 0) {
      if (captured.length > 0) lines.push(captured.join(' '));
      captured = [];
      continue;
    }
    if (token.startsWith('(')) {
      token = token.replace(/^\(+/, '');
      capturing = true;
    }
    if (capturing && token.endsWith(')')) {
      token = token.replace(/\)+$/, '');
      capturing = false;
    }
    captured.push(token);
  }
  return lines.join('\n');
}

/** `remove_class`: drops the first class token; one matching only case-insensitively is an error. */
function removeClass(tokens: string[]): string {
  const upper = tokens.map((t) => t.toUpperCase());
  const rest = [...tokens];
  const cls = ['IN', 'CS', 'CH', 'HS'].find((c) => upper.includes(c));
  if (cls !== undefined) {
    const at = rest.indexOf(cls);
    if (at < 0) throw new LineRejected('list.remove(x): x not in list');
    rest.splice(at, 1);
  }
  return serializeTokens(rest);
}

/** `add_default_name`: a line that starts with a record type is given the name `@`. */
function addDefaultName(tokens: string[]): string | null {
  if (tokens.length === 0) return null;
  const first = tokens[0]!;
  return serializeTokens(RECORD_TYPES.includes(first) && !first.startsWith('$') ? ['@', ...tokens] : tokens);
}

/** `parse_line`: route the tokens to a record type's parser, TTL or not. */
function readLine(tokens: string[], zone: CoreZoneFileJson): void {
  let command = tokens;
  if (tokens.length >= 2 && RECORD_TYPES.includes(tokens[1]!)) command = [tokens[1]!, ...tokens];
  else if (tokens.length >= 3 && RECORD_TYPES.includes(tokens[2]!)) {
    command = [tokens[2]!, ...tokens];
    if (command[0] === 'TXT') command = [...command.slice(0, 2), '--ttl', ...command.slice(2)];
  }
  const type = command[0];
  const parser = type === undefined ? undefined : PARSERS.get(type);
  if (type === undefined || parser === undefined) throw new LineRejected('invalid choice');
  const fields = parseArguments(parser, command.slice(1));
  if (type === 'TXT' && Array.isArray(fields.txt) && fields.txt.length === 1) fields.txt = fields.txt[0]!;
  store(type, fields, zone);
}

function store(type: string, fields: Record<string, ArgumentValue>, zone: CoreZoneFileJson): void {
  // The reference finds the record type as the field whose value is its own name; when the
  // type token landed in another field there is none, and its assertion fails.
  if (!type.startsWith('$') && fields[type] !== type) throw new LineRejected('unknown record type');
  if (type.startsWith('$')) {
    // A directive whose value is its own name (`$ORIGIN $ORIGIN`) is dropped, as the reference does.
    if (fields[type] !== type) zone[type.toLowerCase()] = fields[type];
    return;
  }
  const record: Record<string, ArgumentValue> = {};
  for (const [key, value] of Object.entries(fields)) if (key !== type && value !== null) record[key] = value;
  // The reference looks the origin up under a key it never stores, so any PTR record fails.
  if (type === 'PTR') throw new LineRejected("cannot concatenate 'str' and 'NoneType' objects");
  const key = type.toLowerCase();
  const list = (zone[key] ??= []) as unknown[];
  list.push(record);
}

export function parseZoneFileAsCore(text: string): CoreZoneFileJson {
  if (typeof text !== 'string') invalid('bad_zonefile', 'a zone file must be a string');
  try {
    const flat = flatten(removeComments(text));
    const named = mapLines(mapLines(flat, removeClass), addDefaultName);
    const zone: CoreZoneFileJson = {};
    for (const line of named.split('\n')) readLine(tokenizeLine(line), zone);
    return zone;
  } catch (e) {
    if (e instanceof LineRejected) invalid('bad_zonefile', `zone file rejected by the reference parser: ${e.message}`);
    throw e;
  }
}
