/*
 * The vocabulary of subdomain records inside a domain's zone file (bns.md §8.1;
 * blockstack-core `blockstack/lib/subdomains.py`).
 */

/** Keys of the `key=value` character-strings of a subdomain TXT record. */
export const SUBDOMAIN_OWNER_KEY = 'owner';
export const SUBDOMAIN_SEQUENCE_KEY = 'seqn';
export const SUBDOMAIN_PARTS_KEY = 'parts';
export const SUBDOMAIN_SIGNATURE_KEY = 'sig';

/** Key of the i-th base64 piece of the subdomain's zone file. */
export function subdomainZonefilePieceKey(index: number): string {
  return `zf${index}`;
}

/** The base64 zone file is cut into pieces of this many characters (`zf99=` + 250 < 255). */
export const SUBDOMAIN_ZONEFILE_PIECE_LENGTH = 250;

/** TXT record names a domain uses for its own bookkeeping; never subdomains. */
export const SUBDOMAIN_MISSING_RECORD = '_missing';
export const SUBDOMAIN_RESOLVER_RECORD = '_resolver';
export const SUBDOMAIN_REGISTRAR_RECORD = '_registrar';
export const SUBDOMAIN_RESERVED_NAMES: readonly string[] = Object.freeze([
  SUBDOMAIN_MISSING_RECORD,
  SUBDOMAIN_RESOLVER_RECORD,
  SUBDOMAIN_REGISTRAR_RECORD,
]);
