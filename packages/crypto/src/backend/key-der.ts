import { concatBytes, hexToBytes } from '../bytes.js';

/*
 * A secp256k1 public key as the SubjectPublicKeyInfo DER (RFC 5480) that OpenSSL imports. For one
 * curve and a fixed point size it is a constant prefix followed by the point, so no ASN.1 encoder
 * is needed.
 */

// SEQUENCE { SEQUENCE { OID id-ecPublicKey, OID secp256k1 }, BIT STRING (no unused bits) <65-byte point> }
const SPKI_UNCOMPRESSED_PREFIX = hexToBytes('3056301006072a8648ce3d020106052b8104000a034200');

/** SPKI DER of an uncompressed (65-byte, 04-prefixed) secp256k1 point. */
export function spkiFromUncompressedPoint(point: Uint8Array): Uint8Array {
  if (point.length !== 65 || point[0] !== 0x04) throw new RangeError('expected a 65-byte uncompressed point');
  return concatBytes(SPKI_UNCOMPRESSED_PREFIX, point);
}
