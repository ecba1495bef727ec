import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DEVNET, countNames, createEngine, lookupName, openSqliteStore, type Store } from '../src/index.js';
import { Scenario, expectAccepted, wallet } from './state-helpers.js';

const [w0, w1, w2, w3, w4] = [0, 1, 2, 3, 4].map((i) => wallet(DEVNET, `store wallet ${i}`)) as [ReturnType<typeof wallet>, ReturnType<typeof wallet>, ReturnType<typeof wallet>, ReturnType<typeof wallet>, ReturnType<typeof wallet>];
const H11 = '11'.repeat(20);
const H22 = '22'.repeat(20);

const dirs: string[] = [];
function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bsk-bns-store-'));
  dirs.push(dir);
  return join(dir, 'names.sqlite');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SQLite store on a file', () => {
  it('uses WAL and survives a close and reopen: the engine carries on from its tip', () => {
    const path = tempPath();
    const s = new Scenario(DEVNET, openSqliteStore(path));
    s.createNamespace('test', w0, w1);
    s.registerName('foo.test', w2, w3);
    expect(existsSync(`${path}-wal`)).toBe(true);
    const dump = s.store.dump();
    const tip = s.height;
    s.store.close();

    const reopened = new Scenario(DEVNET, openSqliteStore(path));
    expect(reopened.store.dump()).toEqual(dump);
    expect(reopened.height).toBe(tip);
    expectAccepted(reopened.mine(reopened.nameUpdate('foo.test', w3, H11)));
    expect(reopened.store.getRow('name', 'foo.test')!.value_hash).toBe(H11);
    reopened.store.close();
  });

  it('a transaction that throws leaves nothing behind (one transaction per block)', () => {
    const store = openSqliteStore(tempPath());
    const before = store.dump();
    expect(() =>
      store.transaction(() => {
        store.setSnapshot(10, { consensusHash: 'ab'.repeat(16), opsHash: 'cd'.repeat(32) });
        store.setLastBlock(10);
        store.addUndo(10, { kind: 'keychain', key: 'test', before: null });
        throw new Error('crash in the middle of a block');
      }),
    ).toThrow('crash');
    expect(store.dump()).toEqual(before);
    expect(store.takeUndo(10)).toEqual([]);
    store.close();
  });

  it('a block whose application fails is not half applied', () => {
    const s = new Scenario(DEVNET, openSqliteStore(tempPath()));
    s.createNamespace('test', w0, w1);
    const before = s.store.dump();
    const store = s.store;
    const original = store.setSnapshot.bind(store);
    store.setSnapshot = () => {
      throw new Error('disk full');
    };
    expect(() => s.mine(s.namePreorder('foo.test', w2, w3))).toThrow('disk full');
    store.setSnapshot = original;
    expect(store.dump()).toEqual(before);
    expectAccepted(s.mine(s.namePreorder('foo.test', w2, w3)));
    store.close();
  });
});

describe('SQLite store caches (write-through; bench/index)', () => {
  it('a rolled-back transaction leaves nothing in the caches either', () => {
    const s = new Scenario(DEVNET, openSqliteStore(tempPath()));
    s.createNamespace('test', w0, w1);
    s.registerName('foo.test', w2, w3);
    const row = s.store.getRow('name', 'foo.test')!;
    const owned = s.store.namesOwnedBy(w3.script).map((name) => name.name);
    const tip = s.store.lastBlock();
    expect(() =>
      s.store.transaction(() => {
        s.store.setRow('name', 'foo.test', { ...row, sender: w4.script, address: w4.address, value_hash: H22 });
        s.store.setRow('name', 'new.test', { ...row, name: 'new.test', name_hash128: 'ab'.repeat(16) });
        s.store.setSnapshot(tip! + 1, { consensusHash: 'cd'.repeat(16), opsHash: 'ef'.repeat(32) });
        s.store.setLastBlock(tip! + 1);
        expect(s.store.namesOwnedBy(w4.script).map((name) => name.name)).toEqual(['foo.test']);
        throw new Error('crash in the middle of a block');
      }),
    ).toThrow('crash');
    expect(s.store.getRow('name', 'foo.test')).toEqual(row);
    expect(s.store.getRow('name', 'new.test')).toBeNull();
    expect(s.store.nameByHash128('ab'.repeat(16))).toBeNull();
    expect(s.store.namesOwnedBy(w3.script).map((name) => name.name)).toEqual(owned);
    expect(s.store.namesOwnedBy(w4.script)).toEqual([]);
    expect(s.store.consensusHashAt(tip! + 1)).toBeNull();
    expect(s.store.lastBlock()).toBe(tip);
    s.store.close();
  });

  it("a second connection on the same file sees the writer's later blocks (its caches notice other commits)", () => {
    const path = tempPath();
    const s = new Scenario(DEVNET, openSqliteStore(path));
    s.createNamespace('test', w0, w1);
    s.registerName('foo.test', w2, w3);
    const reader = openSqliteStore(path);
    expect(reader.getRow('name', 'foo.test')!.value_hash).toBeNull();
    expect(reader.namesOwnedBy(w4.script)).toEqual([]);
    const tip = reader.lastBlock();
    expectAccepted(s.mine(s.nameUpdate('foo.test', w3, H11)));
    expectAccepted(s.mine(s.nameTransfer('foo.test', w3, w4)));
    expect(reader.getRow('name', 'foo.test')).toMatchObject({ value_hash: H11, address: w4.address });
    expect(reader.namesOwnedBy(w4.script).map((name) => name.name)).toEqual(['foo.test']);
    expect(reader.lastBlock()).toBe(tip! + 2);
    expect(reader.consensusHashAt(tip! + 2)).toBe(s.ch());
    reader.close();
    s.store.close();
  });
});

