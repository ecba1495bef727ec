import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ZONE_FILE_TEMPLATE,
  InvalidInputError,
  getTokenFileUrlFromZoneFile,
  makeProfileZoneFile,
  makeZoneFile,
  parseZoneFile,
  parseZoneFileOrLegacy,
  zonefileHash,
} from '@bsk/crypto';
import type { ZoneFileJson } from '@bsk/crypto';

// auth-and-storage.md §9.8
describe('profile zone files (auth-and-storage.md §5.4, §9.8)', () => {
  it('makeProfileZoneFile for a name', () => {
    const text = makeProfileZoneFile('satoshi.id', 'https://example.com/satoshi.json');
    expect(text).toBe('$ORIGIN satoshi.id\n$TTL 3600\n_http._tcp\tIN\tURI\t10\t1\t"https://example.com/satoshi.json"\n\n');
    expect(JSON.stringify(parseZoneFile(text))).toBe(
      '{"$origin":"satoshi.id","$ttl":3600,"uri":[{"name":"_http._tcp","target":"https://example.com/satoshi.json","priority":10,"weight":1}]}',
    );
  });

  it('makeProfileZoneFile for a subdomain', () => {
    const url = 'https://gaia.blockstack.org/hub/1NBsnVpx9SVD88MxC7tPUE6xxuWt1wigyL/profile.json';
    expect(makeProfileZoneFile('alice.id.blockstack', url)).toBe(
      '$ORIGIN alice.id.blockstack\n$TTL 3600\n_http._tcp\tIN\tURI\t10\t1\t"https://gaia.blockstack.org/hub/1NBsnVpx9SVD88MxC7tPUE6xxuWt1wigyL/profile.json"\n\n',
    );
  });

  it('makeProfileZoneFile rebuilds the URL as the reference does', () => {
    expect(makeProfileZoneFile('a.id', 'https://example.com')).toContain('"https://example.com/"');
    expect(makeProfileZoneFile('a.id', 'https://h.com/p?u=ftp://x/y')).toContain('"https://h.com/p?u=ftp"');
    expect(() => makeProfileZoneFile('a.id', 'example.com/p.json')).toThrow(InvalidInputError);
  });

  it('getTokenFileUrlFromZoneFile', () => {
    expect(getTokenFileUrlFromZoneFile({ uri: [{ target: 'example.com/p.json' } as never] })).toBe('https://example.com/p.json');
    expect(getTokenFileUrlFromZoneFile({ uri: [{ name: 'x', target: 'http://a/b', priority: 1, weight: 1 }] })).toBe('http://a/b');
    expect(getTokenFileUrlFromZoneFile({})).toBeNull();
    expect(getTokenFileUrlFromZoneFile({ uri: [] })).toBeNull();
    expect(getTokenFileUrlFromZoneFile({ uri: [{ name: 'x' } as never] })).toBeNull();
  });

  it('reads the blockstack.js ryan.id test zone file', () => {
    const zone = parseZoneFile('$ORIGIN ryan.id\n$TTL 3600\n_http._tcp IN URI 10 1 "https://blockstack.s3.amazonaws.com/ryan.id"\n');
    expect(getTokenFileUrlFromZoneFile(zone)).toBe('https://blockstack.s3.amazonaws.com/ryan.id');
  });
});

