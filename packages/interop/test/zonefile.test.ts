import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  getTokenFileUrlFromZoneFile, makeProfileZoneFile, makeZoneFile, parseZoneFile, PROFILE_ZONE_FILE_TEMPLATE, type ZoneFileJson,
} from '@bsk/crypto';
import { blockstack, zoneFile } from '../src/reference.js';

// The reference client is slow, and a shared 2-core machine can be slower still.
vi.setConfig({ testTimeout: 120_000 });

// auth-and-storage.md §5.4, §9.8 (and bns.md §8.1 for subdomain TXT records): our zone-file parser
// and maker against npm zone-file@1.0.0 and blockstack.js makeProfileZoneFile/getTokenFileUrl.

/** The reference's own test data (zone-file@1.0.0/testData): real Browser, CLI and Onename zone files. */
const testDataDir = join(dirname(createRequire(import.meta.url).resolve('zone-file/package.json')), 'testData');
const referenceFiles = readdirSync(testDataDir).sort();
const referenceTexts = referenceFiles.filter((f) => f.endsWith('.txt')).map((f) => [f, readFileSync(join(testDataDir, f), 'utf8')] as const);
const referenceJsons = referenceFiles.filter((f) => f.endsWith('.json')).map((f) => [f, JSON.parse(readFileSync(join(testDataDir, f), 'utf8')) as ZoneFileJson] as const);

const SUBDOMAIN_ZF0 = 'JE9SSUdJTiBjcmVhdGVkX2VxdWFsCiRUVEwgMzYwMApfaHR0cHMuX3RjcCBVUkkgMTAgMSAiaHR0cHM6Ly93d3cuY3MucHJpbmNldG9uLmVkdS9+YWJsYW5rc3QvY3JlYXRlZF9lcXVhbC5qc29uIgo=';

/** Hand-written zone files for the record types and quirks that matter. */
const CORPUS: readonly (readonly [string, string])[] = [
  ['§9.8 profile zone file', '$ORIGIN satoshi.id\n$TTL 3600\n_http._tcp\tIN\tURI\t10\t1\t"https://example.com/satoshi.json"\n\n'],
  ['ryan.id (blockstack.js test)', '$ORIGIN ryan.id\n$TTL 3600\n_http._tcp IN URI 10 1 "https://blockstack.s3.amazonaws.com/ryan.id"\n'],
  ['URI without IN, with TTL', '$ORIGIN bob.id\n_http._tcp 7200 URI 10 1 "gaia.blockstack.org/hub/1Abc/profile.json"\n_file URI 20 2 "file:///tmp/x.json"\n'],
  ['multi-string TXT (subdomain records)', `$ORIGIN id.blockstack\n$TTL 3600\nalice TXT "owner=1NBsnVpx9SVD88MxC7tPUE6xxuWt1wigyL" "seqn=0" "parts=1" "zf0=${SUBDOMAIN_ZF0}"\nbob 3600 IN TXT "owner=19Zr9EqFt9eT4mNBwMsxa8sF5UFWe9C6Ya" "seqn=3" "parts=2" "zf0=AAAA" "zf1=BBBB" "sig=abc:def"\n`],
  ['single TXT, quotes and spaces', '$ORIGIN t.id\n@ IN TXT "v=spf1 include:_spf.example.com ~all"\nkey TXT \'single quoted\'\nbare 60 TXT unquoted\n'],
  ['SRV', '$ORIGIN s.id\n_sip._tcp.example.com. 86400 IN SRV 0 5 5060 sipserver.example.com.\n_xmpp._tcp IN SRV 10 0 5222 xmpp\n'],
  ['MX', '$ORIGIN m.id\n@ IN MX 10 mail.example.com.\n@ 3600 IN MX 20 mail2.example.com.\nmx MX 5 mx3\n'],
  ['A, AAAA, CNAME, NS, PTR, SPF', '$ORIGIN x.id.\n$TTL 60\n@ IN NS ns1.example.com.\n@ 3600 IN NS ns2.example.com.\nwww IN A 127.0.0.1\n     IN A 127.0.0.2\nv6 IN AAAA ::1\nalias IN CNAME www\n1 IN PTR host.example.com.\n  IN PTR other.example.com.\n@ IN SPF v=spf1 mx -all\n'],
  ['SOA in parentheses with comments', '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns.example.com. admin.example.com. (\n 2017010101 ; serial\n 7200 ; refresh\n 3600 ; retry\n 1209600 ; expire\n 3600 ) ; minimum\n@ IN NS ns.example.com.\n'],
  ['lower-case types and escaped semicolon', '$origin lower.id\n$ttl 100\n_http._tcp in uri 10 1 "https://e.com/a\\;b.json"\nwww in a 10.0.0.1 ; trailing comment\n'],
  ['no $ORIGIN (legacy JSON profile)', '{"name":{"formatted":"Ryan Shea"},"v":"0.2"}'],
  ['empty', ''],
  ['only blank lines and comments', '\n\n; nothing here\n   \n'],
  ['bare $ORIGIN line', '$ORIGIN\n'],
  ['windows line endings', '$ORIGIN crlf.id\r\n$TTL 3600\r\n_http._tcp IN URI 10 1 "https://e.com/p.json"\r\n'],
];

