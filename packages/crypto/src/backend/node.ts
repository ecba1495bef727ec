import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex } from '../bytes.js';
import { parsePublicKeyPoint } from '../curve.js';
import { invalid } from '../errors.js';
import { sha256 } from '../hash.js';
import { LruCache } from '../lru.js';
import { sec1FromSecretKey, spkiFromPoint, spkiFromUncompressedPoint } from './key-der.js';
import { assertPublicKeyLayout } from './point-bytes.js';
import type { CurveBackend, EcdsaSignatureFormat } from './types.js';
import { noblePublicKey, nobleSignDigest } from './web.js';

/*
 * The OpenSSL backend: Node's built-in crypto does secp256k1 ECDSA verification and ECDH several
 * times faster than noble. OpenSSL multiplies a secret scalar by an arbitrary point with a
 * constant-time Montgomery ladder, so ECIES decryption stays constant-time in the private key.
 * ECDH goes through crypto.diffieHellman with KeyObjects: on Node 20 (OpenSSL 3.0) the derivation
 * takes about two thirds of the CPU time of ECDH.computeSecret with the same key and point.
 *
 * Signing and public keys stay on noble here: OpenSSL signs with a random nonce, not RFC 6979.
 * It accepts exactly the keys and signatures the noble backend accepts (the tests compare the two
 * on random and malformed inputs). This file imports nothing from Node: it is handed the
 * node:crypto module (backend/index.ts), so the package still bundles for browsers.
 */

/** A node:crypto KeyObject, opaque here. */
export interface OpenSslKey {
  readonly type: string;
}

/** The part of node:crypto this backend uses (layer 1 has no Node types, so it is spelled out). */
export interface NodeCryptoModule {
  createPublicKey(key: { key: Uint8Array; format: 'der'; type: 'spki' }): OpenSslKey;
  createPrivateKey(key: { key: Uint8Array; format: 'der'; type: 'sec1' }): OpenSslKey;
  diffieHellman(keys: { privateKey: OpenSslKey; publicKey: OpenSslKey }): Uint8Array;
  ECDH: { convertKey(key: Uint8Array, curve: string, inputEncoding: undefined, outputEncoding: undefined, format: 'uncompressed'): Uint8Array | string };
  verify(algorithm: string, data: Uint8Array, key: { key: OpenSslKey; dsaEncoding: 'der' | 'ieee-p1363' }, signature: Uint8Array): boolean;
  createHash(algorithm: string): { update(data: Uint8Array): { digest(): Uint8Array } };
}

export interface OpenSslCurveBackend extends CurveBackend {
  readonly name: 'openssl';
  /** Entries in the two caches (tests and diagnostics). */
  cacheSizes(): { verifyingKeys: number; decryptionKeys: number };
  clearCaches(): void;
}

/**
 * How many verifying keys keep their KeyObject. Importing a key costs OpenSSL more than half what a
 * verification does, and a hub or an authenticator checks token after token signed by the same few
 * keys; a KeyObject is a few hundred bytes of native memory.
 */
const VERIFYING_KEY_ENTRIES = 256;
/** How many private keys keep their KeyObject (the same size as the caches in curve.ts). */
const DECRYPTION_KEY_ENTRIES = 16;

/** True when `value` looks like node:crypto with every function this backend calls. */
export function isNodeCryptoModule(value: unknown): value is NodeCryptoModule {
  if (typeof value !== 'object' || value === null) return false;
  const module = value as Record<string, unknown>;
  const ecdh = module['ECDH'] as { convertKey?: unknown } | undefined;
  return ['createPublicKey', 'createPrivateKey', 'diffieHellman', 'verify', 'createHash'].every((name) => typeof module[name] === 'function') && typeof ecdh?.convertKey === 'function';
}

/** Node returns Buffers; callers get plain Uint8Arrays, as from the noble backend. */
function plainBytes(bytes: Uint8Array | string): Uint8Array {
  if (typeof bytes === 'string') throw new TypeError('node:crypto returned a string where bytes were expected');
  return new Uint8Array(bytes);
}

