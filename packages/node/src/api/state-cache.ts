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
 * The node tells the cache what each block applied touched (`blockApplied`): the answers of those
 * names go, and those whose expiry, grace period or epoch the new last block reaches (each answer
 * says at which height it goes stale); a namespace operation drops them all. A zone file arriving
 * changes only the answers that lacked it (`zonefileStored`). A block undone moves the node's state
 * version, which drops everything. Without a version source nothing is cached.
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

/** A name's API answer as JSON text, and what can make it stale besides a change of the name itself. */
export interface NameAnswer {
  readonly json: string;
  /** The hash of the zone file the answer lacked (the node did not have it yet), if any. */
  readonly missingZonefile: string | null;
  /** The first block height at which the answer may read differently though the name is untouched (expiry, grace period, a new epoch), if any. */
  readonly staleAt: number | null;
}

/** What is kept beside a cached answer, to find it again when it goes stale. */
interface AnswerTags {
  readonly missingZonefile: string | null;
  readonly staleAt: number | null;
}

export class StateCache {
  readonly #engine: Engine;
  readonly #version: (() => number) | null;
  #seen = -1;
  #tip: number | null = null;
  #namespaces = new Map<string, NamespaceRow | null>();
  readonly #names: LruCache<string, string>;
  /** Tags of the cached answers that have any, and the names by missing zone file and by the height they go stale at. */
  readonly #tags = new Map<string, AnswerTags>();
  readonly #awaiting = new Map<string, Set<string>>();
  readonly #staleAt = new Map<number, Set<string>>();
  /** Name answers served from the cache and computed, since the start (bench/api reports the hit rate). */
  readonly nameLookups = { hits: 0, misses: 0 };

  /** `budgetBytes`: the name answers' estimated size at most (0 caches none). */
  constructor(engine: Engine, version: (() => number) | null, budgetBytes = NAME_ANSWER_CACHE_BYTES) {
    this.#engine = engine;
    this.#version = version;
    this.#names = new LruCache(budgetBytes, { weigh: answerBytes, onEvict: (name) => this.#untag(name) });
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
      this.#dropAnswers();
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
    const { missingZonefile, staleAt } = answer;
    if (missingZonefile !== null || staleAt !== null) {
      this.#tags.set(name, { missingZonefile, staleAt });
      if (missingZonefile !== null) addTo(this.#awaiting, missingZonefile, name);
      if (staleAt !== null) addTo(this.#staleAt, staleAt, name);
    }
    // Last: an answer too large for the budget is evicted at once, with its tags.
    this.#names.set(name, answer.json);
    return answer.json;
  }

  /** A zone file was stored: the cached answers that showed it missing are dropped. */
  zonefileStored(hash: string): void {
    for (const name of [...(this.#awaiting.get(hash) ?? [])]) this.#dropAnswer(name);
  }

  /**
   * A block was applied (the indexer's listener, after the engine committed it), touching the
   * names and namespaces `touched` (its accepted operations' history ids). The answers of those
   * names go, and those that go stale at the new last block; a namespace operation drops every
   * answer (a namespace made ready changes its names' expiry). Every answer stays otherwise: the
   * others read the same at the new block.
   */
  blockApplied(touched: readonly string[]): void {
    if (this.#version === null) return;
    this.#fresh();
    this.#tip = this.#engine.tip();
    this.#namespaces = new Map();
    if (touched.some((id) => !id.includes('.'))) {
      this.#dropAnswers();
      return;
    }
    for (const name of touched) this.#dropAnswer(name);
    if (this.#tip === null) return;
    for (const [height, names] of [...this.#staleAt]) {
      if (height <= this.#tip) for (const name of [...names]) this.#dropAnswer(name);
    }
  }

  #dropAnswers(): void {
    this.#names.clear();
    this.#tags.clear();
    this.#awaiting.clear();
    this.#staleAt.clear();
  }

  #dropAnswer(name: string): void {
    this.#names.delete(name);
    this.#untag(name);
  }

  #untag(name: string): void {
    const tags = this.#tags.get(name);
    if (tags === undefined) return;
    this.#tags.delete(name);
    if (tags.missingZonefile !== null) removeFrom(this.#awaiting, tags.missingZonefile, name);
    if (tags.staleAt !== null) removeFrom(this.#staleAt, tags.staleAt, name);
  }
}

function addTo<K>(index: Map<K, Set<string>>, key: K, name: string): void {
  let names = index.get(key);
  if (names === undefined) index.set(key, (names = new Set()));
  names.add(name);
}

function removeFrom<K>(index: Map<K, Set<string>>, key: K, name: string): void {
  const names = index.get(key);
  names?.delete(name);
  if (names?.size === 0) index.delete(key);
}
