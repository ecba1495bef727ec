import { sha256 as nobleSha256, sha512 as nobleSha512 } from '@noble/hashes/sha2.js';
import { ripemd160 as nobleRipemd160 } from '@noble/hashes/legacy.js';
import { hmac } from '@noble/hashes/hmac.js';
import { bytesToHex, concatBytes, toBytes } from './bytes.js';

/** Hash primitives of the protocol (bns.md §2). Inputs: bytes, or strings taken as UTF-8. */
export function sha256(data: string | Uint8Array): Uint8Array {
  return nobleSha256(toBytes(data));
}

export function sha512(data: string | Uint8Array): Uint8Array {
  return nobleSha512(toBytes(data));
}

export function ripemd160(data: string | Uint8Array): Uint8Array {
  return nobleRipemd160(toBytes(data));
}

/** SHA-256(SHA-256(x)): Bitcoin's txid and block-hash function. */
export function doubleSha256(data: string | Uint8Array): Uint8Array {
  return nobleSha256(nobleSha256(toBytes(data)));
}

/** RIPEMD-160(SHA-256(x)). */
export function hash160(data: string | Uint8Array): Uint8Array {
  return nobleRipemd160(nobleSha256(toBytes(data)));
}

/** First 16 bytes of SHA-256(x) (`hash256_trunc128` in the reference). */
export function hash128(data: string | Uint8Array): Uint8Array {
  return nobleSha256(toBytes(data)).slice(0, 16);
}

export function hmacSha256(key: Uint8Array, ...parts: Uint8Array[]): Uint8Array {
  return hmac(nobleSha256, key, concatBytes(...parts));
}

/** hex(hash160(raw zone-file bytes)): the value a name's record stores on chain (bns.md §2). */
export function zonefileHash(zonefile: string | Uint8Array): string {
  return bytesToHex(hash160(zonefile));
}
