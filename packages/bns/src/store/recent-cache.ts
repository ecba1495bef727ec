/**
 * A cache of the recently used entries, in two generations: entries are set in the young map; when
 * it holds `generationSize` entries it becomes the old one (the previous old one is dropped). A hit
 * in the old generation moves the entry back to the young one. So it holds between
 * `generationSize` and twice that many entries, and a hit costs one or two Map lookups — unlike an
 * exact LRU, which re-inserts the entry on every hit (bench/index: that was 10% of the indexing time).
 */
export class RecentCache<K, V> {
  #young = new Map<K, V>();
  #old = new Map<K, V>();

  constructor(readonly generationSize: number) {}

  get(key: K): V | undefined {
    const young = this.#young.get(key);
    if (young !== undefined) return young;
    const old = this.#old.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: K, value: V): void {
    this.#young.set(key, value);
    if (this.#young.size >= this.generationSize) {
      this.#old = this.#young;
      this.#young = new Map();
    }
  }

  delete(key: K): void {
    this.#young.delete(key);
    this.#old.delete(key);
  }

  clear(): void {
    this.#young.clear();
    this.#old.clear();
  }
}
