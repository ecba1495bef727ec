import { LruCache } from '@bsk/crypto';
import type { Engine, NamespaceRow } from '@bsk/bns';

/*
 * Answers that only change when the node's state does: the last block, namespace rows, and whole
 * name records as GET /v1/names/{name} shows them, kept as their JSON text: one flat string per
 * name is cheap for the garbage collector to keep and to drop (a cache of 50,000 objects churning
 * under random lookups cost more collector time than the lookups' SQLite reads, bench/README.md
 * "api"), and a hit is sent without serializing again. The node bumps a state version whenever a block is
 * applied or undone and whenever a zone file is stored (createNode wires it); everything cached here
 * is dropped when the version moves. Without a version source nothing is cached.
 */

export const NAME_INFO_CACHE_SIZE = 50_000;

export class StateCache {
  readonly #engine: Engine;
  readonly #version: (() => number) | null;
  #seen = -1;
  #tip: number | null = null;
  #namespaces = new Map<string, NamespaceRow | null>();
  readonly #names: LruCache<string, string>;
  /** Name answers served from the cache and computed, since the start (bench/api reports the hit rate). */
  readonly nameLookups = { hits: 0, misses: 0 };

  constructor(engine: Engine, version: (() => number) | null, size = NAME_INFO_CACHE_SIZE) {
    this.#engine = engine;
    this.#version = version;
    this.#names = new LruCache(size);
  }

  /** Whether answers are cached at all (a version source exists). */
  get cachesAnswers(): boolean {
    return this.#version !== null;
  }

  /** True when answers may be cached (a version source exists); refreshes on a new version. */
  #fresh(): boolean {
    if (this.#version === null) return false;
    const version = this.#version();
    if (version !== this.#seen) {
      this.#seen = version;
      this.#tip = this.#engine.tip();
      this.#namespaces = new Map();
      this.#names.clear();
    }
    return true;
  }

  tip(): number | null {
    return this.#fresh() ? this.#tip : this.#engine.tip();
  }

  namespace(namespaceId: string): NamespaceRow | null {
    if (!this.#fresh()) return this.#engine.store.getRow('namespace', namespaceId);
    let row = this.#namespaces.get(namespaceId);
    if (row === undefined) {
      row = this.#engine.store.getRow('namespace', namespaceId);
      this.#namespaces.set(namespaceId, row);
    }
    return row;
  }

  /** A name's API record as JSON text, computed by `make` on a miss (errors are not cached). */
  nameJson(name: string, make: () => string): string {
    if (!this.#fresh()) return make();
    const cached = this.#names.get(name);
    if (cached !== undefined) {
      this.nameLookups.hits++;
      return cached;
    }
    this.nameLookups.misses++;
    const info = make();
    this.#names.set(name, info);
    return info;
  }
}
