/*
 * The subdomain index's tables (bns.md §8.3; the reference's `subdomain_records` table in
 * blockstack-core `subdomains.py`). Names are prefixed so the tables can share a database with
 * other parts of the node.
 *
 * - subdomain_entries: every zone-file chain entry the index has looked at (ZonefileChainEntry),
 *   with `processed = 0` while its zone file has not arrived. Entries are kept so a reorganisation
 *   can rewind to an exact position and a late zone file finds the entries it belongs to.
 * - subdomain_records: every subdomain record read from a processed zone file, accepted or not;
 *   one per (fqn, carrying entry), as the reference's primary key (fqn, parent_zonefile_index).
 *   `accepted` is derived: the result of walking an fqn's records in (sequence, entry) order.
 */
export const SUBDOMAIN_SCHEMA = `
CREATE TABLE IF NOT EXISTS subdomain_entries (
  seq INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  block_height INTEGER NOT NULL,
  vtxindex INTEGER NOT NULL,
  txid TEXT NOT NULL,
  value_hash TEXT NOT NULL,
  processed INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS subdomain_entries_waiting ON subdomain_entries (value_hash) WHERE processed = 0;
CREATE INDEX IF NOT EXISTS subdomain_entries_by_height ON subdomain_entries (block_height);
CREATE TABLE IF NOT EXISTS subdomain_records (
  fqn TEXT NOT NULL,
  entry_seq INTEGER NOT NULL,
  parent TEXT NOT NULL,
  domain TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  owner TEXT NOT NULL,
  zonefile BLOB NOT NULL,
  zonefile_hash TEXT NOT NULL,
  signature TEXT,
  block_height INTEGER NOT NULL,
  vtxindex INTEGER NOT NULL,
  txid TEXT NOT NULL,
  parent_zonefile_hash TEXT NOT NULL,
  zonefile_offset INTEGER NOT NULL,
  missing TEXT NOT NULL,
  resolver TEXT,
  accepted INTEGER NOT NULL,
  UNIQUE (fqn, entry_seq)
);
CREATE INDEX IF NOT EXISTS subdomain_records_by_fqn ON subdomain_records (fqn, sequence, entry_seq);
CREATE INDEX IF NOT EXISTS subdomain_records_by_owner ON subdomain_records (owner, accepted);
CREATE INDEX IF NOT EXISTS subdomain_records_by_parent ON subdomain_records (parent, accepted, fqn);
CREATE INDEX IF NOT EXISTS subdomain_records_by_txid ON subdomain_records (txid, zonefile_offset);
CREATE INDEX IF NOT EXISTS subdomain_records_by_entry ON subdomain_records (entry_seq);
CREATE INDEX IF NOT EXISTS subdomain_records_by_domain ON subdomain_records (domain, accepted, sequence, entry_seq);
`;

/** The file the index opens inside the node's data directory. */
export const SUBDOMAIN_DB_FILE = 'subdomains.db';