describe('groups applied without commit (ApplyOptions.commit: false)', () => {
  it('are held: this connection reads them, another sees them only when a later group commits them all together', () => {
    const path = tempPath();
    const s = new Scenario(DEVNET, openSqliteStore(path));
    s.createNamespace('test', w0, w1);
    const reader = openSqliteStore(path);
    const committed = s.height;
    s.engine.applyBlocks([s.makeBlock([s.namePreorder('foo.test', w2, w3)])], { commit: false });
    s.engine.applyBlock(s.makeBlock([s.nameRegister('foo.test', w2, w3, H11)]), { commit: false });
    expect(s.store.lastBlock()).toBe(committed + 2);
    expect(s.store.getRow('name', 'foo.test')).toMatchObject({ value_hash: H11, address: w3.address });
    expect(s.store.namesOwnedBy(w3.script).map((row) => row.name)).toEqual(['foo.test']);
    expect(reader.lastBlock()).toBe(committed);
    expect(reader.getRow('name', 'foo.test')).toBeNull();
    expectAccepted(s.mine(s.nameUpdate('foo.test', w3, H22)));
    expect(reader.lastBlock()).toBe(committed + 3);
    expect(reader.getRow('name', 'foo.test')).toMatchObject({ value_hash: H22 });
    expect(reader.dump()).toEqual(s.store.dump());
    reader.close();
    s.store.close();
  });

  it('a later group that throws drops the held ones with its own; a query or close() commits them', () => {
    const path = tempPath();
    const s = new Scenario(DEVNET, openSqliteStore(path));
    s.createNamespace('test', w0, w1);
    const committed = s.height;
    const dump = s.store.dump();
    s.engine.applyBlocks([s.makeBlock([s.namePreorder('foo.test', w2, w3)])], { commit: false });
    expect(() => s.engine.applyBlocks([s.makeBlock([], committed + 5)])).toThrow(RangeError);
    expect(s.store.lastBlock()).toBe(committed);
    expect(s.store.dump()).toEqual(dump);

    s.engine.applyBlocks([s.makeBlock([s.namePreorder('foo.test', w2, w3)])], { commit: false });
    // Any statement that reaches SQLite sends the held writes first, in one transaction of their own.
    expect(s.store.nameCount()).toBe(0);
    const reader = openSqliteStore(path);
    expect(reader.lastBlock()).toBe(committed + 1);
    s.engine.applyBlocks([s.makeBlock([s.nameRegister('foo.test', w2, w3)])], { commit: false });
    s.store.close();
    expect(reader.lastBlock()).toBe(committed + 2);
    expect(reader.getRow('name', 'foo.test')).toMatchObject({ address: w3.address });
    reader.close();
  });
});