function theirParse(text: string): unknown {
  try {
    return zoneFile.parseZoneFile(text);
  } catch (e) {
    return { threw: (e as Error).message };
  }
}

function ourParse(text: string): unknown {
  try {
    return parseZoneFile(text);
  } catch (e) {
    return { threw: (e as Error).message };
  }
}

/** Same values (NaN included), same keys, same key order. */
function expectSameJson(ours: unknown, theirs: unknown): void {
  expect(ours).toStrictEqual(theirs);
  expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs));
}

/** The reference's makeZoneFile mutates its argument's SOA record, so each side gets its own copy. */
function theirMake(zone: ZoneFileJson, template?: string): string {
  return zoneFile.makeZoneFile(structuredClone(zone), template);
}

describe('zone files against zone-file@1.0.0', () => {
  it.each([...referenceTexts, ...CORPUS])('parses %s identically', (_name, text) => {
    expectSameJson(ourParse(text), theirParse(text));
  });

  it.each([...referenceTexts, ...CORPUS])('re-makes %s identically from the parsed JSON', (_name, text) => {
    const parsed = zoneFile.parseZoneFile(text) as ZoneFileJson;
    expect(makeZoneFile(structuredClone(parsed))).toBe(theirMake(parsed));
    expect(makeZoneFile(structuredClone(parsed), PROFILE_ZONE_FILE_TEMPLATE)).toBe(theirMake(parsed, PROFILE_ZONE_FILE_TEMPLATE));
  });

  it.each(referenceJsons)('makes %s identically', (_name, json) => {
    const made = makeZoneFile(structuredClone(json));
    expect(made).toBe(theirMake(json));
    expectSameJson(parseZoneFile(made), zoneFile.parseZoneFile(made));
  });
});

/** Values that a zone file may carry, with the characters that trip tokenizers. */
const label = fc.oneof(fc.constantFrom('@', '_http._tcp', 'www', 'alice', '*.wild', 'a.b.c.', ''), fc.stringMatching(/^[a-z0-9_.-]{1,12}$/));
const ttl = fc.option(fc.oneof(fc.nat({ max: 100000 }), fc.constant(0)), { nil: undefined });
const word = fc.stringMatching(/^[A-Za-z0-9=+/:._~-]{1,24}$/);
const txtString = fc.oneof(word, fc.stringMatching(/^[A-Za-z0-9 =;:._-]{0,24}$/));
const withTtl = <T extends object>(record: T, t: number | undefined): T => (t === undefined ? record : { ...record, ttl: t });

const zoneJson: fc.Arbitrary<ZoneFileJson> = fc.record(
  {
    $origin: fc.oneof(fc.constantFrom('alice.id', 'id.blockstack', 'example.com.'), fc.stringMatching(/^[a-z0-9-]{1,10}\.[a-z]{2,6}$/)),
    $ttl: fc.nat({ max: 86400 }),
    ns: fc.array(fc.tuple(label, ttl, word).map(([name, t, host]) => withTtl({ name, host }, t)), { maxLength: 3 }),
    a: fc.array(fc.tuple(label, ttl, fc.ipV4()).map(([name, t, ip]) => withTtl({ name, ip }, t)), { maxLength: 3 }),
    aaaa: fc.array(fc.tuple(label, ttl, fc.ipV6()).map(([name, t, ip]) => withTtl({ name, ip }, t)), { maxLength: 2 }),
    cname: fc.array(fc.tuple(label, ttl, word).map(([name, t, alias]) => withTtl({ name, alias }, t)), { maxLength: 2 }),
    mx: fc.array(fc.tuple(label, ttl, fc.nat({ max: 100 }), word).map(([name, t, preference, host]) => withTtl({ name, preference, host }, t)), { maxLength: 3 }),
    txt: fc.array(
      fc.tuple(label, ttl, fc.oneof(txtString, fc.array(txtString, { minLength: 2, maxLength: 6 }))).map(([name, t, txt]) => withTtl({ name, txt }, t)),
      { maxLength: 4 },
    ),
    srv: fc.array(
      fc.tuple(label, ttl, fc.nat({ max: 100 }), fc.nat({ max: 100 }), fc.nat({ max: 65535 }), word).map(([name, t, priority, weight, port, target]) => withTtl({ name, priority, weight, port, target }, t)),
      { maxLength: 3 },
    ),
    spf: fc.array(fc.tuple(label, ttl, fc.stringMatching(/^v=spf1( [a-z:.~-]{1,10}){0,3}$/)).map(([name, t, data]) => withTtl({ name, data }, t)), { maxLength: 2 }),
    uri: fc.array(
      fc.tuple(label, ttl, fc.nat({ max: 100 }), fc.nat({ max: 100 }), fc.oneof(fc.webUrl(), word)).map(([name, t, priority, weight, target]) => withTtl({ name, priority, weight, target }, t)),
      { maxLength: 3 },
    ),
  },
  { requiredKeys: [], noNullPrototype: true },
) as fc.Arbitrary<ZoneFileJson>;

