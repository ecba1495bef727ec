import { secp256k1 } from '@noble/curves/secp256k1.js';
import { curveBackend, type EcdsaSignatureFormat } from './backend/index.js';
import { nobleVerifyDigest } from './backend/web.js';
import { bytesToHex, hexToBytes, isHex, toBytes } from './bytes.js';
import { signingPublicKey } from './curve.js';
import { privateKeyToBytes } from './keys.js';
import { sha256 } from './hash.js';

/*
 * ECDSA over secp256k1 with RFC 6979 nonces. We always sign low-S; we verify both low-S and
 * high-S, because about half of the signatures the reference library made are high-S
 * (auth-and-storage.md §0.3, §3.2). Signing and verifying a message go through the curve backend
 * (libsecp256k1 in Node, noble elsewhere: backend/index.ts), which signs with the same RFC 6979
 * nonce on every backend, so the bytes never depend on it.
 */

/** Signs a 32-byte digest; returns the 64-byte compact r‖s (low-S). */
export function signDigest(digest: Uint8Array, privateKey: string | Uint8Array): Uint8Array {
  const priv = typeof privateKey === 'string' ? privateKeyToBytes(privateKey) : privateKey;
  return curveBackend().signDigest(digest, priv);
}

/**
 * Verifies a compact (64-byte) or DER signature over a digest; high-S accepted. Never throws.
 * Always noble: OpenSSL through node:crypto only verifies over a message it hashes itself, so
 * callers that have the message should use verifySha256Message.
 */
export function verifyDigest(digest: Uint8Array, signature: Uint8Array, publicKey: string | Uint8Array, format: EcdsaSignatureFormat): boolean {
  return nobleVerifyDigest(digest, signature, publicKey, format);
}

/**
 * Verifies a compact (64-byte) or DER signature over SHA-256(message); high-S accepted. Never
 * throws. The same answer as verifyDigest(sha256(message), …), on the faster backend.
 */
export function verifySha256Message(message: Uint8Array, signature: Uint8Array, publicKey: string | Uint8Array, format: EcdsaSignatureFormat): boolean {
  return curveBackend().verifySha256(message, signature, publicKey, format);
}

export function compactToDER(compact: Uint8Array): Uint8Array {
  return secp256k1.Signature.fromBytes(compact, 'compact').toBytes('der');
}

export function derToCompact(der: Uint8Array): Uint8Array {
  return secp256k1.Signature.fromBytes(der, 'der').toBytes('compact');
}

export interface SignatureObject {
  readonly signature: string;
  readonly publicKey: string;
}

/**
 * blockstack.js `signECDSA(privateKey, content)`: SHA-256 of the content (strings as UTF-8),
 * DER-hex signature, compressed public key. Key order as the reference emits it.
 */
export function signECDSA(privateKeyHex: string, content: string | Uint8Array): SignatureObject {
  const privateKey = privateKeyToBytes(privateKeyHex);
  const der = compactToDER(signDigest(sha256(toBytes(content)), privateKey));
  // The public key is remembered per signing key: deriving it again would cost a second scalar multiplication.
  return { signature: bytesToHex(der), publicKey: signingPublicKey(privateKey, (key) => curveBackend().publicKey(key, true)) };
}

/** blockstack.js `verifyECDSA(content, publicKey, signature)`; false for anything invalid. */
export function verifyECDSA(content: string | Uint8Array, publicKeyHex: string, signatureHex: string): boolean {
  if (typeof signatureHex !== 'string' || !isHex(signatureHex)) return false;
  if (typeof content !== 'string' && !(content instanceof Uint8Array)) return false;
  return verifySha256Message(toBytes(content), hexToBytes(signatureHex), publicKeyHex, 'der');
}
