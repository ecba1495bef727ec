import { concatBytes } from '@bsk/crypto';
import { fixedHexBytes, hexOf, reject } from './bytes.js';
import { LENGTHS, OPCODE, TRANSFER_KEEP_DATA, TRANSFER_REMOVE_DATA } from './opcodes.js';
import type { NameTransfer, Rejection } from './types.js';

/*
 * NAME_TRANSFER `>` (bns.md §3.6; reference operations/transfer.py parse):
 * disposition (`>` keep data / `~` clear it) ‖ hash128(fqn) (16) ‖ consensus hash (16), exactly 33 bytes.
 */

const LENGTH = 1 + LENGTHS.nameHash + LENGTHS.consensusHash;
const KEEP = TRANSFER_KEEP_DATA.charCodeAt(0);
const REMOVE = TRANSFER_REMOVE_DATA.charCodeAt(0);

export function decodeNameTransfer(payload: Uint8Array): NameTransfer | Rejection {
  const op = OPCODE.NAME_TRANSFER;
  if (payload.length !== LENGTH) return reject(op, 'bad-length', `name transfer payload must be ${LENGTH} bytes`);
  const disposition = payload[0];
  if (disposition !== KEEP && disposition !== REMOVE) return reject(op, 'bad-field', "transfer disposition must be '>' or '~'");
  return {
    type: 'name-transfer',
    keepData: disposition === KEEP,
    nameHash128: hexOf(payload, 1, LENGTHS.nameHash),
    consensusHash: hexOf(payload, 1 + LENGTHS.nameHash, LENGTHS.consensusHash),
  };
}

export function encodeNameTransfer(op: NameTransfer): Uint8Array {
  return concatBytes(
    Uint8Array.of(op.keepData ? KEEP : REMOVE),
    fixedHexBytes(op.nameHash128, LENGTHS.nameHash, 'name hash'),
    fixedHexBytes(op.consensusHash, LENGTHS.consensusHash, 'consensus hash'),
  );
}
