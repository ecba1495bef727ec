import { Block, type Transaction } from 'bitcoinjs-lib';
import { genesisBlock } from '../consensus/genesis.js';
import { blockSubsidy, REGTEST } from '../consensus/params.js';
import { blockWork } from '../consensus/pow.js';
import { isUnspendable } from '../script/chunks.js';
import { MANDATORY_FLAGS } from '../script/errors.js';
import type { Coin, CoinsView } from '../validation/coins.js';
import { checkInputScripts } from '../validation/consensus.js';
import { prevoutTxid, reversedHex, txidOf } from '../validation/tx-util.js';
import { BlockStatus, type ChainStore, type CoinRow, type SpentCoin, type StoredBlock } from './store.js';

/** A block in the index, with the total work of the chain ending in it. */
export interface IndexEntry extends StoredBlock {
  readonly chainWork: bigint;
}

/** What a change of tip did: blocks disconnected (tip first) and connected (lowest first). */
export interface TipChange {
  readonly disconnected: Block[];
  readonly connected: Block[];
}

class BlockConnectFailure extends Error {}

/**
 * The block tree and the active chain over it (CChainState): connecting and disconnecting
 * blocks against the UTXO set with undo data, choosing the most-work valid branch, and
 * invalidateblock/reconsiderblock.
 */
export class Chain implements CoinsView {
  private readonly index = new Map<string, IndexEntry>();
  private active: IndexEntry[] = [];
  private nextSeq = 0;
  /**
   * Blocks this process assembled from its own validated mempool: their scripts were checked
   * on entry, so connecting them skips the second check (bitcoind's script cache plays this role).
   */
  private readonly scriptsChecked = new Set<string>();

  constructor(private readonly store: ChainStore) {
    const stored = store.loadBlocks();
    if (stored.length === 0) {
      this.initGenesis();
    } else {
      for (const block of stored) this.addToIndex(block);
      this.active = store.loadActiveChain().map((hash) => this.index.get(hash)!);
    }
  }

  private initGenesis(): void {
    const genesis = genesisBlock();
    this.store.transaction(() => {
      const entry = this.storeBlock(genesis, 0);
      // The genesis output is not in the UTXO set (a quirk of the original client, kept by all).
      this.store.putUndo(entry.hash, [[]]);
      this.store.setActive(0, entry.hash);
      this.active = [entry];
    });
  }

  private addToIndex(block: StoredBlock): IndexEntry {
    const parent = this.index.get(block.prev);
    const entry: IndexEntry = { ...block, chainWork: (parent?.chainWork ?? 0n) + blockWork(block.bits) };
    this.index.set(entry.hash, entry);
    this.nextSeq = Math.max(this.nextSeq, block.seq + 1);
    return entry;
  }

  private storeBlock(block: Block, height: number): IndexEntry {
    const raw = block.toBuffer();
    const stored: StoredBlock = {
      hash: block.getId(),
      height,
      prev: reversedHex(block.prevHash!),
      version: block.version,
      merkleRoot: reversedHex(block.merkleRoot!),
      time: block.timestamp,
      bits: block.bits,
      nonce: block.nonce,
      nTx: block.transactions!.length,
      size: raw.length,
      strippedSize: block.byteLength(false, false),
      weight: block.weight(),
      status: BlockStatus.Valid,
      seq: this.nextSeq,
    };
    this.store.insertBlock(stored, raw);
    return this.addToIndex(stored);
  }

  tip(): IndexEntry {
    return this.active[this.active.length - 1]!;
  }

  height(): number {
    return this.active.length - 1;
  }

  get(hash: string): IndexEntry | undefined {
    return this.index.get(hash);
  }

  atHeight(height: number): IndexEntry | undefined {
    return this.active[height];
  }

  contains(entry: IndexEntry): boolean {
    return this.active[entry.height]?.hash === entry.hash;
  }

  blocks(): IterableIterator<IndexEntry> {
    return this.index.values();
  }

