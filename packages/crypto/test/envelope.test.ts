import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FailedDecryptionError, InvalidInputError, bytesToHex, decryptContent, decompressPublicKey, eciesGetJsonStringLength,
  encryptContent, getPublicKeyFromPrivate, makeSignatureFile, makeSignedEnvelope, verifyAndDecryptContent,
  verifySignatureFile, verifySignedEnvelope, verifyECDSA,
} from '@bsk/crypto';

// auth-and-storage.md §9.1–9.3
const PRIV = 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229';
const PUB = '027d28f9951ce46538951e3697c62588a87f1f1f295de4a14fdd4c780fc52cfe69';
const BUCKET = '1NZNxhoxobqwsNvTb16pdeiqvFvce3Yg8U';
const OTHER_PRIV = '6dad38fa92add38d913bdfb2e646ef4ce2a50a2f39853f848a792835626a5690';
const JACK = 'all work and no play makes jack a dull boy';
const JACK_SIGNATURE = '3044022023b742aff15d1b2ee47b7bb5ff8b1c9e4627201c627f6ae7995f5e00b82e2b380220715a14dc988c549e72cf06660c850c623aa56b9a35e0bb452a8b6410e39137fe';
const GAIA_HIGH_S = '304502200e00aa5aa8162c72965ecb2aa3d26b6451d623aca8a5d1c512b56efd82626732022100bc67527483413b182951e01cc1856d81f3e59a3999f77b2e28ad218a4d621243';
const LIBRARY_OBJECT = '{"iv":"399c9b70f7d8681fbf9fbdabfb6c31e3","ephemeralPK":"0393bf392eff970a3f154d33d73b6a90fd2287081b4a58013b78ff72f7e2ad7101","cipherText":"cac4d6db4aa076341c3b76f2e6b5764bf9e43733e5f86b26b6075e93fc729511505a5cd3e5bfffebb42a89b1b91540cc","mac":"205ae8cefb697fbb977bb44fa968145835fc6e15e0ca668e4d32a91affcb266b","wasString":true}';

describe('encryptContent / decryptContent (§3.3)', () => {
  it('decrypts a library-made cipher JSON', () => {
    expect(decryptContent(LIBRARY_OBJECT, { privateKey: PRIV })).toBe(JACK);
  });
  it('encrypts to the app key by default and round-trips strings and bytes', () => {
    const text = encryptContent(JACK, { privateKey: PRIV });
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['iv', 'ephemeralPK', 'cipherText', 'mac', 'wasString']);
    expect(decryptContent(text, { privateKey: PRIV })).toBe(JACK);
    const bytes = Uint8Array.of(0, 1, 2, 255);
    const decrypted = decryptContent(encryptContent(bytes, { publicKey: PUB }), { privateKey: PRIV });
    expect(bytesToHex(decrypted as Uint8Array)).toBe('000102ff');
  });
  it('honours wasString and base64 overrides', () => {
    const text = encryptContent(JACK, { publicKey: PUB, wasString: false, cipherTextEncoding: 'base64' });
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(parsed['wasString']).toBe(false);
    expect(parsed['cipherTextEncoding']).toBe('base64');
    expect(decryptContent(text, { privateKey: PRIV })).toBeInstanceOf(Uint8Array);
  });
  it('its output length equals the size estimate, signed and unsigned', () => {
    const content = 'x'.repeat(42);
    // The estimate assumes a 72-byte DER signature; low-S ones are 70–71 (rarely shorter when r is small).
    const signed = encryptContent(content, { privateKey: PRIV, sign: true });
    const estimate = eciesGetJsonStringLength({ contentLength: 42, wasString: true, sign: true });
    expect(estimate).toBe(601);
    expect(signed.length).toBeLessThanOrEqual(estimate);
    expect(signed.length).toBeGreaterThanOrEqual(estimate - 10);
    expect(encryptContent(content, { privateKey: PRIV }).length).toBe(326);
  });
  it('refuses non-JSON and key-less calls with InvalidInputError', () => {
    expect(() => decryptContent('hello', { privateKey: PRIV })).toThrow(InvalidInputError);
    expect(() => decryptContent('hello', { privateKey: PRIV })).toThrow(/Failed to parse encrypted content JSON/);
    expect(() => encryptContent(JACK, {})).toThrow(InvalidInputError);
    expect(() => encryptContent(JACK, { publicKey: PUB, sign: true })).toThrow(InvalidInputError);
  });
  it('a wrong key fails the MAC check', () => {
    expect(() => decryptContent(LIBRARY_OBJECT, { privateKey: OTHER_PRIV })).toThrow(FailedDecryptionError);
  });
});

