/** One entry, linked from least (`older`) to most (`newer`) recently used. */
interface Entry<K, V> {
  readonly key: K;
  value: V;
  older: Entry<K, V> | null;
  newer: Entry<K, V> | null;
}

/**
 * A least-recently-used map of at most `capacity` entries. Recency is a doubly linked list beside
 * the Map, so a hit only relinks one entry: re-inserting into the Map on every hit (delete + set)
 * costs a hash of the key twice and leaves a deleted slot that V8 must later compact, which made
 * `get` the indexer's most expensive function on caches of tens of thousands of rows.
 */
export class LruCache<K, V> {
  readonly #entries = new Map<K, Entry<K, V>>();
  #oldest: Entry<K, V> | null = null;
  #newest: Entry<K, V> | null = null;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.#entries.size;
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
    const existing = this.#entries.get(key);
    if (existing !== undefined) {
      existing.value = value;
      if (existing !== this.#newest) {
        this.#unlink(existing);
        this.#append(existing);
      }
      return;
    }
    const entry: Entry<K, V> = { key, value, older: null, newer: null };
    this.#entries.set(key, entry);
    this.#append(entry);
    while (this.#entries.size > this.capacity && this.#oldest !== null) this.delete(this.#oldest.key);
  }

  /** The values from least to most recently used, without touching their order. */
  *values(): IterableIterator<V> {
    for (let entry = this.#oldest; entry !== null; entry = entry.newer) yield entry.value;
  }

  delete(key: K): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.delete(key);
    this.#unlink(entry);
  }

  clear(): void {
    this.#entries.clear();
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