describe('store queries for the API', () => {
  function populated(): { s: Scenario; registered: number; updated: number; transferred: number } {
    const s = new Scenario();
    s.createNamespace('test', w0, w1);
    s.registerName('foo.test', w2, w3, { valueHash: H11 });
    const registered = s.height;
    s.registerName('bar.test', w2, w3);
    s.registerName('baz.test', w2, w4);
    expectAccepted(s.mine(s.nameUpdate('foo.test', w3, H22)));
    const updated = s.height;
    expectAccepted(s.mine(s.nameTransfer('foo.test', w3, w4)));
    const transferred = s.height;
    return { s, registered, updated, transferred };
  }

  it("a name's record at the tip and at a height", () => {
    const { s, registered, updated, transferred } = populated();
    expect(s.store.nameAt('foo.test', registered - 1)).toBeNull();
    expect(s.store.nameAt('foo.test', registered)).toMatchObject({ op: ':', value_hash: H11, address: w3.address });
    expect(s.store.nameAt('foo.test', updated)).toMatchObject({ op: '+', value_hash: H22, address: w3.address });
    expect(s.store.nameAt('foo.test', transferred)).toMatchObject({ op: '>>', value_hash: H22, address: w4.address });
    expect(s.store.getRow('name', 'foo.test')).toEqual(s.store.nameAt('foo.test', s.height));
  });

  it('names by owner address, namespaces, names by page, name count', () => {
    const { s } = populated();
    expect(s.store.namesOwnedByAddress(w4.address).map((row) => row.name)).toEqual(['baz.test', 'foo.test']);
    expect(s.store.namesOwnedByAddress(w3.address).map((row) => row.name)).toEqual(['bar.test']);
    expect(s.store.namespaceIds()).toEqual(['test']);
    expect(s.store.namespaceNamesPage('test', 0, 2)).toEqual(['bar.test', 'baz.test']);
    expect(s.store.namespaceNamesPage('test', 1, 2)).toEqual(['foo.test']);
    expect(s.store.namespaceNamesPage('test', 2, 2)).toEqual([]);
    expect(s.store.nameCount()).toBe(3);
  });

  it("a name's history and zone-file hashes by block range", () => {
    const { s, registered, updated } = populated();
    expect(s.store.history('foo.test').map((entry) => [entry.op, entry.block_id, entry.opcode])).toEqual([
      ['?', registered - 1, 'NAME_PREORDER'],
      [':', registered, 'NAME_REGISTRATION'],
      ['+', updated, 'NAME_UPDATE'],
      ['>>', updated + 1, 'NAME_TRANSFER'],
    ]);
    expect(s.store.history('foo.test')[1]!.creator_address).toBe(w3.address);
    expect(s.store.zonefileHashes(0, s.height).map((z) => [z.name, z.blockHeight, z.valueHash])).toEqual([
      ['foo.test', registered, H11],
      ['foo.test', updated, H22],
      ['foo.test', updated + 1, H22],
    ]);
    expect(s.store.zonefileHashes(updated, updated).map((z) => z.valueHash)).toEqual([H22]);
  });

  it('consensus hash at a height, including the genesis pseudo-snapshots', () => {
    const { s } = populated();
    expect(s.store.consensusHashAt(DEVNET.firstBlock - 1)).toBe(DEVNET.genesisConsensusHash);
    expect(s.store.consensusHashAt(s.height)).toMatch(/^[0-9a-f]{32}$/);
    expect(s.store.consensusHashAt(s.height + 1)).toBeNull();
  });
});

