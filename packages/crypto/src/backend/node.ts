import { bytesToHex } from '../bytes.js';
import { parsePublicKeyPoint, type CurvePoint } from '../curve.js';
import { sha256 } from '../hash.js';
import { LruCache } from '../lru.js';
import { sec1FromSecretKey, spkiFromUncompressedPoint } from './key-der.js';
import type { CurveBackend, EcdsaSignatureFormat } from './types.js';

/*
 * The OpenSSL backend: Node's built-in crypto does secp256k1 ECDSA verification and ECDH several
 * times faster than noble. OpenSSL multiplies a secret scalar by an arbitrary point with a
 * constant-time Montgomery ladder, so ECIES decryption stays constant-time in the private key.
 *
 * Inputs are validated by the same noble code as before (parsePublicKeyPoint), so this backend
 * accepts exactly the keys the noble backend accepts; OpenSSL only does the arithmetic.
 * This file imports nothing from Node: it is handed the node:crypto module (backend/index.ts), so
 * the package still bundles for browsers.
 */

/** A node:crypto KeyObject, opaque here. */
export interface OpenSslKey {
  readonly type: string;
}

interface OpenSslEcdh {
  setPrivateKey(privateKey: Uint8Array): void;
  getPublicKey(encoding: null, format: 'compressed'): Uint8Array;
  computeSecret(otherPublicKey: Uint8Array): Uint8Array;
}

/** The part of node:crypto this backend uses (layer 1 has no Node types, so it is spelled out). */
export interface NodeCryptoModule {
  createPublicKey(key: { key: Uint8Array; format: 'der'; type: 'spki' }): OpenSslKey;
  createPrivateKey(key: { key: Uint8Array; format: 'der'; type: 'sec1' }): OpenSslKey;
  createECDH(curveName: string): OpenSslEcdh;
  diffieHellman(options: { privateKey: OpenSslKey; publicKey: OpenSslKey }): Uint8Array;
  verify(algorithm: string, data: Uint8Array, key: { key: OpenSslKey; dsaEncoding: 'der' | 'ieee-p1363' }, signature: Uint8Array): boolean;
}

export interface OpenSslCurveBackend extends CurveBackend {
  readonly name: 'openssl';
  /** Entries in the two caches (tests and diagnostics). */
  cacheSizes(): { verifyingKeys: number; ownPublicKeys: number };
  clearCaches(): void;
}

/**
 * How many verifying keys keep their KeyObject. Importing a key costs OpenSSL about as much as half
 * a verification, and a hub or an authenticator checks token after token signed by the same few
 * keys; a KeyObject is a few hundred bytes of native memory.
 */
const VERIFYING_KEY_ENTRIES = 256;
/** How many of our own private keys have their public key remembered (same size as curve.ts). */
const OWN_PUBLIC_KEY_ENTRIES = 16;

/** True when `value` looks like node:crypto with every function this backend calls. */
export function isNodeCryptoModule(value: unknown): value is NodeCryptoModule {
  if (typeof value !== 'object' || value === null) return false;
  const module = value as Record<string, unknown>;
  return ['createPublicKey', 'createPrivateKey', 'createECDH', 'diffieHellman', 'verify'].every((name) => typeof module[name] === 'function');
}

/** Node returns Buffers; callers get plain Uint8Arrays, as from the noble backend. */
function plainBytes(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

export function createOpenSslCurveBackend(crypto: NodeCryptoModule): OpenSslCurveBackend {
  // Keyed by the public key as given (hex, or bytes as hex): public data. Only valid keys are stored.
  const verifyingKeys = new LruCache<string, OpenSslKey>(VERIFYING_KEY_ENTRIES);
  // Keyed by SHA-256 of the private key, so no secret is held as a map key; values are public keys.
  const ownPublicKeys = new LruCache<string, Uint8Array>(OWN_PUBLIC_KEY_ENTRIES);

  function verifyingKey(publicKey: string | Uint8Array): OpenSslKey {
    const id = typeof publicKey === 'string' ? publicKey : bytesToHex(publicKey);
    let key = verifyingKeys.get(id);
    if (key === undefined) {
      // noble decides what is a valid key (throws InvalidInputError otherwise), as before this backend.
      const point = parsePublicKeyPoint(publicKey).toBytes(false);
      key = crypto.createPublicKey({ key: spkiFromUncompressedPoint(point), format: 'der', type: 'spki' });
      verifyingKeys.set(id, key);
    }
    return key;
  }

  function verifySha256(message: Uint8Array, signature: Uint8Array, publicKey: string | Uint8Array, format: EcdsaSignatureFormat): boolean {
    try {
      if (format === 'compact' && signature.length !== 64) return false;
      // OpenSSL accepts high-S, and rejects DER that is not strictly canonical (it re-encodes and
      // compares), as noble's decoder does.
      const dsaEncoding = format === 'compact' ? 'ieee-p1363' : 'der';
      return crypto.verify('sha256', message, { key: verifyingKey(publicKey), dsaEncoding }, signature);
    } catch {
      return false;
    }
  }

  function ecdhX(secretKey: Uint8Array, point: CurvePoint): Uint8Array {
    // Uncompressed, so OpenSSL takes no square root (the point is already decoded and validated).
    const peer = point.toBytes(false);
    const ownKeyId = bytesToHex(sha256(secretKey));
    const ownPublicKey = ownPublicKeys.get(ownKeyId);
    if (ownPublicKey === undefined) {
      // First use of this private key: an ECDH object derives the public key on setPrivateKey
      // anyway (a second ladder), so keep that public key for the cheaper path next time.
      const ecdh = crypto.createECDH('secp256k1');
      ecdh.setPrivateKey(secretKey);
      ownPublicKeys.set(ownKeyId, plainBytes(ecdh.getPublicKey(null, 'compressed')));
      return plainBytes(ecdh.computeSecret(peer));
    }
    // Later uses: import the scalar with its known public key (no derivation) and derive once.
    const sec1 = sec1FromSecretKey(secretKey, ownPublicKey);
    let privateKey: OpenSslKey;
    try {
      privateKey = crypto.createPrivateKey({ key: sec1, format: 'der', type: 'sec1' });
    } finally {
      sec1.fill(0);
    }
    const publicKey = crypto.createPublicKey({ key: spkiFromUncompressedPoint(peer), format: 'der', type: 'spki' });
    return plainBytes(crypto.diffieHellman({ privateKey, publicKey }));
  }

  return {
    name: 'openssl',
    ecdhX,
    verifySha256,
    cacheSizes: () => ({ verifyingKeys: verifyingKeys.size, ownPublicKeys: ownPublicKeys.size }),
    clearCaches: () => {
      verifyingKeys.clear();
      ownPublicKeys.clear();
    },
  };
}
