import { fixedHexBytes, hexOf, reject } from './bytes.js';
import { LENGTHS, OPCODE } from './opcodes.js';
import type { Announce, Rejection } from './types.js';

/* ANNOUNCE `#` (bns.md §3.12; reference operations/announce.py parse): exactly a 20-byte hash. */

export function decodeAnnounce(payload: Uint8Array): Announce | Rejection {
  if (payload.length !== LENGTHS.announce) return reject(OPCODE.ANNOUNCE, 'bad-length', `announce payload must be ${LENGTHS.announce} bytes`);
  return { type: 'announce', messageHash: hexOf(payload, 0, LENGTHS.announce) };
}

export function encodeAnnounce(op: Announce): Uint8Array {
  return fixedHexBytes(op.messageHash, LENGTHS.announce, 'message hash');
}
