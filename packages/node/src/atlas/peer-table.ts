import { LruCache } from '@bsk/crypto';
import { inventoryBit } from '../zonefiles/inventory.js';

/*
 * The bounded peer table (bns.md §7.4): who we talk to, how healthy each is, what each has
 * (its inventory bits over the rows we are missing), and who is banned. Seeds are kept whatever
 * their health, as the original whitelisted them; they can still be banned for lying.
 */

export interface PeerTableLimits {
  readonly maxPeers: number;
  readonly maxBanned: number;
  readonly healthWindowMs: number;
  readonly minPeerHealth: number;
  readonly minRequestsForHealth: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  readonly banMs: number;
}

/** Most undelivered hashes remembered per peer. */
const MAX_LACKING = 100_000;

/** Most request outcomes remembered per peer for its health. */
const MAX_OUTCOMES = 256;

export class AtlasPeer {
  /** Inventory bits known for rows [0, bits.length * 8): MSB-first, as the peer sent them. */
  bits = new Uint8Array(0);
  /**
   * Hashes the peer advertised but did not deliver (it is on another fork at those rows, or
   * lying), with when to forget it. Kept across inventory refreshes, which would set the bits
   * again; the original cleared such bits locally instead (bns.md §7.5).
   */
  readonly #lacking = new Map<string, number>();
  readonly outcomes: { at: number; ok: boolean }[] = [];
  consecutiveFailures = 0;
  /** No request before this time (backoff). */
  nextAttemptAt = 0;

  constructor(
    readonly url: string,
    readonly seed: boolean,
  ) {}

  hasRow(seq: number): boolean {
    return inventoryBit(this.bits, seq);
  }

  /** Writes received inventory bytes at `byteOffset`, growing the vector as needed. */
  setInventory(byteOffset: number, bytes: Uint8Array): void {
    const end = byteOffset + bytes.length;
    if (end > this.bits.length) {
      const grown = new Uint8Array(end);
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits.set(bytes, byteOffset);
  }

  noteLacks(hash: string, until: number): void {
    this.#lacking.delete(hash);
    this.#lacking.set(hash, until);
    // Bounded: the oldest notes go first.
    if (this.#lacking.size > MAX_LACKING) this.#lacking.delete(this.#lacking.keys().next().value!);
  }

  lacks(hash: string, now = Date.now()): boolean {
    const until = this.#lacking.get(hash);
    if (until === undefined) return false;
    if (until > now) return true;
    this.#lacking.delete(hash);
    return false;
  }

  /** responses / requests over the window; 1 with no requests (bns.md §7.4 health). */
  health(now: number, windowMs: number): { health: number; requests: number } {
    const recent = this.outcomes.filter((outcome) => outcome.at >= now - windowMs);
    if (recent.length === 0) return { health: 1, requests: 0 };
    return { health: recent.filter((outcome) => outcome.ok).length / recent.length, requests: recent.length };
  }
}

export class AtlasPeerTable {
  readonly #peers = new Map<string, AtlasPeer>();
  /** url → banned until (ms). */
  readonly #banned: LruCache<string, number>;

  constructor(readonly limits: PeerTableLimits) {
    this.#banned = new LruCache(limits.maxBanned);
  }

  get size(): number {
    return this.#peers.size;
  }

  get(url: string): AtlasPeer | undefined {
    return this.#peers.get(url);
  }

  has(url: string): boolean {
    return this.#peers.has(url);
  }

  all(): AtlasPeer[] {
    return [...this.#peers.values()];
  }

  isFull(): boolean {
    return this.#peers.size >= this.limits.maxPeers;
  }

  /** Adds a peer unless present, banned or the table is full; returns whether it is in the table now. */
  add(url: string, options: { seed?: boolean; now: number }): boolean {
    if (this.#peers.has(url)) return true;
    if (this.isBanned(url, options.now) || this.isFull()) return false;
    this.#peers.set(url, new AtlasPeer(url, options.seed ?? false));
    return true;
  }

  remove(url: string): void {
    this.#peers.delete(url);
  }

  ban(url: string, now: number): void {
    this.#peers.delete(url);
    this.#banned.set(url, now + this.limits.banMs);
  }

  isBanned(url: string, now: number): boolean {
    const until = this.#banned.get(url);
    if (until === undefined) return false;
    if (until > now) return true;
    this.#banned.delete(url);
    return false;
  }

  bannedCount(now: number): number {
    return [...this.#banned.values()].filter((until) => until > now).length;
  }

  /** Peers we may send a request to now (not backing off). */
  available(now: number): AtlasPeer[] {
    return this.all().filter((peer) => peer.nextAttemptAt <= now);
  }

  recordSuccess(peer: AtlasPeer, now: number): void {
    this.#remember(peer, now, true);
    peer.consecutiveFailures = 0;
    peer.nextAttemptAt = 0;
  }

  /** A failed request: backoff doubles; returns true when the peer is now unhealthy (bns.md §7.4) and was dropped. */
  recordFailure(peer: AtlasPeer, now: number): boolean {
    this.#remember(peer, now, false);
    peer.consecutiveFailures += 1;
    const backoff = Math.min(this.limits.backoffMaxMs, this.limits.backoffBaseMs * 2 ** Math.min(30, peer.consecutiveFailures - 1));
    peer.nextAttemptAt = now + backoff;
    const { health, requests } = peer.health(now, this.limits.healthWindowMs);
    if (!peer.seed && requests >= this.limits.minRequestsForHealth && health < this.limits.minPeerHealth) {
      // Unhealthy peers are removed (the original's remove_unhealthy_peers) and kept out for a while.
      this.ban(peer.url, now);
      return true;
    }
    return false;
  }

  #remember(peer: AtlasPeer, now: number, ok: boolean): void {
    peer.outcomes.push({ at: now, ok });
    if (peer.outcomes.length > MAX_OUTCOMES) peer.outcomes.splice(0, peer.outcomes.length - MAX_OUTCOMES);
  }

  /** Up to `max` random peers with at least one request and health ≥ the minimum (NUM_NEIGHBORS rule). */
  neighbours(max: number, now: number): string[] {
    const healthy = this.all().filter((peer) => {
      const { health, requests } = peer.health(now, this.limits.healthWindowMs);
      return requests >= 1 && health >= this.limits.minPeerHealth;
    });
    return shuffle(healthy.map((peer) => peer.url)).slice(0, max);
  }
}

export function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
