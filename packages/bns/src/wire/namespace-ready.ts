import { concatBytes, invalid } from '@bsk/crypto';
import { asciiToBytes, bytesToLatin1, describeValue, reject } from './bytes.js';
import { isNamespaceIdValid } from './names.js';
import { OPCODE } from './opcodes.js';
import type { NamespaceReady, Rejection } from './types.js';

/* NAMESPACE_READY `!` (bns.md §3.11; reference operations/namespaceready.py parse): `.` ‖ namespace id. */

const DOT = 0x2e;

export function decodeNamespaceReady(payload: Uint8Array): NamespaceReady | Rejection {
  const op = OPCODE.NAMESPACE_READY;
  if (payload.length === 0) return reject(op, 'bad-length', 'empty namespace ready payload');
  if (payload[0] !== DOT) return reject(op, 'bad-field', "namespace ready payload must start with '.'");
  const namespaceId = bytesToLatin1(payload.subarray(1));
  if (!isNamespaceIdValid(namespaceId)) return reject(op, 'bad-namespace-id', 'invalid namespace id');
  return { type: 'namespace-ready', namespaceId };
}

export function encodeNamespaceReady(op: NamespaceReady): Uint8Array {
  if (!isNamespaceIdValid(op.namespaceId)) invalid('bad_namespace_id', `invalid namespace id ${describeValue(op.namespaceId)}`);
  return concatBytes(Uint8Array.of(DOT), asciiToBytes(op.namespaceId, 'namespace id'));
}
