import { secp256k1 } from '@noble/curves/secp256k1.js';
import { curve, parsePublicKeyPoint, sharedX } from '../curve.js';
import { sha256 } from '../hash.js';
import type { CurveBackend, EcdsaSignatureFormat } from './types.js';

/*
 * The noble backend: pure TypeScript, so it runs in every browser and runtime. It is the only
 * backend outside Node, and the fallback inside it (backend/index.ts). Its multiplication by a
 * secret scalar is noble's constant-time, blinded one.
 */

/** ECDSA verify of a signature over a 32-byte digest, high-S accepted; false for anything invalid. */
export function nobleVerifyDigest(digest: Uint8Array, signature: Uint8Array, publicKey: string | Uint8Array, format: EcdsaSignatureFormat): boolean {
  try {
    if (format === 'compact' && signature.length !== 64) return false;
    // Decode the key once: noble re-parses what it is given, and an uncompressed key costs it no
    // square root (a compressed one would be decompressed a second time).
    const point = parsePublicKeyPoint(publicKey);
    return secp256k1.verify(signature, digest, point.toBytes(false), { prehash: false, lowS: false, format });
  } catch {
    return false;
  }
}

/** RFC 6979, low-S compact signature over a digest, with the wider base table (curve.ts). */
export function nobleSignDigest(digest: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return curve().sign(digest, secretKey, { prehash: false, lowS: true });
}

/** The public key of a secret scalar, compressed (33 bytes) or not (65). */
export function noblePublicKey(secretKey: Uint8Array, compressed: boolean): Uint8Array {
  return curve().getPublicKey(secretKey, compressed);
}

export const nobleCurveBackend: CurveBackend = {
  name: 'noble',
  uncompressedPoint: (publicKey) => parsePublicKeyPoint(publicKey).toBytes(false),
  // Decoding an uncompressed point takes no square root, only the on-curve check.
  ecdhX: (secretKey, point) => sharedX(secretKey, parsePublicKeyPoint(point)),
  verifySha256: (message, signature, publicKey, format) => nobleVerifyDigest(sha256(message), signature, publicKey, format),
  signDigest: nobleSignDigest,
  publicKey: noblePublicKey,
};
