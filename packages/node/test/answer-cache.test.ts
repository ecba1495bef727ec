import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { DEVNET } from '@bsk/bns';
import { zonefileHash } from '@bsk/crypto';
import { Scenario, wallet } from '../../bns/test/state-helpers.js';
import { StateCache, answerBytes, createApi, openZonefileStore, zonefileEntriesOf, type SqliteZonefileStore } from '../src/index.js';
import { call } from './support/http.js';
import { scenarioContext } from './support/scenario-context.js';

/*
 * GET /v1/names/{name}'s answer cache (api/state-cache.ts) through the real API: a block drops every
 * answer, a zone file arriving drops the answers that showed it missing, and the memory budget
 * bounds what is kept without changing what is answered.
 */

const zonefileOf = (name: string) => `$ORIGIN ${name}\n$TTL 3600\n_http._tcp IN URI 10 1 "https://gaia.example/hub/${name}/profile.json"\n`;

interface Fixture {
  readonly scenario: Scenario;
  readonly zonefiles: SqliteZonefileStore;
  readonly cache: StateCache;
  readonly base: string;
  /** Mines a block and moves the state version, as createNode's indexer hook does. */
  mine(...specs: Parameters<Scenario['mine']>): void;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function fixture(names: readonly string[], budgetBytes?: number): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'bsk-node-answer-cache-'));
  const scenario = new Scenario(DEVNET);
  const zonefiles = openZonefileStore({ directory: dir });
  let version = 0;
  const mine = (...specs: Parameters<Scenario['mine']>) => {
    const result = scenario.mine(...specs);
    expect(result.rejected).toEqual([]);
    zonefiles.noteOnChain(zonefileEntriesOf(result));
    version++;
  };
  const payer = wallet(DEVNET, 'payer');
  scenario.createNamespace('test', payer, wallet(DEVNET, 'revealer'));
  for (const name of names) {
    mine(scenario.namePreorder(name, payer, wallet(DEVNET, `owner of ${name}`)));
    mine(scenario.nameRegister(name, payer, wallet(DEVNET, `owner of ${name}`), zonefileHash(zonefileOf(name))));
  }
  const cache = new StateCache(scenario.engine, () => version, budgetBytes);
  const stopStored = zonefiles.onStored((hash) => cache.zonefileStored(hash));
  let base = '';
  const context = { ...scenarioContext(scenario, zonefiles, () => base), stateVersion: () => version, stateCache: cache };
  const app: FastifyInstance = await createApi({ context, logger: pino({ level: 'silent' }) });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  cleanups.push(async () => {
    await app.close();
    stopStored();
    zonefiles.close();
    scenario.store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { scenario, zonefiles, cache, base, mine };
}

const nameInfo = async (base: string, name: string) => {
  const reply = await call(base, `/v1/names/${name}`);
  expect(reply.status).toBe(200);
  return reply.body as { zonefile: string | null; zonefile_hash: string; address: string };
};

describe('the name answer cache', () => {
  it('serves a second lookup from the cache, and a zone file that arrives drops only the answers that lacked it', async () => {
    const { zonefiles, cache, base } = await fixture(['foo.test', 'bar.test']);
    expect((await nameInfo(base, 'foo.test')).zonefile).toBeNull();
    expect((await nameInfo(base, 'bar.test')).zonefile).toBeNull();
    expect(cache.nameLookups).toEqual({ hits: 0, misses: 2 });
    expect((await nameInfo(base, 'foo.test')).zonefile).toBeNull();
    expect(cache.nameLookups).toEqual({ hits: 1, misses: 2 });

    zonefiles.put(new TextEncoder().encode(zonefileOf('foo.test')));
    expect(cache.nameAnswers.count).toBe(1);
    expect((await nameInfo(base, 'foo.test')).zonefile).toBe(zonefileOf('foo.test'));
    expect((await nameInfo(base, 'bar.test')).zonefile).toBeNull();
    expect(cache.nameLookups).toEqual({ hits: 2, misses: 3 });
  });

  it('drops every answer when a block moves the state version', async () => {
    const { scenario, cache, base, mine } = await fixture(['foo.test']);
    const before = await nameInfo(base, 'foo.test');
    const newOwner = wallet(DEVNET, 'new owner');
    mine(scenario.nameTransfer('foo.test', wallet(DEVNET, 'owner of foo.test'), newOwner, true));
    const after = await nameInfo(base, 'foo.test');
    expect(before.address).toBe(wallet(DEVNET, 'owner of foo.test').address);
    expect(after.address).toBe(newOwner.address);
    expect(cache.nameLookups).toEqual({ hits: 0, misses: 2 });
  });

  it('keeps within its memory budget and answers exactly what an uncached node answers', async () => {
    const names = ['alpha.test', 'bravo.test', 'charlie.test', 'delta.test', 'echo.test'];
    const roomy = await fixture(names);
    const answers = new Map<string, unknown>();
    for (const name of names) answers.set(name, await nameInfo(roomy.base, name));
    const oneAnswer = Math.max(...names.map((name) => answerBytes(name, JSON.stringify(answers.get(name)))));
    // Room for two answers of this size: lookups in turn keep evicting the oldest.
    const tight = await fixture(names, 2 * oneAnswer + 10);
    for (let round = 0; round < 3; round++) {
      for (const name of names) {
        expect(await nameInfo(tight.base, name)).toEqual(answers.get(name));
        expect(tight.cache.nameAnswers.bytes).toBeLessThanOrEqual(2 * oneAnswer + 10);
        expect(tight.cache.nameAnswers.count).toBeLessThanOrEqual(2);
      }
    }
    expect(tight.cache.nameLookups.hits).toBe(0);
    // Evicted answers that lacked their zone file are forgotten: storing it later drops nothing and breaks nothing.
    tight.zonefiles.put(new TextEncoder().encode(zonefileOf('alpha.test')));
    expect((await nameInfo(tight.base, 'alpha.test')).zonefile).toBe(zonefileOf('alpha.test'));
    expect((await nameInfo(tight.base, 'echo.test')).zonefile).toBeNull();
  });
});