describe("the API's indexes (built at the tip, not while catching up)", () => {
  const QUERY_INDEXES = ['history_by_block', 'history_by_txid', 'rows_by_address', 'rows_by_namespace'];
  function indexesOf(path: string): string[] {
    const db = new Database(path, { readonly: true });
    try {
      const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
      return names.filter((name) => QUERY_INDEXES.includes(name));
    } finally {
      db.close();
    }
  }
  function answers(store: Store, s: Scenario, txid: string) {
    return {
      byAddress: [w2, w3, w4].map((w) => store.namesOwnedByAddress(w.address)),
      inNamespace: store.namesInNamespace('test'),
      pages: [0, 1, 2].map((page) => store.namespaceNamesPage('test', page, 2)),
      zonefiles: store.zonefileHashes(0, s.height),
      atBlocks: Array.from({ length: 12 }, (_, i) => store.historyAtBlock(s.height - i)),
      byTxid: store.historyOfTxid(txid),
    };
  }
  function play(s: Scenario): string {
    s.createNamespace('test', w0, w1);
    s.registerName('foo.test', w2, w3, { valueHash: H11 });
    s.registerName('bar.test', w2, w3);
    expectAccepted(s.mine(s.nameTransfer('foo.test', w3, w4)));
    return s.store.history('foo.test').at(-1)!.txid;
  }

  it('a store that caught up without them builds them on its first query and answers as one that kept them throughout; later blocks keep them', () => {
    const [lazyPath, eagerPath] = [tempPath(), tempPath()];
    const lazy = new Scenario(DEVNET, openSqliteStore(lazyPath));
    const eager = new Scenario(DEVNET, openSqliteStore(eagerPath));
    eager.store.buildQueryIndexes();
    const lazyTxid = play(lazy);
    const eagerTxid = play(eager);
    expect(lazyTxid).toBe(eagerTxid);
    expect(indexesOf(lazyPath)).toEqual([]);
    expect(indexesOf(eagerPath)).toEqual(QUERY_INDEXES);
    expect(answers(lazy.store, lazy, lazyTxid)).toEqual(answers(eager.store, eager, eagerTxid));
    expect(indexesOf(lazyPath)).toEqual(QUERY_INDEXES);
    for (const s of [lazy, eager]) {
      s.registerName('baz.test', w2, w4);
      expectAccepted(s.mine(s.nameTransfer('bar.test', w3, w4)));
    }
    expect(answers(lazy.store, lazy, lazyTxid)).toEqual(answers(eager.store, eager, eagerTxid));
    expect(lazy.store.namesOwnedByAddress(w4.address).map((row) => row.name)).toEqual(['bar.test', 'baz.test', 'foo.test']);
    expect(lazy.store.dump()).toEqual(eager.store.dump());
    lazy.store.close();
    eager.store.close();
    const reopened = openSqliteStore(lazyPath);
    expect(indexesOf(lazyPath)).toEqual(QUERY_INDEXES);
    reopened.close();
  });

  it('a build inside a transaction that rolls back is undone, and the next query builds them again', () => {
    const path = tempPath();
    const s = new Scenario(DEVNET, openSqliteStore(path));
    const txid = play(s);
    expect(() =>
      s.store.transaction(() => {
        s.store.buildQueryIndexes();
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    expect(indexesOf(path)).toEqual([]);
    expect(s.store.historyOfTxid(txid)).toMatchObject({ history_id: 'foo.test', op: '>>' });
    expect(indexesOf(path)).toEqual(QUERY_INDEXES);
    s.store.buildQueryIndexes();
    s.store.close();
  });
});

describe('name lookups for the API (bns.md §4.20; B.6 #26, #28)', () => {
  it('live and total name counts follow expiry and re-registration (B.6 #28)', () => {
    const s = new Scenario();
    s.createNamespace('test', w0, w1, { lifetime: 4 });
    const counts = () => [countNames(s.params, s.store), countNames(s.params, s.store, { includeExpired: true })];
    expect(counts()).toEqual([0, 0]);
    s.registerName('foo.test', w2, w3, { fee: 6_400_000 });
    expect(counts()).toEqual([1, 1]);
    s.wait(4 + 5 + 1);
    expect(counts()).toEqual([0, 1]);
    s.registerName('foo2.test', w2, w3, { fee: 6_400_000 });
    expect(counts()).toEqual([1, 2]);
    s.registerName('foo.test', w2, w4, { fee: 6_400_000 });
    expect(counts()).toEqual([2, 2]);
  });

  it('a name in its grace period is returned with grace_period set, and not after its renewal deadline', () => {
    const s = new Scenario();
    s.createNamespace('test', w0, w1, { lifetime: 4 });
    s.registerName('foo.test', w2, w3, { fee: 6_400_000 });
    const registered = s.height;
    expect(lookupName(s.params, s.store, 'foo.test')).toMatchObject({ expireBlock: registered + 4, renewalDeadline: registered + 9, gracePeriod: false });
    s.wait(4);
    expect(lookupName(s.params, s.store, 'foo.test')).toMatchObject({ gracePeriod: true });
    s.wait(5);
    expect(lookupName(s.params, s.store, 'foo.test')).toMatchObject({ gracePeriod: false }); // the `≥` of §4.20: one more block
    s.wait(1);
    expect(lookupName(s.params, s.store, 'foo.test')).toBeNull();
    expect(lookupName(s.params, s.store, 'nope.test')).toBeNull();
  });
});

describe('crash safety (issue 4: SIGKILL during indexing)', () => {
  /**
   * Runs the indexer child to `target` (in groups of `group` blocks when given); with `killAt`,
   * SIGKILLs it as soon as it reports that height (so the kill lands somewhere in the blocks after
   * it). Resolves to the last height it reported.
   */
  async function runIndexer(path: string, target: number, killAt: number | null, group?: number, commitEvery?: number): Promise<number> {
    const { spawn } = await import('node:child_process');
    const { fileURLToPath } = await import('node:url');
    const child = fileURLToPath(new URL('./store-crash-child.ts', import.meta.url));
    const args = ['--conditions=source', '--import', 'tsx', child, path, String(target), ...(group === undefined ? [] : [String(group)]), ...(commitEvery === undefined ? [] : [String(commitEvery)])];
    return new Promise<number>((resolve) => {
      const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
      let last = 0;
      let buffered = '';
      proc.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const line of lines) if (/^\d+$/.test(line)) last = Number(line);
        if (killAt !== null && last >= killAt) proc.kill('SIGKILL');
      });
      proc.once('exit', () => resolve(last));
    });
  }

  function expectSameStore(path: string, expected: ReturnType<Store['dump']>): void {
    const resumed = openSqliteStore(path);
    const { rows, snapshots, lastBlock } = resumed.dump();
    expect({ rows, snapshots, lastBlock }).toEqual({ rows: expected.rows, snapshots: expected.snapshots, lastBlock: expected.lastBlock });
    expect(resumed.dump().history).toEqual(expected.history);
    resumed.close();
  }

  it('an indexer killed (SIGKILL) four times mid-indexing resumes to the state and consensus hashes of an uninterrupted run', async () => {
    const { indexCrashChain } = await import('./store-crash-child.js');
    const target = DEVNET.firstBlock + 120;
    const path = tempPath();
    const start = DEVNET.firstBlock;
    for (const killAt of [start + 10, start + 35, start + 60, start + 90]) {
      const reached = await runIndexer(path, target, killAt);
      expect(reached).toBeGreaterThanOrEqual(killAt);
      expect(reached).toBeLessThan(target);
    }
    expect(await runIndexer(path, target, null)).toBe(target);
    const reference = new Scenario();
    indexCrashChain(reference, target);
    expectSameStore(path, reference.store.dump());
  }, 120_000);

  it('a batched catch-up (applyBlocks, groups of 7, no deep undo data) killed three times resumes to the state of an uninterrupted run', async () => {
    const { CRASH_REORG_DEPTH, indexCrashChainInGroups } = await import('./store-crash-child.js');
    const target = DEVNET.firstBlock + 84;
    const path = tempPath();
    const start = DEVNET.firstBlock;
    for (const killAt of [start + 13, start + 34, start + 55]) {
      const reached = await runIndexer(path, target, killAt, 7);
      expect(reached).toBeGreaterThanOrEqual(killAt);
      expect(reached).toBeLessThan(target);
      // Only whole groups are ever committed.
      expect((reached - start + 1) % 7).toBe(0);
    }
    expect(await runIndexer(path, target, null, 7)).toBe(target);
    const grouped = new Scenario();
    indexCrashChainInGroups(grouped, target, 7);
    expectSameStore(path, grouped.store.dump());
    // The undo data kept near the tip still undoes: back to the state of the same chain indexed to that height.
    const resumed = createEngine({ network: DEVNET, store: openSqliteStore(path), maxReorgDepth: CRASH_REORG_DEPTH });
    for (let height = target; height > target - CRASH_REORG_DEPTH; height--) resumed.undoBlock(height);
    expect(() => resumed.undoBlock(target - CRASH_REORG_DEPTH)).toThrow(RangeError);
    const shorter = new Scenario();
    indexCrashChainInGroups(shorter, target - CRASH_REORG_DEPTH, 7);
    expect(resumed.store.dump()).toEqual(shorter.store.dump());
    resumed.store.close();
  }, 120_000);

  it('a catch-up that commits every third group of 7 (the others held uncommitted) killed three times loses only the held groups and resumes to the same state', async () => {
    const { indexCrashChainInGroups } = await import('./store-crash-child.js');
    const target = DEVNET.firstBlock + 84;
    const path = tempPath();
    const start = DEVNET.firstBlock;
    let heldLost = 0;
    for (const killAt of [start + 13, start + 41, start + 62]) {
      const reached = await runIndexer(path, target, killAt, 7, 3);
      expect(reached).toBeGreaterThanOrEqual(killAt);
      expect(reached).toBeLessThan(target);
      const store = openSqliteStore(path);
      const committed = store.lastBlock();
      store.close();
      // Only every third group commits, with the two held before it.
      if (committed !== null && committed >= start) expect((committed - start + 1) % 21).toBe(0);
      expect(committed ?? start - 1).toBeLessThanOrEqual(reached);
      if ((committed ?? start - 1) < reached) heldLost++;
    }
    // The kills landed while groups were held at least once (those blocks were indexed again).
    expect(heldLost).toBeGreaterThan(0);
    expect(await runIndexer(path, target, null, 7, 3)).toBe(target);
    const grouped = new Scenario();
    indexCrashChainInGroups(grouped, target, 7);
    expectSameStore(path, grouped.store.dump());
  }, 120_000);
});
