import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Block } from '@bsk/bitcoin';
import { createEngine, openSqliteStore, type Store } from '@bsk/bns';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { replayHistory, sqliteFloors, SyntheticChain } from './index.js';

/*
 * The fast path bench/index measures (blocks applied in groups in one transaction, no undo data for
 * blocks deeper than maxReorgDepth below the tip, on-disk SQLite) must reach exactly the state of
 * the plain path: every block applied alone, all undo data kept, in memory.
 */

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function consensusHashes(store: Store, from: number, to: number): (string | null)[] {
  const hashes: (string | null)[] = [];
  for (let height = from; height <= to; height++) hashes.push(store.consensusHashAt(height));
  return hashes;
}

describe('bench/index synthetic chain', () => {
  it('indexed in groups without deep undo data, it reaches the state and consensus hashes of block-by-block indexing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bsk-bench-index-test-'));
    dirs.push(dir);
    const chain = new SyntheticChain({ blocks: 30, ops: 1500, seed: 7 });
    const { firstBlock } = chain.params;
    const last = firstBlock + chain.blocks - 1;
    const depth = 6;
    const fast = createEngine({ network: chain.params, store: openSqliteStore(join(dir, 'names.sqlite')), maxReorgDepth: depth });
    const blocks: Block[] = [];
    let accepted = 0;
    let rejected = 0;
    let consensusHash = chain.params.genesisConsensusHash;
    while (!chain.done) {
      const group: Block[] = [];
      while (group.length < 4 && !chain.done) group.push(chain.nextBlock(consensusHash));
      blocks.push(...group);
      for (const result of fast.applyBlocks(group, { chainTip: last })) {
        accepted += result.accepted.length;
        rejected += result.rejected.length;
        consensusHash = result.consensusHash;
      }
    }
    expect(accepted + rejected).toBe(chain.operations);
    expect(accepted).toBeGreaterThan(chain.operations * 0.95);
    expect(rejected).toBeGreaterThan(0);

    const plain = createEngine({ network: chain.params, store: openSqliteStore(':memory:') });
    for (const block of blocks) plain.applyBlock(block);
    expect(consensusHashes(fast.store, firstBlock, last)).toEqual(consensusHashes(plain.store, firstBlock, last));
    expect(fast.store.dump()).toEqual(plain.store.dump());

    // The blocks within maxReorgDepth of the tip kept their undo data; older ones cannot be undone.
    expect(fast.store.undoFloor()).toBe(last - depth + 1);
    for (let height = last; height > last - depth; height--) {
      fast.undoBlock(height);
      plain.undoBlock(height);
    }
    expect(fast.store.dump()).toEqual(plain.store.dump());
    expect(() => fast.undoBlock(last - depth)).toThrow(RangeError);
    fast.store.close();
  });

  it("its reference, the store alone, writes the engine's history, name and namespace rows and consensus hashes", () => {
    const dir = mkdtempSync(join(tmpdir(), 'bsk-bench-index-test-'));
    dirs.push(dir);
    const chain = new SyntheticChain({ blocks: 24, ops: 1200, seed: 11 });
    const { firstBlock } = chain.params;
    const last = firstBlock + chain.blocks - 1;
    const engine = createEngine({ network: chain.params, store: openSqliteStore(join(dir, 'engine.sqlite')), maxReorgDepth: 6 });
    let consensusHash = chain.params.genesisConsensusHash;
    while (!chain.done) consensusHash = engine.applyBlock(chain.nextBlock(consensusHash), { chainTip: last }).consensusHash;
    const replay = openSqliteStore(join(dir, 'replay.sqlite'));
    const result = replayHistory(engine.store, replay, firstBlock, last);
    expect(result.seconds).toBeGreaterThan(0);
    expect(result.cpuSeconds).toBeGreaterThan(0);

    // Rows: every name and namespace row (pending preorders are left out by design).
    const stateRows = (store: Store) => store.dump().rows.filter((row) => row.startsWith('name ') || row.startsWith('namespace '));
    expect(stateRows(replay).length).toBeGreaterThan(chain.operations / 5);
    expect(stateRows(replay)).toEqual(stateRows(engine.store));
    for (let height = firstBlock; height <= last; height++) {
      expect(replay.historyAtBlock(height)).toEqual(engine.store.historyAtBlock(height));
    }
    expect(consensusHashes(replay, firstBlock, last)).toEqual(consensusHashes(engine.store, firstBlock, last));
    expect(replay.lastBlock()).toBe(last);
    replay.close();
    engine.store.close();
  });

  it('its SQLite floors write the records they claim: the bench mix of registrations and updates, or history alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bsk-bench-index-test-'));
    dirs.push(dir);
    const floors = sqliteFloors(3500, 35, dir);
    expect(floors.map((floor) => floor.label)).toEqual(['one transaction per block', 'one transaction per 96 blocks', 'history rows alone, one transaction per 96 blocks']);
    for (const floor of floors) expect(floor.cpuSeconds).toBeGreaterThan(0);
    const count = (file: string, table: string) => {
      const db = new Database(join(dir, file), { readonly: true });
      try {
        return db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
      } finally {
        db.close();
      }
    };
    // The mix: 2/7 preorders write nothing, 2/7 registrations a name and two history rows, 3/7 updates one.
    const names = count('floor-1-names.sqlite', 'names');
    const history = count('floor-1-names.sqlite', 'history');
    expect(names).toBeGreaterThan(3500 * 0.2);
    expect(names).toBeLessThan(3500 * 0.4);
    expect(history - 2 * names).toBeGreaterThan(3500 * 0.35);
    expect(history - 2 * names).toBeLessThan(3500 * 0.5);
    expect(count('floor-96-names.sqlite', 'history')).toBe(history);
    expect(count('floor-96-history.sqlite', 'history')).toBe(3500);
    expect(count('floor-96-history.sqlite', 'names')).toBe(0);
    // Every name points at a history row holding its newest record.
    const db = new Database(join(dir, 'floor-1-names.sqlite'), { readonly: true });
    expect(db.prepare('SELECT COUNT(*) FROM names n JOIN history h ON h.seq = n.seq AND h.history_id = n.key').pluck().get()).toBe(names);
    db.close();
  });
});
