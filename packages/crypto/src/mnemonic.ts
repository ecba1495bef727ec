import { cbc } from '@noble/ciphers/aes.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { pbkdf2Async } from '@noble/hashes/pbkdf2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { base64 } from '@scure/base';
import {
  entropyToMnemonic, generateMnemonic as generateBip39Mnemonic, mnemonicToEntropy, mnemonicToSeed as bip39MnemonicToSeed,
  mnemonicToSeedSync as bip39MnemonicToSeedSync, validateMnemonic,
} from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { bytesToHex, concatBytes, equalBytes, hexToBytes, isHex, utf8ToBytes } from './bytes.js';
import { FailedDecryptionError, invalid } from './errors.js';
import { hmacSha256 } from './hash.js';

/*
 * BIP39 phrases and the v21 encrypted backup of a phrase (auth-and-storage.md §2, vector §9.10).
 * English word list only; the seed always uses the empty passphrase.
 */

/** 128 bits → 12 words, what the Browser and the CLI create for new accounts. */
export const MNEMONIC_STRENGTH = 128;

export function generateMnemonic(strength: 128 | 256 = MNEMONIC_STRENGTH): string {
  return generateBip39Mnemonic(wordlist, strength);
}

/**
 * Cleans a typed-in phrase the way the Browser's restore screen did (§7 "Restore"): lower case,
 * and any run of whitespace or `-`, `_`, `.` is one word separator.
 */
export function normalizeMnemonic(input: string): string {
  if (typeof input !== 'string') invalid('bad_mnemonic', 'a mnemonic must be a string');
  return input.toLowerCase().split(/[\s\-_.]+/).filter((word) => word.length > 0).join(' ');
}

/** True for a BIP39 English phrase with a good checksum, exactly as given (normalise first if typed in). */
export function isValidMnemonic(phrase: unknown): boolean {
  return typeof phrase === 'string' && validateMnemonic(phrase, wordlist);
}

function checkMnemonic(phrase: string): void {
  if (!isValidMnemonic(phrase)) invalid('bad_mnemonic', 'Not a valid bip39 mnemonic');
}

/** BIP39 seed with the empty passphrase (64 bytes). Async so browsers are not blocked. */
export async function mnemonicToSeed(phrase: string): Promise<Uint8Array> {
  checkMnemonic(phrase);
  return bip39MnemonicToSeed(phrase, '');
}

export function mnemonicToSeedSync(phrase: string): Uint8Array {
  checkMnemonic(phrase);
  return bip39MnemonicToSeedSync(phrase, '');
}

/* ---- encrypted backup (blockstack.js 21 `encryptMnemonic` / `decryptMnemonic`) ---- */

const SALT_LENGTH = 16;
const HMAC_LENGTH = 32;
const PBKDF2_ITERATIONS = 100_000;
/** First bytes of a legacy triplesec ciphertext (pre-2018 Browser backups). */
const TRIPLESEC_MAGIC = '1c94d7de';

interface BackupKeys {
  readonly encKey: Uint8Array;
  readonly macKey: Uint8Array;
  readonly iv: Uint8Array;
}

/** PBKDF2-HMAC-SHA512(password, salt, 100000) → 48 bytes: AES-128 key, HMAC key, IV. */
async function deriveBackupKeys(password: string, salt: Uint8Array): Promise<BackupKeys> {
  const keys = await pbkdf2Async(sha512, utf8ToBytes(password), salt, { c: PBKDF2_ITERATIONS, dkLen: 48 });
  return { encKey: keys.slice(0, 16), macKey: keys.slice(16, 32), iv: keys.slice(32, 48) };
}

export interface EncryptMnemonicOptions {
  /** 16 bytes (or 32 hex); random when absent. Only tests should fix it. */
  readonly salt?: Uint8Array | string;
  /** Output text: hex (blockstack.js) or base64 (the CLI's `encrypt_keychain`). */
  readonly encoding?: 'hex' | 'base64';
}

/**
 * Encrypts the phrase's BIP39 entropy: output salt(16) ‖ HMAC-SHA256(macKey, salt ‖ ct)(32) ‖ ct,
 * ct = AES-128-CBC/PKCS#7 (§2). Throws InvalidInputError for a phrase that is not valid BIP39.
 */
export async function encryptMnemonic(phrase: string, password: string, opts: EncryptMnemonicOptions = {}): Promise<string> {
  checkMnemonic(phrase);
  if (typeof password !== 'string') invalid('bad_password', 'the password must be a string');
  const entropy = mnemonicToEntropy(phrase, wordlist);
  const salt = opts.salt === undefined ? randomBytes(SALT_LENGTH) : typeof opts.salt === 'string' ? hexToBytes(opts.salt) : opts.salt;
  if (salt.length !== SALT_LENGTH) invalid('bad_salt', 'the salt must be 16 bytes');
  const { encKey, macKey, iv } = await deriveBackupKeys(password, salt);
  const cipherText = cbc(encKey, iv).encrypt(entropy);
  const payload = concatBytes(salt, hmacSha256(macKey, salt, cipherText), cipherText);
  return opts.encoding === 'base64' ? base64.encode(payload) : bytesToHex(payload);
}

/** Hex (what blockstack.js writes) or base64 (what the CLI prints and the Browser accepts). */
function decodeBackup(data: string | Uint8Array): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (typeof data !== 'string') invalid('bad_encrypted_mnemonic', 'encrypted mnemonic must be a string or bytes');
  const text = data.trim();
  if (isHex(text)) return hexToBytes(text);
  try {
    return base64.decode(text);
  } catch {
    return invalid('bad_encrypted_mnemonic', 'encrypted mnemonic must be hex or base64');
  }
}

/**
 * Decrypts a v21 backup to its 12 (or 24) word phrase. Malformed data → InvalidInputError (a legacy
 * triplesec backup is recognised and refused as unsupported); wrong password → FailedDecryptionError
 * "Wrong password (HMAC mismatch)", as blockstack.js words it.
 */
export async function decryptMnemonic(data: string | Uint8Array, password: string): Promise<string> {
  const bytes = decodeBackup(data);
  if (bytes.length >= 4 && bytesToHex(bytes.subarray(0, 4)) === TRIPLESEC_MAGIC) {
    invalid('unsupported_legacy_backup', 'this is a legacy triplesec-encrypted backup, which is not supported');
  }
  const cipherText = bytes.subarray(SALT_LENGTH + HMAC_LENGTH);
  if (cipherText.length === 0 || cipherText.length % 16 !== 0) invalid('bad_encrypted_mnemonic', 'encrypted mnemonic has the wrong length');
  if (typeof password !== 'string') invalid('bad_password', 'the password must be a string');
  const salt = bytes.subarray(0, SALT_LENGTH);
  const storedMac = bytes.subarray(SALT_LENGTH, SALT_LENGTH + HMAC_LENGTH);
  const { encKey, macKey, iv } = await deriveBackupKeys(password, salt);
  if (!equalBytes(hmacSha256(macKey, salt, cipherText), storedMac)) throw new FailedDecryptionError('Wrong password (HMAC mismatch)');
  let phrase: string;
  try {
    phrase = entropyToMnemonic(cbc(encKey, iv).decrypt(cipherText), wordlist);
  } catch {
    throw new FailedDecryptionError('Wrong password (invalid plaintext)');
  }
  return phrase;
}
