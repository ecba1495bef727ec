import { bytesToHex, concatBytes, doubleSha256, hexToBytes, invalid } from '@bsk/crypto';

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
  let row = leavesHex.map((leaf) => hexToBytes(leaf).reverse());
  while (row.length > 1) {
    if (row.length % 2 === 1) row.push(row[row.length - 1]!);
    const parents: Uint8Array[] = [];
    for (let i = 0; i < row.length; i += 2) parents.push(doubleSha256(concatBytes(row[i]!, row[i + 1]!)));
    row = parents;
  }
  return bytesToHex(row[0]!.slice().reverse());
}
