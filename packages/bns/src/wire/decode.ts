import { bytesToHex } from '@bsk/crypto';
import { epochAt, type NetworkParams } from '../params.js';
import { decodeAnnounce } from './announce.js';
import { OPCODE_OF } from './encode.js';
import { outputCountFits } from './layout.js';
import { reject } from './bytes.js';
import { decodeNameImport } from './name-import.js';
import { decodeNamePreorder } from './name-preorder.js';
import { decodeNameRegistration } from './name-registration.js';
import { decodeNameRevoke } from './name-revoke.js';
import { decodeNameTransfer } from './name-transfer.js';
import { decodeNameUpdate } from './name-update.js';
import { decodeNamespacePreorder } from './namespace-preorder.js';
import { decodeNamespaceReady } from './namespace-ready.js';
import { decodeNamespaceReveal } from './namespace-reveal.js';
import { LENGTHS, OPCODE } from './opcodes.js';
import type { DecodeContext, Decoded } from './types.js';

/*
 * Decoding the OP_RETURN data of a transaction (bns.md §1.1, §3): magic, opcode, then the
 * operation's own parser, exactly as strict as the reference's (virtualchain parse_transaction,
 * then blockstack-core operations/*.py parse). Untrusted bytes: this never throws; anything the
 * reference would ignore comes back as a `rejected` value with a reason. The output count is
 * checked too (layout.ts); the outputs' types and addresses are for the rules to check.
 */

export function decodeOperation(data: Uint8Array, context: DecodeContext): Decoded {
  const decoded = decodePayload(data, context);
  if (decoded.type === 'rejected' || decoded.type === 'out-of-scope') return decoded;
  // The reference's tx_extract ignores an operation whose transaction lacks the outputs it reads.
  if (!outputCountFits(decoded.type, context.outputCount)) {
    return reject(OPCODE_OF[decoded.type], 'bad-outputs', `${decoded.type} cannot have ${context.outputCount} outputs`);
  }
  return decoded;
}

function decodePayload(data: Uint8Array, context: DecodeContext): Decoded {
  const { magicBytes } = context;
  if (data.length < LENGTHS.magicBytes || data[0] !== magicBytes.charCodeAt(0) || data[1] !== magicBytes.charCodeAt(1)) {
    return reject(null, 'not-an-operation', 'no magic bytes');
  }
  if (data.length < LENGTHS.header) return reject(null, 'not-an-operation', 'no opcode');
  const opcode = String.fromCharCode(data[2]!);
  const payload = data.subarray(LENGTHS.header);
  switch (opcode) {
    case OPCODE.NAME_PREORDER:
      return decodeNamePreorder(payload, context);
    case OPCODE.NAME_REGISTRATION:
      return decodeNameRegistration(payload, context);
    case OPCODE.NAME_UPDATE:
      return decodeNameUpdate(payload);
    case OPCODE.NAME_TRANSFER:
      return decodeNameTransfer(payload);
    case OPCODE.NAME_REVOKE:
      return decodeNameRevoke(payload);
    case OPCODE.NAME_IMPORT:
      return decodeNameImport(payload);
    case OPCODE.NAMESPACE_PREORDER:
      return decodeNamespacePreorder(payload, context);
    case OPCODE.NAMESPACE_REVEAL:
      return decodeNamespaceReveal(payload);
    case OPCODE.NAMESPACE_READY:
      return decodeNamespaceReady(payload);
    case OPCODE.ANNOUNCE:
      return decodeAnnounce(payload);
    case OPCODE.TOKEN_TRANSFER:
      // Stacks v1 token operations (epoch 4+) are out of scope: recognised, never applied.
      return { type: 'out-of-scope', opcode: OPCODE.TOKEN_TRANSFER, operation: 'TOKEN_TRANSFER', payload: bytesToHex(payload) };
    default:
      return reject(opcode, 'unknown-opcode', `unknown opcode 0x${data[2]!.toString(16).padStart(2, '0')}`);
  }
}

/** The decode context of a transaction with `outputCount` outputs in the block at `height`. */
export function decodeContextAt(params: NetworkParams, height: number, outputCount: number): DecodeContext {
  return { magicBytes: params.magicBytes, features: epochAt(params, height).features, outputCount };
}
