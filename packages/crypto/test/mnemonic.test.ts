import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base64 } from '@scure/base';
import {
  FailedDecryptionError, InvalidInputError, bytesToHex, decryptMnemonic, encryptMnemonic, generateMnemonic, hexToBytes,
  isValidMnemonic, mnemonicToSeed, normalizeMnemonic,
} from '@bsk/crypto';

// auth-and-storage.md §9.10
const PHRASE = 'march eager husband pilot waste rely exclude taste twist donkey actress scene';
const PASSWORD = 'testtest';
const SALT = 'ff'.repeat(16);
const ENCRYPTED = 'ffffffffffffffffffffffffffffffffca638cc39fc270e8be5cbf98347e42a52ee955e287ab589c571af5f7c80269295b0039e32ae13adf11bc6506f5ec32dda2f79df4c44276359c6bac178ae393de';

// Each encryption or decryption runs PBKDF2 (100,000 iterations) in JavaScript: slow on a loaded machine.
describe('encrypted mnemonic (§9.10)', { timeout: 120_000 }, () => {
  it('reproduces the fixed-salt vector byte for byte', async () => {
    expect(await encryptMnemonic(PHRASE, PASSWORD, { salt: SALT })).toBe(ENCRYPTED);
    expect(await encryptMnemonic(PHRASE, PASSWORD, { salt: hexToBytes(SALT) })).toBe(ENCRYPTED);
  });
  it('decrypts the vector from hex, base64 and bytes', async () => {
    expect(await decryptMnemonic(ENCRYPTED, PASSWORD)).toBe(PHRASE);
    expect(await decryptMnemonic(base64.encode(hexToBytes(ENCRYPTED)), PASSWORD)).toBe(PHRASE);
    expect(await decryptMnemonic(hexToBytes(ENCRYPTED), PASSWORD)).toBe(PHRASE);
  });
  it('emits base64 when asked (the CLI form)', async () => {
    expect(await encryptMnemonic(PHRASE, PASSWORD, { salt: SALT, encoding: 'base64' })).toBe(base64.encode(hexToBytes(ENCRYPTED)));
  });
  it('a wrong password is a FailedDecryptionError naming the HMAC mismatch', async () => {
    await expect(decryptMnemonic(ENCRYPTED, 'wrong password')).rejects.toThrow(FailedDecryptionError);
    await expect(decryptMnemonic(ENCRYPTED, 'wrong password')).rejects.toThrow('Wrong password (HMAC mismatch)');
  });
  it('a tampered ciphertext is refused', async () => {
    const tampered = `${ENCRYPTED.slice(0, -2)}00`;
    await expect(decryptMnemonic(tampered, PASSWORD)).rejects.toThrow(FailedDecryptionError);
  });
  it('random salts make different ciphertexts that decrypt back', async () => {
    const a = await encryptMnemonic(PHRASE, PASSWORD);
    const b = await encryptMnemonic(PHRASE, PASSWORD);
    expect(a).not.toBe(b);
    expect(a).toHaveLength(ENCRYPTED.length);
    expect(await decryptMnemonic(a, PASSWORD)).toBe(PHRASE);
  });
  it('round-trips a 24-word phrase', async () => {
    const phrase = generateMnemonic(256);
    expect(phrase.split(' ')).toHaveLength(24);
    expect(await decryptMnemonic(await encryptMnemonic(phrase, 'pw', { salt: SALT }), 'pw')).toBe(phrase);
  });
  it('refuses a legacy triplesec backup with a clear InvalidInputError', async () => {
    const legacy = `1c94d7de0000000300000000${'ab'.repeat(80)}`;
    await expect(decryptMnemonic(legacy, PASSWORD)).rejects.toThrow(InvalidInputError);
    await expect(decryptMnemonic(legacy, PASSWORD)).rejects.toThrow(/triplesec/);
  });
  it('refuses malformed data and invalid phrases with InvalidInputError', async () => {
    for (const data of ['', 'zz!', ENCRYPTED.slice(0, 96), `${ENCRYPTED}00`]) {
      await expect(decryptMnemonic(data, PASSWORD)).rejects.toThrow(InvalidInputError);
    }
    await expect(encryptMnemonic('not a phrase', PASSWORD)).rejects.toThrow(InvalidInputError);
    await expect(encryptMnemonic(PHRASE, PASSWORD, { salt: 'ff' })).rejects.toThrow(InvalidInputError);
  });
  it('property: random bytes never throw anything but the two typed errors', async () => {
    // Short inputs keep PBKDF2 runs (100000 iterations each) few: most fail the length check.
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 120 }), async (bytes) => {
      try {
        await decryptMnemonic(bytesToHex(bytes), PASSWORD);
      } catch (error) {
        expect(error instanceof InvalidInputError || error instanceof FailedDecryptionError).toBe(true);
      }
    }), { numRuns: 40 });
  }, 120_000);
});

describe('BIP39 phrases (§2)', () => {
  it('generates valid 12-word phrases by default', () => {
    const phrase = generateMnemonic();
    expect(phrase.split(' ')).toHaveLength(12);
    expect(isValidMnemonic(phrase)).toBe(true);
    expect(generateMnemonic()).not.toBe(phrase);
  });
  it('validates the checksum and the word list', () => {
    expect(isValidMnemonic(PHRASE)).toBe(true);
    expect(isValidMnemonic(PHRASE.replace('scene', 'march'))).toBe(false);
    expect(isValidMnemonic(PHRASE.replace('scene', 'blockstack'))).toBe(false);
    expect(isValidMnemonic(PHRASE.split(' ').slice(0, 11).join(' '))).toBe(false);
    expect(isValidMnemonic(42)).toBe(false);
  });
  it('cleans typed-in phrases like the Browser: lower case, - _ . and whitespace separate words', () => {
    const typed = '  March-eager_husband.pilot\twaste  RELY\nexclude taste--twist donkey actress scene ';
    expect(normalizeMnemonic(typed)).toBe(PHRASE);
    expect(isValidMnemonic(normalizeMnemonic(typed))).toBe(true);
    expect(isValidMnemonic(typed)).toBe(false);
  });
  it('mnemonicToSeed refuses an invalid phrase', async () => {
    await expect(mnemonicToSeed('abandon abandon')).rejects.toThrow(InvalidInputError);
  });
  it('property: normalisation is idempotent and never throws on strings', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      const once = normalizeMnemonic(text);
      expect(normalizeMnemonic(once)).toBe(once);
    }));
  });
});
