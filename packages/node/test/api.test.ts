import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BitcoindClient } from '@bsk/bitcoin';
import { DEVNET } from '@bsk/bns';
import { Scenario, wallet, type Wallet } from '../../bns/test/state-helpers.js';
import { BroadcastQueue, Broadcaster, broadcastRoutes, createApi, openZonefileStore, usersRoute, zonefileEntriesOf, type SqliteZonefileStore } from '../src/index.js';
import { call, postJson } from './support/http.js';
import { scenarioContext } from './support/scenario-context.js';

/*
 * The REST API over an engine filled by the bns scenario kit (blocks built in memory, no chain):
 * expiry and grace-period shapes that need a short namespace lifetime, and bad input on every route
 * (property-based) — always a 4xx with a JSON body, never a 5xx, and the server keeps serving.
 */

let scenario: Scenario;
let zonefiles: SqliteZonefileStore;
let app: FastifyInstance;
let base: string;
let dir: string;
let queue: BroadcastQueue;
let payer: Wallet, owner: Wallet;

function apply(specs: Parameters<Scenario['mine']>): void {
  const result = scenario.mine(...specs);
  zonefiles.noteOnChain(zonefileEntriesOf(result));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bsk-node-api-'));
  scenario = new Scenario(DEVNET);
  zonefiles = openZonefileStore({ directory: dir });
  payer = wallet(DEVNET, 'payer');
  owner = wallet(DEVNET, 'owner');
  const revealer = wallet(DEVNET, 'revealer');
  // A namespace whose names live 10 blocks (devnet: multiplier 1, grace 5).
  apply([scenario.namespacePreorder('short', payer, revealer)]);
  apply([scenario.namespaceReveal('short', payer, revealer, { lifetime: 10 })]);
  apply([scenario.namespaceReady('short', revealer)]);
  apply([scenario.namePreorder('gone.short', payer, owner, 640_000)]);
  apply([scenario.nameRegister('gone.short', payer, owner)]);
  for (let i = 0; i < 8; i++) apply([]);
  apply([scenario.namePreorder('grace.short', payer, owner, 640_000)]);
  apply([scenario.nameRegister('grace.short', payer, owner)]);
  for (let i = 0; i < 11; i++) apply([]);

  const context = scenarioContext(scenario, zonefiles, () => base);
  // A backend nobody listens at: broadcasts that get that far fail, which must come back as a 4xx/5xx-free refusal.
  const backend = new BitcoindClient({ url: 'http://127.0.0.1:9/', network: 'regtest', retries: 0, timeoutMs: 500 });
  queue = new BroadcastQueue(new Database(':memory:'));
  const broadcaster = new Broadcaster({ backend, queue, zonefiles, logger: pino({ level: 'silent' }), confirmations: 1 });
  app = await createApi({ context, logger: pino({ level: 'silent' }), plugins: [usersRoute(context), broadcastRoutes(broadcaster)] });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await app?.close();
  queue?.close();
  zonefiles?.close();
  scenario?.store.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('expiry and the grace period (bns.md §4.20, client.py get_name_record)', () => {
  it('a name past its renewal deadline answers 404 "Name expired"', async () => {
    expect(await call(base, '/v1/names/gone.short')).toMatchObject({ status: 404, body: { error: 'Name expired' } });
    expect(await call(base, '/v1/names/gone.short/zonefile')).toMatchObject({ status: 404, body: { error: 'Name expired' } });
  });

  it('a name between its expire block and renewal deadline is served with grace_period true', async () => {
    const { status, body } = await call(base, '/v1/names/grace.short');
    expect(status).toBe(200);
    const info = body as { grace_period: boolean; expire_block: number; renewal_deadline: number };
    expect(info.grace_period).toBe(true);
    expect(info.expire_block).toBeLessThanOrEqual(scenario.height);
    expect(info.renewal_deadline).toBeGreaterThan(scenario.height);
    expect(info.renewal_deadline - info.expire_block).toBe(5);
  });

  it('listings keep grace-period names and drop expired ones unless all=true', async () => {
    expect((await call(base, '/v1/names?page=0')).body).toEqual(['grace.short']);
    expect((await call(base, '/v1/names?page=0&all=true')).body).toEqual(['gone.short', 'grace.short']);
    expect((await call(base, '/v1/blockchains/bitcoin/name_count?all=1')).body).toEqual({ names_count: 2 });
    expect((await call(base, `/v1/addresses/bitcoin/${owner.address}`)).body).toEqual({ names: ['grace.short'] });
  });

  it('profiles of grace-period names are not served (as the original)', async () => {
    expect(await call(base, '/v1/users/grace.short')).toMatchObject({ status: 404, body: { error: 'Name expired' } });
  });
});

const ROUTES = [
  '/v1/names/{}',
  '/v1/names/{}/history',
  '/v1/names/{}/history?page={}',
  '/v1/names?page={}',
  '/v1/names/{}/zonefile',
  '/v1/names/{}/zonefile/{}',
  '/v1/zonefiles/{}',
  '/v1/addresses/{}/{}',
  '/v1/namespaces/{}',
  '/v1/namespaces/{}/names?page={}',
  '/v1/namespaces/{}/name_count',
  '/v1/prices/names/{}',
  '/v2/prices/names/{}',
  '/v1/prices/namespaces/{}',
  '/v2/prices/namespaces/{}',
  '/v1/blockchains/{}/consensus',
  '/v1/blockchains/bitcoin/consensus/{}',
  '/v1/blockchains/bitcoin/consensus-block/{}',
  '/v1/blockchains/{}/name_count',
  '/v1/blockchains/{}/names/{}',
  '/v1/blockchains/{}/subdomains_count',
  '/v1/subdomains?page={}',
  '/v1/subdomains/{}',
  '/v1/users/{}',
];

const nasty = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', '..', '.', '%00', 'FOO.ID', 'foo..id', 'a.b.c.d', ' ', '-1', '99999999999999999999', 'a'.repeat(300), 'x'.repeat(5000), '0x12', 'NaN', '{}', '[]'),
);

