import { DEVNET, openSqliteStore } from '../src/index.js';
import { Scenario, wallet, type TxSpec } from './state-helpers.js';

/*
 * Indexes a deterministic chain into the SQLite store at argv[2] up to height argv[3], resuming from
 * whatever the store holds, printing each height it reaches; store-sqlite.test.ts kills it with
 * SIGKILL while it works.
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

if (process.argv[2] !== undefined) {
  const s = new Scenario(DEVNET, openSqliteStore(process.argv[2]));
  indexCrashChain(s, Number(process.argv[3]), (height) => process.stdout.write(`${height}\n`));
  s.store.close();
  process.stdout.write('done\n');
}
