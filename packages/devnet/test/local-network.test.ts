import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as dnsPacket from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BitcoindClient } from '@bsk/bitcoin';
import { DEVNET, buildNameTransaction, namespaceTerms, planNamePreorder, planNameRegistration, type NamespaceRow } from '@bsk/bns';
import { makeProfileJson, signProfileToken, zonefileHash } from '@bsk/crypto';
import { PortInUseError, signerOf, startLocalNetwork, type LocalNetwork, type LocalNetworkOptions } from '@bsk/devnet';
import { referenceHub, withCrossFetch } from '../../gaia/test/support/reference.js';
import { withReferenceClient } from '../../node/test/support/reference-client.js';

/*
 * The whole local network in one process (issues 5 and 6), on ephemeral loopback ports in a
 * temporary data directory: namespaces ready through the node's REST API, the funded key's balance
 * through the chain's JSON-RPC, the hub announcing its read endpoint, a person putting a profile on
 * the hub with the reference client (blockstack@21.1.1), registering `alice.id` for it and finding
 * it over REST, DNS and the reference client's lookupProfile, a restart that keeps everything and a
 * `--reset` that starts over.
 */

vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

let dataDir: string;
let network: LocalNetwork;
const PROFILE = { '@type': 'Person', '@context': 'http://schema.org', name: 'Alice', description: 'first on the devnet' };
/** Where alice.id's profile went on the hub: `<bucket address>/profile.json`. */
let profilePath = '';

function options(overrides: Partial<LocalNetworkOptions> = {}): LocalNetworkOptions {
  return {
    dataDir,
    reset: false,
    host: '127.0.0.1',
    chainPort: 0,
    rpcUser: 'blockstack',
    rpcPassword: 'blockstacksystem',
    mineEvery: 0,
    apiPort: 0,
    dnsPort: 0,
    hubPort: 0,
    readerPort: 0,
    logLevel: 'silent',
    ...overrides,
  };
}

async function api(path: string, init?: RequestInit): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${network.endpoints.nodeApi}${path}`, init);
  return { status: response.status, body: await response.json() };
}

/** A JSON-RPC call with the credentials the table prints. */
async function rpc(method: string, params: unknown[]): Promise<unknown> {
  const { chainRpc, rpcUser, rpcPassword } = network.endpoints;
  const response = await fetch(chainRpc, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${rpcUser}:${rpcPassword}`).toString('base64')}` },
    body: JSON.stringify({ jsonrpc: '1.0', id: 1, method, params }),
  });
  const reply = (await response.json()) as { result: unknown; error: unknown };
  expect(reply.error).toBeNull();
  return reply.result;
}

function dnsQuery(port: number, name: string, type: dnsPacket.RecordType): Promise<dnsPacket.DecodedPacket & { rcode?: string }> {
  const socket = createSocket('udp4');
  const id = Math.floor(Math.random() * 65_535);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no DNS answer for ${name}`));
    }, 5_000);
    socket.on('error', reject);
    socket.on('message', (message) => {
      clearTimeout(timer);
      socket.close();
      resolve(dnsPacket.decode(message) as dnsPacket.DecodedPacket & { rcode?: string });
    });
    socket.send(dnsPacket.encode({ type: 'query', id, flags: dnsPacket.RECURSION_DESIRED, questions: [{ name, type, class: 'IN' }] }), port, '127.0.0.1');
  });
}

beforeAll(async () => {
  dataDir = join(mkdtempSync(join(tmpdir(), 'bsk-local-network-')), 'net');
  network = await startLocalNetwork(options());
});

afterAll(async () => {
  await network?.stop();
  if (dataDir) rmSync(join(dataDir, '..'), { recursive: true, force: true });
});

