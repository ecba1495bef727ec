/** One entry, linked from least (`older`) to most (`newer`) recently used. */
interface Entry<K, V> {
  readonly key: K;
  value: V;
  /** What the entry counts against the capacity (1 without a weigher). */
  weight: number;
  older: Entry<K, V> | null;
  newer: Entry<K, V> | null;
}

export interface LruOptions<K, V> {
  /** An entry's weight (default 1 each): the capacity bounds the weights' sum. */
  readonly weigh?: (key: K, value: V) => number;
  /** Called for each entry pushed out to make room (not for delete or clear). */
  readonly onEvict?: (key: K, value: V) => void;
}

/**
 * A least-recently-used map of at most `capacity` entries — or, with `weigh`, of entries whose
 * weights (say, estimated bytes) add up to at most `capacity`; an entry heavier than the capacity
 * is not kept (it is evicted as it is set). Recency is a doubly linked list beside
 * the Map, so a hit only relinks one entry: re-inserting into the Map on every hit (delete + set)
 * costs a hash of the key twice and leaves a deleted slot that V8 must later compact, which made
 * `get` the indexer's most expensive function on caches of tens of thousands of rows.
 */
export class LruCache<K, V> {
  readonly #entries = new Map<K, Entry<K, V>>();
  #oldest: Entry<K, V> | null = null;
  #newest: Entry<K, V> | null = null;
  #weight = 0;

  readonly #weigh: ((key: K, value: V) => number) | null;
  readonly #onEvict: ((key: K, value: V) => void) | null;

  constructor(
    readonly capacity: number,
    options: LruOptions<K, V> = {},
  ) {
    this.#weigh = options.weigh ?? null;
    this.#onEvict = options.onEvict ?? null;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The entries' weights added up (their number without a weigher). */
  get weight(): number {
    return this.#weight;
  }

  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry !== this.#newest) {
      this.#unlink(entry);
      this.#append(entry);
    }
    return entry.value;
  }

  set(key: K, value: V): void {
    const weight = this.#weigh === null ? 1 : this.#weigh(key, value);
    const existing = this.#entries.get(key);
    if (existing !== undefined) {
      this.#weight += weight - existing.weight;
      existing.value = value;
      existing.weight = weight;
      if (existing !== this.#newest) {
        this.#unlink(existing);
        this.#append(existing);
      }
    } else {
      const entry: Entry<K, V> = { key, value, weight, older: null, newer: null };
      this.#entries.set(key, entry);
      this.#weight += weight;
      this.#append(entry);
    }
    while (this.#weight > this.capacity && this.#oldest !== null) {
      const oldest = this.#oldest;
      this.delete(oldest.key);
      this.#onEvict?.(oldest.key, oldest.value);
    }
  }

  /** The values from least to most recently used, without touching their order. */
  *values(): IterableIterator<V> {
    for (let entry = this.#oldest; entry !== null; entry = entry.newer) yield entry.value;
  }

  delete(key: K): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.delete(key);
    this.#weight -= entry.weight;
    this.#unlink(entry);
  }

  clear(): void {
    this.#entries.clear();
    this.#weight = 0;
    this.#oldest = null;
    this.#newest = null;
  }

  #unlink(entry: Entry<K, V>): void {
    if (entry.older === null) this.#oldest = entry.newer;
    else entry.older.newer = entry.newer;
    if (entry.newer === null) this.#newest = entry.older;
    else entry.newer.older = entry.older;
    entry.older = null;
    entry.newer = null;
  }

  #append(entry: Entry<K, V>): void {
    entry.older = this.#newest;
    if (this.#newest === null) this.#oldest = entry;
    else this.#newest.newer = entry;
    this.#newest = entry;
  }
}
