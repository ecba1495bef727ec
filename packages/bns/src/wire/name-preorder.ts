import { concatBytes, invalid } from '@bsk/crypto';
import { asciiToBytes, bytesToLatin1, fixedHexBytes, hexOf, readUint64, reject, stripNuls, uint64Bytes } from './bytes.js';
import { LENGTHS, OPCODE } from './opcodes.js';
import type { DecodeContext, NamePreorder, Rejection } from './types.js';

/*
 * NAME_PREORDER `?` (bns.md §3.2; reference operations/preorder.py parse):
 * preorder hash (20) ‖ consensus hash (16) [‖ tokens burned uint64 BE (8) ‖ token units (19, NUL-padded)].
 * The token fields exist only in epochs with `nameops_cost_tokens` (4+), and then all or nothing.
 */

const BASE = LENGTHS.preorderHash + LENGTHS.consensusHash; // 36
const WITH_TOKENS = BASE + LENGTHS.tokens + LENGTHS.tokenUnits; // 63

export function decodeNamePreorder(payload: Uint8Array, context: DecodeContext): NamePreorder | Rejection {
  const op = OPCODE.NAME_PREORDER;
  if (payload.length < BASE) return reject(op, 'bad-length', `name preorder payload must be at least ${BASE} bytes`);
  let tokenFee: bigint | null = null;
  let tokenUnits: string | null = null;
  if (payload.length > BASE) {
    if (!context.features.includes('nameops_cost_tokens')) return reject(op, 'not-in-this-epoch', `name preorder payload must be ${BASE} bytes before token fees`);
    if (payload.length !== WITH_TOKENS) return reject(op, 'bad-length', `name preorder payload with tokens must be ${WITH_TOKENS} bytes`);
    tokenFee = readUint64(payload, BASE);
    tokenUnits = stripNuls(bytesToLatin1(payload.subarray(BASE + LENGTHS.tokens)));
  }
  return {
    type: 'name-preorder',
    preorderHash: hexOf(payload, 0, LENGTHS.preorderHash),
    consensusHash: hexOf(payload, LENGTHS.preorderHash, LENGTHS.consensusHash),
    tokenFee,
    tokenUnits,
  };
}

export function encodeNamePreorder(op: NamePreorder): Uint8Array {
  const fixed = concatBytes(fixedHexBytes(op.preorderHash, LENGTHS.preorderHash, 'preorder hash'), fixedHexBytes(op.consensusHash, LENGTHS.consensusHash, 'consensus hash'));
  if (op.tokenFee === null && op.tokenUnits === null) return fixed;
  if (op.tokenFee === null || op.tokenUnits === null) invalid('bad_field', 'token fee and token units go together');
  if (typeof op.tokenUnits !== 'string' || op.tokenUnits.length > LENGTHS.tokenUnits) invalid('bad_field', `token units must be at most ${LENGTHS.tokenUnits} characters`);
  // blockstack.js writes the units at the start of the field, NUL-padded on the right.
  const units = new Uint8Array(LENGTHS.tokenUnits);
  units.set(asciiToBytes(op.tokenUnits, 'token units'));
  return concatBytes(fixed, uint64Bytes(op.tokenFee, 'token fee'), units);
}