export function createOpenSslCurveBackend(crypto: NodeCryptoModule): OpenSslCurveBackend {
  // Keyed by the public key as given (hex, or bytes as hex): public data. Only valid keys are stored.
  const verifyingKeys = new LruCache<string, OpenSslKey>(VERIFYING_KEY_ENTRIES);
  // Keyed by SHA-256 of the private key, so no secret is a map key. The values do hold the secret
  // (inside OpenSSL, which wipes it when the object is freed): importing a private key costs a
  // whole second multiplication (OpenSSL derives the public key), and an app decrypts file after
  // file with the one key it already holds in memory. clearCaches() lets them go.
  const decryptionKeys = new LruCache<string, OpenSslKey>(DECRYPTION_KEY_ENTRIES);

  function verifyingKey(publicKey: string | Uint8Array): OpenSslKey {
    const id = typeof publicKey === 'string' ? publicKey : bytesToHex(publicKey);
    let key = verifyingKeys.get(id);
    if (key === undefined) {
      // A miss is rare, so noble decides what a valid key is, exactly as it did before this backend.
      const point = parsePublicKeyPoint(publicKey).toBytes(false);
      key = crypto.createPublicKey({ key: spkiFromUncompressedPoint(point), format: 'der', type: 'spki' });
      verifyingKeys.set(id, key);
    }
    return key;
  }

  function verifySha256(message: Uint8Array, signature: Uint8Array, publicKey: string | Uint8Array, format: EcdsaSignatureFormat): boolean {
    try {
      if (format === 'compact' && signature.length !== 64) return false;
      // OpenSSL accepts high-S, and rejects DER that is not strictly canonical (it re-encodes the
      // parsed signature and compares), as noble's DER decoder does.
      const dsaEncoding = format === 'compact' ? 'ieee-p1363' : 'der';
      return crypto.verify('sha256', message, { key: verifyingKey(publicKey), dsaEncoding }, signature);
    } catch {
      return false;
    }
  }

  function uncompressedPoint(publicKey: Uint8Array): Uint8Array {
    // OpenSSL would also take hybrid (06/07) keys, so the layout is checked first. It then rejects a
    // coordinate ≥ p, an x with no square root, and an uncompressed point off the curve — noble's checks.
    assertPublicKeyLayout(publicKey);
    try {
      return plainBytes(crypto.ECDH.convertKey(publicKey, 'secp256k1', undefined, undefined, 'uncompressed'));
    } catch {
      return invalid('bad_public_key', 'public key is not a point on secp256k1');
    }
  }

  function ecdhX(secretKey: Uint8Array, point: Uint8Array): Uint8Array {
    // The same errors as noble's sharedX, in the same order (the point's first): callers validate
    // both, but a backend must not answer differently when one does not.
    assertPublicKeyLayout(point);
    if (!secp256k1.utils.isValidSecretKey(secretKey)) {
      uncompressedPoint(point);
      invalid('bad_private_key', 'private key is out of range for secp256k1');
    }
    let peer: OpenSslKey;
    try {
      // OpenSSL refuses a coordinate ≥ p, an x with no square root and a point off the curve.
      peer = crypto.createPublicKey({ key: spkiFromPoint(point), format: 'der', type: 'spki' });
    } catch {
      return invalid('bad_public_key', 'public key is not a point on secp256k1');
    }
    // OpenSSL pads the x coordinate to the field size (32 bytes), as §3.1 requires.
    return plainBytes(crypto.diffieHellman({ privateKey: decryptionKey(secretKey), publicKey: peer }));
  }

  function decryptionKey(secretKey: Uint8Array): OpenSslKey {
    const id = bytesToHex(sha256(secretKey));
    let key = decryptionKeys.get(id);
    if (key === undefined) {
      const der = sec1FromSecretKey(secretKey);
      try {
        key = crypto.createPrivateKey({ key: der, format: 'der', type: 'sec1' });
      } finally {
        der.fill(0);
      }
      decryptionKeys.set(id, key);
    }
    return key;
  }

  return {
    name: 'openssl',
    uncompressedPoint,
    ecdhX,
    verifySha256,
    signDigest: nobleSignDigest,
    publicKey: noblePublicKey,
    cacheSizes: () => ({ verifyingKeys: verifyingKeys.size, decryptionKeys: decryptionKeys.size }),
    clearCaches: () => {
      verifyingKeys.clear();
      decryptionKeys.clear();
    },
  };
}
