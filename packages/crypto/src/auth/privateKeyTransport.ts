import { bytesToHex, bytesToUtf8, hexToBytes, utf8ToBytes } from '../bytes.js';
import { decryptECIES, encryptECIES } from '../ecies.js';
import { invalid } from '../errors.js';
import { isValidPrivateKey } from '../keys.js';

/*
 * How the authResponse carries the app private key (auth-and-storage.md §1.6, §1.7 point 4):
 * hex( UTF-8( JSON.stringify( ECIES cipher object of the key STRING, wasString = true ) ) ),
 * encrypted to the app's transit public key. `core_token` travels the same way.
 */

/** blockstack.js `encryptPrivateKey(publicKey, privateKey)`. */
export function encryptPrivateKey(transitPublicKey: string, secret: string): string {
  const cipherObject = encryptECIES(transitPublicKey, utf8ToBytes(secret), true);
  return bytesToHex(utf8ToBytes(JSON.stringify(cipherObject)));
}

/**
 * blockstack.js `decryptPrivateKey(privateKey, hexedEncrypted)`. Throws InvalidInputError for a
 * malformed field and FailedDecryptionError for the wrong key.
 */
export function decryptPrivateKey(transitPrivateKey: string, hexString: string): string {
  let cipherObject: unknown;
  try {
    cipherObject = JSON.parse(bytesToUtf8(hexToBytes(hexString)));
  } catch {
    invalid('bad_private_key_field', 'private_key is not hex-encoded JSON');
  }
  const decrypted = decryptECIES(transitPrivateKey, cipherObject);
  if (typeof decrypted !== 'string') invalid('bad_private_key_field', 'Unable to correctly decrypt private key');
  return decrypted;
}

/**
 * The app-side rule of `handlePendingSignIn`: decrypt the `private_key` field, or — when that fails
 * but the field is itself a valid raw hex private key (pre-1.1 authenticators) — use it as given.
 * Throws InvalidInputError with the reference's LoginFailedError message otherwise.
 */
export function decryptAppPrivateKey(transitPrivateKey: string, privateKeyField: string): string {
  try {
    return decryptPrivateKey(transitPrivateKey, privateKeyField);
  } catch {
    if (isValidPrivateKey(privateKeyField)) return privateKeyField;
    return invalid('login_failed', 'Failed decrypting appPrivateKey. Usually means that the transit key has changed during login.');
  }
}
