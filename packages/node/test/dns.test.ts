import { execFile, execFileSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as dnsPacket from 'dns-packet';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPublicKeyFromPrivate, makeZoneFile, publicKeyToAddress, subdomainToTxtRecord, zonefileHash } from '@bsk/crypto';
import { createDnsServer, makeSubdomainOperation, openSubdomainIndex, openZonefileStore } from '@bsk/node';
import type { DnsServer, SqliteZonefileStore, SubdomainIndex, ZonefileResolver } from '@bsk/node';

/*
 * The DNS bridge over real sockets on loopback: dns-packet queries over UDP and TCP, `dig` from
 * Debian's dnsutils as a person would use it, and garbage that must never stop the server.
 */

const LONG_TEXT = 'x'.repeat(300);
const ALICE = [
  '$ORIGIN alice.id',
  '$TTL 600',
  '@ IN A 192.0.2.1',
  '@ IN AAAA 2001:db8::1',
  'www IN CNAME @',
  'blog 120 IN CNAME blog.example.org.',
  'mail IN A 192.0.2.25',
  '@ IN MX 10 mail',
  '@ IN NS ns1.example.net.',
  '@ IN TXT "v=spf1 -all" "second string"',
  `long IN TXT "${LONG_TEXT}"`,
  '_xmpp._tcp IN SRV 5 10 5222 chat.alice.id.',
  '_http._tcp IN URI 10 1 "https://gaia.example/hub/1abc/profile.json"',
  'a.deep.name IN A 192.0.2.9',
  '',
].join('\n');
/** Enough TXT data to pass 512 bytes (plain UDP) and 1232 bytes (our EDNS limit). */
const BIG = ['$ORIGIN big.id', '$TTL 3600', ...Array.from({ length: 40 }, (_, i) => `@ IN TXT "${String(i).padStart(2, '0')}-${'y'.repeat(60)}"`), ''].join('\n');

const KEY = '03'.repeat(32);
const OWNER = publicKeyToAddress(getPublicKeyFromPrivate(KEY));
const SUB_ZONEFILE = '$ORIGIN bob\n$TTL 300\n@ IN A 198.51.100.7\n_http._tcp URI 10 1 "https://hub.example/bob/profile.json"\n';

let directory: string;
let store: SqliteZonefileStore;
let subdomains: SubdomainIndex;
let server: DnsServer;
let port: number;

/** Names from the zone-file map, subdomains from the real subdomain index. */
const zonefiles = new Map([
  ['alice.id', ALICE],
  ['big.id', BIG],
  ['junk.id', '{"name": "a legacy JSON profile"}'],
]);
const resolveZonefile: ZonefileResolver = (fqn) => zonefiles.get(fqn) ?? subdomains.resolve(fqn)?.zonefileText ?? null;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'bsk-dns-'));
  store = openZonefileStore({ directory });
  subdomains = openSubdomainIndex({ directory, zonefiles: store });
  const creation = makeSubdomainOperation({ fqn: 'bob.personal.id', owner: OWNER, sequence: 0, zonefile: SUB_ZONEFILE });
  const domainZonefile = makeZoneFile({ $origin: 'personal.id', $ttl: 3600, txt: [subdomainToTxtRecord(creation)] }, '{$origin}\n{$ttl}\n{txt}\n');
  store.noteOnChain([{ name: 'personal.id', blockHeight: 700, vtxindex: 1, txid: 'ab'.repeat(32), valueHash: zonefileHash(domainZonefile) }]);
  subdomains.catchUp();
  store.put(new TextEncoder().encode(domainZonefile));
  server = createDnsServer({ port: 0, resolveZonefile });
  port = await server.listen();
});

afterAll(async () => {
  await server.close();
  subdomains.close();
  store.close();
  rmSync(directory, { recursive: true, force: true });
});

let nextId = 1;

/** Sends raw datagrams and resolves with every datagram received until one with `untilId` arrives. */
function udpExchange(messages: Buffer[], untilId: number): Promise<dnsPacket.DecodedPacket[]> {
  const socket = createSocket('udp4');
  const received: dnsPacket.DecodedPacket[] = [];
  return new Promise((resolve, reject) => {
    socket.on('error', reject);
    socket.on('message', (message) => {
      const packet = dnsPacket.decode(message);
      received.push(packet);
      if (packet.id === untilId) {
        socket.close();
        resolve(received);
      }
    });
    for (const message of messages) socket.send(message, port, '127.0.0.1');
  });
}

