import { concatBytes, hexToBytes } from '../bytes.js';

/*
 * secp256k1 keys in the two DER containers OpenSSL imports: SubjectPublicKeyInfo (RFC 5480) for a
 * public point and ECPrivateKey (SEC 1 / RFC 5915) for a secret scalar. For one curve and fixed
 * sizes they are a constant prefix followed by the key bytes, so no ASN.1 encoder is needed.
 */

// SEQUENCE { SEQUENCE { OID id-ecPublicKey, OID secp256k1 }, BIT STRING (no unused bits) <65-byte point> }
const SPKI_UNCOMPRESSED_PREFIX = hexToBytes('3056301006072a8648ce3d020106052b8104000a034200');

// SEQUENCE { INTEGER 1, OCTET STRING <32-byte scalar>, [0] OID secp256k1, [1] BIT STRING <33-byte point> }
const SEC1_HEAD = hexToBytes('30540201010420');
const SEC1_MIDDLE = hexToBytes('a00706052b8104000aa124032200');

/** SPKI DER of an uncompressed (65-byte, 04-prefixed) secp256k1 point. */
export function spkiFromUncompressedPoint(point: Uint8Array): Uint8Array {
  if (point.length !== 65 || point[0] !== 0x04) throw new RangeError('expected a 65-byte uncompressed point');
  return concatBytes(SPKI_UNCOMPRESSED_PREFIX, point);
}

/**
 * SEC 1 ECPrivateKey DER of a 32-byte scalar with its compressed public key. The public key is
 * included because OpenSSL otherwise derives it on import, a whole scalar multiplication.
 * The result holds the secret: the caller wipes it once imported.
 */
export function sec1FromSecretKey(secretKey: Uint8Array, compressedPublicKey: Uint8Array): Uint8Array {
  if (secretKey.length !== 32) throw new RangeError('expected a 32-byte secret key');
  if (compressedPublicKey.length !== 33) throw new RangeError('expected a 33-byte compressed public key');
  return concatBytes(SEC1_HEAD, secretKey, SEC1_MIDDLE, compressedPublicKey);
}
