import { isB40 } from '../b40.js';

/*
 * Name syntax as the subdomain code of blockstack-core checks it (`is_name_valid`,
 * `is_address_subdomain` in `blockstack/lib/scripts.py`; bns.md §4.1, §8.1).
 */

const MAX_NAME_LENGTH = 37;
const MAX_NAMESPACE_LENGTH = 19;

function isNamespaceId(namespaceId: string): boolean {
  return (
    namespaceId.length > 0 &&
    namespaceId.length <= MAX_NAMESPACE_LENGTH &&
    isB40(namespaceId) &&
    !namespaceId.includes('+') &&
    !namespaceId.includes('.')
  );
}

/** `name.namespace`, lower-case base-40 without `+`, at most 37 characters in all. */
export function isOnChainName(fqn: string): boolean {
  if (typeof fqn !== 'string' || fqn.split('.').length !== 2) return false;
  const [name, namespaceId] = fqn.split('.') as [string, string];
  if (name.length === 0 || !isB40(name) || name.includes('+')) return false;
  return isNamespaceId(namespaceId) && fqn.length <= MAX_NAME_LENGTH;
}

/** The reference's subdomain pattern: any-length label of `[a-z0-9-_+]`, then a name. */
const SUBDOMAIN_PATTERN = /^([a-z0-9\-_+]+)\.([a-z0-9\-_+]{1,37}\.[a-z0-9\-_.+]{1,19})$/;

export interface SubdomainNameParts {
  /** The leaf label, e.g. `1yeardaily`. */
  readonly label: string;
  /** The on-chain name it hangs off, e.g. `verified.podcast`. */
  readonly domain: string;
}

/** Splits `label.name.namespace`; null when the text is not a fully-qualified subdomain. */
export function splitSubdomainName(fqn: string): SubdomainNameParts | null {
  if (typeof fqn !== 'string' || fqn.split('.').length !== 3) return null;
  const match = SUBDOMAIN_PATTERN.exec(fqn);
  if (!match) return null;
  const [, label, domain] = match as unknown as [string, string, string];
  return isOnChainName(domain) ? { label, domain } : null;
}

export function isSubdomainName(fqn: string): boolean {
  return splitSubdomainName(fqn) !== null;
}
