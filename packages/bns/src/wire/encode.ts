import { concatBytes, invalid } from '@bsk/crypto';
import { encodeAnnounce } from './announce.js';
import { asciiToBytes, describeValue } from './bytes.js';
import { encodeNameImport } from './name-import.js';
import { encodeNamePreorder } from './name-preorder.js';
import { encodeNameRegistration } from './name-registration.js';
import { encodeNameRevoke } from './name-revoke.js';
import { encodeNameTransfer } from './name-transfer.js';
import { encodeNameUpdate } from './name-update.js';
import { encodeNamespacePreorder } from './namespace-preorder.js';
import { encodeNamespaceReady } from './namespace-ready.js';
import { encodeNamespaceReveal } from './namespace-reveal.js';
import { LENGTHS, OPCODE, type Opcode } from './opcodes.js';
import type { Operation, OperationType } from './types.js';

/*
 * Encoding an operation into the OP_RETURN data a client puts on chain: magic ‖ opcode ‖ payload,
 * byte for byte what blockstack.js `src/operations/skeletons.ts` produced. Bad fields throw
 * InvalidInputError.
 */

export const OPCODE_OF: Readonly<Record<OperationType, Opcode>> = Object.freeze({
  'name-preorder': OPCODE.NAME_PREORDER,
  'name-registration': OPCODE.NAME_REGISTRATION,
  'name-renewal': OPCODE.NAME_REGISTRATION,
  'name-update': OPCODE.NAME_UPDATE,
  'name-transfer': OPCODE.NAME_TRANSFER,
  'name-revoke': OPCODE.NAME_REVOKE,
  'name-import': OPCODE.NAME_IMPORT,
  'namespace-preorder': OPCODE.NAMESPACE_PREORDER,
  'namespace-reveal': OPCODE.NAMESPACE_REVEAL,
  'namespace-ready': OPCODE.NAMESPACE_READY,
  announce: OPCODE.ANNOUNCE,
});

export function encodePayload(op: Operation): Uint8Array {
  switch (op.type) {
    case 'name-preorder':
      return encodeNamePreorder(op);
    case 'name-registration':
    case 'name-renewal':
      return encodeNameRegistration(op);
    case 'name-update':
      return encodeNameUpdate(op);
    case 'name-transfer':
      return encodeNameTransfer(op);
    case 'name-revoke':
      return encodeNameRevoke(op);
    case 'name-import':
      return encodeNameImport(op);
    case 'namespace-preorder':
      return encodeNamespacePreorder(op);
    case 'namespace-reveal':
      return encodeNamespaceReveal(op);
    case 'namespace-ready':
      return encodeNamespaceReady(op);
    case 'announce':
      return encodeAnnounce(op);
    default:
      return invalid('bad_operation', `unknown operation type ${describeValue((op as { type: unknown }).type)}`);
  }
}

/** The full OP_RETURN data push: magic ‖ opcode ‖ payload (at most 80 bytes). */
export function encodeOperation(op: Operation, magicBytes: string): Uint8Array {
  if (typeof magicBytes !== 'string' || magicBytes.length !== LENGTHS.magicBytes) invalid('bad_magic', 'magic bytes must be 2 ASCII characters');
  if (typeof op !== 'object' || op === null || !Object.hasOwn(OPCODE_OF, op.type)) invalid('bad_operation', 'not an operation');
  const data = concatBytes(asciiToBytes(magicBytes, 'magic bytes'), asciiToBytes(OPCODE_OF[op.type], 'opcode'), encodePayload(op));
  if (data.length > LENGTHS.maxOpReturn) invalid('too_long', `OP_RETURN data is ${data.length} bytes; at most ${LENGTHS.maxOpReturn}`);
  return data;
}