// bns.md §2.3: hashes of real zone files from stx-genesis/name_zonefiles.txt
describe('zone-file hash vectors (bns.md §2.3)', () => {
  it('muneeb.id', () => {
    const text = '$ORIGIN muneeb.id\n$TTL 3600\n_http._tcp URI 10 1 "https://gaia.blockstack.org/hub/1J3PUxY5uDShUnHRrMyU6yKtoHEUPhKULs/0/profile.json"\n';
    expect(text.length).toBe(132);
    expect(zonefileHash(text)).toBe('37aecf837c6ae9bdc9dbd98a268f263dacd00361');
    const zone = parseZoneFile(text);
    expect(zone).toEqual({
      $origin: 'muneeb.id',
      $ttl: 3600,
      uri: [{ name: '_http._tcp', priority: 10, weight: 1, target: 'https://gaia.blockstack.org/hub/1J3PUxY5uDShUnHRrMyU6yKtoHEUPhKULs/0/profile.json' }],
    });
  });

  it('judecn.id (two URI records; the first one is the profile)', () => {
    const text =
      '$ORIGIN judecn.id\n$TTL 3600\n_https._tcp URI 10 1 "https://raw.githubusercontent.com/jcnelson/profile/master/judecn.id"\n' +
      '_https._tcp URI 10 1 "https://www.cs.princeton.edu/~jcnelson/judecn.id"\n';
    expect(text.length).toBe(191);
    expect(zonefileHash(text)).toBe('737c631c7c5d911c6617993c21fba731363f1cfe');
    const zone = parseZoneFile(text);
    expect(zone.uri?.map((u) => u.target)).toEqual([
      'https://raw.githubusercontent.com/jcnelson/profile/master/judecn.id',
      'https://www.cs.princeton.edu/~jcnelson/judecn.id',
    ]);
    expect(getTokenFileUrlFromZoneFile(zone)).toBe('https://raw.githubusercontent.com/jcnelson/profile/master/judecn.id');
  });

  it('0.id is exactly what makeProfileZoneFile writes', () => {
    const url = 'https://gaia.blockstack.org/hub/1A4aeTdM35rYtUoiCiV81jKwKyi1Egzb32/profile.json';
    const text = `$ORIGIN 0.id\n$TTL 3600\n_http._tcp\tIN\tURI\t10\t1\t"${url}"\n\n`;
    expect(zonefileHash(text)).toBe('c5f5b4197c94d4561f6332160f624d728b0da8bf');
    expect(makeProfileZoneFile('0.id', url)).toBe(text);
    expect(makeZoneFile(parseZoneFile(text), '{$origin}\n{$ttl}\n{uri}\n')).toBe(text);
  });
});

/*
 * Outputs recorded from the reference parser (npm zone-file 1.0.0) for inputs that exercise
 * its quirks. JSON.stringify is compared so that key order matches too.
 */
const FORWARD =
  '$ORIGIN MYDOMAIN.COM.\n$TTL 3600\n@\tIN\tSOA\tNS1.NAMESERVER.NET.\tHOSTMASTER.MYDOMAIN.COM.\t(\n\t\t\t1406291485\t ;serial\n\t\t\t3600\t ;refresh\n' +
  '\t\t\t600\t ;retry\n\t\t\t604800\t ;expire\n\t\t\t86400\t ;minimum ttl\n)\n\n@\tNS\tNS1.NAMESERVER.NET.\n@\tNS\tNS2.NAMESERVER.NET.\n\n' +
  '@\tMX\t0\tmail1\n@\tMX\t10\tmail2\n\n@\tA\t127.0.0.1\nwww\tA\t127.0.0.1\nmail\tA\t127.0.0.1\n\t\t\tA 1.2.3.4\ntst 300 IN A 101.228.10.127\n\n' +
  '@\tAAAA\t::1\nmail\tAAAA\t2001:db8::1\n\nmail1\tCNAME\tmail\nmail2\tCNAME\tmail\n\n' +
  'treefrog.ca. IN TXT "v=spf1 a mx a:mail.treefrog.ca a:webmail.treefrog.ca ip4:76.75.250.33 ?all"\ntreemonkey.ca. IN TXT "v=DKIM1\\; k=rsa\\; p=MIGf..."\n';

