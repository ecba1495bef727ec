import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { zonefileHash } from '@bsk/crypto';
import type { SubdomainRecord as SubdomainOperation } from '@bsk/crypto';
import { ScenarioChain, expectAllAccepted, type KitWallet } from '../../bns/test/scenarios/kit.js';
import { createNode, makeSubdomainOperation, packSubdomainBatch, type BskNode, type NodeConfig } from '../src/index.js';
import { call, postJson } from './support/http.js';

/*
 * Subdomain scenarios of cli-and-scenarios.md B.6 #36–38 end to end: a devnet chain, real NAME_REGISTRATION
 * and NAME_UPDATE transactions whose zone-file hashes carry subdomain batches, the zone files posted
 * to the node, and the subdomains read back through the REST API, DNS (`dig`) and search.
 */

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

let chain: ScenarioChain;
let node: BskNode;
let dataDir: string;
let w0: KitWallet, w1: KitWallet, w2: KitWallet, w3: KitWallet, w4: KitWallet, w5: KitWallet;

const subZonefile = (label: string, n: number) => `$ORIGIN ${label}\n$TTL 300\n@ IN A 203.0.113.${n}\n_http._tcp URI 10 1 "https://hub.example/${label}/${n}/profile.json"\n`;

function config(): Partial<NodeConfig> {
  return { network: 'devnet', bitcoindUrl: chain.devnet.url, bitcoindUser: 'bsk', bitcoindPassword: 'scenario', dataDir, apiPort: 0, dnsPort: 0, pollInterval: 0.05, logLevel: 'silent' };
}

async function synced(): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (node.engine.tip() !== chain.height) {
    if (Date.now() > deadline) throw new Error(`node at ${node.engine.tip()}, chain at ${chain.height}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const api = (path: string) => call(node.apiUrl, path);

/** A domain zone file carrying these operations, as the registrar publishes it. */
function batch(operations: SubdomainOperation[]): string {
  const packed = packSubdomainBatch({ domain: 'foo.test', operations, maxBytes: 40960 });
  expect(packed.deferred).toEqual([]);
  return packed.zonefile;
}

/** NAME_UPDATE of foo.test to this zone file's hash, mined; the zone file itself is posted or not. */
async function update(zonefile: string, post = true): Promise<string> {
  const result = await chain.block(chain.update('foo.test', w3, zonefileHash(zonefile)));
  expectAllAccepted(result);
  await synced();
  if (post) expect((await postJson(node.apiUrl, '/v1/zonefile', { zonefile })).status).toBe(200);
  return result.sent[0]!.txid;
}

const op = (label: string, owner: KitWallet, sequence: number, signer?: KitWallet) =>
  makeSubdomainOperation({ fqn: `${label}.foo.test`, owner: owner.address, sequence, zonefile: subZonefile(label, sequence + 1), signingKey: signer?.privateKey });

beforeAll(async () => {
  chain = await ScenarioChain.start();
  [w0, w1, w2, w3, w4, w5] = chain.standardWallets();
  dataDir = mkdtempSync(join(tmpdir(), 'bsk-subdomains-e2e-'));
  node = await createNode(config(), { logger: pino({ level: 'silent' }) });
  await chain.createNamespace('test', w0, w1);
  const creation = batch([op('bar', w4, 0), op('baz', w4, 0)]);
  await chain.registerName('foo.test', w2, w3, zonefileHash(creation));
  await synced();
  expect((await postJson(node.apiUrl, '/v1/zonefile', { zonefile: creation })).status).toBe(200);
});

afterAll(async () => {
  await node?.close();
  await chain?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('name_pre_regup_subdomain: created by the registration’s zone file', () => {
  it('GET /v1/names/bar.foo.test resolves with exactly the embedded zone file', async () => {
    const { status, body } = await api('/v1/names/bar.foo.test');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'registered_subdomain', zonefile: subZonefile('bar', 1), zonefile_hash: zonefileHash(subZonefile('bar', 1)), address: w4.address, blockchain: 'bitcoin' });
    expect((await api('/v1/blockchains/bitcoin/subdomains_count')).body).toEqual({ names_count: 2 });
    expect((await api(`/v1/addresses/bitcoin/${w4.address}`)).body).toMatchObject({ names: expect.arrayContaining(['bar.foo.test', 'baz.foo.test']) });
  });

  it('dig answers for the subdomain from its zone file; search finds it', async () => {
    const dig = promisify(execFile)('dig', ['@127.0.0.1', '-p', String(node.dns.port), '+short', '+time=3', '+tries=1', 'bar.foo.test', 'A']);
    const { stdout } = await dig.catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new Error('`dig` is not installed (Debian dnsutils; dns.test.ts installs it when run as root)') : error;
    });
    expect(stdout.trim()).toBe('203.0.113.1');
    const found = (await api('/v1/search?query=baz')).body as { results: { fullyQualifiedName: string }[] };
    expect(found.results.map((r) => r.fullyQualifiedName)).toContain('baz.foo.test');
  });
});

describe('name_pre_regup_subdomain_seq_xfer: updates and transfers signed by the current owner', () => {
  it('a transfer (sequence 1, signed by the owner) moves bar.foo.test; a forged one does not', async () => {
    await update(batch([op('bar', w5, 1, w4)]));
    expect((await api('/v1/names/bar.foo.test')).body).toMatchObject({ address: w5.address, zonefile: subZonefile('bar', 2) });
    await update(batch([op('bar', w0, 2, w4)]));
    expect((await api('/v1/names/bar.foo.test')).body).toMatchObject({ address: w5.address });
    const ops = (await api(`/v1/subdomains/${chain.results.get(chain.height)!.accepted[0]!.txid}`)).body as { accepted: number; sequence: number }[];
    expect(ops).toMatchObject([{ accepted: 0, sequence: 2 }]);
  });
});

describe('name_pre_regup_subdomain_holes: a zone file arriving late is applied in chain order', () => {
  it('sequence 3 waits for the withheld sequence 2, then both apply', async () => {
    const second = batch([op('bar', w1, 2, w5)]);
    await update(second, false);
    await update(batch([op('bar', w2, 3, w1)]));
    expect((await api('/v1/names/bar.foo.test')).body).toMatchObject({ address: w5.address });
    expect((await postJson(node.apiUrl, '/v1/zonefile', { zonefile: second })).status).toBe(200);
    expect((await api('/v1/names/bar.foo.test')).body).toMatchObject({ address: w2.address, zonefile: subZonefile('bar', 4) });
    expect(node.subdomains.history('bar.foo.test').map((h) => [h.sequence, h.owner])).toEqual([
      [0, w4.address],
      [1, w5.address],
      [2, w1.address],
      [3, w2.address],
    ]);
  });

  it('after a restart the node answers the same', async () => {
    await node.close();
    node = await createNode(config(), { logger: pino({ level: 'silent' }) });
    await synced();
    expect((await api('/v1/names/bar.foo.test')).body).toMatchObject({ address: w2.address });
    expect(node.subdomains.history('bar.foo.test')).toHaveLength(4);
  });
});
