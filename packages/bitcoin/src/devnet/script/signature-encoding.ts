import { check as isStrictDER } from 'bitcoinjs-lib/src/bip66';

/**
 * Signature and public-key encoding rules of the script interpreter (src/script/interpreter.cpp:
 * IsValidSignatureEncoding = BIP66 strict DER plus the trailing sighash byte,
 * IsDefinedHashtypeSignature, IsLowDERSignature, IsCompressedOrUncompressedPubKey).
 */

const SIGHASH_ANYONECANPAY = 0x80;
/** Half the curve order: an S above it is "unnecessarily high" (BIP62 rule 5, policy only). */
const HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;

export function isValidSignatureEncoding(sig: Uint8Array): boolean {
  if (sig.length < 9 || sig.length > 73) return false;
  try {
    return isStrictDER(sig.subarray(0, sig.length - 1));
  } catch {
    return false;
  }
}

export function isDefinedHashtype(sig: Uint8Array): boolean {
  if (sig.length === 0) return false;
  const type = sig[sig.length - 1]! & ~SIGHASH_ANYONECANPAY;
  return type >= 1 && type <= 3;
}

/** r and s of a strictly DER-encoded signature (the sighash byte excluded). */
export function derToRS(der: Uint8Array): { r: Uint8Array; s: Uint8Array } {
  const rLength = der[3]!;
  const r = der.subarray(4, 4 + rLength);
  const s = der.subarray(6 + rLength, 6 + rLength + der[5 + rLength]!);
  return { r, s };
}

function toBigInt(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

/** 64-byte r‖s, or null when r or s does not fit in 32 bytes. */
export function derToCompact(der: Uint8Array): Uint8Array | null {
  const { r, s } = derToRS(der);
  const out = new Uint8Array(64);
  const rv = toBigInt(r);
  const sv = toBigInt(s);
  if (rv >= 1n << 256n || sv >= 1n << 256n) return null;
  out.set(bigTo32(rv), 0);
  out.set(bigTo32(sv), 32);
  return out;
}

function bigTo32(v: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** Signature (with sighash byte) whose S is at most half the order. Assumes valid encoding. */
export function isLowS(sig: Uint8Array): boolean {
  const { s } = derToRS(sig.subarray(0, sig.length - 1));
  return toBigInt(s) <= HALF_ORDER;
}

export function isCompressedOrUncompressedPubKey(key: Uint8Array): boolean {
  if (key.length === 33) return key[0] === 2 || key[0] === 3;
  if (key.length === 65) return key[0] === 4;
  return false;
}

export function isCompressedPubKey(key: Uint8Array): boolean {
  return key.length === 33 && (key[0] === 2 || key[0] === 3);
}
