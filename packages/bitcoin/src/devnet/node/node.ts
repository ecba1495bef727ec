import type { Block, Transaction } from 'bitcoinjs-lib';
import { assembleBlock } from '../consensus/block-assembly.js';
import { REGTEST } from '../consensus/params.js';
import { Chain, type IndexEntry, type TipChange } from './chain.js';
import { Mempool, type AcceptResult } from './mempool.js';
import { BlockStatus, type ChainStore } from './store.js';
import { checkTransaction } from '../validation/consensus.js';
import { reversedHex } from '../validation/tx-util.js';

export interface NodeOptions {
  /** Clock in unix seconds; tests may pin it. */
  readonly now?: () => number;
}

/**
 * The devnet node: chain and mempool kept in step. Every change of tip (mined block,
 * invalidateblock, reconsiderblock) goes through `applyTipChange`, so the mempool always
 * matches the active chain.
 */
export class DevnetNode {
  readonly chain: Chain;
  readonly mempool: Mempool;
  readonly now: () => number;
  /** Fee rates (sat/vB) of recently mined transactions, for estimatesmartfee. */
  private readonly recentFeeRates: number[] = [];
  private readonly tipListeners = new Set<(change: TipChange) => void>();

  constructor(readonly store: ChainStore, options: NodeOptions = {}) {
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
    this.chain = new Chain(store);
    this.mempool = new Mempool(this.chain, store, this.now);
    this.mempool.load();
  }

  onTipChange(listener: (change: TipChange) => void): () => void {
    this.tipListeners.add(listener);
    return () => this.tipListeners.delete(listener);
  }

  submit(tx: Transaction, testOnly = false): AcceptResult {
    return this.mempool.accept(tx, { testOnly });
  }

  /** testmempoolaccept: single transactions on their own, several as a package (parents first). */
  testAccept(txs: readonly Transaction[]): AcceptResult[] {
    if (txs.length === 1) return [this.mempool.accept(txs[0]!, { testOnly: true })];
    return this.store.transaction(() => this.mempool.testPackage(txs));
  }

  /** Mines `count` blocks paying `payoutScript`; returns their hashes. */
  mine(count: number, payoutScript: Uint8Array): string[] {
    const hashes: string[] = [];
    for (let i = 0; i < count; i++) hashes.push(this.mineOne(payoutScript));
    return hashes;
  }

  private mineOne(payoutScript: Uint8Array): string {
    const tip = this.chain.tip();
    const selected = this.mempool.selectForBlock(REGTEST.maxBlockWeight - REGTEST.blockReservedWeight);
    let time = Math.max(this.now(), this.chain.medianTimePast(tip) + 1);
    let block: Block;
    // An identical block may already sit in the index (e.g. re-mining after invalidateblock in
    // the same second); a later timestamp makes the new one distinct.
    for (;;) {
      block = assembleBlock({
        prevHash: Buffer.from(tip.hash, 'hex').reverse(),
        height: tip.height + 1,
        time,
        payoutScript,
        transactions: selected.map((e) => e.tx),
        fees: selected.reduce((sum, e) => sum + e.fee, 0),
      });
      if (!this.chain.get(block.getId())) break;
      time++;
    }
    for (const entry of selected) this.recentFeeRates.push(entry.fee / entry.vsize);
    if (this.recentFeeRates.length > 2_000) this.recentFeeRates.splice(0, this.recentFeeRates.length - 2_000);
    this.chain.acceptBlock(block, true);
    this.applyTipChange(this.chain.activateBestChain());
    return block.getId();
  }

  /**
   * submitblock: a block from outside (a replay, another devnet). Checks what the header and
   * transaction list promise, stores it, and lets chain selection decide; returns null when
   * accepted as bitcoind does, or the reason.
   */
  submitBlock(block: Block): string | null {
    const hash = block.getId();
    const known = this.chain.get(hash);
    if (known) return known.status === BlockStatus.Valid ? 'duplicate' : 'duplicate-invalid';
    if (!block.transactions?.length || !block.transactions[0]!.isCoinbase()) return 'bad-cb-missing';
    if (!block.checkProofOfWork()) return 'high-hash';
    if (!block.checkTxRoots()) return 'bad-txnmrklroot';
    if (!this.chain.get(reversedHex(block.prevHash!))) return 'prev-blk-not-found';
    for (const tx of block.transactions.slice(1)) {
      const invalid = checkTransaction(tx);
      if (invalid) return invalid.reason;
    }
    const entry = this.chain.acceptBlock(block);
    this.applyTipChange(this.chain.activateBestChain());
    const stored = this.chain.get(entry.hash)!;
    return stored.status === BlockStatus.Valid ? null : 'invalid';
  }

  invalidate(entry: IndexEntry): void {
    this.applyTipChange(this.chain.invalidate(entry));
  }

  reconsider(entry: IndexEntry): void {
    this.applyTipChange(this.chain.reconsider(entry));
  }

  private applyTipChange(change: TipChange): void {
    // One commit for all the mempool's deletions and re-additions.
    this.store.transaction(() => {
      if (change.disconnected.length > 0) this.mempool.resubmitAfterReorg(change.disconnected);
      else for (const block of change.connected) this.mempool.removeForBlock(block);
    });
    if (change.disconnected.length > 0 || change.connected.length > 0) {
      for (const listener of this.tipListeners) listener(change);
    }
  }

  /** Median fee rate of recently mined transactions in sat/vB, never below the relay minimum. */
  feeRateEstimate(): number {
    const minimum = REGTEST.policy.minRelayFeePerKvB / 1000;
    if (this.recentFeeRates.length === 0) return minimum;
    const sorted = [...this.recentFeeRates].sort((a, b) => a - b);
    return Math.max(minimum, sorted[Math.floor(sorted.length / 2)]!);
  }
}
