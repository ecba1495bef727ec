import { bytesToHex as nobleBytesToHex, concatBytes, hexToBytes as nobleHexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { invalid } from './errors.js';

export { concatBytes, utf8ToBytes };

const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/;

export function bytesToHex(bytes: Uint8Array): string {
  return nobleBytesToHex(bytes);
}

/** Hex (either case, even length) to bytes; anything else is an InvalidInputError. */
export function hexToBytes(hex: string): Uint8Array {
  if (typeof hex !== 'string' || !HEX_RE.test(hex)) invalid('bad_hex', 'expected an even-length hex string');
  // Validated above, so noble's decoder (a table lookup per character) cannot throw here.
  return nobleHexToBytes(hex);
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
