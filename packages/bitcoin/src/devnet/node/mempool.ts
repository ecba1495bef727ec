import { Transaction, type Block } from 'bitcoinjs-lib';
import { REGTEST } from '../consensus/params.js';
import { isUnspendable } from '../script/chunks.js';
import { MEMPOOL_HEIGHT, outpointKey, type Coin, type CoinsView } from '../validation/coins.js';
import { checkInputScripts, checkTransaction, checkTxInputs, isFinalTx } from '../validation/consensus.js';
import { checkInputsStandard, checkStandardTx, checkWitnessStandard, feeForSize } from '../validation/policy.js';
import { TxRejection } from '../validation/rejection.js';
import { prevoutTxid, wtxid, txidOf } from '../validation/tx-util.js';
import type { Chain } from './chain.js';
import type { ChainStore } from './store.js';

export interface MempoolEntry {
  readonly tx: Transaction;
  readonly txid: string;
  readonly wtxid: string;
  readonly fee: number;
  readonly vsize: number;
  readonly weight: number;
  /** Unix time it entered the mempool. */
  readonly time: number;
  /** Chain height when it entered. */
  readonly height: number;
  readonly spent: readonly Coin[];
  readonly parents: Set<string>;
  readonly children: Set<string>;
  readonly seq: number;
}

export type AcceptResult =
  | { readonly accepted: true; readonly txid: string; readonly wtxid: string; readonly fee: number; readonly vsize: number }
  | { readonly accepted: false; readonly txid: string; readonly wtxid: string; readonly rejection: TxRejection };

/**
 * Transactions waiting for a block (CTxMemPool + AcceptToMemoryPool), checked in the order
 * bitcoind's PreChecks/PolicyScriptChecks run so the first failure is the one it reports.
 * Every accepted transaction is also written to the store, so a restart keeps the mempool.
 */
export class Mempool {
  private readonly entries = new Map<string, MempoolEntry>();
  /** Outpoint → txid of the mempool transaction spending it. */
  private readonly spenders = new Map<string, string>();
  private seq = 0;

  constructor(
    private readonly chain: Chain,
    private readonly store: ChainStore,
    private readonly now: () => number,
  ) {}

