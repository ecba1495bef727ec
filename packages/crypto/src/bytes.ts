import { bytesToHex as nobleBytesToHex, concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { invalid } from './errors.js';

export { concatBytes, utf8ToBytes };

const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/;

const HEX_CHARS = '0123456789abcdef';
/** The ASCII codes of each byte's two hex digits. */
const HIGH_DIGIT = Uint8Array.from({ length: 256 }, (_, byte) => HEX_CHARS.charCodeAt(byte >> 4));
const LOW_DIGIT = Uint8Array.from({ length: 256 }, (_, byte) => HEX_CHARS.charCodeAt(byte & 15));
const asciiDecoder = new TextDecoder();

/**
 * Lowercase hex. From 8 bytes up the digits are written as ASCII codes and decoded in one call,
 * which gives a flat string; appending two characters at a time (noble's way, kept for short
 * input) builds a rope that every later use (hashing, a Map key, a regular expression) must first
 * copy flat, and digests, txids and scripts are converted by the million.
 */
export function bytesToHex(bytes: Uint8Array): string {
  if (bytes.length < 8) return nobleBytesToHex(bytes);
  const codes = new Uint8Array(bytes.length * 2);
  for (let i = 0, j = 0; i < bytes.length; i++, j += 2) {
    const byte = bytes[i]!;
    codes[j] = HIGH_DIGIT[byte]!;
    codes[j + 1] = LOW_DIGIT[byte]!;
  }
  return asciiDecoder.decode(codes);
}

/** The value of each hex digit by char code (either case); -1 for anything else. */
const HEX_DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX_DIGIT['0123456789abcdef'.charCodeAt(i)] = i;
  HEX_DIGIT['0123456789ABCDEF'.charCodeAt(i)] = i;
}

/**
 * Hex (either case, even length) to bytes; anything else is an InvalidInputError. One pass that
 * validates while it decodes: scripts and payloads are decoded per transaction output.
 */
export function hexToBytes(hex: string): Uint8Array {
  if (typeof hex !== 'string' || hex.length % 2 !== 0) invalid('bad_hex', 'expected an even-length hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0, j = 0; i < out.length; i++, j += 2) {
    // Char codes ≥ 128 index past the table and read undefined, which fails the test too.
    const high = HEX_DIGIT[hex.charCodeAt(j)]!;
    const low = HEX_DIGIT[hex.charCodeAt(j + 1)]!;
    if (!(high >= 0 && low >= 0)) invalid('bad_hex', 'expected an even-length hex string');
    out[i] = (high << 4) | low;
  }
  return out;
}

export function isHex(value: unknown): value is string {
  return typeof value === 'string' && HEX_RE.test(value);
}

const decoder = new TextDecoder('utf-8', { fatal: false });
export function bytesToUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Strings are UTF-8 encoded; bytes are taken as they are. */
export function toBytes(content: string | Uint8Array): Uint8Array {
  return typeof content === 'string' ? utf8ToBytes(content) : content;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
