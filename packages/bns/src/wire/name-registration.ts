import { concatBytes, invalid } from '@bsk/crypto';
import { asciiToBytes, bytesToLatin1, describeValue, fixedHexBytes, hexOf, readUint64, reject, stripTrailingNuls, uint64Bytes } from './bytes.js';
import { isNameValid } from './names.js';
import { LENGTHS, OPCODE, RENEWAL_MIN_OUTPUTS } from './opcodes.js';
import type { DecodeContext, NameRegistration, NameRenewal, Rejection } from './types.js';

/*
 * NAME_REGISTRATION / NAME_RENEWAL `:` (bns.md §3.3–§3.4; reference operations/register.py parse
 * and tx_extract). One payload, three forms:
 *   bare name (3–37 bytes, all epochs);
 *   name NUL-padded to 37 ‖ zone-file hash (20) — 57 bytes, epochs with op_register_update;
 *   that ‖ token count uint64 BE (8) — 65 bytes, epochs with nameops_cost_tokens.
 * A transaction with ≥ 4 outputs is a renewal. A registration may not burn tokens (the count must be
 * 0); in token epochs a renewal must not use the 57-byte form (the reference asserts a token count).
 */

const NAME_VALUE = LENGTHS.fqnMax + LENGTHS.valueHash; // 57
const NAME_VALUE_TOKENS = NAME_VALUE + LENGTHS.tokens; // 65

interface RegistrationPayload {
  readonly name: string;
  readonly valueHash: string | null;
  readonly tokenFee: bigint | null;
}

function decodePayload(payload: Uint8Array, context: DecodeContext): RegistrationPayload | Rejection {
  const op = OPCODE.NAME_REGISTRATION;
  const { features } = context;
  let name = bytesToLatin1(payload);
  let valueHash: string | null = null;
  let tokenFee: bigint | null = null;
  const valueForms = features.includes('op_register_update') || features.includes('op_renew_transfer_update');
  if (valueForms && payload.length >= NAME_VALUE) {
    name = stripTrailingNuls(bytesToLatin1(payload.subarray(0, LENGTHS.fqnMax)));
    valueHash = hexOf(payload, LENGTHS.fqnMax, LENGTHS.valueHash);
    if (features.includes('nameops_cost_tokens') && payload.length === NAME_VALUE_TOKENS) {
      tokenFee = readUint64(payload, NAME_VALUE);
    } else if (payload.length !== NAME_VALUE) {
      return reject(op, 'bad-length', `a name-and-value payload must be exactly ${NAME_VALUE} bytes${features.includes('nameops_cost_tokens') ? ` or ${NAME_VALUE_TOKENS}` : ''}`);
    }
  }
  if (!isNameValid(name)) return reject(op, 'bad-name', 'invalid name');
  return { name, valueHash, tokenFee };
}

export function decodeNameRegistration(payload: Uint8Array, context: DecodeContext): NameRegistration | NameRenewal | Rejection {
  const decoded = decodePayload(payload, context);
  if ('type' in decoded) return decoded;
  const op = OPCODE.NAME_REGISTRATION;
  if (context.outputCount >= RENEWAL_MIN_OUTPUTS) {
    if (decoded.valueHash !== null && decoded.tokenFee === null && context.features.includes('nameops_cost_tokens')) {
      return reject(op, 'not-in-this-epoch', 'a renewal with a zone-file hash must carry a token count in this epoch');
    }
    return { type: 'name-renewal', ...decoded };
  }
  if (decoded.tokenFee !== null && decoded.tokenFee !== 0n) return reject(op, 'bad-field', 'a registration cannot burn tokens');
  return { type: 'name-registration', ...decoded };
}

/** Encodes either op in the shortest form its fields allow (blockstack.js makeRegisterSkeleton). */
export function encodeNameRegistration(op: NameRegistration | NameRenewal): Uint8Array {
  if (!isNameValid(op.name)) invalid('bad_name', `invalid name ${describeValue(op.name)}`);
  const name = asciiToBytes(op.name, 'name');
  if (op.valueHash === null && op.tokenFee === null) return name;
  const padded = new Uint8Array(LENGTHS.fqnMax);
  padded.set(name);
  // blockstack.js fills an all-zero zone-file hash when only a token count is given.
  const valueHash = op.valueHash === null ? new Uint8Array(LENGTHS.valueHash) : fixedHexBytes(op.valueHash, LENGTHS.valueHash, 'value hash');
  return op.tokenFee === null ? concatBytes(padded, valueHash) : concatBytes(padded, valueHash, uint64Bytes(op.tokenFee, 'token fee'));
}
