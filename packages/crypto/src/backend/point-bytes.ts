import { invalid } from '../errors.js';

/*
 * SEC 1 public-key byte layouts (auth-and-storage.md §0.1): 02/03 ‖ x for a compressed key,
 * 04 ‖ x ‖ y for an uncompressed one. Hybrid keys (06/07) and the one-byte infinity are not keys.
 */

/** Throws InvalidInputError unless the bytes have the length and prefix of a public key. */
export function assertPublicKeyLayout(publicKey: Uint8Array): void {
  if (publicKey.length !== 33 && publicKey.length !== 65) invalid('bad_public_key', 'public key must be 33 or 65 bytes');
  const prefix = publicKey[0];
  const known = publicKey.length === 33 ? prefix === 0x02 || prefix === 0x03 : prefix === 0x04;
  if (!known) invalid('bad_public_key', 'public key is not a point on secp256k1');
}

/** The compressed form of a 65-byte uncompressed point: the prefix carries y's parity. */
export function compressedFromUncompressed(point: Uint8Array): Uint8Array {
  const compressed = point.slice(0, 33);
  compressed[0] = (point[64]! & 1) === 0 ? 0x02 : 0x03;
  return compressed;
}
