/*
 * The zone-file store's tables (bns.md §7.1–7.2). Names are prefixed so the tables can live in a
 * database shared with other parts of the node.
 *
 * - zonefile_chain: one row per accepted operation that set a zone-file hash, in chain order; `seq`
 *   (from 0) is the row's bit in the Atlas inventory. `present` mirrors whether zonefile_bytes holds
 *   the hash, kept so the inventory and the missing rows are single indexed reads. `txid` is unique,
 *   as in the original (a transaction is never listed twice), which also makes re-noting a block
 *   after a crash harmless.
 *   Rows are in block order, so a reorganisation finds its rows from the tail by `seq` (no
 *   block-height index to maintain on every insert).
 * - zonefile_bytes: the zone files themselves, by hash. Reorganisations never delete them.
 */
export const ZONEFILE_SCHEMA = `
CREATE TABLE IF NOT EXISTS zonefile_chain (
  seq INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  block_height INTEGER NOT NULL,
  vtxindex INTEGER NOT NULL,
  txid TEXT NOT NULL UNIQUE,
  value_hash TEXT NOT NULL,
  present INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS zonefile_chain_by_hash ON zonefile_chain (value_hash);
CREATE INDEX IF NOT EXISTS zonefile_chain_by_name ON zonefile_chain (name, seq);
CREATE INDEX IF NOT EXISTS zonefile_chain_missing ON zonefile_chain (seq) WHERE present = 0;
CREATE TABLE IF NOT EXISTS zonefile_bytes (
  hash TEXT PRIMARY KEY,
  bytes BLOB NOT NULL
);
`;
