import { LruCache, parseZoneFile } from '@bsk/crypto';
import type { ZonefileStore } from '../contracts.js';

/*
 * Zone files as the API shows them, cached by hash: a hash names its bytes forever, so the text and
 * the `_resolver` it declares never go stale. Only zone files the store holds are cached (a miss may
 * be filled later by Atlas or a POST).
 */

export const ZONEFILE_VIEW_CACHE_SIZE = 50_000;

interface ZonefileView {
  readonly text: string;
  readonly resolver: string | null;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * The subdomain resolver a domain's zone file names: the target of its `_resolver` URI record
 * (blockstack-core subdomains.py get_subdomain_resolver), or null.
 */
export function resolverOfZonefile(text: string): string | null {
  // Most zone files name no resolver: skip the parse unless the record's name appears at all.
  if (!text.includes('_resolver')) return null;
  try {
    return parseZoneFile(text).uri?.find((uri) => uri.name === '_resolver')?.target ?? null;
  } catch {
    return null;
  }
}

export class ZonefileViews {
  readonly #zonefiles: ZonefileStore;
  readonly #cache: LruCache<string, ZonefileView>;

  constructor(zonefiles: ZonefileStore, size = ZONEFILE_VIEW_CACHE_SIZE) {
    this.#zonefiles = zonefiles;
    this.#cache = new LruCache(size);
  }

  /**
   * The view of `hash`. `remember: false` reads through without caching what it read: for callers
   * that cache their whole answer themselves (GET /v1/names/{name} with a state cache), where a
   * second copy here would only be garbage to collect when both caches evict it.
   */
  view(hash: string | null, remember = true): ZonefileView | null {
    if (hash === null) return null;
    const cached = this.#cache.get(hash);
    if (cached !== undefined) return cached;
    const bytes = this.#zonefiles.get(hash);
    if (bytes === null) return null;
    const text = decoder.decode(bytes);
    const view = { text, resolver: resolverOfZonefile(text) };
    if (remember) this.#cache.set(hash, view);
    return view;
  }
}
