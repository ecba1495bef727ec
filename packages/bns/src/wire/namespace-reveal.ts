import { concatBytes, invalid } from '@bsk/crypto';
import { asciiToBytes, bytesToLatin1, describeValue, readUint, reject, uintBytes } from './bytes.js';
import { isNamespaceIdValid } from './names.js';
import { LENGTHS, NAMESPACE_REVEAL_FIXED, OPCODE } from './opcodes.js';
import type { NamespaceReveal, Rejection } from './types.js';

/*
 * NAMESPACE_REVEAL `&` (bns.md §3.10; reference operations/namespacereveal.py parse and
 * namespacereveal_sanity_check; blockstack.js BlockstackNamespace.toHexPayload):
 * lifetime uint32 BE ‖ coeff (1) ‖ base (1) ‖ 16 bucket exponents, one nibble each, high nibble
 * first (8) ‖ discounts: non-alpha high nibble, no-vowel low nibble (1) ‖ version uint16 BE (2) ‖
 * namespace id (1–19 ASCII bytes).
 */

const VERSIONS = [1, 2, 3];
const BUCKETS_AT = LENGTHS.namespaceLifetime + 2; // 6
const DISCOUNTS_AT = BUCKETS_AT + LENGTHS.namespaceBuckets; // 14
const VERSION_AT = DISCOUNTS_AT + 1; // 15

export function decodeNamespaceReveal(payload: Uint8Array): NamespaceReveal | Rejection {
  const op = OPCODE.NAMESPACE_REVEAL;
  if (payload.length < NAMESPACE_REVEAL_FIXED + 1) return reject(op, 'bad-length', `namespace reveal payload must be at least ${NAMESPACE_REVEAL_FIXED + 1} bytes`);
  const namespaceId = bytesToLatin1(payload.subarray(NAMESPACE_REVEAL_FIXED));
  if (!isNamespaceIdValid(namespaceId)) return reject(op, 'bad-namespace-id', 'invalid namespace id');
  const buckets: number[] = [];
  for (const byte of payload.subarray(BUCKETS_AT, DISCOUNTS_AT)) buckets.push(byte >> 4, byte & 0x0f);
  const discounts = payload[DISCOUNTS_AT]!;
  const reveal: NamespaceReveal = {
    type: 'namespace-reveal',
    namespaceId,
    lifetime: readUint(payload, 0, LENGTHS.namespaceLifetime),
    coeff: payload[4]!,
    base: payload[5]!,
    buckets,
    nonalphaDiscount: discounts >> 4,
    noVowelDiscount: discounts & 0x0f,
    version: readUint(payload, VERSION_AT, LENGTHS.namespaceVersion),
  };
  if (!VERSIONS.includes(reveal.version)) return reject(op, 'bad-field', `unknown namespace version ${reveal.version}`);
  if (reveal.nonalphaDiscount === 0 || reveal.noVowelDiscount === 0) return reject(op, 'bad-field', 'discounts must be 1–15');
  return reveal;
}

function nibble(value: number, field: string, min: number): number {
  if (!Number.isInteger(value) || value < min || value > 15) invalid('bad_field', `${field} must be an integer in ${min}–15`);
  return value;
}

export function encodeNamespaceReveal(op: NamespaceReveal): Uint8Array {
  if (!isNamespaceIdValid(op.namespaceId)) invalid('bad_namespace_id', `invalid namespace id ${describeValue(op.namespaceId)}`);
  if (!Array.isArray(op.buckets) || op.buckets.length !== 16) invalid('bad_field', 'exactly 16 bucket exponents are required');
  const buckets = new Uint8Array(LENGTHS.namespaceBuckets);
  for (let i = 0; i < buckets.length; i++) {
    buckets[i] = (nibble(op.buckets[2 * i]!, 'bucket exponent', 0) << 4) | nibble(op.buckets[2 * i + 1]!, 'bucket exponent', 0);
  }
  const discounts = (nibble(op.nonalphaDiscount, 'non-alpha discount', 1) << 4) | nibble(op.noVowelDiscount, 'no-vowel discount', 1);
  return concatBytes(
    uintBytes(op.lifetime, LENGTHS.namespaceLifetime, 'lifetime'),
    uintBytes(op.coeff, 1, 'coeff'),
    uintBytes(op.base, 1, 'base'),
    buckets,
    Uint8Array.of(discounts),
    uintBytes(op.version, LENGTHS.namespaceVersion, 'version'),
    asciiToBytes(op.namespaceId, 'namespace id'),
  );
}
