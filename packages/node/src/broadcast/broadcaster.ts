import { parseTransaction, type ChainBackend } from '@bsk/bitcoin';
import type { Logger } from 'pino';
import type { ZonefileStore } from '../contracts.js';
import type { BroadcastQueue, QueuedItem } from './broadcast-queue.js';

/*
 * The transaction broadcaster (cli-and-scenarios.md §A.9; the original blockstack
 * transaction-broadcaster): sends a transaction now, or holds it (or a zone file) until another
 * transaction has enough confirmations. A registration is three steps: the preorder goes out at
 * once, the register once the preorder is confirmed, the zone file once the register is — stored
 * through the zone-file store, which accepts it as soon as the indexer has seen the register's hash.
 * A zone file whose hash is not on chain yet stays queued (the indexer may be a block behind).
 */

export class BroadcastRequestError extends Error {
  override readonly name = 'BroadcastRequestError';
}

export interface BroadcasterOptions {
  readonly backend: ChainBackend;
  readonly queue: BroadcastQueue;
  readonly zonefiles: ZonefileStore;
  readonly logger: Logger;
  /** Default confirmations to wait for (preorder → register, register → zone file). */
  readonly confirmations: number;
  /** Items still waiting after this long are given up (default one day). */
  readonly staleAfterMs?: number;
  readonly now?: () => number;
}

const MAX_CONFIRMATIONS = 10;
const ONE_DAY_MS = 24 * 60 * 60 * 1000;

export class Broadcaster {
  readonly #options: BroadcasterOptions;
  #checking: Promise<void> | null = null;

  constructor(options: BroadcasterOptions) {
    this.#options = options;
  }

  get defaultConfirmations(): number {
    return this.#options.confirmations;
  }

  /** The txid of a raw transaction; throws BroadcastRequestError when it does not parse. */
  txidOf(rawHex: string): string {
    if (typeof rawHex !== 'string' || !/^([0-9a-fA-F]{2})+$/.test(rawHex)) throw new BroadcastRequestError('transaction must be hex');
    try {
      return parseTransaction(rawHex, this.#options.backend.network).txid;
    } catch (error) {
      throw new BroadcastRequestError(`transaction does not parse: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Sends a transaction now; resolves to its txid. */
  async broadcastNow(rawHex: string): Promise<string> {
    const txid = this.txidOf(rawHex);
    await this.#options.backend.broadcast(rawHex);
    this.#options.logger.info({ txid }, 'transaction broadcast');
    return txid;
  }

  #checkConfirmations(confirmations: number): void {
    if (!Number.isInteger(confirmations) || confirmations < 1 || confirmations > MAX_CONFIRMATIONS) throw new BroadcastRequestError('Confirmations must be between 1 and 10');
  }

  /** Holds a transaction until `watchTxid` has `confirmations`; resolves to the held transaction's txid. */
  queueTransaction(rawHex: string, watchTxid: string, confirmations = this.#options.confirmations): string {
    this.#checkConfirmations(confirmations);
    const txid = this.txidOf(rawHex);
    this.#options.queue.add({ kind: 'transaction', payload: rawHex, txid, watchTxid, confirmations, receivedAt: this.#now() });
    return txid;
  }

  queueZonefile(zonefile: string, watchTxid: string, confirmations = this.#options.confirmations): void {
    this.#checkConfirmations(confirmations);
    this.#options.queue.add({ kind: 'zonefile', payload: zonefile, txid: null, watchTxid, confirmations, receivedAt: this.#now() });
  }

  /** Preorder now; register after the preorder confirms; zone file after the register confirms. */
  async registration(preorderHex: string, registerHex: string, zonefile: string, confirmations = this.#options.confirmations): Promise<{ preorderTxid: string; registerTxid: string }> {
    this.#checkConfirmations(confirmations);
    const preorderTxid = this.txidOf(preorderHex);
    const registerTxid = this.txidOf(registerHex);
    await this.broadcastNow(preorderHex);
    const receivedAt = this.#now();
    this.#options.queue.addAll([
      { kind: 'transaction', payload: registerHex, txid: registerTxid, watchTxid: preorderTxid, confirmations, receivedAt },
      { kind: 'zonefile', payload: zonefile, txid: null, watchTxid: registerTxid, confirmations, receivedAt },
    ]);
    return { preorderTxid, registerTxid };
  }

  /** One pass over the waiting items (never two at once). */
  check(): Promise<void> {
    this.#checking ??= this.#checkAll().finally(() => {
      this.#checking = null;
    });
    return this.#checking;
  }

  async #checkAll(): Promise<void> {
    for (const item of this.#options.queue.waiting()) {
      try {
        await this.#checkItem(item);
      } catch (error) {
        this.#options.logger.warn({ err: error, id: item.id, kind: item.kind }, 'broadcast step failed; will retry');
      }
    }
  }

  async #confirmations(txid: string): Promise<number> {
    try {
      return (await this.#options.backend.getTransaction(txid)).confirmations;
    } catch {
      return 0; // not known yet
    }
  }

  async #checkItem(item: QueuedItem): Promise<void> {
    const { queue, logger } = this.#options;
    if (this.#now() - item.receivedAt > (this.#options.staleAfterMs ?? ONE_DAY_MS)) {
      queue.finish(item.id, 'failed', 'stale: the watched transaction never confirmed');
      return;
    }
    if ((await this.#confirmations(item.watchTxid)) < item.confirmations) return;
    if (item.kind === 'transaction') {
      await this.#options.backend.broadcast(item.payload);
      queue.finish(item.id, 'done');
      logger.info({ txid: item.txid, after: item.watchTxid }, 'held transaction broadcast');
      return;
    }
    const outcome = this.#options.zonefiles.put(new TextEncoder().encode(item.payload));
    if (outcome.stored) {
      queue.finish(item.id, 'done');
      logger.info({ hash: outcome.hash }, 'held zone file stored');
    } else if (outcome.reason === 'too-large') {
      queue.finish(item.id, 'failed', 'zone file too large');
    }
    // not-on-chain: the indexer has not applied the register's block yet; try again next pass.
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }
}