describe('a first start', () => {
  it('reports the real ports of every part', () => {
    const { endpoints } = network;
    expect(network.bootstrapped).toBe(true);
    for (const url of [endpoints.chainRpc, endpoints.nodeApi, endpoints.hub, endpoints.reader]) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*\/?$/);
    expect(endpoints.dnsPort).toBeGreaterThan(0);
    expect(endpoints.dns).toBe(`127.0.0.1:${endpoints.dnsPort}`);
  });

  it('has namespaces id and test ready, with the original parameters', async () => {
    expect(await api('/v1/namespaces')).toEqual({ status: 200, body: ['id', 'test'] });
    const id = await api('/v1/namespaces/id');
    expect(id).toMatchObject({
      status: 200,
      body: { namespace_id: 'id', version: 1, lifetime: 52595, coeff: 250, base: 4, buckets: [6, 5, 4, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], nonalpha_discount: 4, no_vowel_discount: 4, ready: true },
    });
    expect((id.body as { recipient_address: string }).recipient_address).toBe(network.keys.namespaceRevealer.address);
    expect(await api('/v1/namespaces/test')).toMatchObject({ status: 200, body: { namespace_id: 'test', nonalpha_discount: 10, no_vowel_discount: 10, ready: true } });
  });

  it('funds the printed key: 100 BTC through the chain RPC', async () => {
    const scan = (await rpc('scantxoutset', ['start', [`addr(${network.keys.funded.address})`]])) as { total_amount: number };
    expect(scan.total_amount).toBe(100);
    expect(await network.balanceOf(network.keys.funded)).toBe(100 * 1e8);
  });

  it('runs a Gaia hub whose read_url_prefix is its read endpoint', async () => {
    const info = (await (await fetch(`${network.endpoints.hub}/hub_info`)).json()) as Record<string, unknown>;
    expect(info.read_url_prefix).toBe(network.endpoints.reader);
    expect(info.challenge_text).toBe(JSON.stringify(['gaiahub', '0', 'localhost', 'blockstack_storage_please_sign']));
    expect(network.endpoints.reader).not.toBe(`${network.endpoints.hub}/`);
    const missing = await fetch(`${network.endpoints.reader}${network.keys.funded.address}/nothing.json`);
    expect(missing.status).toBe(404);
  });
});

describe("a person's first name", () => {
  const zonefileOf = (profileUrl: string): string =>
    `$ORIGIN alice.id\n$TTL 3600\n@ IN A 192.0.2.7\n@ IN TXT "hello from the devnet"\n_http._tcp IN URI 10 1 "${profileUrl}"\n`;

  it('registers alice.id with a profile on the hub, then finds it over REST, DNS and the reference client', async () => {
    // The profile goes to the local hub through the reference client; its public URL is on the read endpoint.
    const appKey = network.keys.funded.privateKey.slice(0, 64);
    const profileUrl = await withCrossFetch(async () => {
      const hubConfig = await referenceHub.connectToGaiaHub(network.endpoints.hub, appKey);
      const upload = await referenceHub.uploadToGaiaHub('profile.json', makeProfileJson([signProfileToken(PROFILE, appKey)]), hubConfig, 'application/json');
      return upload.publicURL;
    });
    expect(profileUrl.startsWith(network.endpoints.reader)).toBe(true);
    profilePath = profileUrl.slice(network.endpoints.reader.length);
    const zonefile = zonefileOf(profileUrl);

    // Preorder, then register with the zone file's hash (our builders, sent over the chain's RPC).
    const chain = new BitcoindClient({ url: network.endpoints.chainRpc, credentials: { username: network.endpoints.rpcUser, password: network.endpoints.rpcPassword }, network: 'regtest' });
    const signer = signerOf(network.keys.funded);
    const owner = network.keys.funded.address;
    const namespace = namespaceTerms((await api('/v1/namespaces/id')).body as NamespaceRow);
    const consensusHash = ((await api('/v1/blockchains/bitcoin/consensus')).body as { consensus_hash: string }).consensus_hash;
    const height = (await chain.getTip()).height + 1;
    const preorder = planNamePreorder({ params: DEVNET, feeRate: 2, payer: { signer, utxos: await chain.getUnspentOutputs(owner) }, name: 'alice.id', owner, consensusHash, namespace, height });
    await chain.broadcast(buildNameTransaction(preorder).hex);
    await network.mine();
    const register = planNameRegistration({ params: DEVNET, feeRate: 2, payer: { signer, utxos: await chain.getUnspentOutputs(owner) }, name: 'alice.id', owner, valueHash: zonefileHash(zonefile) });
    await chain.broadcast(buildNameTransaction(register).hex);
    await network.mine();

    // Then the zone file itself, to the node.
    const posted = await api('/v1/zonefile', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ zonefile }) });
    expect(posted).toMatchObject({ status: 200, body: { status: true } });
    expect(await api('/v1/names/alice.id')).toMatchObject({ status: 200, body: { status: 'registered', address: owner, zonefile, zonefile_hash: zonefileHash(zonefile) } });

    const a = await dnsQuery(network.endpoints.dnsPort, 'alice.id', 'A');
    expect(a.rcode).toBe('NOERROR');
    expect(a.answers).toEqual([expect.objectContaining({ name: 'alice.id', type: 'A', data: '192.0.2.7' })]);
    const txt = await dnsQuery(network.endpoints.dnsPort, 'alice.id', 'TXT');
    expect(txt.answers?.map((answer) => [(answer as dnsPacket.TxtAnswer).data].flat().map(String).join(''))).toEqual(['hello from the devnet']);
    expect((await dnsQuery(network.endpoints.dnsPort, 'nobody.id', 'A')).rcode).toBe('NXDOMAIN');

    // The profile, resolved through the node's zone file and fetched from the hub's read endpoint.
    expect(await withReferenceClient(network.endpoints.nodeApi, (blockstack) => blockstack.lookupProfile('alice.id'))).toEqual(PROFILE);
    expect(await api('/v1/users/alice.id')).toEqual({ status: 200, body: PROFILE });
  });
});

