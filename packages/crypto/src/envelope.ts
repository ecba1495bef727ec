import { publicKeyToAddress } from './address.js';
import { decryptECIES, encryptECIES, type CipherTextEncoding } from './ecies.js';
import { signECDSA, verifyECDSA } from './ecdsa.js';
import { invalid } from './errors.js';
import { getPublicKeyFromPrivate } from './keys.js';

/*
 * What putFile stores and getFile checks (auth-and-storage.md §3.3, §3.4):
 *   encrypt only     → the ECIES cipher object as JSON
 *   encrypt + sign   → {"signature","publicKey","cipherText":"<cipher JSON as a string>"}, the DER
 *                      signature covering the bytes of that string
 *   sign only        → raw bytes at path, and {"signature","publicKey"} at path + ".sig"
 * A reader requires address(publicKey) == the bucket address it expected, then the signature.
 * Signature problems are returned as values; only decryption failures throw.
 */

/** Suffix of the companion signature file of a signed, unencrypted file. */
export const SIGNATURE_FILE_SUFFIX = '.sig';

export interface SignedCipherObject {
  readonly signature: string;
  readonly publicKey: string;
  /** The cipher object's JSON, as a string. */
  readonly cipherText: string;
}

export interface EncryptContentOptions {
  /** Recipient key; defaults to the public key of `privateKey` (the app key, as in blockstack.js). */
  readonly publicKey?: string;
  /** The app private key: default recipient, and the signer when `sign` is true. */
  readonly privateKey?: string;
  /** true signs with `privateKey`; a string is the signing private key itself. */
  readonly sign?: boolean | string;
  readonly cipherTextEncoding?: CipherTextEncoding;
  /** Overrides the string/bytes flag the decrypter will honour. */
  readonly wasString?: boolean;
}

/** blockstack.js `encryptContent`: the cipher JSON, or the signed envelope JSON when signing. */
export function encryptContent(content: string | Uint8Array, opts: EncryptContentOptions): string {
  const publicKey = opts.publicKey ?? (opts.privateKey !== undefined ? getPublicKeyFromPrivate(opts.privateKey) : invalid('no_key', 'encryptContent needs a publicKey or a privateKey'));
  const wasString = typeof opts.wasString === 'boolean' ? opts.wasString : typeof content === 'string';
  const cipherPayload = JSON.stringify(encryptECIES(publicKey, content, wasString, opts.cipherTextEncoding ?? 'hex'));
  if (!opts.sign) return cipherPayload;
  const signingKey = typeof opts.sign === 'string' ? opts.sign : opts.privateKey ?? invalid('no_key', 'sign: true needs a privateKey');
  return makeSignedEnvelope(cipherPayload, signingKey);
}

/** blockstack.js `decryptContent`: parses the cipher JSON and ECIES-decrypts it. */
export function decryptContent(content: string, opts: { readonly privateKey: string }): string | Uint8Array {
  return decryptECIES(opts.privateKey, parseJson(content, 'Failed to parse encrypted content JSON. The content may not be encrypted. If using getFile, try passing { decrypt: false }.'));
}

/** Wraps a cipher JSON string in the signed envelope; key order as blockstack.js writes it. */
export function makeSignedEnvelope(cipherPayload: string, privateKey: string): string {
  const { signature, publicKey } = signECDSA(privateKey, cipherPayload);
  const envelope: SignedCipherObject = { signature, publicKey, cipherText: cipherPayload };
  return JSON.stringify(envelope);
}

/** The `.sig` companion of a signed, unencrypted file: `{"signature","publicKey"}`. */
export function makeSignatureFile(content: string | Uint8Array, privateKey: string): string {
  return JSON.stringify(signECDSA(privateKey, content));
}

export type SignatureFailure = 'malformed' | 'address_mismatch' | 'bad_signature';

export type SignatureCheck =
  | { readonly valid: true; readonly signerAddress: string; readonly publicKey: string }
  | { readonly valid: false; readonly reason: SignatureFailure; readonly message: string };

export type EnvelopeCheck =
  | { readonly valid: true; readonly signerAddress: string; readonly publicKey: string; readonly cipherText: string }
  | { readonly valid: false; readonly reason: SignatureFailure; readonly message: string };

