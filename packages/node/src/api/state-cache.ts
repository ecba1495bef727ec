import { LruCache } from '@bsk/crypto';
import type { Engine, NamespaceRow } from '@bsk/bns';

/*
 * Answers that only change when the node's state does: the last block, namespace rows, and whole
 * name records as GET /v1/names/{name} shows them, kept as their JSON text: one flat string per
 * name is cheap for the garbage collector to keep and to drop (a cache of 50,000 objects churning
 * under random lookups cost more collector time than the lookups' SQLite reads, bench/README.md
 * "api"), and a hit is sent without serializing again.
 *
 * The name answers are bounded by an estimate of the memory they take, not by their number, so
 * that a node can keep every name's answer (100,000 answers of about 500 bytes take about 60 MB).
 * The node bumps a state version whenever a block is applied or undone: everything cached is
 * dropped then, since any answer may depend on the new last block (expiry, grace period). A zone
 * file arriving changes only the answers that lacked it: `zonefileStored` drops just those.
 * Without a version source nothing is cached.
 */

/** The default budget of the name answers, in bytes (the node's `apiCacheMegabytes`). */
export const NAME_ANSWER_CACHE_BYTES = 128 * 2 ** 20;

/** What an answer costs beyond its text: the map slot, the recency links, the key's string header. */
const ENTRY_OVERHEAD_BYTES = 160;
/** A string holding a character past U+00FF takes two bytes per character in V8. */
const WIDE_CHARACTER = /[\u0100-\uffff]/;

/** Estimated bytes of one cached answer. */
export function answerBytes(name: string, json: string): number {
  const perCharacter = WIDE_CHARACTER.test(json) || WIDE_CHARACTER.test(name) ? 2 : 1;
  return (name.length + json.length) * perCharacter + ENTRY_OVERHEAD_BYTES;
}

/** A name's API answer as JSON text, and the hash of the zone file it lacked (the node did not have it yet), if any. */
export interface NameAnswer {
  readonly json: string;
  readonly missingZonefile: string | null;
}

export class StateCache {
  readonly #engine: Engine;
  readonly #version: (() => number) | null;
  #seen = -1;
  #tip: number | null = null;
  #namespaces = new Map<string, NamespaceRow | null>();
  readonly #names: LruCache<string, string>;
  /** Cached answers that lack their zone file: the zone file's hash by name, and the names by hash. */
  readonly #missing = new Map<string, string>();
  readonly #awaiting = new Map<string, Set<string>>();
  /** Name answers served from the cache and computed, since the start (bench/api reports the hit rate). */
  readonly nameLookups = { hits: 0, misses: 0 };

  /** `budgetBytes`: the name answers' estimated size at most (0 caches none). */
  constructor(engine: Engine, version: (() => number) | null, budgetBytes = NAME_ANSWER_CACHE_BYTES) {
    this.#engine = engine;
    this.#version = version;
    this.#names = new LruCache(budgetBytes, { weigh: answerBytes, onEvict: (name) => this.#forgetMissing(name) });
  }

  /** Whether answers are cached at all (a version source exists). */
  get cachesAnswers(): boolean {
    return this.#version !== null;
  }

  /** The name answers held, and their estimated bytes. */
  get nameAnswers(): { readonly count: number; readonly bytes: number } {
    return { count: this.#names.size, bytes: this.#names.weight };
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
      this.#missing.clear();
      this.#awaiting.clear();
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

  /**
   * A name's cached API answer as JSON text, or undefined. Only answers for valid names are ever
   * cached, so a hit needs no validation of the name.
   */
  cachedNameJson(name: string): string | undefined {
    if (!this.#fresh()) return undefined;
    const cached = this.#names.get(name);
    if (cached !== undefined) this.nameLookups.hits++;
    return cached;
  }

  /** A name's API answer as JSON text, computed by `make` and cached (errors are not cached), after cachedNameJson missed. */
  computeNameJson(name: string, make: () => NameAnswer): string {
    if (!this.#fresh()) return make().json;
    this.nameLookups.misses++;
    const answer = make();
    const hash = answer.missingZonefile;
    if (hash !== null) {
      this.#missing.set(name, hash);
      let names = this.#awaiting.get(hash);
      if (names === undefined) this.#awaiting.set(hash, (names = new Set()));
      names.add(name);
    }
    // Last: an answer too large for the budget is evicted at once, with its entries above.
    this.#names.set(name, answer.json);
    return answer.json;
  }

  /** A zone file was stored: the cached answers that showed it missing are dropped. */
  zonefileStored(hash: string): void {
    const names = this.#awaiting.get(hash);
    if (names === undefined) return;
    for (const name of [...names]) {
      this.#names.delete(name);
      this.#forgetMissing(name);
    }
  }

  #forgetMissing(name: string): void {
    const hash = this.#missing.get(name);
    if (hash === undefined) return;
    this.#missing.delete(name);
    const names = this.#awaiting.get(hash);
    names?.delete(name);
    if (names?.size === 0) this.#awaiting.delete(hash);
  }
}
