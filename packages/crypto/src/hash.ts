import { ripemd160 as nobleRipemd160 } from '@noble/hashes/legacy.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 as nobleSha256, sha512 as nobleSha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, toBytes } from './bytes.js';
import { findNativeHash, type NativeHash } from './hash-node.js';

/*
 * Hash primitives of the protocol (bns.md §2). Inputs: bytes, or strings taken as UTF-8.
 * SHA-256 and RIPEMD-160 are Node's one-shot OpenSSL functions where the runtime has them
 * (hash-node.ts), @noble/hashes everywhere else; SHA-512 and HMAC are @noble/hashes.
 */

/** undefined: not looked for yet; null: this runtime has none. */
let native: NativeHash | null | undefined;

function nativeHash(): NativeHash | null {
  if (native === undefined) native = findNativeHash();
  return native;
}

/** Chooses the native hash (or none, with null); undefined looks for it again (tests). */
export function setNativeHash(hash: NativeHash | null | undefined): void {
  native = hash;
}

export function sha256(data: string | Uint8Array): Uint8Array {
  const hash = nativeHash();
  return hash === null ? nobleSha256(toBytes(data)) : hash('sha256', data);
}

/** Lowercase hex of SHA-256(x), in one native call where the runtime has one. */
export function sha256Hex(data: string | Uint8Array): string {
  const hash = nativeHash();
  if (hash === null) return bytesToHex(nobleSha256(toBytes(data)));
  return hash.hex === undefined ? bytesToHex(hash('sha256', data)) : hash.hex('sha256', data);
}

/** Lowercase hex of hash128(x): the first 32 digits of sha256Hex. */
export function hash128Hex(data: string | Uint8Array): string {
  return sha256Hex(data).slice(0, 32);
}

export function sha512(data: string | Uint8Array): Uint8Array {
  return nobleSha512(toBytes(data));
}

export function ripemd160(data: string | Uint8Array): Uint8Array {
  const hash = nativeHash();
  return hash === null ? nobleRipemd160(toBytes(data)) : hash('ripemd160', data);
}

/** SHA-256(SHA-256(x)): Bitcoin's txid and block-hash function. */
export function doubleSha256(data: string | Uint8Array): Uint8Array {
  return sha256(sha256(data));
}

/** SHA-256(SHA-256(left ‖ right)): a Bitcoin Merkle node. */
export function doubleSha256Concat(left: Uint8Array, right: Uint8Array): Uint8Array {
  return doubleSha256(concatBytes(left, right));
}

/** RIPEMD-160(SHA-256(x)). */
export function hash160(data: string | Uint8Array): Uint8Array {
  return ripemd160(sha256(data));
}

/** First 16 bytes of SHA-256(x) (`hash256_trunc128` in the reference). */
export function hash128(data: string | Uint8Array): Uint8Array {
  return sha256(data).slice(0, 16);
}

export function hmacSha256(key: Uint8Array, ...parts: Uint8Array[]): Uint8Array {
  return hmac(nobleSha256, key, concatBytes(...parts));
}

/** hex(hash160(raw zone-file bytes)): the value a name's record stores on chain (bns.md §2). */
export function zonefileHash(zonefile: string | Uint8Array): string {
  return bytesToHex(hash160(zonefile));
}