function query(name: string, type: string, options: { edns?: number; klass?: string } = {}): { id: number; bytes: Buffer } {
  const id = nextId++;
  const packet: dnsPacket.Packet = {
    type: 'query',
    id,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ name, type, class: options.klass ?? 'IN' } as dnsPacket.Question],
    additionals: options.edns === undefined ? [] : [{ type: 'OPT', name: '.', udpPayloadSize: options.edns, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }],
  };
  return { id, bytes: dnsPacket.encode(packet) };
}

async function udp(name: string, type: string, options: { edns?: number; klass?: string } = {}): Promise<dnsPacket.DecodedPacket & { rcode?: string }> {
  const q = query(name, type, options);
  const [reply] = await udpExchange([q.bytes], q.id);
  return reply as dnsPacket.DecodedPacket & { rcode?: string };
}

/** Sends length-prefixed messages on one TCP connection and collects the replies. */
function tcpExchange(payload: Buffer, expectedReplies: number): Promise<(dnsPacket.DecodedPacket & { rcode?: string })[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let buffered = Buffer.alloc(0);
    const replies: (dnsPacket.DecodedPacket & { rcode?: string })[] = [];
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        const length = buffered.readUInt16BE(0);
        replies.push(dnsPacket.decode(buffered.subarray(2, 2 + length)) as dnsPacket.DecodedPacket & { rcode?: string });
        buffered = buffered.subarray(2 + length);
      }
      if (replies.length >= expectedReplies) {
        socket.end();
        resolve(replies);
      }
    });
    socket.on('close', () => resolve(replies));
    socket.write(payload);
  });
}

const framed = (message: Buffer) => Buffer.concat([Buffer.from([message.length >> 8, message.length & 0xff]), message]);

const answersOf = (packet: dnsPacket.DecodedPacket) => (packet.answers ?? []).map((a) => ({ name: a.name, type: a.type, data: 'data' in a ? a.data : undefined }));

