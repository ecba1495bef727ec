import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVNET, type BlockResult } from '@bsk/bns';
import { getPublicKeyFromPrivate, makeZoneFile, nameConsensusHash, publicKeyToAddress, signProfileToken, subdomainToTxtRecord, wrapProfileToken, zonefileHash } from '@bsk/crypto';
import { Scenario, expectAccepted, wallet, type Wallet } from '../../bns/test/state-helpers.js';
import { createApi, didRoute, makeSubdomainOperation, openSubdomainIndex, openZonefileStore, zonefileEntriesOf, type SqliteZonefileStore, type SubdomainIndex } from '../src/index.js';
import { call } from './support/http.js';
import { scenarioContext } from './support/scenario-context.js';

/*
 * GET /v1/blockchains/bitcoin/operations/{height}, …/transactions/{txid} and …/consensus-block/{ch}
 * (bns.md §9.5; rpc.py GET_blockchain_ops, GET_transaction_status; db.py
 * namedb_get_all_blockstack_ops_at) over an engine filled by the bns scenario kit.
 */

let scenario: Scenario;
let zonefiles: SqliteZonefileStore;
let subdomains: SubdomainIndex;
/** Serves the subdomain's profile file, as a Gaia hub would. */
let profileServer: Server;
const SUBDOMAIN_KEY = '07'.repeat(32);
const subdomainProfile = { '@type': 'Person', '@context': 'http://schema.org', name: 'Sub Domain' };
let app: FastifyInstance;
let base: string;
let dir: string;
let payer: Wallet, owner: Wallet, buyer: Wallet, revealer: Wallet;
const blocks = new Map<string, BlockResult>();

function mine(label: string, ...specs: Parameters<Scenario['mine']>): BlockResult {
  const result = expectAccepted(scenario.mine(...specs));
  zonefiles.noteOnChain(zonefileEntriesOf(result));
  blocks.set(label, result);
  return result;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bsk-node-blockchain-'));
  scenario = new Scenario(DEVNET);
  zonefiles = openZonefileStore({ directory: dir });
  payer = wallet(DEVNET, 'payer');
  owner = wallet(DEVNET, 'owner');
  buyer = wallet(DEVNET, 'buyer');
  revealer = wallet(DEVNET, 'revealer');
  mine('ns-preorder', scenario.namespacePreorder('blocks', payer, revealer));
  mine('ns-reveal', scenario.namespaceReveal('blocks', payer, revealer));
  mine('ns-ready', scenario.namespaceReady('blocks', revealer));
  // Two preorders in one block: one is registered later, the other stays pending.
  mine('preorders', scenario.namePreorder('kept.blocks', payer, owner), scenario.namePreorder('pending.blocks', payer, buyer));
  mine('register', scenario.nameRegister('kept.blocks', payer, owner));
  mine('update', scenario.nameUpdate('kept.blocks', owner, 'ab'.repeat(20)));
  mine('transfer', scenario.nameTransfer('kept.blocks', owner, buyer, false));
  mine('empty');
  // A namespace whose names live 10 blocks (then 5 of grace, devnet): one name past its renewal
  // deadline, one in its grace period.
  mine('short-preorder', scenario.namespacePreorder('short', payer, revealer));
  mine('short-reveal', scenario.namespaceReveal('short', payer, revealer, { lifetime: 10 }));
  mine('short-ready', scenario.namespaceReady('short', revealer));
  for (const name of ['lapsed.short', 'grace.short']) {
    mine(`${name} preorder`, scenario.namePreorder(name, payer, owner, 640_000));
    mine(name, scenario.nameRegister(name, payer, owner));
    scenario.wait(name === 'lapsed.short' ? 6 : 9);
  }
  // A domain whose zone file names a resolver and carries one subdomain, whose profile is served here.
  const profileFile = JSON.stringify([wrapProfileToken(signProfileToken(subdomainProfile, SUBDOMAIN_KEY))]);
  profileServer = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(profileFile));
  await new Promise<void>((resolve) => profileServer.listen(0, '127.0.0.1', resolve));
  const { port } = profileServer.address() as { port: number };
  const subdomainOwner = publicKeyToAddress(getPublicKeyFromPrivate(SUBDOMAIN_KEY), 'testnet');
  const subZonefile = `$ORIGIN sub.parent.blocks\n$TTL 3600\n_http._tcp URI 10 1 "http://127.0.0.1:${port}/sub/profile.json"\n`;
  const domainZonefile = makeZoneFile(
    {
      $origin: 'parent.blocks',
      $ttl: 3600,
      uri: [{ name: '_resolver', priority: 10, weight: 1, target: 'https://registrar.example' }],
      txt: [subdomainToTxtRecord(makeSubdomainOperation({ fqn: 'sub.parent.blocks', owner: subdomainOwner, sequence: 0, zonefile: subZonefile }))],
    },
    '{$origin}\n{$ttl}\n{uri}\n{txt}\n',
  );
  mine('parent preorder', scenario.namePreorder('parent.blocks', payer, owner));
  mine('parent', scenario.nameRegister('parent.blocks', payer, owner, zonefileHash(domainZonefile)));
  zonefiles.put(new TextEncoder().encode(domainZonefile));
  subdomains = openSubdomainIndex({ directory: dir, zonefiles });
  subdomains.catchUp();

  const context = { ...scenarioContext(scenario, zonefiles, () => base), subdomains };
  app = await createApi({ context, logger: pino({ level: 'silent' }), plugins: [didRoute(context)] });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await app?.close();
  profileServer?.close();
  subdomains?.close();
  zonefiles?.close();
  scenario?.store.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const heightOf = (label: string): number => blocks.get(label)!.height;