  /** Reloads what the store kept, dropping what no longer validates. */
  load(): void {
    for (const row of this.store.loadMempool()) {
      this.store.deleteMempool(row.txid);
      this.accept(Transaction.fromBuffer(row.raw), { time: row.time });
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get(txid: string): MempoolEntry | undefined {
    return this.entries.get(txid);
  }

  all(): MempoolEntry[] {
    return [...this.entries.values()].sort((a, b) => a.seq - b.seq);
  }

  spenderOf(txid: string, vout: number): string | undefined {
    return this.spenders.get(outpointKey(txid, vout));
  }

  /** Confirmed coins plus mempool outputs, minus what the mempool spends (CCoinsViewMemPool). */
  readonly view: CoinsView = {
    getCoin: (txid, vout) => {
      if (this.spenders.has(outpointKey(txid, vout))) return undefined;
      return this.mempoolCoin(txid, vout) ?? this.chain.getCoin(txid, vout);
    },
  };

  private mempoolCoin(txid: string, vout: number): Coin | undefined {
    const parent = this.entries.get(txid);
    const out = parent?.tx.outs[vout];
    if (!out || isUnspendable(out.script)) return undefined;
    return { value: Number(out.value), script: out.script, height: MEMPOOL_HEIGHT, coinbase: false };
  }

  /** AcceptToMemoryPool; with `testOnly` nothing is added (testmempoolaccept). */
  accept(tx: Transaction, options: { testOnly?: boolean; time?: number } = {}): AcceptResult {
    const txid = txidOf(tx);
    const id = { txid, wtxid: tx.hasWitnesses() ? wtxid(tx) : txid };
    const result = this.check(tx, id);
    if (result instanceof TxRejection) return { accepted: false, ...id, rejection: result };
    if (!options.testOnly) this.add(tx, id, result, options.time ?? this.now());
    return { accepted: true, ...id, fee: result.fee, vsize: tx.virtualSize() };
  }

  /**
   * testmempoolaccept of several transactions: each is checked with the ones before it in the
   * mempool (so a child may spend its parent), then all are taken out again.
   */
  testPackage(txs: readonly Transaction[]): AcceptResult[] {
    const added: string[] = [];
    const results = txs.map((tx) => {
      const result = this.accept(tx);
      if (result.accepted) added.push(result.txid);
      return result;
    });
    for (const txid of added.reverse()) this.remove(txid);
    return results;
  }

  private check(tx: Transaction, { txid, wtxid }: { txid: string; wtxid: string }): TxRejection | { fee: number; spent: Coin[]; parents: Set<string> } {
    const invalid = checkTransaction(tx);
    if (invalid) return invalid;
    if (tx.isCoinbase()) return new TxRejection('consensus', 'coinbase');
    const nonStandard = checkStandardTx(tx);
    if (nonStandard) return nonStandard;
    const tip = this.chain.tip();
    if (!isFinalTx(tx, tip.height + 1, this.chain.medianTimePast(tip))) return new TxRejection('premature-spend', 'non-final');
    const existing = this.entries.get(txid);
    if (existing) {
      return new TxRejection('conflict', existing.wtxid === wtxid ? 'txn-already-in-mempool' : 'txn-same-nonwitness-data-in-mempool');
    }
    for (const input of tx.ins) {
      if (this.spenders.has(outpointKey(prevoutTxid(input), input.index))) return new TxRejection('mempool-policy', 'txn-mempool-conflict');
    }
    const spent: Coin[] = [];
    const parents = new Set<string>();
    for (const input of tx.ins) {
      const prevTxid = prevoutTxid(input);
      const coin = this.mempoolCoin(prevTxid, input.index) ?? this.chain.getCoin(prevTxid, input.index);
      if (!coin) {
        const known = tx.outs.some((_, vout) => this.chain.getCoin(txid, vout));
        return known ? new TxRejection('conflict', 'txn-already-known') : new TxRejection('missing-inputs', 'bad-txns-inputs-missingorspent');
      }
      if (this.entries.has(prevTxid)) parents.add(prevTxid);
      spent.push(coin);
    }
    const fee = checkTxInputs(tx, spent, tip.height + 1);
    if (fee instanceof TxRejection) return fee;
    const inputsNonStandard = checkInputsStandard(tx, spent) ?? checkWitnessStandard(tx, spent);
    if (inputsNonStandard) return inputsNonStandard;
    const chainLimit = this.checkChainLimits(parents, tx.virtualSize());
    if (chainLimit) return chainLimit;
    const minFee = feeForSize(REGTEST.policy.minRelayFeePerKvB, tx.virtualSize());
    if (fee < minFee) return new TxRejection('reconsiderable', 'min relay fee not met', `${fee} < ${minFee}`);
    const scriptFailure = checkInputScripts(tx, spent);
    if (scriptFailure) return scriptFailure;
    return { fee, spent, parents };
  }

  private add(tx: Transaction, id: { txid: string; wtxid: string }, checked: { fee: number; spent: Coin[]; parents: Set<string> }, time: number): void {
    const { txid } = id;
    const entry: MempoolEntry = {
      tx,
      txid,
      wtxid: id.wtxid,
      fee: checked.fee,
      vsize: tx.virtualSize(),
      weight: tx.weight(),
      time,
      height: this.chain.height(),
      spent: checked.spent,
      parents: checked.parents,
      children: new Set(),
      seq: this.seq++,
    };
    this.entries.set(txid, entry);
    for (const input of tx.ins) this.spenders.set(outpointKey(prevoutTxid(input), input.index), txid);
    for (const parent of entry.parents) this.entries.get(parent)?.children.add(txid);
    this.store.putMempool(txid, tx.toBuffer(), time, entry.seq);
  }

  private remove(txid: string): void {
    const entry = this.entries.get(txid);
    if (!entry) return;
    this.entries.delete(txid);
    for (const input of entry.tx.ins) this.spenders.delete(outpointKey(prevoutTxid(input), input.index));
    for (const parent of entry.parents) this.entries.get(parent)?.children.delete(txid);
    for (const child of entry.children) this.entries.get(child)?.parents.delete(txid);
    this.store.deleteMempool(txid);
  }

  /** Removes a transaction and everything that spends its outputs (removeRecursive). */
  private removeWithDescendants(txid: string): void {
    const entry = this.entries.get(txid);
    if (!entry) return;
    for (const child of [...entry.children]) this.removeWithDescendants(child);
    this.remove(txid);
  }

  /** After a block: drop its transactions and whatever conflicts with them (removeForBlock). */
  removeForBlock(block: Block): void {
    for (const tx of block.transactions!.slice(1)) {
      const txid = txidOf(tx);
      this.remove(txid);
      for (const input of tx.ins) {
        const spender = this.spenders.get(outpointKey(prevoutTxid(input), input.index));
        if (spender && spender !== txid) this.removeWithDescendants(spender);
      }
    }
  }

  /**
   * After a reorganisation: transactions of disconnected blocks come back, then the old
   * mempool, each re-validated against the new tip (MaybeUpdateMempoolForReorg).
   */
  resubmitAfterReorg(disconnected: readonly Block[]): void {
    const previous = this.all();
    const returning = [...disconnected].reverse().flatMap((block) => block.transactions!.slice(1));
    for (const entry of previous) this.remove(entry.txid);
    for (const tx of returning) this.accept(tx);
    for (const entry of previous) this.accept(entry.tx, { time: entry.time });
  }

  /**
   * Package limits (CalculateMemPoolAncestors, DEFAULT_ANCESTOR_LIMIT and friends): at most 25
   * transactions and 101 kvB in a chain of unconfirmed ancestors or descendants.
   */
  private checkChainLimits(parents: ReadonlySet<string>, vsize: number): TxRejection | null {
    const { policy } = REGTEST;
    const ancestors = new Map<string, MempoolEntry>();
    for (const parent of parents) {
      const entry = this.entries.get(parent)!;
      ancestors.set(parent, entry);
      for (const a of this.ancestors(entry)) ancestors.set(a.txid, a);
    }
    const reject = (debug: string): TxRejection => new TxRejection('mempool-policy', 'too-long-mempool-chain', debug);
    if (ancestors.size + 1 > policy.ancestorLimit) return reject(`too many unconfirmed ancestors [limit: ${policy.ancestorLimit}]`);
    const ancestorSize = [...ancestors.values()].reduce((sum, a) => sum + a.vsize, vsize);
    if (ancestorSize > policy.ancestorSizeLimitVBytes) return reject(`exceeds ancestor size limit [limit: ${policy.ancestorSizeLimitVBytes}]`);
    for (const ancestor of ancestors.values()) {
      const descendants = this.descendants(ancestor);
      if (descendants.length + 2 > policy.descendantLimit) return reject(`too many descendants for tx ${ancestor.txid} [limit: ${policy.descendantLimit}]`);
      const size = descendants.reduce((sum, d) => sum + d.vsize, ancestor.vsize + vsize);
      if (size > policy.descendantSizeLimitVBytes) return reject(`exceeds descendant size limit for tx ${ancestor.txid} [limit: ${policy.descendantSizeLimitVBytes}]`);
    }
    return null;
  }

  /** In-mempool ancestors of an entry (not including itself). */
  ancestors(entry: MempoolEntry): MempoolEntry[] {
    const found = new Map<string, MempoolEntry>();
    const visit = (e: MempoolEntry): void => {
      for (const parent of e.parents) {
        const p = this.entries.get(parent);
        if (p && !found.has(parent)) {
          found.set(parent, p);
          visit(p);
        }
      }
    };
    visit(entry);
    return [...found.values()];
  }

  descendants(entry: MempoolEntry): MempoolEntry[] {
    const found = new Map<string, MempoolEntry>();
    const visit = (e: MempoolEntry): void => {
      for (const child of e.children) {
        const c = this.entries.get(child);
        if (c && !found.has(child)) {
          found.set(child, c);
          visit(c);
        }
      }
    };
    visit(entry);
    return [...found.values()];
  }

  /**
   * Transactions for the next block, best ancestor-package fee rate first, each preceded by
   * its in-mempool ancestors so parents always come before children (BlockAssembler).
   */
  selectForBlock(maxWeight: number): MempoolEntry[] {
    const scored = this.all().map((entry) => {
      const ancestors = this.ancestors(entry);
      const fee = ancestors.reduce((sum, a) => sum + a.fee, entry.fee);
      const vsize = ancestors.reduce((sum, a) => sum + a.vsize, entry.vsize);
      return { entry, ancestors, rate: fee / vsize };
    });
    scored.sort((a, b) => b.rate - a.rate || a.entry.seq - b.entry.seq);
    const chosen = new Set<string>();
    const selected: MempoolEntry[] = [];
    let weight = 0;
    for (const { entry, ancestors } of scored) {
      if (chosen.has(entry.txid)) continue;
      const pkg = [...ancestors.filter((a) => !chosen.has(a.txid)), entry].sort((a, b) => a.seq - b.seq);
      const pkgWeight = pkg.reduce((sum, e) => sum + e.weight, 0);
      if (weight + pkgWeight > maxWeight) continue;
      weight += pkgWeight;
      for (const e of pkg) {
        chosen.add(e.txid);
        selected.push(e);
      }
    }
    return selected;
  }
}
