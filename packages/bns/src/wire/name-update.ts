import { concatBytes } from '@bsk/crypto';
import { fixedHexBytes, hexOf, reject } from './bytes.js';
import { LENGTHS, OPCODE } from './opcodes.js';
import type { NameUpdate, Rejection } from './types.js';

/*
 * NAME_UPDATE `+` (bns.md §3.5; reference operations/update.py parse):
 * name-consensus hash (16) ‖ zone-file hash (20), exactly 36 bytes.
 */

const LENGTH = LENGTHS.nameConsensusHash + LENGTHS.valueHash;

export function decodeNameUpdate(payload: Uint8Array): NameUpdate | Rejection {
  if (payload.length !== LENGTH) return reject(OPCODE.NAME_UPDATE, 'bad-length', `name update payload must be ${LENGTH} bytes`);
  return {
    type: 'name-update',
    nameConsensusHash: hexOf(payload, 0, LENGTHS.nameConsensusHash),
    valueHash: hexOf(payload, LENGTHS.nameConsensusHash, LENGTHS.valueHash),
  };
}

export function encodeNameUpdate(op: NameUpdate): Uint8Array {
  return concatBytes(fixedHexBytes(op.nameConsensusHash, LENGTHS.nameConsensusHash, 'name consensus hash'), fixedHexBytes(op.valueHash, LENGTHS.valueHash, 'value hash'));
}