const txidOf = (label: string, index = 0): string => blocks.get(label)!.accepted[index]!.txid;

async function operations(label: string): Promise<Record<string, unknown>[]> {
  const { status, body } = await call(base, `/v1/blockchains/bitcoin/operations/${heightOf(label)}`);
  expect(status).toBe(200);
  return body as Record<string, unknown>[];
}

describe('GET /v1/blockchains/bitcoin/operations/{height}', () => {
  it('lists a block\'s pending preorders first, then the preorders later registrations consumed, by vtxindex', async () => {
    const ops = await operations('preorders');
    expect(ops.map((op) => [op.opcode, op.txid])).toEqual([
      ['NAME_PREORDER', txidOf('preorders', 1)],
      ['NAME_PREORDER', txidOf('preorders', 0)],
    ]);
    const pending = ops[0]!;
    expect(pending).toMatchObject({ op: '?', block_number: heightOf('preorders'), address: payer.address, sender: payer.script, burn_address: DEVNET.burnAddress });
    expect(typeof pending.preorder_hash).toBe('string');
    expect(typeof pending.op_fee).toBe('number');
  });

  it('shows registrations, updates and transfers in their canonical form (op_canonicalize)', async () => {
    const [register] = await operations('register');
    expect(register).toMatchObject({ opcode: 'NAME_REGISTRATION', op: ':', name: 'kept.blocks', txid: txidOf('register'), address: owner.address });
    expect(register).not.toHaveProperty('last_creation_op');

    const [update] = await operations('update');
    expect(update).toMatchObject({ opcode: 'NAME_UPDATE', op: '+', value_hash: 'ab'.repeat(20) });
    expect(update!.name_consensus_hash).toBe(nameConsensusHash('kept.blocks', update!.consensus_hash as string));

    const [transfer] = await operations('transfer');
    expect(transfer).toMatchObject({ opcode: 'NAME_TRANSFER', op: '>~', keep_data: false, address: buyer.address });
  });

  it('gives namespace buckets as the reference printed them (Python str of the list)', async () => {
    const [reveal] = await operations('ns-reveal');
    expect(reveal).toMatchObject({ opcode: 'NAMESPACE_REVEAL', namespace_id: 'blocks' });
    expect(reveal!.buckets).toMatch(/^\[\d+(, \d+){15}\]$/);
  });

  it('answers [] for a block without operations and one not yet processed', async () => {
    expect(await operations('empty')).toEqual([]);
    expect(await call(base, `/v1/blockchains/bitcoin/operations/${scenario.height + 50}`)).toMatchObject({ status: 200, body: [] });
  });

  it('refuses block 0 and heights above 1e7 with 400, other chains with 404', async () => {
    expect(await call(base, '/v1/blockchains/bitcoin/operations/0')).toMatchObject({ status: 400, body: { error: 'Invalid block' } });
    expect(await call(base, '/v1/blockchains/bitcoin/operations/10000001')).toMatchObject({ status: 400, body: { error: 'Invalid block' } });
    expect((await call(base, '/v1/blockchains/bitcoin/operations/abc')).status).toBe(400);
    expect(await call(base, `/v1/blockchains/ethereum/operations/${heightOf('register')}`)).toMatchObject({ status: 404, body: { error: 'Unsupported blockchain' } });
  });
});

