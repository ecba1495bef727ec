import { secp256k1 } from '@noble/curves/secp256k1.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { curveBackend } from './backend/index.js';
import { bytesToHex, hexToBytes, isHex } from './bytes.js';
import { parsePublicKeyPoint, sharedX } from './curve.js';
import { invalid } from './errors.js';

/**
 * Private keys travel as hex: 64 characters, or 66 with a trailing `01` "compressed" flag
 * (bitcoinjs/WIF convention). Every consumer strips the flag (auth-and-storage.md §0.1).
 */
export function privateKeyToBytes(privateKeyHex: string): Uint8Array {
  if (!isHex(privateKeyHex)) invalid('bad_private_key', 'private key must be hex');
  let hex = privateKeyHex;
  if (hex.length === 66) {
    if (!hex.toLowerCase().endsWith('01')) invalid('bad_private_key', 'a 66-character private key must end in 01');
    hex = hex.slice(0, 64);
  }
  if (hex.length !== 64) invalid('bad_private_key', 'private key must be 64 hex characters (or 66 ending in 01)');
  const bytes = hexToBytes(hex);
  if (!secp256k1.utils.isValidSecretKey(bytes)) invalid('bad_private_key', 'private key is out of range for secp256k1');
  return bytes;
}

export function isValidPrivateKey(privateKeyHex: string): boolean {
  try {
    privateKeyToBytes(privateKeyHex);
    return true;
  } catch {
    return false;
  }
}

/** A fresh random private key as 64 hex characters (blockstack.js `makeECPrivateKey`). */
export function makeECPrivateKey(): string {
  return bytesToHex(secp256k1.utils.randomSecretKey(randomBytes(48)));
}

/** Compressed public key hex of a private key (blockstack.js `getPublicKeyFromPrivate`), on the curve backend. */
export function getPublicKeyFromPrivate(privateKeyHex: string): string {
  return bytesToHex(curveBackend().publicKey(privateKeyToBytes(privateKeyHex), true));
}

export function getUncompressedPublicKeyFromPrivate(privateKeyHex: string): string {
  return bytesToHex(curveBackend().publicKey(privateKeyToBytes(privateKeyHex), false));
}

/** Parses a compressed (33-byte) or uncompressed (65-byte) public key; throws InvalidInputError. */
export function publicKeyToBytes(publicKeyHex: string | Uint8Array): Uint8Array {
  const bytes = typeof publicKeyHex === 'string' ? (isHex(publicKeyHex) ? hexToBytes(publicKeyHex) : invalid('bad_public_key', 'public key must be hex')) : publicKeyHex;
  parsePublicKeyPoint(bytes);
  return bytes;
}

export function isValidPublicKey(publicKeyHex: string): boolean {
  try {
    publicKeyToBytes(publicKeyHex);
    return true;
  } catch {
    return false;
  }
}

export function compressPublicKey(publicKeyHex: string): string {
  return parsePublicKeyPoint(publicKeyHex).toHex(true);
}

export function decompressPublicKey(publicKeyHex: string): string {
  return parsePublicKeyPoint(publicKeyHex).toHex(false);
}

/** True when the hex private key carries the `01` compressed-public-key flag. */
export function isCompressedPrivateKey(privateKeyHex: string): boolean {
  return privateKeyHex.length === 66 && privateKeyHex.toLowerCase().endsWith('01');
}

/** ECDH x-coordinate, left-padded to 32 bytes (the ECIES shared secret, §3.1). */
export function sharedSecret(privateKeyHex: string | Uint8Array, publicKeyHex: string | Uint8Array): Uint8Array {
  const priv = typeof privateKeyHex === 'string' ? privateKeyToBytes(privateKeyHex) : privateKeyHex;
  return sharedX(priv, parsePublicKeyPoint(publicKeyHex)); // the key is decoded once, not twice
}
