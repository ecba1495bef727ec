import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex, hexToBytes, isHex } from '../bytes.js';
import { invalid } from '../errors.js';
import { LruCache } from '../lru.js';
import { assertPublicKeyLayout } from './point-bytes.js';
import type { CurveBackend, EcdsaSignatureFormat } from './types.js';
import { noblePublicKey, nobleSignDigest } from './web.js';

/*
 * The libsecp256k1 backend: bitcoin-core's secp256k1 C library compiled to WebAssembly, as the
 * tiny-secp256k1 2.x package ships it (loaded at run time in Node: backend/index.ts). It signs
 * about eight times faster than noble and derives public keys and verifies faster than OpenSSL.
 *
 * What runs here, and why each part is safe:
 * - Signing: secp256k1_ecdsa_sign with the RFC 6979 nonce function and no extra data, then low-S
 *   — the same nonce, so the same bytes, as noble and elliptic (the tests compare them). Its k⋅G
 *   is libsecp256k1's constant-time, blinded generator multiplication.
 * - Public keys: secp256k1_ec_pubkey_create, the same constant-time k⋅G.
 * - Verification and decoding public keys: public data only.
 * - ECDH is NOT done here. The package's only product of a scalar and an arbitrary point is
 *   `pointMultiply` (secp256k1_ec_pubkey_tweak_mul), which in the libsecp256k1 it bundles runs the
 *   variable-time secp256k1_ecmult: its timing depends on the scalar, unfit for a private key. So
 *   ecdhX is handed to a constant-time backend (OpenSSL's ladder, or noble's).
 *
 * Input the libsecp256k1 wrappers would refuse with their own errors (a digest that is not 32
 * bytes, a scalar that is 0 or ≥ n) goes to noble instead, so callers see exactly noble's errors.
 */

/** The part of tiny-secp256k1 2.x this backend calls (layer 1 has no types for it, so it is spelled out). */
export interface Libsecp256k1Module {
  isPrivate(secretKey: Uint8Array): boolean;
  pointFromScalar(secretKey: Uint8Array, compressed?: boolean): Uint8Array | null;
  pointCompress(point: Uint8Array, compressed?: boolean): Uint8Array;
  sign(digest: Uint8Array, secretKey: Uint8Array): Uint8Array;
  verify(digest: Uint8Array, publicKey: Uint8Array, signature: Uint8Array, strict?: boolean): boolean;
}

export interface Libsecp256k1CurveBackend extends CurveBackend {
  readonly name: 'libsecp256k1';
  /** The constant-time backend that does ECDH for this one. */
  readonly ecdhBackend: CurveBackend;
  /** Entries in the verifying-key cache (tests and diagnostics). */
  cacheSizes(): { verifyingKeys: number };
  clearCaches(): void;
}

/** True when `value` looks like tiny-secp256k1 2.x with every function this backend calls. */
export function isLibsecp256k1Module(value: unknown): value is Libsecp256k1Module {
  if (typeof value !== 'object' || value === null) return false;
  const module = value as Record<string, unknown>;
  return ['isPrivate', 'pointFromScalar', 'pointCompress', 'sign', 'verify'].every((name) => typeof module[name] === 'function');
}

/** How many verifying keys keep their uncompressed point (65 bytes each), as in node.ts. */
const VERIFYING_KEY_ENTRIES = 256;

/** Hex public key to bytes; throws for text that is not hex (verification then says false). */
function publicKeyHexToBytes(publicKey: string): Uint8Array {
  return isHex(publicKey) ? hexToBytes(publicKey) : invalid('bad_public_key', 'public key must be hex');
}

/** Its functions return slices of the WebAssembly memory's buffer; callers get plain Uint8Arrays. */
function plainBytes(bytes: Uint8Array): Uint8Array {
  return bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes);
}

/**
 * @param ecdhBackend does ecdhX (constant-time in the secret).
 * @param sha256 hashes messages before verification (node:crypto's in Node: files can be large).
 */
export function createLibsecp256k1CurveBackend(wasm: Libsecp256k1Module, ecdhBackend: CurveBackend, sha256: (message: Uint8Array) => Uint8Array): Libsecp256k1CurveBackend {
  function uncompressedPoint(publicKey: Uint8Array): Uint8Array {
    // libsecp256k1 also parses hybrid (06/07) keys, so the layout is checked first. It then refuses
    // a coordinate ≥ p, an x with no square root, and an uncompressed point off the curve.
    assertPublicKeyLayout(publicKey);
    try {
      return plainBytes(wasm.pointCompress(publicKey, false));
    } catch {
      return invalid('bad_public_key', 'public key is not a point on secp256k1');
    }
  }

  // Keyed by the public key as given (hex, or bytes as hex): public data; only valid keys are stored.
  // A hub or an authenticator checks token after token signed by the same few keys, and handing
  // libsecp256k1 the uncompressed point spares it a square root (about a tenth of a verification).
  const verifyingKeys = new LruCache<string, Uint8Array>(VERIFYING_KEY_ENTRIES);

  /** The key as a validated uncompressed point; throws for anything that is not a public key. */
  function verifyingKey(publicKey: string | Uint8Array): Uint8Array {
    const id = typeof publicKey === 'string' ? publicKey : bytesToHex(publicKey);
    let point = verifyingKeys.get(id);
    if (point === undefined) {
      point = uncompressedPoint(typeof publicKey === 'string' ? publicKeyHexToBytes(publicKey) : publicKey);
      verifyingKeys.set(id, point);
    }
    return point;
  }

  function verifySha256(message: Uint8Array, signature: Uint8Array, publicKey: string | Uint8Array, format: EcdsaSignatureFormat): boolean {
    try {
      const key = verifyingKey(publicKey);
      // noble's strict DER decoder, as on the other backends; compact must be exactly 64 bytes.
      // The wrapper refuses r or s ≥ n (as noble does) by throwing; libsecp256k1 refuses r or s = 0.
      const compact = format === 'der' ? secp256k1.Signature.fromBytes(signature, 'der').toBytes('compact') : signature;
      if (compact.length !== 64) return false;
      // strict = false: the wrapper normalizes s to low-S first, so high-S signatures verify (§0.3).
      return wasm.verify(sha256(message), key, compact, false);
    } catch {
      return false;
    }
  }

  function signDigest(digest: Uint8Array, secretKey: Uint8Array): Uint8Array {
    if (digest.length !== 32 || !wasm.isPrivate(secretKey)) return nobleSignDigest(digest, secretKey);
    return plainBytes(wasm.sign(digest, secretKey));
  }

  function publicKey(secretKey: Uint8Array, compressed: boolean): Uint8Array {
    if (!wasm.isPrivate(secretKey)) return noblePublicKey(secretKey, compressed);
    const point = wasm.pointFromScalar(secretKey, compressed);
    // Only null for a scalar that isPrivate refuses; never reached.
    if (point === null) return invalid('bad_private_key', 'private key is out of range for secp256k1');
    return plainBytes(point);
  }

  return {
    name: 'libsecp256k1',
    ecdhBackend,
    uncompressedPoint,
    ecdhX: (secretKey, point) => ecdhBackend.ecdhX(secretKey, point),
    verifySha256,
    signDigest,
    publicKey,
    cacheSizes: () => ({ verifyingKeys: verifyingKeys.size }),
    clearCaches: () => verifyingKeys.clear(),
  };
}
