import type { ZonefileInventory } from '../zonefiles/inventory.js';
import { MAX_WRITE_BATCH_BYTES } from './constants.js';

/**
 * Verified zone files waiting to be stored, written through `store.putMany` (so only on-chain
 * hashes are kept, bns.md §7.1) `batchSize` files or 4 MiB at a time: a commit per request of 100
 * costs about twice as much per file as one per thousand.
 */
export class ZonefileWriteBatch {
  readonly #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  /** Zone files newly stored so far. */
  fresh = 0;

  constructor(
    readonly store: ZonefileInventory,
    readonly batchSize: number,
  ) {}

  add(zonefiles: Iterable<Uint8Array>): void {
    for (const bytes of zonefiles) {
      this.#pending.push(bytes);
      this.#pendingBytes += bytes.length;
    }
    if (this.#pending.length >= this.batchSize || this.#pendingBytes >= MAX_WRITE_BATCH_BYTES) this.flush();
  }

  flush(): void {
    if (this.#pending.length === 0) return;
    const outcomes = this.store.putMany(this.#pending.splice(0));
    this.#pendingBytes = 0;
    this.fresh += outcomes.filter((outcome) => outcome.stored && outcome.fresh).length;
  }
}