describe('signed envelope (§3.3, §3.4 encrypt + sign)', () => {
  it('has the reference shape and its signature covers the cipherText string', () => {
    const envelope = JSON.parse(encryptContent(JACK, { privateKey: PRIV, sign: true })) as Record<string, string>;
    expect(Object.keys(envelope)).toEqual(['signature', 'publicKey', 'cipherText']);
    expect(envelope['publicKey']).toBe(PUB);
    expect(typeof envelope['cipherText']).toBe('string');
    expect(verifyECDSA(envelope['cipherText']!, PUB, envelope['signature']!)).toBe(true);
    expect(decryptContent(envelope['cipherText']!, { privateKey: PRIV })).toBe(JACK);
  });
  it('signs with a given key string while encrypting to another key', () => {
    const envelope = encryptContent(JACK, { publicKey: PUB, sign: OTHER_PRIV });
    const check = verifySignedEnvelope(envelope, BUCKET);
    expect(check).toMatchObject({ valid: false, reason: 'address_mismatch' });
    const own = verifySignedEnvelope(envelope, '1NBsnVpx9SVD88MxC7tPUE6xxuWt1wigyL');
    expect(own.valid).toBe(true);
  });
  it('wraps the library-made cipher JSON deterministically (§9.3-style DER signature, low-S)', () => {
    const envelope = makeSignedEnvelope(LIBRARY_OBJECT, PRIV);
    expect(makeSignedEnvelope(LIBRARY_OBJECT, PRIV)).toBe(envelope);
    const check = verifySignedEnvelope(envelope, BUCKET);
    expect(check.valid && check.cipherText).toBe(LIBRARY_OBJECT);
  });
  it('verifyAndDecryptContent: own bucket by default, typed failures otherwise', () => {
    const envelope = encryptContent(JACK, { privateKey: PRIV, sign: true });
    expect(verifyAndDecryptContent(envelope, { privateKey: PRIV })).toEqual({ valid: true, content: JACK, signerAddress: BUCKET });
    expect(verifyAndDecryptContent(envelope, { privateKey: PRIV, expectedAddress: '1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA' }))
      .toMatchObject({ valid: false, reason: 'address_mismatch', message: `Signer pubkey address (${BUCKET}) doesn't match gaia address (1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA)` });
  });
  it('detects a swapped cipherText, a bad signature and malformed envelopes without throwing', () => {
    const envelope = JSON.parse(encryptContent(JACK, { privateKey: PRIV, sign: true })) as Record<string, string>;
    const other = encryptContent('other', { privateKey: PRIV });
    expect(verifySignedEnvelope({ ...envelope, cipherText: other }, BUCKET)).toMatchObject({ valid: false, reason: 'bad_signature' });
    expect(verifySignedEnvelope({ ...envelope, signature: 'zz' }, BUCKET)).toMatchObject({ valid: false, reason: 'bad_signature' });
    for (const bad of ['not json', '[]', 'null', '{}', JSON.stringify({ ...envelope, publicKey: '02abcd' }), JSON.stringify({ ...envelope, cipherText: 5 }), 42, null]) {
      expect(verifySignedEnvelope(bad, BUCKET)).toMatchObject({ valid: false, reason: 'malformed' });
    }
  });
  it('uses the address of the key as written: an uncompressed key gives another address', () => {
    const envelope = JSON.parse(encryptContent(JACK, { privateKey: PRIV, sign: true })) as Record<string, string>;
    const uncompressed = { ...envelope, publicKey: decompressPublicKey(PUB) };
    expect(verifySignedEnvelope(uncompressed, BUCKET)).toMatchObject({ valid: false, reason: 'address_mismatch' });
    expect(verifySignedEnvelope(uncompressed, '19T6UBMaQXCeDEdzQk2pQxrdsjkTJrjX5b').valid).toBe(true);
  });
  it('property: random envelopes never throw', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.anything(), fc.record({ signature: fc.string(), publicKey: fc.string(), cipherText: fc.string() })), (value) => {
      expect(verifySignedEnvelope(value, BUCKET).valid).toBe(false);
    }));
  });
});

describe('.sig companion (§3.4 sign without encrypt)', () => {
  it('reproduces the §9.3 signature and verifies it against the bucket', () => {
    const sig = makeSignatureFile(JACK, PRIV);
    expect(sig).toBe(JSON.stringify({ signature: JACK_SIGNATURE, publicKey: PUB }));
    expect(verifySignatureFile(JACK, sig, BUCKET)).toEqual({ valid: true, signerAddress: BUCKET, publicKey: PUB });
  });
  it('accepts the high-S reference signature (§9.3)', () => {
    expect(verifySignatureFile('hello, gaia', { signature: GAIA_HIGH_S, publicKey: PUB }, BUCKET).valid).toBe(true);
  });
  it('signs bytes as they are', () => {
    const bytes = Uint8Array.of(1, 2, 3);
    expect(verifySignatureFile(bytes, makeSignatureFile(bytes, PRIV), BUCKET).valid).toBe(true);
    expect(verifySignatureFile(Uint8Array.of(1, 2, 4), makeSignatureFile(bytes, PRIV), BUCKET)).toMatchObject({ valid: false, reason: 'bad_signature' });
  });
  it('reports address mismatch, tampering and malformed .sig files as values', () => {
    const sig = makeSignatureFile(JACK, PRIV);
    expect(verifySignatureFile(JACK, sig, '1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA')).toMatchObject({ valid: false, reason: 'address_mismatch' });
    expect(verifySignatureFile(`${JACK}!`, sig, BUCKET)).toMatchObject({ valid: false, reason: 'bad_signature' });
    for (const bad of ['', '{', '{"signature":"00"}', '[]', 7]) {
      expect(verifySignatureFile(JACK, bad, BUCKET)).toMatchObject({ valid: false, reason: 'malformed' });
    }
    expect(getPublicKeyFromPrivate(PRIV)).toBe(PUB);
  });
  it('property: any content round-trips; random .sig values never throw', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.uint8Array()), (content) => {
      expect(verifySignatureFile(content, makeSignatureFile(content, PRIV), BUCKET).valid).toBe(true);
    }), { numRuns: 30 });
    fc.assert(fc.property(fc.anything(), (value) => {
      expect(verifySignatureFile(JACK, value, BUCKET).valid).toBe(false);
    }));
  });
});