function failure(reason: SignatureFailure, message: string): { valid: false; reason: SignatureFailure; message: string } {
  return { valid: false, reason, message };
}

function parseJson(text: unknown, message: string): unknown {
  if (typeof text !== 'string') invalid('bad_json', message);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return invalid('bad_json', message);
  }
}

function stringField(value: unknown, field: string): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const text = (value as Record<string, unknown>)[field];
  return typeof text === 'string' && text.length > 0 ? text : null;
}

/** The address check and then the signature check, shared by both signed layouts. */
function checkSignature(content: string | Uint8Array, publicKey: string, signature: string, expectedAddress: string): SignatureCheck {
  let signerAddress: string;
  try {
    // Address of the key as written (compressed in everything blockstack.js made).
    signerAddress = publicKeyToAddress(publicKey);
  } catch {
    return failure('malformed', 'Signer public key is not a valid secp256k1 key');
  }
  if (signerAddress !== expectedAddress) {
    return failure('address_mismatch', `Signer pubkey address (${signerAddress}) doesn't match gaia address (${expectedAddress})`);
  }
  if (!verifyECDSA(content, publicKey, signature)) return failure('bad_signature', 'Contents do not match ECDSA signature');
  return { valid: true, signerAddress, publicKey };
}

/** Checks a signed envelope (a JSON string or parsed object) against the expected bucket address. Never throws. */
export function verifySignedEnvelope(envelope: unknown, expectedAddress: string): EnvelopeCheck {
  let parsed: unknown = envelope;
  if (typeof envelope === 'string') {
    try {
      parsed = JSON.parse(envelope) as unknown;
    } catch {
      return failure('malformed', 'Failed to parse encrypted, signed content JSON');
    }
  }
  const signature = stringField(parsed, 'signature');
  const publicKey = stringField(parsed, 'publicKey');
  const cipherText = stringField(parsed, 'cipherText');
  if (!signature || !publicKey || !cipherText) return failure('malformed', 'Failed to get signature verification data from file');
  const check = checkSignature(cipherText, publicKey, signature, expectedAddress);
  return check.valid ? { ...check, cipherText } : check;
}

/** Checks raw file content against its `.sig` companion (JSON string or parsed object). Never throws. */
export function verifySignatureFile(content: string | Uint8Array, signatureFile: unknown, expectedAddress: string): SignatureCheck {
  let parsed: unknown = signatureFile;
  if (typeof signatureFile === 'string') {
    try {
      parsed = JSON.parse(signatureFile) as unknown;
    } catch {
      return failure('malformed', 'Failed to parse signature content JSON. The content may be corrupted.');
    }
  }
  const signature = stringField(parsed, 'signature');
  const publicKey = stringField(parsed, 'publicKey');
  if (!signature || !publicKey) return failure('malformed', 'Signature file lacks signature or publicKey');
  if (typeof content !== 'string' && !(content instanceof Uint8Array)) return failure('malformed', 'Content must be a string or bytes');
  return checkSignature(content, publicKey, signature, expectedAddress);
}

export type VerifiedDecryption =
  | { readonly valid: true; readonly content: string | Uint8Array; readonly signerAddress: string }
  | { readonly valid: false; readonly reason: SignatureFailure; readonly message: string };

/**
 * getFile with decrypt + verify: checks the envelope against `expectedAddress` (default: the bucket
 * address of `privateKey`, i.e. one's own app bucket), then decrypts. Signature problems come back
 * as a value; a bad cipher object throws InvalidInputError and a MAC failure FailedDecryptionError.
 */
export function verifyAndDecryptContent(envelope: unknown, opts: { readonly privateKey: string; readonly expectedAddress?: string }): VerifiedDecryption {
  const expectedAddress = opts.expectedAddress ?? publicKeyToAddress(getPublicKeyFromPrivate(opts.privateKey));
  const check = verifySignedEnvelope(envelope, expectedAddress);
  if (!check.valid) return check;
  return { valid: true, content: decryptContent(check.cipherText, { privateKey: opts.privateKey }), signerAddress: check.signerAddress };
}
