import { LruCache } from './lru.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import type { WeierstrassPoint } from '@noble/curves/abstract/weierstrass.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, isHex } from './bytes.js';
import { invalid } from './errors.js';

/*
 * secp256k1 as this package uses it: noble's curve with a wider base-point table, and two small
 * caches for the keys an app uses over and over (its own encryption key, its own signing key).
 * Every multiplication by a secret scalar still goes through noble's constant-time, blinded
 * `Point.multiply`; the tables and caches only change how much work it repeats.
 */

export type CurvePoint = WeierstrassPoint<bigint>;

/**
 * Window of the fixed-base tables. noble builds W=6 for the base point; W=8 takes a quarter fewer
 * point additions per multiplication (measured ~20-25% faster key derivation and signing) for a
 * one-off table of ~6k points (~150 ms, built on first use).
 */
const TABLE_WINDOW = 8;
/** How many recipient keys (ECIES) and signing keys we remember; each is a least-recently-used cache. */
const CACHE_ENTRIES = 16;
/** A recipient key gets its own table only once it is seen this often: one-off encryptions skip the build. */
const RECIPIENT_TABLE_AFTER_USES = 2;

let baseTableRequested = false;

/**
 * noble's secp256k1, with the base point's window raised to 8. Done lazily on first use, not at
 * import, because the package is side-effect free (package.json `sideEffects: false`). noble keeps
 * the table by point identity, so this also serves every other user of the same noble instance.
 */
export function curve(): typeof secp256k1 {
  if (!baseTableRequested) {
    secp256k1.Point.BASE.precompute(TABLE_WINDOW); // lazy: the table is built by the first multiply
    baseTableRequested = true;
  }
  return secp256k1;
}

/**
 * Parses a compressed (33-byte) or uncompressed (65-byte) public key, hex or bytes, into a validated
 * point; throws only InvalidInputError. Callers keep the point, so a key is decoded (for a compressed
 * key: a square root) once per operation.
 */
export function parsePublicKeyPoint(publicKey: string | Uint8Array): CurvePoint {
  const bytes = typeof publicKey === 'string' ? (isHex(publicKey) ? hexToBytes(publicKey) : invalid('bad_public_key', 'public key must be hex')) : publicKey;
  if (bytes.length !== 33 && bytes.length !== 65) invalid('bad_public_key', 'public key must be 33 or 65 bytes');
  try {
    return secp256k1.Point.fromBytes(bytes); // checks the point is on the curve and not infinity
  } catch {
    return invalid('bad_public_key', 'public key is not a point on secp256k1');
  }
}

/**
 * ECDH: the x coordinate of secret⋅point, left-padded to 32 bytes (auth-and-storage.md §3.1).
 * noble's `getSharedSecret` without re-parsing the point, so a cached point (and its table) is used.
 */
export function sharedX(secretKey: Uint8Array, point: CurvePoint): Uint8Array {
  if (!secp256k1.utils.isValidSecretKey(secretKey)) invalid('bad_private_key', 'private key is out of range for secp256k1');
  return point.multiply(secp256k1.Point.Fn.fromBytes(secretKey)).toBytes(true).slice(1);
}

interface RecipientEntry {
  readonly point: CurvePoint;
  uses: number;
}

// Keyed by the public key's hex as given (public data); compressed and uncompressed forms (or hex
// cases) of one key are separate entries, which is harmless. Only valid keys are stored.
const recipients = new LruCache<string, RecipientEntry>(CACHE_ENTRIES);

/**
 * The parsed point of an ECIES recipient key. An app usually encrypts to the same key (its own) for
 * every file, so the point is remembered, and from its second use on it gets its own fixed-window
 * table: later ECDH multiplications are then table additions instead of a fresh double-and-add.
 */
export function recipientPoint(publicKey: string | Uint8Array): CurvePoint {
  const key = typeof publicKey === 'string' ? publicKey : bytesToHex(publicKey);
  let entry = recipients.get(key);
  if (entry === undefined) {
    entry = { point: parsePublicKeyPoint(publicKey), uses: 0 };
    recipients.set(key, entry);
  }
  entry.uses += 1;
  // Lazy: noble builds the table on the next multiply and keeps it as long as the point lives.
  if (entry.uses === RECIPIENT_TABLE_AFTER_USES) entry.point.precompute(TABLE_WINDOW);
  return entry.point;
}

// Keyed by SHA-256 of the private key, so no secret is held as a map key; the value is public.
const signingPublicKeys = new LruCache<string, string>(CACHE_ENTRIES);

/**
 * Compressed public key hex of a private key, remembered: signECDSA returns it with every signature.
 * `derive` computes it on a miss (the curve backend's; noble's by default).
 */
export function signingPublicKey(privateKey: Uint8Array, derive: (privateKey: Uint8Array) => Uint8Array = (key) => curve().getPublicKey(key, true)): string {
  const key = bytesToHex(sha256(privateKey));
  let publicKey = signingPublicKeys.get(key);
  if (publicKey === undefined) {
    publicKey = bytesToHex(derive(privateKey));
    signingPublicKeys.set(key, publicKey);
  }
  return publicKey;
}

/** Sizes of the caches (for tests and diagnostics). */
export function curveCacheStats(): { recipients: number; tabledRecipients: number; signingKeys: number } {
  let tabled = 0;
  for (const entry of recipients.values()) if (entry.uses >= RECIPIENT_TABLE_AFTER_USES) tabled++;
  return { recipients: recipients.size, tabledRecipients: tabled, signingKeys: signingPublicKeys.size };
}

/** Forgets every cached point and key (tests; or an app that wants the memory back). */
export function clearCurveCaches(): void {
  recipients.clear();
  signingPublicKeys.clear();
}
