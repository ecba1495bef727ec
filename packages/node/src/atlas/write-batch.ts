import type { ZonefileInventory } from '../zonefiles/inventory.js';
import { MAX_WRITE_BATCH_BYTES } from './constants.js';

/** A zone file as a peer sent it: the hash we asked for and the bytes it sent for it. */
interface Received {
  readonly peerUrl: string;
  readonly askedHash: string;
  readonly bytes: Uint8Array;
}

/**
 * Zone files received from peers, written through `store.putMany` `batchSize` files or 4 MiB at a
 * time (a commit per request of 100 costs about twice as much per file as one per thousand).
 * `put` hashes each file and keeps it only when that hash is on chain (bns.md §7.1), so whatever it
 * stores is genuine; its hash compared with the one asked for (one hashing per file) shows which
 * peers lied, reported to `onLie`.
 */
export class ZonefileWriteBatch {
  readonly #pending: Received[] = [];
  #pendingBytes = 0;
  /** Zone files newly stored so far. */
  fresh = 0;
  /** Files whose hash was not the one asked for. */
  lies = 0;

  constructor(
    readonly store: ZonefileInventory,
    readonly batchSize: number,
    readonly onLie: (peerUrl: string, askedHash: string, actualHash: string) => void,
  ) {}

  add(peerUrl: string, zonefiles: Iterable<[string, Uint8Array]>): void {
    for (const [askedHash, bytes] of zonefiles) {
      this.#pending.push({ peerUrl, askedHash, bytes });
      this.#pendingBytes += bytes.length;
    }
    if (this.#pending.length >= this.batchSize || this.#pendingBytes >= MAX_WRITE_BATCH_BYTES) this.flush();
  }

  flush(): void {
    if (this.#pending.length === 0) return;
    const received = this.#pending.splice(0);
    this.#pendingBytes = 0;
    const outcomes = this.store.putMany(received.map((item) => item.bytes));
    outcomes.forEach((outcome, i) => {
      const item = received[i]!;
      if (outcome.hash !== item.askedHash) {
        this.lies += 1;
        this.onLie(item.peerUrl, item.askedHash, outcome.hash);
      }
      else if (outcome.stored && outcome.fresh) this.fresh += 1;
    });
  }
}
