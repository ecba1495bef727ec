import { bytesToHex, hash160, hexToBytes, invalid } from '@bsk/crypto';
import { merkleRoot } from './merkle.js';
import { recordsOpsHash } from './ops-hash.js';
import type { CanonicalRecord } from './records.js';
import { previousSnapshotHeights } from './skip-list.js';

const CONSENSUS_HASH = /^[0-9a-f]{32}$/;
const OPS_HASH = /^[0-9a-f]{64}$/;

/** Where the engine's stored consensus hashes come from ("consensus hash at height h"). */
export interface ConsensusHashLookup {
  /** The stored consensus hash of block `height`, or undefined/null if there is none. */
  consensusHashAt(height: number): string | null | undefined;
}

/** A block's snapshot, as virtualchain stores it (`snapshots` table: consensus_hash, ops_hash). */
export interface BlockSnapshot {
  readonly consensusHash: string;
  readonly opsHash: string;
}

/**
 * A block's consensus hash from its ops hash and the previous consensus hashes of its skip list
 * (bns.md §6.4 steps 5–7; virtualchain `make_snapshot_from_ops_hash`): sort them all as strings
 * (mixed 32- and 64-character hex; lowercase, as the reference stores them), take their Merkle
 * root, and keep the first 16 bytes of hash160 of the root's bytes.
 */
export function consensusHash(blockOpsHash: string, previousConsensusHashes: readonly string[]): string {
  if (typeof blockOpsHash !== 'string' || !OPS_HASH.test(blockOpsHash)) {
    invalid('bad_ops_hash', 'ops hash must be 64 lowercase hex characters');
  }
  if (!Array.isArray(previousConsensusHashes)) invalid('bad_consensus_hash', 'expected a list of consensus hashes');
  for (const previous of previousConsensusHashes) assertConsensusHash(previous);
  const root = merkleRoot([...previousConsensusHashes, blockOpsHash].sort());
  return bytesToHex(hash160(hexToBytes(root)).slice(0, 16));
}

/**
 * Snapshot block `height` (virtualchain `snapshot`): the ops hash of its accepted canonical
 * records, mixed with the stored consensus hashes at `previousSnapshotHeights(height, firstBlock)`.
 * A missing stored hash is an InvalidInputError (the reference aborts the node).
 */
export function snapshotBlock(block: {
  readonly height: number;
  readonly firstBlock: number;
  readonly records: readonly CanonicalRecord[];
  readonly lookup: ConsensusHashLookup;
}): BlockSnapshot {
  if (typeof block !== 'object' || block === null || typeof block.lookup?.consensusHashAt !== 'function') {
    invalid('bad_block', 'expected a block with a consensus-hash lookup');
  }
  const blockOpsHash = recordsOpsHash(block.records);
  const previous = previousSnapshotHeights(block.height, block.firstBlock).map((height) => {
    const stored = block.lookup.consensusHashAt(height);
    if (stored === undefined || stored === null) {
      invalid('missing_consensus_hash', `no stored consensus hash for block ${height}`);
    }
    return stored;
  });
  return { consensusHash: consensusHash(blockOpsHash, previous), opsHash: blockOpsHash };
}

function assertConsensusHash(value: unknown): asserts value is string {
  if (typeof value !== 'string' || !CONSENSUS_HASH.test(value)) {
    invalid('bad_consensus_hash', 'consensus hashes are 32 lowercase hex characters');
  }
}
