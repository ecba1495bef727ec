import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
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
  /** Mines a block and tells the cache what it touched, as createNode's indexer listener does. */
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
  // No block is undone here: the state version never moves.
  const version = 0;
  let cache: StateCache | null = null;
  const mine = (...specs: Parameters<Scenario['mine']>) => {
    const result = scenario.mine(...specs);
    expect(result.rejected).toEqual([]);
    zonefiles.noteOnChain(zonefileEntriesOf(result));
    // As createNode's indexer listener does.
    cache?.blockApplied(result.accepted.flatMap((op) => op.history.map((entry) => entry.history_id)));
  };
  const payer = wallet(DEVNET, 'payer');
  scenario.createNamespace('test', payer, wallet(DEVNET, 'revealer'));
  for (const name of names) {
    mine(scenario.namePreorder(name, payer, wallet(DEVNET, `owner of ${name}`)));
    mine(scenario.nameRegister(name, payer, wallet(DEVNET, `owner of ${name}`), zonefileHash(zonefileOf(name))));
  }
  cache = new StateCache(scenario.engine, () => version, budgetBytes);
  const stopStored = zonefiles.onStored((hash) => cache?.zonefileStored(hash));
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

  it('a block drops the answers of the names it touched and keeps the others', async () => {
    const { scenario, cache, base, mine } = await fixture(['foo.test', 'bar.test']);
    const before = await nameInfo(base, 'foo.test');
    await nameInfo(base, 'bar.test');
    const newOwner = wallet(DEVNET, 'new owner');
    mine(scenario.nameTransfer('foo.test', wallet(DEVNET, 'owner of foo.test'), newOwner, true));
    const after = await nameInfo(base, 'foo.test');
    expect(before.address).toBe(wallet(DEVNET, 'owner of foo.test').address);
    expect(after.address).toBe(newOwner.address);
    await nameInfo(base, 'bar.test');
    expect(cache.nameLookups).toEqual({ hits: 1, misses: 3 });
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

describe('cached answers against uncached ones, block by block', () => {
  type Step = 'wait' | 'update' | 'transfer' | 'renew' | 'zonefile' | 'undo' | 'namespace' | 'ready';
  const step = fc.record({ kind: fc.constantFrom<Step>('wait', 'wait', 'update', 'transfer', 'renew', 'zonefile', 'undo', 'namespace', 'ready'), pick: fc.nat() });

  it('after every block applied or undone and every zone file stored, GET /v1/names/{name} answers as a node without the cache does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 30 }), async (steps) => {
        const dir = mkdtempSync(join(tmpdir(), 'bsk-node-answer-model-'));
        const scenario = new Scenario(DEVNET);
        const zonefiles = openZonefileStore({ directory: dir });
        let version = 0;
        const cache = new StateCache(scenario.engine, () => version);
        const stopStored = zonefiles.onStored((hash) => cache.zonefileStored(hash));
        const cached = await createApi({ context: { ...scenarioContext(scenario, zonefiles, () => ''), stateVersion: () => version, stateCache: cache }, logger: pino({ level: 'silent' }) });
        const uncached = await createApi({ context: scenarioContext(scenario, zonefiles, () => ''), logger: pino({ level: 'silent' }) });
        try {
          const payer = wallet(DEVNET, 'payer');
          const wallets = Array.from({ length: 4 }, (_, i) => wallet(DEVNET, `wallet ${i}`));
          const texts = new Map<string, string>();
          let serial = 0;
          const newZonefile = (name: string) => {
            const text = zonefileOf(`${name} ${serial++}`);
            texts.set(zonefileHash(text), text);
            return zonefileHash(text);
          };
          const mine = (...specs: Parameters<Scenario['mine']>) => {
            const result = scenario.mine(...specs);
            zonefiles.noteOnChain(zonefileEntriesOf(result));
            cache.blockApplied(result.accepted.flatMap((op) => op.history.map((entry) => entry.history_id)));
            return result;
          };
          const setUp = (...specs: Parameters<Scenario['mine']>) => expect(mine(...specs).rejected).toEqual([]);
          // Names that live 10 blocks (devnet grace: 5 more) beside names that live long.
          setUp(scenario.namespacePreorder('shortlived', payer, wallets[3]!));
          setUp(scenario.namespaceReveal('shortlived', payer, wallets[3]!, { lifetime: 10 }));
          setUp(scenario.namespaceReady('shortlived', wallets[3]!));
          setUp(scenario.namespacePreorder('longlived', payer, wallets[3]!));
          setUp(scenario.namespaceReveal('longlived', payer, wallets[3]!));
          setUp(scenario.namespaceReady('longlived', wallets[3]!));
          const names = ['alpha.shortlived', 'bravo.shortlived', 'charlie.longlived'];
          names.forEach((name, i) => {
            setUp(scenario.namePreorder(name, payer, wallets[i]!, 640_000));
            setUp(scenario.nameRegister(name, payer, wallets[i]!, newZonefile(name)));
          });
          // An imported name in a namespace revealed but not ready: readying it changes the name's expiry.
          setUp(scenario.namespacePreorder('imported', payer, wallets[3]!));
          setUp(scenario.namespaceReveal('imported', payer, wallets[3]!, { lifetime: 10 }));
          setUp(scenario.nameImport('delta.imported', wallets[3]!, wallets[0]!, newZonefile('delta.imported')));
          names.push('delta.imported');
          const firstUndoable = scenario.height + 1;
          const ownerOf = (name: string) => wallets.find((w) => w.script === scenario.store.getRow('name', name)?.sender) ?? wallets[0]!;
          const compare = async () => {
            for (const name of [...names, 'nobody.shortlived']) {
              const [ours, theirs] = await Promise.all([cached.inject(`/v1/names/${name}`), uncached.inject(`/v1/names/${name}`)]);
              expect({ name, status: ours.statusCode, body: ours.json() }).toEqual({ name, status: theirs.statusCode, body: theirs.json() });
            }
          };
          await compare();
          await compare();
          let namespaces = 0;
          for (const { kind, pick } of steps) {
            const name = names[pick % names.length]!;
            if (kind === 'wait') mine();
            else if (kind === 'update') mine(scenario.nameUpdate(name, ownerOf(name), newZonefile(name)));
            else if (kind === 'transfer') mine(scenario.nameTransfer(name, ownerOf(name), wallets[pick % 3]!, pick % 2 === 0));
            else if (kind === 'renew') mine(scenario.nameRenew(name, ownerOf(name)));
            else if (kind === 'namespace') mine(scenario.namespacePreorder(`ns${namespaces++}`, payer, wallets[3]!));
            else if (kind === 'ready') mine(scenario.namespaceReady('imported', wallets[3]!));
            else if (kind === 'zonefile') {
              const hash = scenario.store.getRow('name', name)?.value_hash ?? null;
              if (hash !== null && texts.has(hash)) zonefiles.put(new TextEncoder().encode(texts.get(hash)!));
            } else if (scenario.height >= firstUndoable) {
              scenario.engine.undoBlock(scenario.height);
              version++;
            }
            await compare();
            await compare();
          }
          expect(cache.nameLookups.hits).toBeGreaterThan(0);
        } finally {
          await cached.close();
          await uncached.close();
          stopStored();
          zonefiles.close();
          scenario.store.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 12 },
    );
  });
});
