import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVNET } from '@bsk/bns';
import { Scenario, expectAccepted, wallet } from '../../bns/test/state-helpers.js';
import { createApi, liveForSearch, openSearchIndex, openZonefileStore, searchRoutes, type SearchIndex, type SqliteZonefileStore } from '../src/index.js';
import { call } from './support/http.js';
import { scenarioContext } from './support/scenario-context.js';

/*
 * Search forgets names whose on-chain name expired or was revoked, with the node's own liveness rule
 * (liveForSearch, what createNode registers): names expire because blocks go by, so the check is
 * made when search answers. Names in their grace period are still found, as the API still serves them.
 */

let scenario: Scenario;
let zonefiles: SqliteZonefileStore;
let search: SearchIndex;
let app: FastifyInstance;
let base: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bsk-search-expiry-'));
  scenario = new Scenario(DEVNET);
  zonefiles = openZonefileStore({ directory: dir });
  search = openSearchIndex({ directory: dir });
  const payer = wallet(DEVNET, 'payer');
  const owner = wallet(DEVNET, 'owner');
  const revealer = wallet(DEVNET, 'revealer');
  const mine = (...specs: Parameters<Scenario['mine']>) => expectAccepted(scenario.mine(...specs));
  // Names of `brief` live 10 blocks, then 5 of grace (devnet).
  mine(scenario.namespacePreorder('brief', payer, revealer));
  mine(scenario.namespaceReveal('brief', payer, revealer, { lifetime: 10 }));
  mine(scenario.namespaceReady('brief', revealer));
  for (const name of ['lapsed.brief', 'graceful.brief', 'fresh.brief', 'revoked.brief']) {
    mine(scenario.namePreorder(name, payer, owner, 640_000));
    mine(scenario.nameRegister(name, payer, owner));
    if (name === 'lapsed.brief') scenario.wait(6);
    if (name === 'graceful.brief') scenario.wait(9);
  }
  mine(scenario.nameRevoke('revoked.brief', owner));
  // A subdomain is shown only while its on-chain name lives.
  search.upsertNames(['lapsed.brief', 'revoked.brief', 'graceful.brief', 'fresh.brief', 'sub.lapsed.brief', 'sub.fresh.brief']);

  const context = scenarioContext(scenario, zonefiles, () => base);
  app = await createApi({ context, logger: pino({ level: 'silent' }), plugins: [async (instance) => instance.register(searchRoutes, { search, isLive: liveForSearch(context) })] });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await app?.close();
  search?.close();
  zonefiles?.close();
  scenario?.store.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('GET /v1/search and expiry', () => {
  it('the fixture has one name past its deadline, one in its grace period, one revoked, one fresh', async () => {
    expect(await call(base, '/v1/names/lapsed.brief')).toMatchObject({ status: 404, body: { error: 'Name expired' } });
    expect(await call(base, '/v1/names/graceful.brief')).toMatchObject({ status: 200, body: { grace_period: true } });
    expect(await call(base, '/v1/names/revoked.brief')).toMatchObject({ status: 200, body: { status: 'revoked' } });
    expect(await call(base, '/v1/names/fresh.brief')).toMatchObject({ status: 200, body: { grace_period: false } });
  });

  it('finds live names and their subdomains only', async () => {
    const { status, body } = await call(base, '/v1/search?query=brief');
    expect(status).toBe(200);
    const found = (body as { results: { fullyQualifiedName: string }[] }).results.map((r) => r.fullyQualifiedName).sort();
    expect(found).toEqual(['fresh.brief', 'graceful.brief', 'sub.fresh.brief']);
  });

  it('a lapsed name is not found even by its exact name', async () => {
    expect((await call(base, '/v1/search?query=lapsed')).body).toEqual({ results: [] });
  });
});