describe('GET /v1/blockchains/bitcoin/transactions/{txid}', () => {
  it('reports an accepted operation with its block, position and opcode, in the reference envelope', async () => {
    const { status, body } = await call(base, `/v1/blockchains/bitcoin/transactions/${txidOf('update').toUpperCase()}`);
    expect(status).toBe(200);
    expect(body).toEqual({
      indexing: false,
      lastblock: scenario.height,
      status: true,
      tx: { block_height: heightOf('update'), op: 'NAME_UPDATE', status: 'accepted', vtxindex: blocks.get('update')!.accepted[0]!.vtxindex },
    });
  });

  it('reports a consumed preorder as accepted at its own block', async () => {
    const { body } = await call(base, `/v1/blockchains/bitcoin/transactions/${txidOf('preorders', 0)}`);
    expect((body as { tx: unknown }).tx).toMatchObject({ status: 'accepted', op: 'NAME_PREORDER', block_height: heightOf('preorders') });
  });

  it('reports a transaction it did not index as ignored', async () => {
    expect((await call(base, `/v1/blockchains/bitcoin/transactions/${'00'.repeat(32)}`)).body).toMatchObject({ status: true, tx: { status: 'ignored' } });
  });

  it('refuses a malformed txid with 400 and other chains with 404', async () => {
    expect((await call(base, '/v1/blockchains/bitcoin/transactions/1234')).status).toBe(400);
    expect((await call(base, `/v1/blockchains/bitcoin/transactions/${'zz'.repeat(32)}`)).status).toBe(400);
    expect(await call(base, `/v1/blockchains/ethereum/transactions/${'00'.repeat(32)}`)).toMatchObject({ status: 404, body: { error: 'Unsupported blockchain' } });
  });
});

describe('GET /v1/blockchains/bitcoin/consensus-block/{consensus_hash}', () => {
  it('finds any processed block by its consensus hash, however old', async () => {
    for (const label of ['ns-preorder', 'update', 'empty']) {
      const height = heightOf(label);
      expect((await call(base, `/v1/blockchains/bitcoin/consensus-block/${scenario.ch(height)}`)).body).toEqual({ block_height: height });
    }
    expect(await call(base, `/v1/blockchains/bitcoin/consensus-block/${'0'.repeat(32)}`)).toMatchObject({ status: 404, body: { error: 'No block for this consensus hash' } });
  });
});

