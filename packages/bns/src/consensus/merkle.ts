import { bytesToHex, hexToBytes, invalid } from '@bsk/crypto';
import { merkleRootOfLeaves } from './merkle-tree.js';

/**
 * virtualchain's Merkle root of a list of hex hashes (bns.md §6.4; virtualchain `merkle.py`),
 * Bitcoin's construction with hex byte-reversal: each leaf is decoded and byte-reversed; while
 * more than one node remains, an odd row duplicates its last node and each pair (a, b) becomes
 * dsha256(a ‖ b); the remaining node is reversed back and hex-encoded. A single leaf is its own
 * root. The leaves need not all be the same length (consensus hashes are 16 bytes, the ops hash 32).
 */
export function merkleRoot(leavesHex: readonly string[]): string {
  if (!Array.isArray(leavesHex) || leavesHex.length === 0) {
    invalid('empty_merkle_tree', 'a Merkle tree needs at least one leaf');
  }
  return bytesToHex(merkleRootOfLeaves(leavesHex.map((leaf) => hexToBytes(leaf))));
}