describe('bad input on every route', () => {
  it('GET routes answer 4xx (or a valid answer) with a JSON body, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), fc.array(nasty, { minLength: 3, maxLength: 3 }), async (route, values) => {
        let i = 0;
        const path = route.replace(/\{\}/g, () => encodeURIComponent(values[i++] ?? ''));
        const reply = await call(base, path);
        expect(reply.status).toBeLessThan(500);
        if (reply.status >= 400) expect(typeof reply.body === 'object' && reply.body !== null).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('POST routes refuse malformed bodies with a 4xx', async () => {
    const body = fc.oneof(fc.jsonValue(), fc.record({ zonefile: fc.jsonValue(), zonefile_b64: fc.jsonValue() }, { requiredKeys: [] }), fc.record({ transaction: fc.jsonValue(), transactionToWatch: fc.jsonValue(), confirmations: fc.jsonValue(), preorderTransaction: fc.jsonValue(), registerTransaction: fc.jsonValue(), zoneFile: fc.jsonValue() }, { requiredKeys: [] }));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/v1/zonefile', '/v1/broadcast/transaction', '/v1/broadcast/zone-file', '/v1/broadcast/registration'), body, async (path, value) => {
        const reply = await postJson(base, path, value);
        expect(reply.status).toBeGreaterThanOrEqual(400);
        expect(reply.status).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
    const raw = await call(base, '/v1/zonefile', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(raw.status).toBe(400);
  });

  it('still serves afterwards', async () => {
    expect(await call(base, '/v1/node/ping')).toMatchObject({ status: 200, body: { status: 'alive' } });
    expect((await call(base, '/v1/names/grace.short')).status).toBe(200);
    expect(queue.waiting()).toEqual([]);
  });
});
