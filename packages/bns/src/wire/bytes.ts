import { bytesToHex, hexToBytes, invalid } from '@bsk/crypto';
import type { Rejection, RejectionReason } from './types.js';

/* Small byte helpers shared by the per-operation codecs. */

const LATIN1_CHUNK = 4096;

/** Bytes as a string of the same char codes (Python 2 `str` semantics: no decoding, never throws). */
export function bytesToLatin1(bytes: Uint8Array): string {
  // One call per chunk gives a flat string (appending a character at a time builds a rope that
  // each later use must copy); chunks keep the argument count small.
  let out = '';
  for (let i = 0; i < bytes.length; i += LATIN1_CHUNK) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + LATIN1_CHUNK) as unknown as number[]);
  }
  return out;
}

/** An ASCII string as bytes; anything outside ASCII is an InvalidInputError. */
export function asciiToBytes(text: string, field: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) invalid('bad_field', `${field} must be ASCII`);
    out[i] = code;
  }
  return out;
}

/** Big-endian unsigned integer of up to 6 bytes. */
export function readUint(bytes: Uint8Array, offset: number, length: number): number {
  let n = 0;
  for (let i = 0; i < length; i++) n = n * 256 + (bytes[offset + i] ?? 0);
  return n;
}

export function readUint64(bytes: Uint8Array, offset: number): bigint {
  let n = 0n;
  for (let i = 0; i < 8; i++) n = (n << 8n) | BigInt(bytes[offset + i] ?? 0);
  return n;
}

export function uint64Bytes(value: bigint, field: string): Uint8Array {
  if (typeof value !== 'bigint' || value < 0n || value >= 1n << 64n) invalid('bad_field', `${field} must fit in 8 bytes`);
  const out = new Uint8Array(8);
  let n = value;
  for (let i = 7; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

export function uintBytes(value: number, length: number, field: string): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || value >= 256 ** length) invalid('bad_field', `${field} must be an unsigned ${length * 8}-bit integer`);
  const out = new Uint8Array(length);
  let n = value;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = n % 256;
    n = Math.floor(n / 256);
  }
  return out;
}

/** Hex of exactly `length` bytes, for encoding; anything else is an InvalidInputError. */
export function fixedHexBytes(hex: string, length: number, field: string): Uint8Array {
  if (typeof hex !== 'string' || hex.length !== length * 2) invalid('bad_field', `${field} must be ${length} bytes of hex`);
  return hexToBytes(hex);
}

export function hexOf(bytes: Uint8Array, offset: number, length: number): string {
  return bytesToHex(bytes.subarray(offset, offset + length));
}

export function reject(opcode: string | null, reason: RejectionReason, message: string): Rejection {
  return { type: 'rejected', opcode, reason, message };
}

/** Strips NUL bytes from the end (Python `rstrip('\x00')`). */
export function stripTrailingNuls(text: string): string {
  return text.replace(/\0+$/, '');
}

/** Strips NUL bytes from both ends (Python `strip('\x00')`). */
export function stripNuls(text: string): string {
  return text.replace(/^\0+|\0+$/g, '');
}

/** A short, never-throwing description of a caller's value for error messages. */
export function describeValue(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 60)) : `a value of type ${typeof value}`;
}