const RECORDED: ReadonlyArray<readonly [string, string, unknown]> = [
  [
    'multi-line SOA, name inheritance for A, escaped semicolons',
    FORWARD,
    {
      $origin: 'MYDOMAIN.COM.',
      $ttl: 3600,
      soa: { name: '@', minimum: 86400, expire: 604800, retry: 600, refresh: 3600, serial: 1406291485, rname: 'HOSTMASTER.MYDOMAIN.COM.', mname: 'NS1.NAMESERVER.NET.' },
      ns: [
        { name: '@', host: 'NS1.NAMESERVER.NET.' },
        { name: '@', host: 'NS2.NAMESERVER.NET.' },
      ],
      mx: [
        { name: '@', preference: 0, host: 'mail1' },
        { name: '@', preference: 10, host: 'mail2' },
      ],
      a: [
        { name: '@', ip: '127.0.0.1' },
        { name: 'www', ip: '127.0.0.1' },
        { name: 'mail', ip: '127.0.0.1' },
        { name: 'mail', ip: '1.2.3.4' },
        { name: 'tst', ip: '101.228.10.127', ttl: 300 },
      ],
      aaaa: [
        { name: '@', ip: '::1' },
        { name: 'mail', ip: '2001:db8::1' },
      ],
      cname: [
        { name: 'mail1', alias: 'mail' },
        { name: 'mail2', alias: 'mail' },
      ],
      txt: [
        { name: 'treefrog.ca.', txt: 'v=spf1 a mx a:mail.treefrog.ca a:webmail.treefrog.ca ip4:76.75.250.33 ?all' },
        { name: 'treemonkey.ca.', txt: 'v=DKIM1\\; k=rsa\\; p=MIGf...' },
      ],
    },
  ],
  [
    'CRLF line ends and trailing whitespace',
    '$ORIGIN alice.id\r\n$TTL 3600\r\n_http._tcp URI 10 1 "https://example.com/a.json"  \r\n',
    { $origin: 'alice.id', $ttl: 3600, uri: [{ name: '_http._tcp', target: 'https://example.com/a.json', priority: 10, weight: 1 }] },
  ],
  [
    'lower-case directives and types (a lower-case txt takes every token as data)',
    '$origin bob.id\n$ttl 60\nwww in a 10.0.0.1\n_http._tcp uri 10 1 "https://e.com/p"\nfoo txt "lower"\n',
    {
      $origin: 'bob.id',
      $ttl: 60,
      a: [{ name: 'www', ip: '10.0.0.1' }],
      uri: [{ name: '_http._tcp', target: 'https://e.com/p', priority: 10, weight: 1 }],
      txt: [{ name: 'foo', txt: ['foo', 'txt', 'lower'] }],
    },
  ],
  [
    'TTLs, multi-string TXT, SRV, SPF (and an SPF line that mentions mx reads as MX)',
    '$ORIGIN c.id\n@ 300 IN TXT "a b" "c"\nmail 600 MX 10 mx.c.id.\n_sip._tcp 86400 IN SRV 10 60 5060 sip.c.id.\n@ IN SPF v=spf1 -all\n@ 300 IN SPF v=spf1 mx -all\n',
    {
      $origin: 'c.id',
      txt: [{ name: '@', txt: ['a b', 'c'], ttl: 300 }],
      mx: [
        { name: 'mail', preference: 10, host: 'mx.c.id.', ttl: 600 },
        { name: '@', preference: null, host: '-all', ttl: 300 },
      ],
      srv: [{ name: '_sip._tcp', target: 'sip.c.id.', priority: 10, weight: 60, port: 5060, ttl: 86400 }],
      spf: [{ name: '@', data: '-all ' }],
    },
  ],
  [
    'escaped quotes, semicolons and parentheses inside TXT strings, single quotes, bare words, \\=',
    '$ORIGIN d.id\nq TXT "say \\"hi\\"" \nc TXT "semi;colon" "esc\\;aped"\np TXT "paren (x  y)"\ns TXT \'single\'\nb TXT bare words\ne TXT "zf0=abc\\=\\="\n',
    {
      $origin: 'd.id',
      txt: [
        { name: 'q', txt: ['say \\', 'hi\\', ''] },
        { name: 'c', txt: 'semi' },
        { name: 'p', txt: 'paren  x y ' },
        { name: 's', txt: "'single'" },
        { name: 'b', txt: ['bare', 'words'] },
        { name: 'e', txt: 'zf0=abc\\=\\=' },
      ],
    },
  ],
  [
    'no trailing newline',
    '$ORIGIN e.id\n$TTL 3600\n_http._tcp\tIN\tURI\t10\t1\t"https://e.com/x"',
    { $origin: 'e.id', $ttl: 3600, uri: [{ name: '_http._tcp', target: 'https://e.com/x', priority: 10, weight: 1 }] },
  ],
  [
    'PTR records (a line starting with PTR inherits the previous name)',
    '$ORIGIN 0.168.192.IN-ADDR.ARPA.\n1 IN PTR host1.example.com.\n  PTR host1b.example.com.\n2 3600 PTR host2.example.com.\n',
    {
      $origin: '0.168.192.IN-ADDR.ARPA.',
      ptr: [
        { name: '1', fullname: '1.0.168.192.IN-ADDR.ARPA.', host: 'host1.example.com.' },
        { name: '1', fullname: '1.0.168.192.IN-ADDR.ARPA.', host: 'host1b.example.com.' },
        { name: '2', fullname: '2.0.168.192.IN-ADDR.ARPA.', host: 'host2.example.com.', ttl: 3600 },
      ],
    },
  ],
];