  /** Median of the last 11 block times up to `entry` (GetMedianTimePast). */
  medianTimePast(entry: IndexEntry = this.tip()): number {
    const times: number[] = [];
    let cursor: IndexEntry | undefined = entry;
    for (let i = 0; i < REGTEST.medianTimeSpan && cursor; i++) {
      times.push(cursor.time);
      cursor = this.index.get(cursor.prev);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)]!;
  }

  readBlock(hash: string): Block | undefined {
    const raw = this.store.rawBlock(hash);
    return raw ? Block.fromBuffer(raw) : undefined;
  }

  undo(hash: string): SpentCoin[][] | undefined {
    return this.store.getUndo(hash);
  }

  getCoin(txid: string, vout: number): Coin | undefined {
    return this.store.getCoin(txid, vout);
  }

  /** Confirmed unspent outputs paying exactly this script. */
  coinsForScript(script: Uint8Array): CoinRow[] {
    return this.store.coinsByScript(script);
  }

  /** Every confirmed unspent output (scantxoutset walks them all). */
  allCoins(): CoinRow[] {
    return this.store.allCoins();
  }

  /** Where a confirmed transaction is, through the transaction index (txindex=1). */
  findTx(txid: string): { entry: IndexEntry; position: number } | undefined {
    const found = this.store.getTx(txid);
    if (!found) return undefined;
    const entry = this.index.get(found.block);
    return entry ? { entry, position: found.position } : undefined;
  }

  /** Stores a new block (any branch); it becomes a candidate for the tip. */
  acceptBlock(block: Block, scriptsChecked = false): IndexEntry {
    const hash = block.getId();
    if (scriptsChecked) this.scriptsChecked.add(hash);
    const existing = this.index.get(hash);
    if (existing) return existing;
    const parent = this.index.get(reversedHex(block.prevHash!));
    if (!parent) throw new Error('prev-blk-not-found');
    return this.store.transaction(() => {
      const entry = this.storeBlock(block, parent.height + 1);
      if (parent.status !== BlockStatus.Valid) this.setStatus(entry, BlockStatus.FailedChild);
      return entry;
    });
  }

  private setStatus(entry: IndexEntry, status: BlockStatus): void {
    entry.status = status;
    this.store.setStatus(entry.hash, status);
  }

  /** Applies a block on top of the tip, all or nothing; throws when an input is missing. */
  private connect(entry: IndexEntry): Block {
    const block = this.readBlock(entry.hash)!;
    this.store.transaction(() => {
      const undo: SpentCoin[][] = [];
      let fees = 0;
      const txs = block.transactions!;
      txs.forEach((tx, position) => {
        const spent: SpentCoin[] = [];
        if (!tx.isCoinbase()) {
          for (const input of tx.ins) {
            const txid = prevoutTxid(input);
            const coin = this.store.getCoin(txid, input.index);
            if (!coin) throw new BlockConnectFailure('bad-txns-inputs-missingorspent');
            if (coin.coinbase && entry.height - coin.height < REGTEST.coinbaseMaturity) {
              throw new BlockConnectFailure('bad-txns-premature-spend-of-coinbase');
            }
            spent.push(coin);
            this.store.spendCoin(txid, input.index);
          }
          if (!this.scriptsChecked.has(entry.hash)) {
            const failure = checkInputScripts(tx, spent, MANDATORY_FLAGS);
            if (failure) throw new BlockConnectFailure(failure.reason);
          }
          const valueIn = spent.reduce((sum, c) => sum + c.value, 0);
          const valueOut = sumOutputs(tx);
          if (valueIn < valueOut) throw new BlockConnectFailure('bad-txns-in-belowout');
          fees += valueIn - valueOut;
        }
        undo.push(spent);
        const txid = txidOf(tx);
        this.addOutputs(tx, txid, entry.height);
        this.store.putTx(txid, entry.hash, position);
      });
      if (sumOutputs(txs[0]!) > blockSubsidy(entry.height) + fees) throw new BlockConnectFailure('bad-cb-amount');
      this.store.putUndo(entry.hash, undo);
      this.store.setActive(entry.height, entry.hash);
    });
    this.active.push(entry);
    this.scriptsChecked.add(entry.hash);
    return block;
  }

  private addOutputs(tx: Transaction, txid: string, height: number): void {
    const coinbase = tx.isCoinbase();
    tx.outs.forEach((out, vout) => {
      if (isUnspendable(out.script)) return;
      this.store.addCoin({ txid, vout, value: Number(out.value), script: out.script, height, coinbase });
    });
  }

  /** Takes the tip off the active chain, restoring the coins it spent. */
  private disconnectTip(): Block {
    const entry = this.tip();
    const block = this.readBlock(entry.hash)!;
    const undo = this.store.getUndo(entry.hash)!;
    this.store.transaction(() => {
      const txs = block.transactions!;
      for (let position = txs.length - 1; position >= 0; position--) {
        const tx = txs[position]!;
        const txid = txidOf(tx);
        tx.outs.forEach((_, vout) => this.store.spendCoin(txid, vout));
        this.store.deleteTx(txid);
        for (const coin of undo[position] ?? []) this.store.addCoin(coin);
      }
      this.store.deleteActive(entry.height);
    });
    this.active.pop();
    return block;
  }

  /** CBlockIndexWorkComparator: more work wins, then the block stored first. */
  private isBetter(a: IndexEntry, b: IndexEntry): boolean {
    if (a.chainWork !== b.chainWork) return a.chainWork > b.chainWork;
    return a.seq < b.seq;
  }

  private bestCandidate(): IndexEntry {
    let best = this.tip();
    for (const entry of this.index.values()) {
      if (entry.status === BlockStatus.Valid && this.isBetter(entry, best)) best = entry;
    }
    return best;
  }

  private forkPoint(a: IndexEntry, b: IndexEntry): IndexEntry {
    let x = a;
    let y = b;
    while (x.height > y.height) x = this.index.get(x.prev)!;
    while (y.height > x.height) y = this.index.get(y.prev)!;
    while (x.hash !== y.hash) {
      x = this.index.get(x.prev)!;
      y = this.index.get(y.prev)!;
    }
    return x;
  }

  /** Marks a block invalid and every block built on it as failed-child. */
  private markInvalid(entry: IndexEntry): void {
    this.setStatus(entry, BlockStatus.Failed);
    for (const other of this.index.values()) {
      if (other.height > entry.height && other.status === BlockStatus.Valid && this.descendsFrom(other, entry)) {
        this.setStatus(other, BlockStatus.FailedChild);
      }
    }
  }

  private descendsFrom(entry: IndexEntry, ancestor: IndexEntry): boolean {
    let cursor: IndexEntry | undefined = entry;
    while (cursor && cursor.height > ancestor.height) cursor = this.index.get(cursor.prev);
    return cursor?.hash === ancestor.hash;
  }

  /** ActivateBestChain: moves the tip to the most-work valid block, reorganizing as needed. */
  activateBestChain(): TipChange {
    const change: TipChange = { disconnected: [], connected: [] };
    for (;;) {
      const best = this.bestCandidate();
      if (best.hash === this.tip().hash) return change;
      const fork = this.forkPoint(this.tip(), best);
      while (this.tip().hash !== fork.hash) change.disconnected.push(this.disconnectTip());
      const path: IndexEntry[] = [];
      for (let cursor = best; cursor.hash !== fork.hash; cursor = this.index.get(cursor.prev)!) path.push(cursor);
      for (const entry of path.reverse()) {
        try {
          change.connected.push(this.connect(entry));
        } catch (e) {
          if (!(e instanceof BlockConnectFailure)) throw e;
          this.markInvalid(entry);
          break;
        }
      }
    }
  }

  /** invalidateblock: the block and its descendants become invalid; the tip moves off them. */
  invalidate(entry: IndexEntry): TipChange {
    const change: TipChange = { disconnected: [], connected: [] };
    while (this.contains(entry) && this.tip().height >= entry.height) change.disconnected.push(this.disconnectTip());
    this.store.transaction(() => this.markInvalid(entry));
    const more = this.activateBestChain();
    return { disconnected: [...change.disconnected, ...more.disconnected], connected: more.connected };
  }

  /** reconsiderblock: clears failure flags on the block, its descendants and ancestors. */
  reconsider(entry: IndexEntry): TipChange {
    this.store.transaction(() => {
      for (const other of this.index.values()) {
        if (other.status !== BlockStatus.Valid && (this.descendsFrom(other, entry) || this.descendsFrom(entry, other))) {
          this.setStatus(other, BlockStatus.Valid);
        }
      }
    });
    return this.activateBestChain();
  }
}

function sumOutputs(tx: Transaction): number {
  return tx.outs.reduce((sum, o) => sum + Number(o.value), 0);
}
