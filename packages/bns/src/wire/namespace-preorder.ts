import { concatBytes, invalid } from '@bsk/crypto';
import { fixedHexBytes, hexOf, readUint64, reject, uint64Bytes } from './bytes.js';
import { LENGTHS, OPCODE } from './opcodes.js';
import type { DecodeContext, NamespacePreorder, Rejection } from './types.js';

/*
 * NAMESPACE_PREORDER `*` (bns.md §3.9; reference operations/namespacepreorder.py parse):
 * hash_name(id, sender script, reveal address) (20) ‖ consensus hash (16) [‖ STACKS burned uint64 BE].
 * The token field is forbidden before `stacks_buy_namespaces` (epoch 4) and required from then on.
 */

const BASE = LENGTHS.preorderHash + LENGTHS.consensusHash; // 36
const WITH_TOKENS = BASE + LENGTHS.tokens; // 44

export function decodeNamespacePreorder(payload: Uint8Array, context: DecodeContext): NamespacePreorder | Rejection {
  const op = OPCODE.NAMESPACE_PREORDER;
  if (payload.length < BASE) return reject(op, 'bad-length', `namespace preorder payload must be at least ${BASE} bytes`);
  const stacks = context.features.includes('stacks_buy_namespaces');
  let tokenFee: bigint | null = null;
  if (payload.length > BASE) {
    if (!stacks) return reject(op, 'not-in-this-epoch', `namespace preorder payload must be ${BASE} bytes before STACKS`);
    if (payload.length !== WITH_TOKENS) return reject(op, 'bad-length', `namespace preorder payload must be ${WITH_TOKENS} bytes`);
    tokenFee = readUint64(payload, BASE);
  } else if (stacks) {
    return reject(op, 'bad-length', `namespace preorder payload must carry a STACKS amount (${WITH_TOKENS} bytes) in this epoch`);
  }
  return {
    type: 'namespace-preorder',
    preorderHash: hexOf(payload, 0, LENGTHS.preorderHash),
    consensusHash: hexOf(payload, LENGTHS.preorderHash, LENGTHS.consensusHash),
    tokenFee,
  };
}

export function encodeNamespacePreorder(op: NamespacePreorder): Uint8Array {
  const fixed = concatBytes(fixedHexBytes(op.preorderHash, LENGTHS.preorderHash, 'preorder hash'), fixedHexBytes(op.consensusHash, LENGTHS.consensusHash, 'consensus hash'));
  if (op.tokenFee === null) return fixed;
  if (typeof op.tokenFee !== 'bigint') invalid('bad_field', 'token fee must be a bigint');
  return concatBytes(fixed, uint64Bytes(op.tokenFee, 'token fee'));
}
