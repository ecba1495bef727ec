import { doubleSha256Concat, invalid } from '@bsk/crypto';

/**
 * virtualchain's Merkle tree over leaves given in bytes, in their hex (unreversed) order; returns
 * the root in that order too (see `merkleRoot`). Internal: the ops hash computes one leaf per
 * operation and should not round-trip them through hex.
 */
export function merkleRootOfLeaves(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) invalid('empty_merkle_tree', 'a Merkle tree needs at least one leaf');
  let row: Uint8Array[] = leaves.map((leaf) => leaf.slice().reverse());
  while (row.length > 1) {
    if (row.length % 2 === 1) row.push(row[row.length - 1]!);
    const parents = new Array<Uint8Array>(row.length / 2);
    for (let i = 0; i < row.length; i += 2) parents[i / 2] = doubleSha256Concat(row[i]!, row[i + 1]!);
    row = parents;
  }
  return row[0]!.reverse();
}