describe('GET /v1/blockchains/bitcoin/names/{name}', () => {
  it('gives the name\'s record sanitized as blockstackd did, with deadlines, resolver and grace_period', async () => {
    const { status, body } = await call(base, '/v1/blockchains/bitcoin/names/parent.blocks');
    expect(status).toBe(200);
    const record = body as Record<string, unknown>;
    expect(record).toMatchObject({ name: 'parent.blocks', op: ':', opcode: 'NAME_REGISTRATION', address: owner.address, expired: false, grace_period: false, resolver: 'https://registrar.example' });
    expect(record).not.toHaveProperty('last_creation_op');
    expect(typeof record.token_fee).toBe('string');
    expect(Buffer.from(record.zonefile as string, 'base64').toString()).toContain('$ORIGIN parent.blocks');
    expect(record.renewal_deadline).toBeGreaterThan(record.expire_block as number);
  });

  it('a transferred name shows its transfer\'s canonical fields', async () => {
    expect((await call(base, '/v1/blockchains/bitcoin/names/kept.blocks')).body).toMatchObject({ opcode: 'NAME_TRANSFER', keep_data: false, address: buyer.address });
  });

  it('a name in its grace period has grace_period true and expired true; past its deadline it is 404 "Name expired"', async () => {
    expect(await call(base, '/v1/blockchains/bitcoin/names/grace.short')).toMatchObject({ status: 200, body: { grace_period: true, expired: true } });
    expect(await call(base, '/v1/blockchains/bitcoin/names/lapsed.short')).toMatchObject({ status: 404, body: { error: 'Name expired' } });
    expect(await call(base, '/v1/blockchains/bitcoin/names/nobody.blocks')).toMatchObject({ status: 404, body: { error: 'Not found.' } });
  });

  it('gives a subdomain\'s record as Subdomain.to_json did, with its domain\'s resolver', async () => {
    const { status, body } = await call(base, '/v1/blockchains/bitcoin/names/sub.parent.blocks');
    expect(status).toBe(200);
    const record = body as Record<string, unknown>;
    expect(record).toMatchObject({ name: 'sub.parent.blocks', domain: 'parent.blocks', sequence: 0, block_number: heightOf('parent'), txid: txidOf('parent'), resolver: 'https://registrar.example' });
    const zonefile = Buffer.from(record.zonefile as string, 'base64');
    expect(zonefile.toString()).toContain('$ORIGIN sub.parent.blocks');
    expect(record.value_hash).toBe(zonefileHash(zonefile));
    expect(await call(base, '/v1/blockchains/bitcoin/names/nobody.parent.blocks')).toMatchObject({ status: 404, body: { error: 'Failed to load subdomain' } });
  });
});

describe('subdomain DIDs (util.py make_DID, subdomains.py get_DID_subdomain)', () => {
  it('name its first owner under the subdomain version byte and its rank; the DID resolves to its profile and key', async () => {
    const did = ((await call(base, '/v1/blockchains/bitcoin/names/sub.parent.blocks')).body as { did: string }).did;
    // devnet is a test network: single-sig owners become version-127 addresses.
    expect(did).toMatch(/^did:stack:v0:[1-9A-HJ-NP-Za-km-z]{25,35}-0$/);
    expect(did).not.toContain(publicKeyToAddress(getPublicKeyFromPrivate(SUBDOMAIN_KEY), 'testnet'));
    expect((await call(base, '/v1/names/sub.parent.blocks')).body).toMatchObject({ status: 'registered_subdomain', did });

    const publicKey = getPublicKeyFromPrivate(SUBDOMAIN_KEY);
    const { status, body } = await call(base, `/v1/dids/${did}`);
    expect(status).toBe(200);
    expect(body).toEqual({ public_key: publicKey, document: { ...subdomainProfile, '@context': 'https://w3id.org/did/v1', publicKey: [{ id: did, type: 'secp256k1', publicKeyHex: publicKey }] } });
    expect(await call(base, `/v1/dids/${did.replace(/-0$/, '-1')}`)).toMatchObject({ status: 404, body: { error: 'Failed to get DID record: Not found.' } });
  });
});