describe('answers over UDP (dns-packet queries)', () => {
  it('A and AAAA at the apex, with the zone’s $TTL, authoritative', async () => {
    const a = await udp('alice.id', 'A');
    expect(a.rcode).toBe('NOERROR');
    expect(a.flag_aa).toBe(true);
    expect(a.answers).toEqual([expect.objectContaining({ name: 'alice.id', type: 'A', ttl: 600, data: '192.0.2.1' })]);
    expect(answersOf(await udp('ALICE.ID.', 'AAAA'))).toEqual([{ name: 'ALICE.ID', type: 'AAAA', data: '2001:db8::1' }]);
  });

  it('relative owners, CNAME followed inside the zone, record TTLs, MX and NS targets expanded', async () => {
    expect(answersOf(await udp('mail.alice.id', 'A'))).toEqual([{ name: 'mail.alice.id', type: 'A', data: '192.0.2.25' }]);
    expect(answersOf(await udp('www.alice.id', 'A'))).toEqual([
      { name: 'www.alice.id', type: 'CNAME', data: 'alice.id' },
      { name: 'alice.id', type: 'A', data: '192.0.2.1' },
    ]);
    const blog = await udp('blog.alice.id', 'A');
    expect(blog.answers).toEqual([expect.objectContaining({ type: 'CNAME', ttl: 120, data: 'blog.example.org' })]);
    expect(answersOf(await udp('alice.id', 'MX'))).toEqual([{ name: 'alice.id', type: 'MX', data: { preference: 10, exchange: 'mail.alice.id' } }]);
    expect(answersOf(await udp('alice.id', 'NS'))).toEqual([{ name: 'alice.id', type: 'NS', data: 'ns1.example.net' }]);
  });

  it('TXT with several strings, and a long string split into 255-byte pieces', async () => {
    const txt = await udp('alice.id', 'TXT');
    expect((txt.answers?.[0] as { data: Buffer[] }).data.map(String)).toEqual(['v=spf1 -all', 'second string']);
    const long = await udp('long.alice.id', 'TXT', { edns: 1232 });
    expect((long.answers?.[0] as { data: Buffer[] }).data.map((b) => b.length)).toEqual([255, 45]);
  });

  it('SRV and URI records', async () => {
    expect(answersOf(await udp('_xmpp._tcp.alice.id', 'SRV'))).toEqual([
      { name: '_xmpp._tcp.alice.id', type: 'SRV', data: { priority: 5, weight: 10, port: 5222, target: 'chat.alice.id' } },
    ]);
    const uri = await udp('_http._tcp.alice.id', 'UNKNOWN_256');
    const data = (uri.answers?.[0] as { data: Buffer }).data;
    expect([data.readUInt16BE(0), data.readUInt16BE(2), data.subarray(4).toString()]).toEqual([10, 1, 'https://gaia.example/hub/1abc/profile.json']);
  });

  it('NXDOMAIN for unknown names, NOERROR and no answers for a known name without that type', async () => {
    const unknown = await udp('nobody.id', 'A');
    expect(unknown.rcode).toBe('NXDOMAIN');
    const missingLabel = await udp('nothere.alice.id', 'A');
    expect(missingLabel.rcode).toBe('NXDOMAIN');
    expect(missingLabel.authorities?.[0]?.type).toBe('SOA');
    const nodata = await udp('mail.alice.id', 'TXT');
    expect([nodata.rcode, nodata.answers]).toEqual(['NOERROR', []]);
    const emptyNonTerminal = await udp('deep.name.alice.id', 'A');
    expect([emptyNonTerminal.rcode, emptyNonTerminal.answers]).toEqual(['NOERROR', []]);
    const legacy = await udp('junk.id', 'A');
    expect([legacy.rcode, legacy.answers]).toEqual(['NOERROR', []]);
  });

  it('subdomains are served from their own zone file, resolved through the subdomain index', async () => {
    expect(answersOf(await udp('bob.personal.id', 'A'))).toEqual([{ name: 'bob.personal.id', type: 'A', data: '198.51.100.7' }]);
    const uri = await udp('_http._tcp.bob.personal.id', 'UNKNOWN_256');
    expect((uri.answers?.[0] as { data: Buffer }).data.subarray(4).toString()).toBe('https://hub.example/bob/profile.json');
    expect((await udp('carol.personal.id', 'A')).rcode).toBe('NXDOMAIN');
  });

  it('a name whose zone file changes is answered from the new one (parsed zones are cached per text)', async () => {
    zonefiles.set('carol.id', '$ORIGIN carol.id\n@ A 192.0.2.50\n');
    expect(answersOf(await udp('carol.id', 'A'))).toEqual([{ name: 'carol.id', type: 'A', data: '192.0.2.50' }]);
    zonefiles.set('carol.id', '$ORIGIN carol.id\n@ A 192.0.2.51\n');
    expect(answersOf(await udp('carol.id', 'A'))).toEqual([{ name: 'carol.id', type: 'A', data: '192.0.2.51' }]);
    zonefiles.delete('carol.id');
    expect((await udp('carol.id', 'A')).rcode).toBe('NXDOMAIN');
  });

  it('a large answer is truncated over UDP (TC, no answers) and complete over TCP', async () => {
    const plain = await udp('big.id', 'TXT');
    expect([plain.flag_tc, plain.answers]).toEqual([true, []]);
    const edns = await udp('big.id', 'TXT', { edns: 4096 });
    expect(edns.flag_tc).toBe(true);
    const q = query('big.id', 'TXT');
    const [overTcp] = await tcpExchange(framed(q.bytes), 1);
    expect(overTcp?.flag_tc).toBe(false);
    expect(overTcp?.answers).toHaveLength(40);
  });
});

describe('TCP', () => {
  it('answers several length-prefixed queries on one connection, split across writes', async () => {
    const q1 = query('alice.id', 'A');
    const q2 = query('alice.id', 'MX');
    const replies = await tcpExchange(Buffer.concat([framed(q1.bytes), framed(q2.bytes)]), 2);
    expect(replies.map((r) => [r.id, r.answers?.[0]?.type])).toEqual([
      [q1.id, 'A'],
      [q2.id, 'MX'],
    ]);
  });
});

