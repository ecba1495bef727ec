import type { Block } from '@bsk/bitcoin';
import { DEVNET, createEngine, openSqliteStore } from '../src/index.js';
import { Scenario, wallet, type TxSpec } from './state-helpers.js';

/*
 * Indexes a deterministic chain into the SQLite store at argv[2] up to height argv[3], resuming from
 * whatever the store holds, printing each height it reaches; store-sqlite.test.ts kills it with
 * SIGKILL while it works. With argv[4] = n, it catches up in groups of n blocks (`applyBlocks`, one
 * transaction per group, no undo data below the reorg depth), as a node does far behind the tip;
 * with argv[5] = k, it commits every k groups and holds the others' writes (ApplyOptions.commit).
 */

const wallets = [0, 1, 2, 3, 4].map((i) => wallet(DEVNET, `crash wallet ${i}`));
const w = (i: number) => wallets[i % wallets.length]!;

/** The operations of block `height` (a function of the height and the chain so far). */
export function crashChainBlock(s: Scenario, height: number): TxSpec[] {
  const step = height - DEVNET.firstBlock;
  if (step === 0) return [s.namespacePreorder('test', w(0), w(1))];
  if (step === 1) return [s.namespaceReveal('test', w(0), w(1), { lifetime: 6 })];
  if (step === 2) return [s.namespaceReady('test', w(1))];
  const specs: TxSpec[] = [];
  for (let i = 0; i < 4; i++) {
    const name = `n${step}x${i}.test`;
    if (step % 2 === 1) specs.push(s.namePreorder(name, w(i), w(i + 1)));
    else specs.push(s.nameRegister(`n${step - 1}x${i}.test`, w(i), w(i + 1), i % 2 === 0 ? '11'.repeat(20) : null));
  }
  if (step > 6) specs.push(s.nameUpdate(`n${step - 4 - (step % 2)}x1.test`, w(2), step.toString(16).padStart(2, '0').repeat(20)));
  return specs;
}

export function indexCrashChain(s: Scenario, target: number, onBlock: (height: number) => void = () => {}): void {
  while (s.height < target) {
    s.mine(...crashChainBlock(s, s.height + 1));
    onBlock(s.height);
  }
}

/** Deepest reorganisation the grouped catch-up keeps undo data for. */
export const CRASH_REORG_DEPTH = 10;

/**
 * The same chain applied in groups of `group` blocks. Groups start at fixed heights, so a run
 * resumed after a crash (which loses whole groups) builds the same blocks; each group's operations
 * cite the consensus hash of the block before the group.
 */
export function indexCrashChainInGroups(s: Scenario, target: number, group: number, onGroup: (height: number) => void = () => {}, commitEvery = 1): void {
  const engine = createEngine({ network: s.params, store: s.store, maxReorgDepth: CRASH_REORG_DEPTH });
  while (s.height < target) {
    const start = s.height + 1;
    const end = Math.min(target, start + group - 1 - ((start - DEVNET.firstBlock) % group));
    const blocks: Block[] = [];
    for (let height = start; height <= end; height++) blocks.push(s.makeBlock(crashChainBlock(s, height), height));
    // With commitEvery > 1, only groups ending at a multiple of commitEvery groups (or the target) commit; the others are held.
    const commit = end === target || (end - DEVNET.firstBlock + 1) % (group * commitEvery) === 0;
    engine.applyBlocks(blocks, { chainTip: target, commit });
    onGroup(s.height);
  }
}

if (process.argv[2] !== undefined) {
  const s = new Scenario(DEVNET, openSqliteStore(process.argv[2]));
  const report = (height: number) => process.stdout.write(`${height}\n`);
  if (process.argv[4] === undefined) indexCrashChain(s, Number(process.argv[3]), report);
  else indexCrashChainInGroups(s, Number(process.argv[3]), Number(process.argv[4]), report, Number(process.argv[5] ?? 1));
  s.store.close();
  process.stdout.write('done\n');
}