describe('later starts', () => {
  it('a restart on the same data dir keeps keys, namespaces and names, and creates nothing', async () => {
    const before = { keys: network.keys, height: network.devnet.node.chain.height(), namespaces: await api('/v1/namespaces/id') };
    await network.stop();
    network = await startLocalNetwork(options());
    expect(network.bootstrapped).toBe(false);
    expect(network.keys).toEqual(before.keys);
    expect(network.devnet.node.chain.height()).toBe(before.height);
    expect(await api('/v1/namespaces/id')).toEqual(before.namespaces);
    expect(await api('/v1/names/alice.id')).toMatchObject({ status: 200, body: { status: 'registered' } });
    const profile = await fetch(`${network.endpoints.reader}${profilePath}`);
    expect(profile.status).toBe(200);
    expect(await profile.json()).toEqual([expect.objectContaining({ decodedToken: expect.objectContaining({ payload: expect.objectContaining({ claim: PROFILE }) }) })]);
  });

  it('--reset starts over: new keys, fresh namespaces, alice.id unknown', async () => {
    const before = network.keys;
    await network.stop();
    network = await startLocalNetwork(options({ reset: true }));
    expect(network.bootstrapped).toBe(true);
    expect(network.keys.funded.privateKey).not.toBe(before.funded.privateKey);
    expect((await api('/v1/namespaces/id')).body).toMatchObject({ ready: true, recipient_address: network.keys.namespaceRevealer.address });
    expect(await api('/v1/names/alice.id')).toMatchObject({ status: 404, body: { status: 'available' } });
  });

  it('--reset refuses a directory a local network did not make', async () => {
    const stranger = mkdtempSync(join(tmpdir(), 'bsk-not-a-network-'));
    writeFileSync(join(stranger, 'thesis.tex'), 'precious');
    await expect(startLocalNetwork(options({ dataDir: stranger, reset: true }))).rejects.toThrow(/refuses to delete .*thesis\.tex/);
    rmSync(stranger, { recursive: true, force: true });
  });
});

describe('a port already in use', () => {
  it('names the port and its flag, and starts nothing', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const elsewhere = join(dataDir, '..', 'blocked');
    try {
      const attempt = startLocalNetwork(options({ dataDir: elsewhere, hubPort: port }));
      await expect(attempt).rejects.toBeInstanceOf(PortInUseError);
      await expect(attempt).rejects.toThrow(`port ${port} on 127.0.0.1 (Gaia hub) is already in use; choose another with --hub-port <port>`);
      expect(existsSync(elsewhere)).toBe(false);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('a DNS port taken on UDP only is found too', async () => {
    const blocker = createSocket('udp4');
    await new Promise<void>((resolve) => blocker.bind(0, '127.0.0.1', resolve));
    const port = blocker.address().port;
    try {
      await expect(startLocalNetwork(options({ dataDir: join(dataDir, '..', 'udp'), dnsPort: port }))).rejects.toThrow(
        `port ${port} on 127.0.0.1 (DNS) is already in use; choose another with --dns-port <port>`,
      );
    } finally {
      await new Promise<void>((resolve) => blocker.close(resolve));
    }
  });

  it('refuses one port wanted by two parts', async () => {
    await expect(startLocalNetwork(options({ dataDir: join(dataDir, '..', 'twice'), apiPort: 47_123, hubPort: 47_123 }))).rejects.toThrow(
      'port 47123 on 127.0.0.1 (Gaia hub) is also given to the node API (--api-port); choose another with --hub-port <port>',
    );
  });
});