describe('bad input', () => {
  it('drops messages too short for a header and responses; FORMERR for undecodable ones; the server keeps answering', async () => {
    const good = query('alice.id', 'A');
    const response = dnsPacket.encode({ type: 'response', id: 4242, questions: [{ name: 'alice.id', type: 'A' }] });
    const undecodable = Buffer.from([0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0x3f, 0x61]);
    const received = await udpExchange([Buffer.from([1, 2, 3]), response, undecodable, good.bytes], good.id);
    expect(received.map((r) => [r.id, (r as { rcode?: string }).rcode])).toEqual([
      [0x1234, 'FORMERR'],
      [good.id, 'NOERROR'],
    ]);
  });

  it('NOTIMP for other opcodes, FORMERR for two questions, REFUSED for other classes and zone transfers', async () => {
    const notify = query('alice.id', 'A');
    notify.bytes.writeUInt16BE((4 << 11) | 0x0100, 2);
    const two = dnsPacket.encode({ type: 'query', id: 777, questions: [{ name: 'alice.id', type: 'A' }, { name: 'alice.id', type: 'MX' }] });
    const chaos = query('version.bind', 'TXT', { klass: 'CH' });
    const axfr = query('alice.id', 'AXFR');
    const received = await udpExchange([notify.bytes, two, chaos.bytes, axfr.bytes], axfr.id);
    expect(received.map((r) => (r as { rcode?: string }).rcode)).toEqual(['NOTIMP', 'FORMERR', 'REFUSED', 'REFUSED']);
  });

  it('random datagrams never stop the server (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 300 }), async (bytes) => {
        const probe = query('alice.id', 'A');
        const received = await udpExchange([Buffer.from(bytes), probe.bytes], probe.id);
        expect(received[received.length - 1]?.answers?.[0]).toMatchObject({ data: '192.0.2.1' });
      }),
      { numRuns: 150 },
    );
  });

  it('mutated valid queries get a well-formed reply or none (property)', async () => {
    const base = query('www.alice.id', 'A').bytes;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), async (edits) => {
        const mutated = Buffer.from(base);
        for (const [at, value] of edits) mutated[at] = value;
        mutated[2] = (mutated[2] as number) & 0x7f;
        const probe = query('alice.id', 'A');
        const received = await udpExchange([mutated, probe.bytes], probe.id);
        expect(received[received.length - 1]?.id).toBe(probe.id);
      }),
      { numRuns: 150 },
    );
  });

  it('garbage on TCP closes or answers that connection only', async () => {
    await tcpExchange(Buffer.from([0, 3, 1, 2, 3, 0, 20, ...Array.from({ length: 20 }, () => 0xff)]), 2);
    const q = query('alice.id', 'A');
    const [reply] = await tcpExchange(framed(q.bytes), 1);
    expect(reply?.answers?.[0]).toMatchObject({ data: '192.0.2.1' });
  });
});

/** `dig` from dnsutils, installed on the spot when missing and we are root (CI is). */
function ensureDig(): void {
  const has = () => {
    try {
      execFileSync('dig', ['-v'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (has()) return;
  if (process.getuid?.() === 0) {
    try {
      execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dnsutils'], { stdio: 'ignore', timeout: 240_000 });
    } catch {
      // reported below
    }
  }
  if (!has()) throw new Error('`dig` is not installed and could not be installed (apt-get install -y dnsutils needs root and a package mirror); the DNS bridge is tested with dig');
}

const execFileAsync = promisify(execFile);
async function dig(...args: string[]): Promise<string> {
  const { stdout } = await execFileAsync('dig', ['@127.0.0.1', '-p', String(port), '+time=3', '+tries=1', ...args]);
  return stdout;
}

describe('dig (Debian dnsutils)', () => {
  beforeAll(() => ensureDig(), 300_000);

  it('A, AAAA, TXT, MX, NS, SRV and URI from the zone file', async () => {
    expect((await dig('+short', 'alice.id', 'A')).trim()).toBe('192.0.2.1');
    expect((await dig('+short', 'alice.id', 'AAAA')).trim()).toBe('2001:db8::1');
    expect((await dig('+short', 'alice.id', 'TXT')).trim()).toBe('"v=spf1 -all" "second string"');
    expect((await dig('+short', 'alice.id', 'MX')).trim()).toBe('10 mail.alice.id.');
    expect((await dig('+short', 'alice.id', 'NS')).trim()).toBe('ns1.example.net.');
    expect((await dig('+short', '_xmpp._tcp.alice.id', 'SRV')).trim()).toBe('5 10 5222 chat.alice.id.');
    expect((await dig('+short', '_http._tcp.alice.id', 'URI')).trim()).toBe('10 1 "https://gaia.example/hub/1abc/profile.json"');
    expect((await dig('+short', 'www.alice.id', 'A')).trim().split('\n')).toEqual(['alice.id.', '192.0.2.1']);
    expect((await dig('+short', 'bob.personal.id', 'A')).trim()).toBe('198.51.100.7');
  });

  it('NXDOMAIN status, authoritative flag, and TCP', async () => {
    expect(await dig('nobody.id', 'A')).toMatch(/status: NXDOMAIN/);
    expect(await dig('alice.id', 'A')).toMatch(/flags: qr aa rd;/);
    expect((await dig('+tcp', '+short', 'alice.id', 'A')).trim()).toBe('192.0.2.1');
  });

  it('a truncated UDP answer: dig sees TC, and retries over TCP by itself', async () => {
    expect(await dig('+ignore', '+noedns', 'big.id', 'TXT')).toMatch(/flags: qr aa tc rd;/);
    const retried = await dig('+noedns', 'big.id', 'TXT');
    expect(retried).toMatch(/ANSWER: 40,/);
  });
});
