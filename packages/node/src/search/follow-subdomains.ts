import type { SubdomainRecord } from '../contracts.js';
import type { SearchIndex } from './search-index.js';

/*
 * Keeps search current with the subdomain index (issue 5 "kept current as zone files … arrive"):
 * every subdomain with an accepted record is findable, and one that loses it (a rewind) is
 * forgotten. Profiles are added separately, when the node resolves them (upsertProfile).
 */

/** What this needs of the subdomain index (subdomains/SubdomainIndex has it). */
export interface SubdomainChangeSource {
  onChanged(listener: (fqns: readonly string[]) => void): () => void;
  resolve(fqn: string): SubdomainRecord | null;
  list(offset: number, limit: number): string[];
}

const PAGE = 1000;

/** Indexes every current subdomain, then follows changes. Returns a function that stops following. */
export function followSubdomainsInSearch(search: SearchIndex, subdomains: SubdomainChangeSource): () => void {
  const stop = subdomains.onChanged((fqns) => {
    for (const fqn of fqns) {
      if (subdomains.resolve(fqn) === null) search.remove(fqn);
      else search.upsertName(fqn);
    }
  });
  for (let offset = 0; ; offset += PAGE) {
    const page = subdomains.list(offset, PAGE);
    search.upsertNames(page);
    if (page.length < PAGE) break;
  }
  return stop;
}
