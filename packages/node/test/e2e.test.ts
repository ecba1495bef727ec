import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildNameTransaction, namespaceTerms, planNamePreorder, planNameRegistration, type NamespaceRow } from '@bsk/bns';
import { addressToNetwork, getPublicKeyFromPrivate, makeProfileJson, makeProfileZoneFile, signProfileToken, zonefileHash } from '@bsk/crypto';
import { ScenarioChain, expectAllAccepted, type KitWallet } from '../../bns/test/scenarios/kit.js';
import { createNode, type BskNode, type NodeConfig } from '../src/index.js';
import { call, postJson, startFileServer } from './support/http.js';
import { withReferenceClient } from './support/reference-client.js';

/*
 * The node end to end on a real devnet chain (issue 5 "Tests"): names registered, updated,
 * transferred, renewed and revoked through signed transactions (the bns scenario kit), the node
 * following the chain over JSON-RPC, and every REST route's JSON checked against the original's
 * shapes (bns.md §9, rpc.py), including the scenario `rest_api_names` (cli-and-scenarios.md §B.6 #35);
 * a reorganisation and a restart followed; the reference client against the node; and the
 * broadcaster (cli-and-scenarios.md §A.9): POST /v1/broadcast/registration sends the preorder at once,
 * holds the register until the preorder is confirmed and the zone file until the register is, from a
 * durable queue that a restart in between does not lose.
 */

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

let chain: ScenarioChain;
let node: BskNode;
let dataDir: string;
let files: Awaited<ReturnType<typeof startFileServer>>;
let w0: KitWallet, w1: KitWallet, w2: KitWallet, w3: KitWallet, w4: KitWallet, w5: KitWallet;
const profile = { '@type': 'Person', '@context': 'http://schema.org', name: 'Foo Test', description: 'a devnet name' };
const profileFiles = new Map<string, string>();
let zonefile1 = '';
let hash1 = '';

function config(): Partial<NodeConfig> {
  return { network: 'devnet', bitcoindUrl: chain.devnet.url, bitcoindUser: 'bsk', bitcoindPassword: 'scenario', dataDir, apiPort: 0, dnsPort: 0, pollInterval: 0.05, logLevel: 'silent' };
}

