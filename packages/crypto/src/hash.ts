import { hmac } from '@noble/hashes/hmac.js';
import { sha256 as nobleSha256, sha512 as nobleSha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, toBytes } from './bytes.js';
import { ripemd160Bytes } from './ripemd160.js';
import { doubleSha256Bytes, doubleSha256Pair, sha256Bytes, sha256Trunc128 } from './sha256.js';

/*
 * Hash primitives of the protocol (bns.md §2). Inputs: bytes, or strings taken as UTF-8.
 * SHA-256 and RIPEMD-160 are one-shot functions of this package (sha256.ts, ripemd160.ts: the
 * indexer hashes millions of short inputs, where a streaming hasher's per-call setup dominates);
 * SHA-512 and HMAC are @noble/hashes.
 */

export function sha256(data: string | Uint8Array): Uint8Array {
  return sha256Bytes(data);
}

export function sha512(data: string | Uint8Array): Uint8Array {
  return nobleSha512(toBytes(data));
}

export function ripemd160(data: string | Uint8Array): Uint8Array {
  return ripemd160Bytes(toBytes(data));
}

/** SHA-256(SHA-256(x)): Bitcoin's txid and block-hash function. */
export function doubleSha256(data: string | Uint8Array): Uint8Array {
  return doubleSha256Bytes(data);
}

/** SHA-256(SHA-256(left ‖ right)) without building the concatenation: a Bitcoin Merkle node. */
export function doubleSha256Concat(left: Uint8Array, right: Uint8Array): Uint8Array {
  return doubleSha256Pair(left, right);
}

/** RIPEMD-160(SHA-256(x)). */
export function hash160(data: string | Uint8Array): Uint8Array {
  return ripemd160Bytes(sha256Bytes(data));
}

/** First 16 bytes of SHA-256(x) (`hash256_trunc128` in the reference). */
export function hash128(data: string | Uint8Array): Uint8Array {
  return sha256Trunc128(data);
}

export function hmacSha256(key: Uint8Array, ...parts: Uint8Array[]): Uint8Array {
  return hmac(nobleSha256, key, concatBytes(...parts));
}

/** hex(hash160(raw zone-file bytes)): the value a name's record stores on chain (bns.md §2). */
export function zonefileHash(zonefile: string | Uint8Array): string {
  return bytesToHex(hash160(zonefile));
}
