import type { CipherTextEncoding } from './ecies.js';

/*
 * Fast estimate of the length of the JSON an `encryptContent` call will produce, used by putFile
 * to refuse oversized uploads before encrypting (auth-and-storage.md §3.1, §3.4; names as in
 * blockstack.js 21). The shells have empty values; the fixed-width values are added as lengths.
 */

/** Hex IV (16 bytes) + hex compressed ephemeral key (33 bytes) + hex HMAC-SHA256 (32 bytes). */
const CIPHER_VALUES_LENGTH = 32 + 66 + 64;
/** Hex DER signature (at most 72 bytes) + hex compressed public key (33 bytes). */
const SIGNED_VALUES_LENGTH = 144 + 66;

export interface CipherObjectWrapper {
  readonly payloadValuesLength: number;
  readonly payloadShell: string;
}

export function getCipherObjectWrapper(opts: { wasString: boolean; cipherTextEncoding?: CipherTextEncoding }): CipherObjectWrapper {
  // Same keys as a cipher object; the order does not change the length.
  const shell: Record<string, string | boolean> = { iv: '', ephemeralPK: '', mac: '', cipherText: '', wasString: !!opts.wasString };
  if (opts.cipherTextEncoding === 'base64') shell['cipherTextEncoding'] = 'base64';
  return { payloadValuesLength: CIPHER_VALUES_LENGTH, payloadShell: JSON.stringify(shell) };
}

export interface SignedCipherObjectWrapper {
  readonly signedPayloadValuesLength: number;
  readonly signedPayloadShell: string;
}

/** The signed envelope carries the cipher JSON as a string, so its quotes get escaped. */
export function getSignedCipherObjectWrapper(payloadShell: string): SignedCipherObjectWrapper {
  const shell = { signature: '', publicKey: '', cipherText: payloadShell };
  return { signedPayloadValuesLength: SIGNED_VALUES_LENGTH, signedPayloadShell: JSON.stringify(shell) };
}

/** AES-CBC with PKCS#7 always adds 1..16 bytes of padding. */
export function getAesCbcOutputLength(inputByteLength: number): number {
  return (Math.floor(inputByteLength / 16) + 1) * 16;
}

export function getBase64OutputLength(inputByteLength: number): number {
  return Math.ceil(inputByteLength / 3) * 4;
}

export interface EciesLengthOptions {
  readonly contentLength: number;
  readonly wasString: boolean;
  readonly sign?: boolean;
  readonly cipherTextEncoding?: CipherTextEncoding;
}

/** Length of the JSON string of the encrypted (and optionally signed) payload. Example: 42-byte string → 326, signed 601 (§9.11). */
export function eciesGetJsonStringLength(opts: EciesLengthOptions): number {
  const { payloadShell, payloadValuesLength } = getCipherObjectWrapper(opts);
  const cipherTextLength = getAesCbcOutputLength(opts.contentLength);
  const encodedCipherTextLength = opts.cipherTextEncoding === 'base64' ? getBase64OutputLength(cipherTextLength) : cipherTextLength * 2;
  if (!opts.sign) return payloadShell.length + payloadValuesLength + encodedCipherTextLength;
  const { signedPayloadShell, signedPayloadValuesLength } = getSignedCipherObjectWrapper(payloadShell);
  return signedPayloadShell.length + signedPayloadValuesLength + payloadValuesLength + encodedCipherTextLength;
}
