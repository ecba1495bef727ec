/*
 * The curve operations whose speed decides the throughput of ECIES, tokens and signatures:
 * decoding a public key someone sent us, ECDH with it, ECDSA verification, ECDSA signing and
 * deriving a public key (auth-and-storage.md §3.1, §3.2, §0.3). Three implementations share this
 * interface: libsecp256k1 compiled to WebAssembly where it loads (libsecp256k1.ts; Node), OpenSSL
 * through node:crypto (node.ts; Node), and noble everywhere (web.ts); ECDH may also run in
 * libsecp256k1's native addon (native-ecdh.ts; Node). All give byte-identical
 * results, accept exactly the same keys and signatures, and throw the same errors.
 */

/** Encoding of an ECDSA signature: 64-byte r‖s (JWS) or DER (blockstack.js signECDSA, Gaia v0). */
export type EcdsaSignatureFormat = 'compact' | 'der';

export interface CurveBackend {
  /** Which implementation this is, for diagnostics and benchmarks. */
  readonly name: 'libsecp256k1' | 'libsecp256k1-native' | 'openssl' | 'noble';
  /**
   * Validates a compressed (33-byte, 02/03) or uncompressed (65-byte, 04) secp256k1 public key and
   * returns it uncompressed. Throws InvalidInputError `bad_public_key` for anything else
   * (wrong length or prefix, a coordinate ≥ p, not on the curve).
   */
  uncompressedPoint(publicKey: Uint8Array): Uint8Array;
  /**
   * ECDH: the x coordinate of `secretKey`⋅`point`, left-padded to 32 bytes (the ECIES shared
   * secret, §3.1). `secretKey` is a valid scalar and `point` a 65-byte point from
   * `uncompressedPoint`; callers validate both. Should they not, every backend throws noble's
   * InvalidInputError: `bad_public_key` for a point that is not one (checked first), then
   * `bad_private_key` for a scalar that is 0 or ≥ n. Constant-time in the secret.
   */
  ecdhX(secretKey: Uint8Array, point: Uint8Array): Uint8Array;
  /**
   * ECDSA over SHA-256(`message`) with a compressed or uncompressed public key (hex or bytes).
   * Accepts high-S (about half the reference's signatures are high-S, §0.3); DER must be strict.
   * False for any invalid key, signature or encoding; never throws.
   */
  verifySha256(message: Uint8Array, signature: Uint8Array, publicKey: string | Uint8Array, format: EcdsaSignatureFormat): boolean;
  /**
   * ECDSA signature (64-byte compact r‖s) over a digest: RFC 6979 nonce, low-S, so the bytes are
   * the reference's. Constant-time in the secret. Throws what noble throws for an invalid scalar.
   */
  signDigest(digest: Uint8Array, secretKey: Uint8Array): Uint8Array;
  /**
   * The public key of a secret scalar: 33 bytes compressed, or 65. Constant-time in the secret.
   * Throws what noble throws for an invalid scalar.
   */
  publicKey(secretKey: Uint8Array, compressed: boolean): Uint8Array;
}
