import { describe, expect, it } from 'vitest';
import { DEVNET, consensusHash, createEngine, opsHash, openSqliteStore, previousSnapshotHeights, recordsOpsHash, type CanonicalRecord } from '../src/index.js';
import { Scenario, expectAccepted, wallet } from './state-helpers.js';

const [w0, w1, w2, w3] = [0, 1, 2, 3].map((i) => wallet(DEVNET, `engine wallet ${i}`)) as [ReturnType<typeof wallet>, ReturnType<typeof wallet>, ReturnType<typeof wallet>, ReturnType<typeof wallet>];

describe('engine', () => {
  it('stores the genesis pseudo-snapshots once and starts at the first block', () => {
    const store = openSqliteStore(':memory:');
    const engine = createEngine({ network: 'devnet', store });
    createEngine({ network: 'devnet', store });
    expect(engine.tip()).toBeNull();
    expect(store.dump().snapshots).toHaveLength(4);
    for (let h = DEVNET.firstBlock - 4; h < DEVNET.firstBlock; h++) expect(engine.consensusHashAt(h)).toBe(DEVNET.genesisConsensusHash);
  });

  it('an empty first block has the §6.5 "no ops, no previous hashes" consensus hash', () => {
    const s = new Scenario();
    const result = s.mine();
    expect(result.height).toBe(DEVNET.firstBlock);
    expect(result.opsHash).toBe(opsHash([]));
    expect(result.consensusHash).toBe('2a9148d8b13939723d2aca16c75c6d68');
  });

  it("each block's consensus hash is its accepted records' ops hash mixed with the skip list (§6.4)", () => {
    const s = new Scenario();
    s.createNamespace('test', w0, w1);
    const result = expectAccepted(s.mine(s.namePreorder('foo.test', w2, w3), s.namePreorder('bar.test', w2, w3)));
    const records = result.accepted.map((outcome) => outcome.record as CanonicalRecord);
    expect(result.opsHash).toBe(recordsOpsHash(records));
    const previous = previousSnapshotHeights(result.height, DEVNET.firstBlock).map((h) => s.ch(h));
    expect(result.consensusHash).toBe(consensusHash(recordsOpsHash(records), previous));
  });

  it('rejected and ignored operations do not change the consensus hash', () => {
    const a = new Scenario();
    const b = new Scenario();
    for (const s of [a, b]) s.createNamespace('test', w0, w1);
    const rejected = a.mine(a.nameRegister('nopreorder.test', w2, w3), { from: w2, operation: new TextEncoder().encode('id{'), outputs: [] });
    expect(rejected.rejected).toHaveLength(1);
    expect(rejected.consensusHash).toBe(b.mine().consensusHash);
  });

  it('keeps undo data only for maxReorgDepth blocks when asked', () => {
    const store = openSqliteStore(':memory:');
    const s = new Scenario(DEVNET, store);
    s.createNamespace('test', w0, w1);
    const engine = createEngine({ network: DEVNET, store, maxReorgDepth: 3 });
    const first = s.height + 1;
    for (let i = 0; i < 4; i++) engine.applyBlock(s.makeBlock([s.namePreorder(`name${i}.test`, w2, w3)]));
    for (let i = 0; i < 3; i++) engine.undoBlock(engine.tip()!);
    expect(engine.tip()).toBe(first);
    expect(() => engine.undoBlock(first)).toThrow(RangeError);
    expect(store.dump().rows.filter((row) => row.startsWith('preorder'))).toHaveLength(1);
  });

  it('operations change the consensus hash, and so do different ones', () => {
    const a = new Scenario();
    const b = new Scenario();
    for (const s of [a, b]) s.createNamespace('test', w0, w1);
    const one = a.mine(a.namePreorder('foo.test', w2, w3));
    const other = b.mine(b.namePreorder('bar.test', w2, w3));
    expect(one.consensusHash).not.toBe(other.consensusHash);
    expect(one.consensusHash).not.toBe(new Scenario().mine().consensusHash);
  });
});
