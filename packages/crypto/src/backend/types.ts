/*
 * The curve operations whose speed decides the throughput of ECIES decryption and of every
 * signature check: decoding a public key someone sent us, ECDH with it, and ECDSA verification.
 * Two implementations share this interface (auth-and-storage.md §3.1, §3.2, §0.3): OpenSSL through
 * node:crypto where it is available (node.ts), and noble everywhere else (web.ts). Both give
 * byte-identical results and accept exactly the same keys and signatures. Signing stays on noble
 * everywhere (RFC 6979 nonces, low-S), because OpenSSL signs with a random nonce.
 */

/** Encoding of an ECDSA signature: 64-byte r‖s (JWS) or DER (blockstack.js signECDSA, Gaia v0). */
export type EcdsaSignatureFormat = 'compact' | 'der';

export interface CurveBackend {
  /** Which implementation this is, for diagnostics and benchmarks. */
  readonly name: 'openssl' | 'noble';
  /**
   * Validates a compressed (33-byte, 02/03) or uncompressed (65-byte, 04) secp256k1 public key and
   * returns it uncompressed. Throws InvalidInputError `bad_public_key` for anything else
   * (wrong length or prefix, a coordinate ≥ p, not on the curve).
   */
  uncompressedPoint(publicKey: Uint8Array): Uint8Array;
  /**
   * ECDH: the x coordinate of `secretKey`⋅`point`, left-padded to 32 bytes (the ECIES shared
   * secret, §3.1). `secretKey` is a valid scalar and `point` a 65-byte point from
   * `uncompressedPoint` (callers validate both, so errors do not depend on the backend).
   * Constant-time in the secret.
   */
  ecdhX(secretKey: Uint8Array, point: Uint8Array): Uint8Array;
  /**
   * ECDSA over SHA-256(`message`) with a compressed or uncompressed public key (hex or bytes).
   * Accepts high-S (about half the reference's signatures are high-S, §0.3); DER must be strict.
   * False for any invalid key, signature or encoding; never throws.
   */
  verifySha256(message: Uint8Array, signature: Uint8Array, publicKey: string | Uint8Array, format: EcdsaSignatureFormat): boolean;
}
