import type { CurvePoint } from '../curve.js';

/*
 * The two curve operations whose speed decides the throughput of ECIES decryption and of every
 * signature check: ECDH with an arbitrary point, and ECDSA verification. Two implementations share
 * this interface (auth-and-storage.md §3.1, §3.2, §0.3): OpenSSL through node:crypto where it is
 * available (node.ts), and noble everywhere else (web.ts). Both must give byte-identical results;
 * signing stays on noble everywhere (RFC 6979 nonces, low-S), because OpenSSL signs with random k.
 */

/** Encoding of an ECDSA signature: 64-byte r‖s (JWS) or DER (blockstack.js signECDSA, Gaia v0). */
export type EcdsaSignatureFormat = 'compact' | 'der';

export interface CurveBackend {
  /** Which implementation this is, for diagnostics and benchmarks. */
  readonly name: 'openssl' | 'noble';
  /**
   * ECDH: the x coordinate of `secretKey`⋅`point`, left-padded to 32 bytes (the ECIES shared
   * secret, §3.1). `secretKey` is a valid scalar and `point` a validated point (callers check both,
   * so errors stay the same whichever backend runs). Constant-time in the secret.
   */
  ecdhX(secretKey: Uint8Array, point: CurvePoint): Uint8Array;
  /**
   * ECDSA over SHA-256(`message`) with a compressed or uncompressed public key (hex or bytes).
   * Accepts high-S (about half the reference's signatures are high-S, §0.3); DER must be strict.
   * False for any invalid key, signature or encoding; never throws.
   */
  verifySha256(message: Uint8Array, signature: Uint8Array, publicKey: string | Uint8Array, format: EcdsaSignatureFormat): boolean;
}