async function until(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function synced(): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (node.engine.tip() !== chain.height || node.engine.consensusHashAt(chain.height) !== chain.ch()) {
    if (Date.now() > deadline) throw new Error(`node at ${node.engine.tip()}, chain at ${chain.height}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const api = (path: string, init?: RequestInit) => call(node.apiUrl, path, init);

beforeAll(async () => {
  chain = await ScenarioChain.start();
  [w0, w1, w2, w3, w4, w5] = chain.standardWallets();
  files = await startFileServer(profileFiles);
  const mainnetOwner = addressToNetwork(w3.address, 'mainnet');
  const profileUrl = `${files.url}/hub/${mainnetOwner}/profile.json`;
  profileFiles.set(`/hub/${mainnetOwner}/profile.json`, makeProfileJson([signProfileToken(profile, w3.privateKey)]));
  zonefile1 = makeProfileZoneFile('foo.test', profileUrl);
  hash1 = zonefileHash(zonefile1);
  dataDir = mkdtempSync(join(tmpdir(), 'bsk-node-e2e-'));
  node = await createNode(config(), { logger: pino({ level: 'silent' }) });
  await chain.createNamespace('test', w0, w1);
  await chain.registerName('foo.test', w2, w3, hash1);
  await synced();
});

afterAll(async () => {
  await node?.close();
  await files?.close();
  await chain?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a registered name', () => {
  it('GET /v1/names/{name} before its zone file arrives: registered, zone file null', async () => {
    const { status, body } = await api('/v1/names/foo.test');
    expect(status).toBe(200);
    const registerTxid = chain.results.get(chain.height)!.accepted[0]!.txid;
    expect(body).toEqual({
      status: 'registered',
      zonefile: null,
      zonefile_hash: hash1,
      address: w3.address,
      last_txid: registerTxid,
      blockchain: 'bitcoin',
      expire_block: chain.height + 52595,
      renewal_deadline: chain.height + 52595 + 5,
      grace_period: false,
      resolver: null,
      did: `did:stack:v0:${w3.address}-0`,
    });
  });

  it('POST /v1/zonefile stores an announced zone file and refuses others', async () => {
    const saved = await postJson(node.apiUrl, '/v1/zonefile/', { zonefile: zonefile1 });
    expect(saved).toMatchObject({ status: 200, body: { status: true, servers: [node.apiUrl] } });
    const unknown = await postJson(node.apiUrl, '/v1/zonefile', { zonefile: '$ORIGIN nobody.test\n$TTL 3600\n' });
    expect(unknown).toMatchObject({ status: 400, body: { error: 'Blockstack node did not save the zone file' } });
    const b64 = await postJson(node.apiUrl, '/v1/zonefile', { zonefile_b64: Buffer.from(zonefile1).toString('base64') });
    expect(b64.status).toBe(200);
    for (const bad of [{}, { zonefile: 12 }, { zonefile_b64: '%%%' }, { zonefile: 'x'.repeat(40961) }]) {
      expect(await postJson(node.apiUrl, '/v1/zonefile', bad)).toMatchObject({ status: 400, body: { error: 'Invalid request' } });
    }
    const notJson = await api('/v1/zonefile', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: zonefile1 });
    expect(notJson.status).toBe(400);
    const info = await api('/v1/names/foo.test');
    expect(info.body).toMatchObject({ zonefile: zonefile1, zonefile_hash: hash1 });
  });

  it('zone files by name and by hash', async () => {
    expect(await api('/v1/names/foo.test/zonefile')).toMatchObject({ status: 200, body: { zonefile: zonefile1 } });
    const raw = await fetch(`${node.apiUrl}/v1/names/foo.test/zonefile?raw=1`);
    expect(raw.headers.get('content-type')).toBe('application/octet-stream');
    expect(await raw.text()).toBe(zonefile1);
    expect(await api(`/v1/names/foo.test/zonefile/${hash1}`)).toMatchObject({ status: 200, body: { zonefile: zonefile1 } });
    expect(await api(`/v1/names/foo.test/zonefile/${'ab'.repeat(20)}`)).toMatchObject({ status: 404, body: { error: 'No such zonefile' } });
    const byHash = await fetch(`${node.apiUrl}/v1/zonefiles/${hash1}`);
    expect(byHash.status).toBe(200);
    expect(await byHash.text()).toBe(zonefile1);
    expect((await api(`/v1/zonefiles/${'cd'.repeat(20)}`)).status).toBe(404);
    expect(await api('/v1/zonefiles/xyz')).toMatchObject({ status: 400, body: { error: 'Invalid zone file hash' } });
  });

  it('rest_api_names: listing, counts, prices, namespaces, addresses', async () => {
    expect(await api('/v1/names')).toMatchObject({ status: 400, body: { error: 'page= argument required' } });
    expect(await api('/v1/names?page=0')).toMatchObject({ status: 200, body: ['foo.test'] });
    expect(await api('/v1/names?page=1')).toMatchObject({ status: 200, body: [] });
    expect(await api('/v1/names?page=-1')).toMatchObject({ status: 400, body: { error: 'Invalid page= value' } });
    expect(await api('/v1/names/bar.test')).toMatchObject({ status: 404, body: { status: 'available' } });
    expect(await api('/v1/names/Foo.test')).toMatchObject({ status: 400, body: { error: 'Invalid name or subdomain' } });
    expect(await api('/v1/prices/names/foo.test')).toMatchObject({ status: 200, body: { name_price: { satoshis: 640000, units: 'BTC', amount: '640000' } } });
    expect(await api('/v2/prices/names/foo.test')).toMatchObject({ status: 200, body: { name_price: { units: 'BTC', amount: '640000' } } });
    expect(await api('/v1/prices/namespaces/id')).toMatchObject({ status: 200, body: { satoshis: 400_000_000, units: 'BTC', amount: '400000000' } });
    expect((await api('/v1/prices/namespaces/ID')).status).toBe(400);
    expect((await api(`/v1/prices/namespaces/${'a'.repeat(20)}`)).status).toBe(400);
    expect((await api('/v1/prices/names/hello.foo.test')).status).toBe(400);
    expect(await api('/v1/prices/names/foo.nope')).toMatchObject({ status: 404, body: { error: 'Unknown/invalid namespace' } });
    expect(await api('/v1/blockchains/bitcoin/name_count')).toMatchObject({ status: 200, body: { names_count: 1 } });
    expect(await api('/v1/blockchains/ethereum/name_count')).toMatchObject({ status: 404, body: { error: 'Unsupported blockchain' } });
    expect(await api('/v1/namespaces')).toMatchObject({ status: 200, body: ['test'] });
    expect(await api('/v1/namespaces/test/names?page=0')).toMatchObject({ status: 200, body: ['foo.test'] });
    expect(await api('/v1/namespaces/test/names')).toMatchObject({ status: 400, body: { error: 'page= argument required' } });
    expect(await api('/v1/namespaces/test/name_count')).toMatchObject({ status: 200, body: { names_count: 1 } });
    expect(await api('/v1/namespaces/nope')).toMatchObject({ status: 404, body: { error: 'No such namespace' } });
    expect(await api('/v1/namespaces/NOPE')).toMatchObject({ status: 400, body: { error: 'Invalid namespace' } });
    const namespace = await api('/v1/namespaces/test');
    expect(namespace.body).toMatchObject({ namespace_id: 'test', version: 1, lifetime: 52595, coeff: 250, base: 4, buckets: [6, 5, 4, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], nonalpha_discount: 10, no_vowel_discount: 10, op: '!', ready: true, recipient_address: w1.address });
    expect(await api(`/v1/addresses/bitcoin/${w3.address}`)).toMatchObject({ status: 200, body: { names: ['foo.test'] } });
    expect(await api(`/v1/addresses/bitcoin/${addressToNetwork(w3.address, 'mainnet')}`)).toMatchObject({ status: 200, body: { names: ['foo.test'] } });
    expect(await api('/v1/addresses/bitcoin/notanaddress')).toMatchObject({ status: 400, body: { error: 'Invalid address' } });
    expect(await api(`/v1/addresses/ethereum/${w3.address}`)).toMatchObject({ status: 404, body: { error: 'Unsupported blockchain' } });
  });

  it('consensus hashes', async () => {
    expect(await api('/v1/blockchains/bitcoin/consensus')).toMatchObject({ status: 200, body: { consensus_hash: chain.ch() } });
    expect(await api(`/v1/blockchains/bitcoin/consensus/${chain.height - 1}`)).toMatchObject({ status: 200, body: { consensus_hash: chain.ch(chain.height - 1) } });
    expect((await api(`/v1/blockchains/bitcoin/consensus/${chain.height + 50}`)).status).toBe(503);
    expect((await api('/v1/blockchains/bitcoin/consensus/1')).status).toBe(400);
    expect(await api(`/v1/blockchains/bitcoin/consensus-block/${chain.ch(chain.height - 2)}`)).toMatchObject({ status: 200, body: { block_height: chain.height - 2 } });
    const info = await api('/v1/info');
    expect(info.body).toMatchObject({ consensus: chain.ch(), last_block_processed: chain.height, zonefile_count: 2 });
  });

  it('history, keyed by block, newest first in pages of 20', async () => {
    const { status, body } = await api('/v1/names/foo.test/history');
    expect(status).toBe(200);
    const history = body as Record<string, Array<Record<string, unknown>>>;
    expect(history[String(chain.height)]).toEqual([expect.objectContaining({ opcode: 'NAME_REGISTRATION', name: 'foo.test', value_hash: hash1, address: w3.address })]);
    expect(Object.keys(history)).toContain(String(chain.height - 1)); // the preorder, under its own block
    expect(await api('/v1/names/foo.test/history?page=1')).toMatchObject({ status: 404, body: { error: 'Not found' } });
    expect((await api('/v1/names/foo.test/history?page=x')).status).toBe(400);
  });

  it('the reference client (blockstack@21.1.1) reads names, prices and profiles from the node', async () => {
    await withReferenceClient(node.apiUrl, async (blockstack) => {
      const info = (await blockstack.config.network.getNameInfo('foo.test')) as Record<string, unknown>;
      expect(info).toMatchObject({ status: 'registered', zonefile: zonefile1, address: addressToNetwork(w3.address, 'mainnet') });
      const namePrice = await blockstack.config.network.getNamePrice('foo.test');
      expect({ units: namePrice.units, amount: namePrice.amount.toString() }).toEqual({ units: 'BTC', amount: '640000' });
      const namespacePrice = await blockstack.config.network.getNamespacePrice('id');
      expect({ units: namespacePrice.units, amount: namespacePrice.amount.toString() }).toEqual({ units: 'BTC', amount: '400000000' });
      expect(await blockstack.lookupProfile('foo.test')).toEqual(profile);
      await expect(blockstack.config.network.getNameInfo('nobody.test')).rejects.toThrow('Name not found');
    });
  });

  it('GET /v1/users/{name}: the profile, fetched through the zone file and verified', async () => {
    expect(await api('/v1/users/foo.test')).toMatchObject({ status: 200, body: profile });
    expect((await api('/v1/users/bar.test')).status).toBe(404);
    expect((await api('/v1/users/BAD')).status).toBe(400);
  });

  it('GET /v1/dids/{did}: the DID the name record names resolves to the owner\'s key and a DID document', async () => {
    const did = `did:stack:v0:${w3.address}-0`;
    const publicKey = getPublicKeyFromPrivate(w3.privateKey);
    const { status, body } = await api(`/v1/dids/${did}`);
    expect(status).toBe(200);
    expect(body).toEqual({
      public_key: publicKey,
      document: { ...profile, '@context': 'https://w3id.org/did/v1', publicKey: [{ id: did, type: 'secp256k1', publicKeyHex: publicKey }] },
    });
    expect((await api(`/v1/dids/did:stack:v0:${w3.address}-7`)).status).toBe(404);
    expect(await api('/v1/dids/did:stack:v0:0OIl-1')).toMatchObject({ status: 400, body: { error: 'Invalid DID' } });
  });
});

describe('update, transfer, renew, revoke through real transactions', () => {
  const zonefile2 = '$ORIGIN foo.test\n$TTL 3600\n_http._tcp IN URI 10 1 "https://example.com/profile.json"\n';
  const hash2 = zonefileHash(zonefile2);

  it('NAME_UPDATE sets a new zone-file hash; the old one stays reachable by hash', async () => {
    expectAllAccepted(await chain.block(chain.update('foo.test', w3, hash2)));
    await synced();
    expect((await postJson(node.apiUrl, '/v1/zonefile', { zonefile: zonefile2 })).status).toBe(200);
    expect((await api('/v1/names/foo.test')).body).toMatchObject({ status: 'registered', zonefile: zonefile2, zonefile_hash: hash2 });
    expect((await api(`/v1/names/foo.test/zonefile/${hash1}`)).status).toBe(200);
  });

  it('NAME_TRANSFER moves the name to a new owner', async () => {
    expectAllAccepted(await chain.block(chain.transfer('foo.test', w3, w4, true)));
    await synced();
    expect((await api('/v1/names/foo.test')).body).toMatchObject({ address: w4.address, zonefile_hash: hash2 });
    expect((await api(`/v1/addresses/bitcoin/${w3.address}`)).body).toEqual({ names: [] });
    expect((await api(`/v1/addresses/bitcoin/${w4.address}`)).body).toEqual({ names: ['foo.test'] });
  });

  it('NAME_RENEWAL moves the expiry', async () => {
    expectAllAccepted(await chain.block(chain.renew('foo.test', w4)));
    await synced();
    expect((await api('/v1/names/foo.test')).body).toMatchObject({ expire_block: chain.height + 52595, renewal_deadline: chain.height + 52600, last_txid: chain.results.get(chain.height)!.accepted[0]!.txid });
  });

  it('NAME_REVOKE: status revoked, no zone file', async () => {
    expectAllAccepted(await chain.block(chain.revoke('foo.test', w4)));
    await synced();
    expect((await api('/v1/names/foo.test')).body).toMatchObject({ status: 'revoked', zonefile: null, zonefile_hash: null, address: w4.address });
    expect((await api(`/v1/addresses/bitcoin/${w4.address}`)).body).toEqual({ names: [] });
    expect((await api('/v1/names?page=0')).body).toEqual(['foo.test']); // revoked names are still listed
  });

  it('the node\'s history matches the chain\'s engine block by block', async () => {
    for (let height = chain.params.firstBlock; height <= chain.height; height++) expect(node.engine.consensusHashAt(height)).toBe(chain.ch(height));
  });
});

describe('a reorganisation on the devnet', () => {
  it('invalidateblock undoes a registration; the new branch re-applies it', async () => {
    expectAllAccepted(await chain.block(chain.preorder('reorg.test', w2, w3)));
    expectAllAccepted(await chain.block(chain.register('reorg.test', w2, w3)));
    await synced();
    expect((await api('/v1/names/reorg.test')).status).toBe(200);
    const tipHash = await chain.client.getBlockHash(chain.height);
    await chain.client.call('invalidateblock', tipHash);
    const deadline = Date.now() + 20_000;
    while ((await api('/v1/names/reorg.test')).status !== 404) {
      if (Date.now() > deadline) throw new Error('the node did not undo the invalidated block');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(node.engine.tip()).toBe(chain.height - 1);
    await chain.client.call('reconsiderblock', tipHash);
    while (node.engine.tip() !== chain.height) {
      if (Date.now() > deadline) throw new Error('the node did not follow the reconsidered block');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await api('/v1/names/reorg.test')).status).toBe(200);
    expect(node.engine.consensusHashAt(chain.height)).toBe(chain.ch());
  });
});

describe('restart', () => {
  it('a restarted node resumes where it stopped and keeps following', async () => {
    await node.close();
    await chain.block(chain.preorder('later.test', w2, w3));
    node = await createNode(config(), { logger: pino({ level: 'silent' }) });
    await synced();
    expect((await api('/v1/names/foo.test')).body).toMatchObject({ status: 'revoked' });
    expect((await api(`/v1/zonefiles/${hash1}`)).status).toBe(200);
  });
});

describe('the node\'s other faces', () => {
  it('search finds registered names; DNS is bound', async () => {
    const found = (await api('/v1/search?query=reorg')).body as { results: Array<{ fullyQualifiedName: string }> };
    expect(found.results.map((r) => r.fullyQualifiedName)).toEqual(['reorg.test']);
    expect(node.dns.port).toBeGreaterThan(0);
    expect((await api('/v1/blockchains/bitcoin/subdomains_count')).body).toEqual({ names_count: 0 });
    expect((await api('/v1/subdomains?page=0')).body).toEqual([]);
    expect((await api(`/v1/subdomains/${'00'.repeat(32)}`)).body).toEqual([]);
    expect((await api('/v1/subdomains/xyz')).status).toBe(400);
    const results = (await api('/v1/search?query=foo')).body as { results: Array<{ fullyQualifiedName: string }> };
    expect(results.results.map((r) => r.fullyQualifiedName)).not.toContain('foo.test'); // revoked names are not searchable
  });
});

describe('POST /v1/broadcast/registration', () => {
  it('preorder now, register after the preorder confirms, zone file after the register confirms — across a restart', async () => {
    const zonefile = '$ORIGIN bcast.test\n$TTL 3600\n_http._tcp IN URI 10 1 "https://example.com/bcast/profile.json"\n';
    // Two disjoint sets of the payer's coins, so the register does not spend what the preorder spends.
    const { signer, utxos } = chain.coins(w5);
    const half = Math.floor(utxos.length / 2);
    const namespace = namespaceTerms(chain.store.getRow('namespace', 'test') as NamespaceRow);
    const preorder = buildNameTransaction(
      planNamePreorder({ params: chain.params, feeRate: 2, payer: { signer, utxos: utxos.slice(0, half) }, name: 'bcast.test', owner: w3.address, consensusHash: chain.ch(), namespace, height: chain.height + 1 }),
    );
    const register = buildNameTransaction(
      planNameRegistration({ params: chain.params, feeRate: 2, payer: { signer, utxos: utxos.slice(half) }, name: 'bcast.test', owner: w3.address, valueHash: zonefileHash(zonefile) }),
    );

    const reply = await postJson(node.apiUrl, '/v1/broadcast/registration', { preorderTransaction: preorder.hex, registerTransaction: register.hex, zoneFile: zonefile });
    expect(reply).toMatchObject({ status: 202, body: { status: true, message: 'Preorder and Register queued for broadcast.', preorderTxHash: preorder.txid, registerTxHash: register.txid } });
    
    // The queue survives a restart.
    await node.close();
    node = await createNode(config(), { logger: pino({ level: 'silent' }) });
    await synced();

    await chain.mine(1); // the preorder confirms; the broadcaster then sends the register
    await until('the register in the mempool', async () => (await chain.client.call<string[]>('getrawmempool')).includes(register.txid));
    await chain.mine(1); // the register confirms; the zone file is stored once the node has indexed it
    await until('the zone file to be stored', async () => ((await call(node.apiUrl, '/v1/names/bcast.test')).body as { zonefile?: string } | null)?.zonefile === zonefile);
    expect((await call(node.apiUrl, '/v1/names/bcast.test')).body).toMatchObject({ status: 'registered', address: w3.address, zonefile_hash: zonefileHash(zonefile) });
  });

  it('refuses what it cannot carry out with the original\'s 409 shape', async () => {
    const reply = await postJson(node.apiUrl, '/v1/broadcast/transaction', { transaction: 'abcd', transactionToWatch: 'ab'.repeat(32), confirmations: 2 });
    expect(reply).toMatchObject({ status: 409, body: { status: false } });
    const confirmations = await postJson(node.apiUrl, '/v1/broadcast/zone-file', { zoneFile: '$ORIGIN x.test\n', transactionToWatch: 'zz' });
    expect(confirmations.status).toBe(400);
  });
});
