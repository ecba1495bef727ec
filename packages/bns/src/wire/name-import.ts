import { decodeBareName, encodeBareName } from './bare-name.js';
import { reject } from './bytes.js';
import { OPCODE } from './opcodes.js';
import type { NameImport, Rejection } from './types.js';

/*
 * NAME_IMPORT `;` (bns.md §3.8; reference operations/nameimport.py parse): the bare name. The
 * recipient is output 1 and the zone-file hash is the 20-byte hash of output 2's address.
 */

export function decodeNameImport(payload: Uint8Array): NameImport | Rejection {
  const name = decodeBareName(payload);
  return name === null ? reject(OPCODE.NAME_IMPORT, 'bad-name', 'invalid name') : { type: 'name-import', name };
}

export function encodeNameImport(op: NameImport): Uint8Array {
  return encodeBareName(op.name);
}
