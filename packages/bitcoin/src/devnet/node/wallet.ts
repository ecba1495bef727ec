import type { Transaction } from 'bitcoinjs-lib';
import { scriptToAddress } from '../script/standard.js';
import type { Coin } from '../validation/coins.js';
import type { IndexEntry } from './chain.js';
import type { DevnetNode } from './node.js';

export interface WatchedOutput {
  readonly txid: string;
  readonly vout: number;
  readonly script: Uint8Array;
  readonly address: string | undefined;
  readonly label: string;
  readonly value: number;
  readonly confirmations: number;
  readonly coinbase: boolean;
}

export interface WalletTransaction {
  readonly tx: Transaction;
  readonly block?: IndexEntry;
  readonly position?: number;
  readonly time: number;
  /** Coins the transaction spent, in input order. */
  readonly spent: readonly Coin[];
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/**
 * The watch-only wallet the reference client relies on for unspent outputs: scripts added by
 * importaddress (persisted), their unspent outputs (listunspent) and the transactions that
 * touch them (gettransaction).
 */
export class WatchOnlyWallet {
  private readonly labels = new Map<string, string>();

  constructor(private readonly node: DevnetNode) {
    for (const row of node.store.watched()) this.labels.set(hex(row.script), row.label);
  }

  watch(script: Uint8Array, label: string): void {
    this.labels.set(hex(script), label);
    this.node.store.addWatched(script, scriptToAddress(script) ?? null, label);
  }

  isWatched(script: Uint8Array): boolean {
    return this.labels.has(hex(script));
  }

  labelOf(script: Uint8Array): string {
    return this.labels.get(hex(script)) ?? '';
  }

  watchedScripts(): Uint8Array[] {
    return [...this.labels.keys()].map((h) => Uint8Array.from(Buffer.from(h, 'hex')));
  }

  /** Unspent outputs of watched scripts, confirmed and in the mempool, not spent in the mempool. */
  unspent(): WatchedOutput[] {
    const { chain, mempool } = this.node;
    const tipHeight = chain.height();
    const outputs: WatchedOutput[] = [];
    for (const script of this.watchedScripts()) {
      for (const coin of chain.coinsForScript(script)) {
        if (mempool.spenderOf(coin.txid, coin.vout)) continue;
        outputs.push({
          txid: coin.txid,
          vout: coin.vout,
          script,
          address: scriptToAddress(script),
          label: this.labelOf(script),
          value: coin.value,
          confirmations: tipHeight - coin.height + 1,
          coinbase: coin.coinbase,
        });
      }
    }
    for (const entry of mempool.all()) {
      entry.tx.outs.forEach((out, vout) => {
        if (!this.isWatched(out.script) || mempool.spenderOf(entry.txid, vout)) return;
        outputs.push({
          txid: entry.txid,
          vout,
          script: out.script,
          address: scriptToAddress(out.script),
          label: this.labelOf(out.script),
          value: Number(out.value),
          confirmations: 0,
          coinbase: false,
        });
      });
    }
    return outputs;
  }

  /** A transaction that pays or spends a watched script, from the mempool or the active chain. */
  transaction(txid: string): WalletTransaction | undefined {
    const { chain, mempool } = this.node;
    const pooled = mempool.get(txid);
    let found: WalletTransaction | undefined;
    if (pooled) {
      found = { tx: pooled.tx, time: pooled.time, spent: pooled.spent };
    } else {
      const located = chain.findTx(txid);
      if (!located || !chain.contains(located.entry)) return undefined;
      const block = chain.readBlock(located.entry.hash)!;
      const undo = chain.undo(located.entry.hash) ?? [];
      found = {
        tx: block.transactions![located.position]!,
        block: located.entry,
        position: located.position,
        time: located.entry.time,
        spent: undo[located.position] ?? [],
      };
    }
    const touches = found.tx.outs.some((o) => this.isWatched(o.script)) || found.spent.some((c) => this.isWatched(c.script));
    return touches ? found : undefined;
  }
}
