import { bytesToHex } from './bytes.js';
import { invalid } from './errors.js';

/** The base-40 alphabet of names (bns.md §2): digit value = index. */
export const B40_CHARSET = '0123456789abcdefghijklmnopqrstuvwxyz-_.+';
const B40_INDEX = new Map([...B40_CHARSET].map((c, i) => [c, BigInt(i)]));
/** Digit value by char code (ASCII only); -1 outside the alphabet. */
const B40_DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < B40_CHARSET.length; i++) B40_DIGIT[B40_CHARSET.charCodeAt(i)] = i;

export function isB40(s: string): boolean {
  for (const c of s) if (!B40_INDEX.has(c)) return false;
  return true;
}

/**
 * `b40_to_bin`: the string as a big base-40 integer, as hex left-padded to even length.
 * Leading '0' characters vanish (they are digit zero) and '' encodes to 0x00, as in the reference.
 */
export function b40ToBytes(s: string): Uint8Array {
  // The number in little-endian bytes, multiplied by 40 and added to per digit (names are short,
  // and a BigInt per step cost more than the hash the bytes feed).
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const digit = code < 128 ? B40_DIGIT[code]! : -1;
    if (digit < 0) invalid('bad_b40', `character ${JSON.stringify(String.fromCodePoint(s.codePointAt(i)!))} is not in the base-40 alphabet`);
    let carry = digit;
    for (let k = 0; k < bytes.length; k++) {
      const value = bytes[k]! * 40 + carry;
      bytes[k] = value & 0xff;
      carry = value >>> 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>>= 8;
    }
  }
  // Zero (from '' or only '0' digits) is the single byte 0x00, as hex '0' padded to even length.
  if (bytes.length === 0) return Uint8Array.of(0);
  return Uint8Array.from(bytes.reverse());
}

/** `bin_to_b40`: bytes as a big-endian integer written in base 40 (the empty/zero value is ''). */
export function bytesToB40(bytes: Uint8Array): string {
  let n = bytes.length ? BigInt('0x' + bytesToHex(bytes)) : 0n;
  let out = '';
  while (n > 0n) {
    out = B40_CHARSET[Number(n % 40n)] + out;
    n /= 40n;
  }
  return out;
}
