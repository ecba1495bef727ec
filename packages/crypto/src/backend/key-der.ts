import { concatBytes, hexToBytes } from '../bytes.js';

/*
 * secp256k1 keys as the DER that OpenSSL imports: a public key as SubjectPublicKeyInfo (RFC 5480),
 * a private key as SEC 1 ECPrivateKey (RFC 5915). For one curve and fixed sizes each is a constant
 * prefix (and suffix) around the key bytes, so no ASN.1 encoder is needed.
 */

// SEQUENCE { SEQUENCE { OID id-ecPublicKey, OID secp256k1 }, BIT STRING (no unused bits) <65-byte point> }
const SPKI_UNCOMPRESSED_PREFIX = hexToBytes('3056301006072a8648ce3d020106052b8104000a034200');
// The same around a 33-byte compressed point.
const SPKI_COMPRESSED_PREFIX = hexToBytes('3036301006072a8648ce3d020106052b8104000a032200');
// SEQUENCE { INTEGER 1, OCTET STRING <32-byte scalar>, [0] { OID secp256k1 } }; OpenSSL derives the
// optional public key itself, with its constant-time ladder.
const SEC1_PREFIX = hexToBytes('302e0201010420');
const SEC1_SUFFIX = hexToBytes('a00706052b8104000a');

/** SPKI DER of an uncompressed (65-byte, 04-prefixed) secp256k1 point. */
export function spkiFromUncompressedPoint(point: Uint8Array): Uint8Array {
  if (point.length !== 65 || point[0] !== 0x04) throw new RangeError('expected a 65-byte uncompressed point');
  return concatBytes(SPKI_UNCOMPRESSED_PREFIX, point);
}

/** SPKI DER of a point with a public key's layout (assertPublicKeyLayout): 33 or 65 bytes. */
export function spkiFromPoint(point: Uint8Array): Uint8Array {
  return point.length === 33 ? concatBytes(SPKI_COMPRESSED_PREFIX, point) : spkiFromUncompressedPoint(point);
}

/** SEC 1 DER of a 32-byte secret scalar. It holds the secret: wipe it (`fill(0)`) once imported. */
export function sec1FromSecretKey(secretKey: Uint8Array): Uint8Array {
  if (secretKey.length !== 32) throw new RangeError('expected a 32-byte secret key');
  return concatBytes(SEC1_PREFIX, secretKey, SEC1_SUFFIX);
}
