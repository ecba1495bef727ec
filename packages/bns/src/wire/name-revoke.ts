import { decodeBareName, encodeBareName } from './bare-name.js';
import { reject } from './bytes.js';
import { OPCODE } from './opcodes.js';
import type { NameRevoke, Rejection } from './types.js';

/* NAME_REVOKE `~` (bns.md §3.7; reference operations/revoke.py parse): the bare name. */

export function decodeNameRevoke(payload: Uint8Array): NameRevoke | Rejection {
  const name = decodeBareName(payload);
  return name === null ? reject(OPCODE.NAME_REVOKE, 'bad-name', 'invalid name') : { type: 'name-revoke', name };
}

export function encodeNameRevoke(op: NameRevoke): Uint8Array {
  return encodeBareName(op.name);
}
