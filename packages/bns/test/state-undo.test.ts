import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Block } from '@bsk/bitcoin';
import { DEVNET, type StoreDump } from '../src/index.js';
import { Scenario, type TxSpec, type Wallet, wallet } from './state-helpers.js';

/*
 * Undo and reorganisations (issue 4 "State machine … so a reorganisation rolls back and re-applies
 * cleanly"): apply N random blocks, undo k, and the store is exactly what it was after block N − k;
 * re-applying gives back the same state and consensus hashes; a different branch ends in the state
 * a fresh index of that chain produces.
 */

const wallets = [0, 1, 2, 3, 4, 5].map((i) => wallet(DEVNET, `undo wallet ${i}`));
const names = ['foo.test', 'bar.test', 'baz.test', 'qux.test'];

type Action =
  | { kind: 'preorder' | 'register' | 'update' | 'transfer' | 'renew' | 'revoke' | 'import'; name: number; a: number; b: number; byte: number }
  | { kind: 'garbage'; bytes: Uint8Array };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('preorder', 'register', 'update', 'transfer', 'renew', 'revoke', 'import'),
    name: fc.nat(names.length - 1),
    a: fc.nat(wallets.length - 1),
    b: fc.nat(wallets.length - 1),
    byte: fc.nat(255),
  }),
  fc.record({ kind: fc.constant('garbage' as const), bytes: fc.uint8Array({ maxLength: 40 }).map((tail) => Uint8Array.from([0x69, 0x64, ...tail])) }),
);

const blocksArbitrary = fc.array(fc.array(action, { maxLength: 6 }), { minLength: 1, maxLength: 10 });

function spec(s: Scenario, act: Action): TxSpec {
  if (act.kind === 'garbage') return { from: wallets[0]!, operation: act.bytes, outputs: [{ script: wallets[0]!.script, value: 5500 }] };
  const name = names[act.name]!;
  const a: Wallet = wallets[act.a]!;
  const b: Wallet = wallets[act.b]!;
  const hash = act.byte.toString(16).padStart(2, '0').repeat(20);
  switch (act.kind) {
    case 'preorder':
      return s.namePreorder(name, a, b);
    case 'register':
      return s.nameRegister(name, a, b, act.byte % 2 === 0 ? hash : null);
    case 'update':
      return s.nameUpdate(name, a, hash);
    case 'transfer':
      return s.nameTransfer(name, a, b, act.byte % 2 === 0);
    case 'renew':
      return s.nameRenew(name, a, { newOwner: b });
    case 'revoke':
      return s.nameRevoke(name, a);
    case 'import':
      return s.nameImport(name, a, b, hash);
  }
}

/** A scenario with the `test` namespace ready and a couple of names registered. */
function base(): Scenario {
  const s = new Scenario();
  const [w0, w1, w2, w3] = wallets as [Wallet, Wallet, Wallet, Wallet];
  s.createNamespace('test', w0, w1, { lifetime: 6 });
  s.registerName('foo.test', w2, w3);
  s.registerName('bar.test', w3, w2);
  return s;
}

let acceptedTotal = 0;

/** Mines random blocks, returning them and the store dump after each. */
function mineRandom(s: Scenario, blocks: Action[][]): { mined: Block[]; dumps: StoreDump[] } {
  const mined: Block[] = [];
  const dumps: StoreDump[] = [];
  for (const actions of blocks) {
    const block = s.makeBlock(actions.map((act) => spec(s, act)));
    acceptedTotal += s.engine.applyBlock(block).accepted.length;
    mined.push(block);
    dumps.push(s.store.dump());
  }
  return { mined, dumps };
}

function consensusHashes(s: Scenario, from: number, to: number): (string | null)[] {
  const hashes: (string | null)[] = [];
  for (let h = from; h <= to; h++) hashes.push(s.store.consensusHashAt(h));
  return hashes;
}

describe('undo and reorganisations', () => {
  it('undoing k of N random blocks restores the exact earlier state; re-applying restores the same hashes', () => {
    fc.assert(
      fc.property(blocksArbitrary, fc.nat(), (blocks, kSeed) => {
        const s = base();
        const start = s.height;
        const before = s.store.dump();
        const { mined, dumps } = mineRandom(s, blocks);
        const hashes = consensusHashes(s, start + 1, s.height);
        const k = (kSeed % blocks.length) + 1;
        for (let i = 0; i < k; i++) s.engine.undoBlock(s.height);
        expect(s.store.dump()).toEqual(k === blocks.length ? before : dumps[blocks.length - k - 1]);
        for (const block of mined.slice(blocks.length - k)) s.engine.applyBlock(block);
        expect(s.store.dump()).toEqual(dumps[dumps.length - 1]);
        expect(consensusHashes(s, start + 1, s.height)).toEqual(hashes);
      }),
      { numRuns: 25 },
    );
    // The random blocks really change state (not only rejections); how much varies with the seed.
    expect(acceptedTotal).toBeGreaterThan(0);
  });

  it('a reorganisation ends in the state a fresh index of the final chain produces', () => {
    fc.assert(
      fc.property(blocksArbitrary, blocksArbitrary, fc.nat(), (first, second, kSeed) => {
        const s = base();
        const { mined } = mineRandom(s, first);
        const k = (kSeed % first.length) + 1;
        for (let i = 0; i < k; i++) s.engine.undoBlock(s.height);
        const branch = mineRandom(s, second).mined;
        const fresh = base();
        for (const block of [...mined.slice(0, first.length - k), ...branch]) fresh.engine.applyBlock(block);
        const { rows, snapshots, lastBlock } = s.store.dump();
        const expected = fresh.store.dump();
        expect({ rows, snapshots, lastBlock }).toEqual({ rows: expected.rows, snapshots: expected.snapshots, lastBlock: expected.lastBlock });
        expect(s.store.dump().history).toEqual(expected.history);
      }),
      { numRuns: 20 },
    );
  });

  it('undo refuses anything but the tip block, and blocks must come in height order', () => {
    const s = base();
    expect(() => s.engine.undoBlock(s.height - 1)).toThrow(RangeError);
    expect(() => s.engine.applyBlock(s.makeBlock([], s.height + 2))).toThrow(RangeError);
    expect(() => s.engine.applyBlock(s.makeBlock([], s.height))).toThrow(RangeError);
  });

  it('undoing every block returns to the empty store with only the genesis snapshots', () => {
    const s = base();
    while (s.engine.tip() !== null) s.engine.undoBlock(s.height);
    const dump = s.store.dump();
    expect(dump.rows).toEqual([]);
    expect(dump.history).toEqual([]);
    expect(dump.snapshots).toHaveLength(4);
    expect(dump.lastBlock).toBeNull();
  });
});