describe('random zone files against zone-file@1.0.0', () => {
  it('makes the same text from any zone JSON, and parses that text back the same way', () => {
    fc.assert(
      fc.property(zoneJson, (zone) => {
        const ours = makeZoneFile(structuredClone(zone));
        expect(ours).toBe(theirMake(zone));
        expectSameJson(ourParse(ours), theirParse(ours));
      }),
      { numRuns: 300 },
    );
  });

  it('parses any line soup the same way (never throwing anything the reference does not)', () => {
    const token = fc.oneof(
      fc.constantFrom('IN', 'TXT', 'A', 'AAAA', 'MX', 'SRV', 'URI', 'PTR', 'NS', 'CNAME', 'SOA', 'SPF', 'txt', 'uri', '$ORIGIN', '$TTL'),
      fc.constantFrom('"a b"', '"x"', "'y z'", '"', "'", '(', ')', ';c', '\\;', '3600', '10', '0', '-1', 'NaN', '@', 'host.example.com.', '_http._tcp'),
      word,
    );
    const lineText = fc.tuple(fc.constantFrom('', ' ', '\t'), fc.array(fc.tuple(token, fc.constantFrom(' ', '\t', '  ')), { maxLength: 8 }))
      .map(([lead, parts]) => lead + parts.map(([t, sep]) => t + sep).join('').trimEnd());
    fc.assert(
      fc.property(fc.array(lineText, { maxLength: 8 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const text = lines.join(eol);
        expectSameJson(ourParse(text), theirParse(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe('profile zone files against blockstack@21.1.1', () => {
  it('makes the §9.8 zone files identically', () => {
    expect(makeProfileZoneFile('satoshi.id', 'https://example.com/satoshi.json')).toBe(blockstack.makeProfileZoneFile('satoshi.id', 'https://example.com/satoshi.json'));
    const url = 'https://gaia.blockstack.org/hub/1NBsnVpx9SVD88MxC7tPUE6xxuWt1wigyL/profile.json';
    expect(makeProfileZoneFile('alice.id.blockstack', url)).toBe(blockstack.makeProfileZoneFile('alice.id.blockstack', url));
    expect(makeProfileZoneFile('satoshi.id', 'https://example.com/satoshi.json')).toBe('$ORIGIN satoshi.id\n$TTL 3600\n_http._tcp\tIN\tURI\t10\t1\t"https://example.com/satoshi.json"\n\n');
  });

  it('makes the same profile zone file (or refuses the same URL) for any name and URL', () => {
    const url = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.constantFrom('https://host', 'http://a.com/x://y/z', 'ftp://files.example.com/p.json', 'no-scheme.example.com/p.json', '://', 'https://'),
      fc.string({ maxLength: 30 }),
    );
    const name = fc.oneof(fc.constantFrom('alice.id', 'bob.id.blockstack'), fc.stringMatching(/^[a-z0-9_-]{1,16}(\.[a-z0-9_-]{1,16}){1,2}$/));
    fc.assert(
      fc.property(name, url, (origin, tokenFileUrl) => {
        let theirs: string | undefined;
        try {
          theirs = blockstack.makeProfileZoneFile(origin, tokenFileUrl);
        } catch {
          theirs = undefined;
        }
        if (theirs === undefined) {
          expect(() => makeProfileZoneFile(origin, tokenFileUrl)).toThrow();
        } else {
          expect(makeProfileZoneFile(origin, tokenFileUrl)).toBe(theirs);
          expect(getTokenFileUrlFromZoneFile(parseZoneFile(theirs))).toBe(blockstack.getTokenFileUrl(zoneFile.parseZoneFile(theirs)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('finds the same token file URL in any parsed zone file', () => {
    for (const [, text] of [...referenceTexts, ...CORPUS]) {
      const parsed = zoneFile.parseZoneFile(text);
      expect(getTokenFileUrlFromZoneFile(parseZoneFile(text))).toBe(blockstack.getTokenFileUrl(parsed));
    }
    expect(getTokenFileUrlFromZoneFile({ uri: [{ name: '_http._tcp', target: 'example.com/p.json', priority: 10, weight: 1 }] })).toBe('https://example.com/p.json');
    fc.assert(
      fc.property(zoneJson, (zone) => {
        expect(getTokenFileUrlFromZoneFile(zone)).toBe(blockstack.getTokenFileUrl(zone));
      }),
      { numRuns: 200 },
    );
  });
});
