import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidInputError, getTokenFileUrlFromZoneFile, makeProfileZoneFile, makeZoneFile, parseZoneFile, parseZoneFileOrLegacy } from '@bsk/crypto';
import type { ZoneFileJson } from '@bsk/crypto';

/*
 * Generated zone files whose records survive the reference's text format: tokens without
 * whitespace, quotes, comment or parenthesis characters, `{` (placeholders) or `$`
 * (replacement patterns); TXT strings may hold spaces and `\=`; TTLs are positive (0 is
 * never written).
 */
const TYPE_WORDS = new Set(['in', 'a', 'aaaa', 'ns', 'mx', 'txt', 'uri', 'srv', 'spf', 'ptr', 'soa', 'cname']);
const token = fc.stringMatching(/^[a-z0-9_][a-z0-9_.-]{0,20}$/).filter((t) => !TYPE_WORDS.has(t));
const txtString = fc.stringMatching(/^[a-zA-Z0-9 =+/.,:\-_]{0,40}$/).map((s) => s.replace(/=/g, '\\='));
const ttl = fc.option(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { nil: undefined });
const small = fc.integer({ min: 0, max: 65535 });

function withOptionalTtl<T extends object>(record: T, t: number | undefined): T {
  return t === undefined ? record : { ...record, ttl: t };
}

const uri = fc
  .record({ name: token, t: ttl, priority: small, weight: small, target: fc.webUrl().filter((u) => !/[$"{;()\s]/.test(u)) })
  .map(({ t, ...r }) => withOptionalTtl(r, t));
const txt = fc
  .record({ name: token, t: ttl, txt: fc.oneof(txtString, fc.array(txtString, { minLength: 2, maxLength: 6 })) })
  .map(({ t, ...r }) => withOptionalTtl(r, t));
const a = fc.record({ name: token, t: ttl, ip: fc.ipV4() }).map(({ t, ...r }) => withOptionalTtl(r, t));
const aaaa = fc.record({ name: token, t: ttl, ip: fc.ipV6() }).map(({ t, ...r }) => withOptionalTtl(r, t));
const ns = fc.record({ name: token, t: ttl, host: token }).map(({ t, ...r }) => withOptionalTtl(r, t));
const cname = fc.record({ name: token, t: ttl, alias: token }).map(({ t, ...r }) => withOptionalTtl(r, t));
const mx = fc.record({ name: token, t: ttl, preference: small, host: token }).map(({ t, ...r }) => withOptionalTtl(r, t));
const srv = fc
  .record({ name: token, t: ttl, priority: small, weight: small, port: small, target: token })
  .map(({ t, ...r }) => withOptionalTtl(r, t));

const soa = fc
  .record({
    name: token,
    t: ttl,
    mname: token,
    rname: token,
    serial: fc.nat(),
    refresh: fc.nat(),
    retry: fc.nat(),
    expire: fc.nat(),
    minimum: fc.nat(),
  })
  .map(({ t, ...r }) => withOptionalTtl(r, t));

/** Every record list but SOA, without the default template's SOA placeholders. */
const RECORDS_TEMPLATE = '{$origin}\n{$ttl}\n{ns}\n{mx}\n{a}\n{aaaa}\n{cname}\n{ptr}\n{txt}\n{srv}\n{spf}\n{uri}\n';

const zoneFile: fc.Arbitrary<ZoneFileJson> = fc.record(
  {
    $origin: token,
    soa,
    $ttl: fc.nat(),
    ns: fc.array(ns, { minLength: 1, maxLength: 3 }),
    a: fc.array(a, { minLength: 1, maxLength: 3 }),
    aaaa: fc.array(aaaa, { minLength: 1, maxLength: 3 }),
    cname: fc.array(cname, { minLength: 1, maxLength: 3 }),
    mx: fc.array(mx, { minLength: 1, maxLength: 3 }),
    txt: fc.array(txt, { minLength: 1, maxLength: 5 }),
    srv: fc.array(srv, { minLength: 1, maxLength: 3 }),
    uri: fc.array(uri, { minLength: 1, maxLength: 3 }),
  },
  { requiredKeys: ['$origin', 'soa'] },
);
const zoneFileWithoutSoa = zoneFile.map(({ soa: _soa, ...rest }) => rest);

const zoneText = fc
  .array(
    fc.tuple(
      fc.constantFrom('$ORIGIN', '$TTL', 'IN', 'A', 'a', 'AAAA', 'TXT', 'txt', 'URI', 'MX', 'NS', 'SRV', 'SPF', 'PTR', 'SOA', 'CNAME', '3600', '"x y"', '"a\\"b"', "'q", ';', '(', ')', '\\;', '@', '1e3', '"'),
      fc.constantFrom(' ', '\t', '\n', '\r\n', ''),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.map(([t, s]) => t + s).join(''));

function neverThrowsButInvalidInput(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInputError);
  }
}

describe('zone-file codec properties', () => {
  it('parse(make(zone)) == zone with the default template', () => {
    fc.assert(
      fc.property(zoneFile, (zone) => {
        expect(parseZoneFile(makeZoneFile(zone))).toEqual(zone);
      }),
    );
  });

  it('parse(make(zone)) == zone with a template that has no SOA placeholders', () => {
    fc.assert(
      fc.property(zoneFileWithoutSoa, (zone) => {
        expect(parseZoneFile(makeZoneFile(zone, RECORDS_TEMPLATE))).toEqual(zone);
      }),
    );
  });

  it('make(parse(make(zone))) == make(zone)', () => {
    fc.assert(
      fc.property(zoneFile, (zone) => {
        const text = makeZoneFile(zone);
        expect(makeZoneFile(parseZoneFile(text))).toBe(text);
      }),
    );
  });

  it('profile zone files round-trip to their URL', () => {
    fc.assert(
      fc.property(token, fc.webUrl({ withQueryParameters: true }).filter((u) => !/[$"{;()\s]/.test(u) && u.split('://').length === 2), (origin, url) => {
        const zone = parseZoneFile(makeProfileZoneFile(origin, url));
        expect(zone.$origin).toBe(origin);
        const expected = url.split('/').length === 3 ? `${url}/` : url;
        expect(getTokenFileUrlFromZoneFile(zone)).toBe(expected);
      }),
    );
  });

  it('parsing any text returns an object and throws nothing', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), zoneText), (text) => {
        expect(typeof parseZoneFile(text)).toBe('object');
        expect(['zonefile', 'legacy', 'invalid']).toContain(parseZoneFileOrLegacy(text).kind);
      }),
      { numRuns: 2000 },
    );
  });

  it('non-string input throws only InvalidInputError', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBoxedValues: true }), (value) => {
        neverThrowsButInvalidInput(() => parseZoneFile(value as string));
        neverThrowsButInvalidInput(() => makeProfileZoneFile('a.id', value as string));
        neverThrowsButInvalidInput(() => makeZoneFile(value as ZoneFileJson));
        neverThrowsButInvalidInput(() => makeZoneFile({ txt: [value], uri: [value], a: value } as unknown as ZoneFileJson));
        neverThrowsButInvalidInput(() => makeZoneFile({ $origin: value, soa: { name: value }, txt: [{ name: value, txt: [value] }], uri: [{ target: value }] } as unknown as ZoneFileJson));
        expect(parseZoneFileOrLegacy(value as string).kind).toBeDefined();
      }),
    );
  });
});
