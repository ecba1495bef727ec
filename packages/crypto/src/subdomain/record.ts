/*
 * One subdomain operation as carried by a TXT record of its domain's zone file
 * (bns.md §8.1). Records are values; acceptance is decided separately (§8.3).
 */
export interface SubdomainRecord {
  /** Fully-qualified, lower-case: `label.name.namespace`. */
  readonly fqn: string;
  /** The on-chain name whose zone file carried this record (not necessarily the fqn's parent). */
  readonly domain: string;
  /** Base58check owner address: P2PKH (single key) or P2SH (multisig). */
  readonly owner: string;
  /** 0 for the creation, +1 for every later update or transfer. */
  readonly sequence: number;
  /** The subdomain's own zone file, as raw bytes. */
  readonly zonefile: Uint8Array;
  /** Base64 scriptSig over the signing plaintext; null when absent (sequence 0). */
  readonly signature: string | null;
}

/**
 * A record is independent when it was published by a domain other than its fqn's parent
 * (`foo.bar.id` carried by `baz.id`). Independent records are written with their fqn,
 * may update but never create or transfer a subdomain (bns.md §8.3).
 */
export function isIndependentSubdomainRecord(record: Pick<SubdomainRecord, 'fqn' | 'domain'>): boolean {
  return !record.fqn.endsWith(`.${record.domain}`);
}
