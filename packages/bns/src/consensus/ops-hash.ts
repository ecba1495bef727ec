import { bytesToHex, doubleSha256, invalid } from '@bsk/crypto';
import { merkleRootOfLeaves } from './merkle-tree.js';
import type { CanonicalRecord } from './records.js';
import { serializeOp } from './serialize-op.js';

/** hex(dsha256("")): the single leaf standing in for a block with no accepted operations (bns.md §6.4). */
export const EMPTY_OPS_LEAF: string = bytesToHex(doubleSha256(''));

/**
 * A block's ops hash from its serialized operations (bns.md §6.4 steps 1–3; virtualchain
 * `make_ops_snapshot`): hex(dsha256(op)) per operation — not byte-reversed — or the empty
 * leaf when there are none; sorted as strings, so the order of operations inside the block does
 * not matter; then their Merkle root.
 */
export function opsHash(serializedOps: readonly string[]): string {
  if (!Array.isArray(serializedOps)) invalid('bad_ops', 'expected a list of serialized operations');
  const leaves = serializedOps.map((op) => {
    if (typeof op !== 'string') invalid('bad_ops', 'expected serialized operations as strings');
    return doubleSha256(op);
  });
  if (leaves.length === 0) leaves.push(doubleSha256(''));
  // Sorting the digests bytewise is sorting their lowercase hex as strings, without the hex.
  return bytesToHex(merkleRootOfLeaves(leaves.sort(compareBytes)));
}

/** The ops hash of a block's accepted canonical records, in any order. */
export function recordsOpsHash(records: readonly CanonicalRecord[]): string {
  if (!Array.isArray(records)) invalid('bad_ops', 'expected a list of canonical records');
  return opsHash(records.map(serializeOp));
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
