import { bytesToHex, hexToBytes } from './bytes.js';
import { invalid } from './errors.js';

/** The base-40 alphabet of names (bns.md §2): digit value = index. */
export const B40_CHARSET = '0123456789abcdefghijklmnopqrstuvwxyz-_.+';
const B40_INDEX = new Map([...B40_CHARSET].map((c, i) => [c, BigInt(i)]));

export function isB40(s: string): boolean {
  for (const c of s) if (!B40_INDEX.has(c)) return false;
  return true;
}

/**
 * `b40_to_bin`: the string as a big base-40 integer, as hex left-padded to even length.
 * Leading '0' characters vanish (they are digit zero) and '' encodes to 0x00, as in the reference.
 */
export function b40ToBytes(s: string): Uint8Array {
  let n = 0n;
  for (const c of s) {
    const digit = B40_INDEX.get(c);
    if (digit === undefined) invalid('bad_b40', `character ${JSON.stringify(c)} is not in the base-40 alphabet`);
    n = n * 40n + digit;
  }
  let hex = n.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  return hexToBytes(hex);
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