describe('parseZoneFile matches the reference parser', () => {
  for (const [title, text, expected] of RECORDED) {
    it(title, () => {
      expect(JSON.stringify(parseZoneFile(text))).toBe(JSON.stringify(expected));
    });
  }

  it('comments, blank lines and unknown lines are skipped', () => {
    const zone = parseZoneFile('; header\n\n$ORIGIN f.id ; the name\n   \nwhatever this is\n$TTL 10\n');
    expect(zone).toEqual({ $origin: 'f.id', $ttl: 10 });
  });

  it('a bare $ORIGIN line yields an own $origin key with no value, as in the reference', () => {
    const zone = parseZoneFile('$ORIGIN\n');
    expect(Object.hasOwn(zone, '$origin')).toBe(true);
    expect(zone.$origin).toBeUndefined();
  });

  it('throws InvalidInputError for a non-string', () => {
    expect(() => parseZoneFile(42 as unknown as string)).toThrow(InvalidInputError);
  });
});

describe('makeZoneFile matches the reference maker', () => {
  const profileZone: ZoneFileJson = {
    $origin: 'sweet.potato.pie',
    $ttl: 3600,
    uri: [{ name: '_http._tcp', priority: 10, weight: 1, target: 'https://potatos.com/hub/whatever' }],
  };

  it('with the profile template', () => {
    expect(makeZoneFile(profileZone, '{$origin}\n{$ttl}\n{uri}\n')).toBe(
      '$ORIGIN sweet.potato.pie\n$TTL 3600\n_http._tcp\tIN\tURI\t10\t1\t"https://potatos.com/hub/whatever"\n\n',
    );
  });

  it('with the default template (unfilled SOA placeholders stay)', () => {
    expect(makeZoneFile(profileZone)).toBe(
      '$ORIGIN sweet.potato.pie\n$TTL 3600\n\n; SOA Record\n{name} {ttl}    IN  SOA {mname}{rname}(\n{serial} ;serial\n{refresh} ;refresh\n' +
        '{retry} ;retry\n{expire} ;expire\n{minimum} ;minimum ttl\n)\n\n; NS Records\n\n; MX Records\n\n; A Records\n\n; AAAA Records\n\n' +
        '; CNAME Records\n\n; PTR Records\n\n; TXT Records\n\n; SRV Records\n\n; SPF Records\n\n; URI Records\n' +
        '_http._tcp\tIN\tURI\t10\t1\t"https://potatos.com/hub/whatever"\n\n',
    );
    expect(makeZoneFile(profileZone, DEFAULT_ZONE_FILE_TEMPLATE)).toBe(makeZoneFile(profileZone));
  });

  it('re-reading default-template output without an SOA finds the placeholder line as an SOA (reference behaviour)', () => {
    const zone = parseZoneFile(makeZoneFile(profileZone));
    expect(zone.soa).toMatchObject({ name: '{name}', mname: 'SOA', rname: '{mname}{rname}' });
    expect(zone.soa?.serial).toBeNaN();
    expect(zone.uri).toEqual(profileZone.uri);
  });

  it('the reference test-data zone file with an SOA whose serial is {time}', () => {
    const zone = {
      $origin: 'MYDOMAIN.COM.',
      $ttl: 3600,
      soa: { mname: 'NS1.NAMESERVER.NET.', rname: 'HOSTMASTER.MYDOMAIN.COM.', serial: '{time}', refresh: 3600, retry: 600, expire: 604800, minimum: 86400 },
      ns: [{ host: 'NS1.NAMESERVER.NET.' }, { host: 'NS2.NAMESERVER.NET.' }],
      a: [
        { name: '@', ip: '127.0.0.1' },
        { name: 'www', ip: '127.0.0.1' },
        { name: 'mail', ip: '127.0.0.1' },
      ],
      aaaa: [{ ip: '::1' }, { name: 'mail', ip: '2001:db8::1' }],
      cname: [
        { name: 'mail1', alias: 'mail' },
        { name: 'mail2', alias: 'mail' },
      ],
      mx: [
        { preference: 0, host: 'mail1' },
        { preference: 10, host: 'mail2' },
      ],
      txt: [
        { name: 'treefrog.ca', txt: 'v=spf1 a mx a:mail.treefrog.ca a:webmail.treefrog.ca ip4:76.75.250.33 ?all' },
        { name: 'treemonkey.ca', txt: 'v=DKIM1\\; k=rsa\\; p=MIGf...' },
      ],
    } as unknown as ZoneFileJson;
    const now = new Date(1795313535_000);
    expect(makeZoneFile(zone, undefined, { now })).toBe(
      '$ORIGIN MYDOMAIN.COM.\n$TTL 3600\n\n; SOA Record\n@\t \t    IN  SOA NS1.NAMESERVER.NET.\tHOSTMASTER.MYDOMAIN.COM.\t(\n1795313535\t ;serial\n' +
        '3600\t ;refresh\n600\t ;retry\n604800\t ;expire\n86400\t ;minimum ttl\n)\n\n; NS Records\n@\tIN\tNS\tNS1.NAMESERVER.NET.\n' +
        '@\tIN\tNS\tNS2.NAMESERVER.NET.\n\n; MX Records\n@\tIN\tMX\t0\tmail1\n@\tIN\tMX\t10\tmail2\n\n; A Records\n@\tIN\tA\t127.0.0.1\n' +
        'www\tIN\tA\t127.0.0.1\nmail\tIN\tA\t127.0.0.1\n\n; AAAA Records\n@\tIN\tAAAA\t::1\nmail\tIN\tAAAA\t2001:db8::1\n\n; CNAME Records\n' +
        'mail1\tIN\tCNAME\tmail\nmail2\tIN\tCNAME\tmail\n\n; PTR Records\n\n; TXT Records\n' +
        'treefrog.ca\tIN\tTXT\t"v=spf1 a mx a:mail.treefrog.ca a:webmail.treefrog.ca ip4:76.75.250.33 ?all"\n' +
        'treemonkey.ca\tIN\tTXT\t"v=DKIM1\\; k=rsa\\; p=MIGf..."\n\n; SRV Records\n\n; SPF Records\n\n; URI Records\n\n',
    );
  });

  it('multi-string TXT, TTLs, default names and $-patterns in values, as the reference writes them', () => {
    const zone = {
      $origin: 'd.id',
      $ttl: 3600,
      txt: [
        { name: 'a', txt: ['owner=x', 'zf0=ab\\=\\='] },
        { name: '', ttl: 0, txt: 'one' },
      ],
      uri: [{ name: '_http._tcp', ttl: 60, priority: 10, weight: 1, target: 'https://x/$&' }],
      a: [{ ip: '1.2.3.4' }],
    } as unknown as ZoneFileJson;
    expect(makeZoneFile(zone, '{$origin}\n{$ttl}\n{txt}{uri}\n{a}')).toBe(
      '$ORIGIN d.id\n$TTL 3600\na\tIN\tTXT\t"owner=x" "zf0=ab\\=\\="\n@\tIN\tTXT\t"one"\n_http._tcp\t60\tIN\tURI\t10\t1\t"https://x/{uri}"\n\n@\tIN\tA\t1.2.3.4\n',
    );
  });

  it('fills {zone}, {datetime} and {time} from the origin and the given clock', () => {
    const now = new Date('2020-01-02T03:04:05.600Z');
    expect(makeZoneFile({ $origin: 'z.id' }, '{zone} {datetime} {time}', { now })).toBe('z.id 2020-01-02T03:04:05.600Z 1577934246');
  });
});

describe('parseZoneFileOrLegacy (auth-and-storage.md §5.5)', () => {
  it('tells DNS-style zone files from legacy JSON profiles', () => {
    const zone = parseZoneFileOrLegacy('$ORIGIN ryan.id\n$TTL 3600\n_http._tcp IN URI 10 1 "https://blockstack.s3.amazonaws.com/ryan.id"\n');
    expect(zone.kind).toBe('zonefile');
    const legacy = parseZoneFileOrLegacy('{"name":{"formatted":"Ryan Shea"},"v":"0.2","bio":"Co-founder"}');
    expect(legacy).toEqual({ kind: 'legacy', profile: { name: { formatted: 'Ryan Shea' }, v: '0.2', bio: 'Co-founder' } });
  });

  it('reports text that is neither', () => {
    expect(parseZoneFileOrLegacy('_http._tcp URI 10 1 "https://x"').kind).toBe('invalid');
    expect(parseZoneFileOrLegacy('[1,2]').kind).toBe('invalid');
    expect(parseZoneFileOrLegacy('null').kind).toBe('invalid');
    expect(parseZoneFileOrLegacy('').kind).toBe('invalid');
  });
});
