import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  InvalidInputError, decodeToken, extractProfile, extractProfileFromProfileJson, getAvatarUrl, getPersonFromLegacyFormat,
  getProfileFromTokens, getPublicKeyFromPrivate, getUncompressedPublicKeyFromPrivate, makeDefaultProfile, makeProfileJson,
  nextYear, parseProfileJson, personFromLegacyFormat, publicKeyToAddress, signProfileToken, signToken, validatePersonSchema,
  validateProfileSchema, verifyProfileToken, verifyToken, wrapProfileToken, getPersonName, getPersonGivenName, getPersonFamilyName,
  getPersonAddress, getVerifiedAccounts,
} from '@bsk/crypto';
import type { Person } from '@bsk/crypto';

// auth-and-storage.md §9.4 identity 0 and §9.7 profile token (deterministic; the reference signature is high-S).
const IDENTITY_KEY = '6dad38fa92add38d913bdfb2e646ef4ce2a50a2f39853f848a792835626a5690';
const IDENTITY_PUB = '02ed9b172e392fd595e7918aa0c21a401a6bc1fba3bfd89872d3b92fabd971710c';
const IDENTITY_ADDRESS = '1NBsnVpx9SVD88MxC7tPUE6xxuWt1wigyL';
const PROFILE = {
  '@type': 'Person', '@context': 'http://schema.org', name: 'Alice', description: 'test',
  image: [{ '@type': 'ImageObject', name: 'avatar', contentUrl: 'https://example.com/a.png' }],
  account: [{ '@type': 'Account', service: 'twitter', identifier: 'alice', proofType: 'http', proofUrl: 'https://twitter.com/alice/status/1' }],
  apps: { 'http://localhost:3000': 'https://gaia.blockstack.org/hub/14bX6Q1wfNijvHSEXXVdjCdYYvhScP4Hbb/' },
  api: { gaiaHubConfig: { url_prefix: 'https://gaia.blockstack.org/hub/' }, gaiaHubUrl: 'https://hub.blockstack.org' },
};
const PROFILE_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NksifQ.eyJqdGkiOiIyMjIyMjIyMi0yMjIyLTQyMjItODIyMi0yMjIyMjIyMjIyMjIiLCJpYXQiOiIyMDIwLTAxLTAxVDAwOjAwOjAwLjAwMFoiLCJleHAiOiIyMTAwLTAxLTAxVDAwOjAwOjAwLjAwMFoiLCJzdWJqZWN0Ijp7InB1YmxpY0tleSI6IjAyZWQ5YjE3MmUzOTJmZDU5NWU3OTE4YWEwYzIxYTQwMWE2YmMxZmJhM2JmZDg5ODcyZDNiOTJmYWJkOTcxNzEwYyJ9LCJpc3N1ZXIiOnsicHVibGljS2V5IjoiMDJlZDliMTcyZTM5MmZkNTk1ZTc5MThhYTBjMjFhNDAxYTZiYzFmYmEzYmZkODk4NzJkM2I5MmZhYmQ5NzE3MTBjIn0sImNsYWltIjp7IkB0eXBlIjoiUGVyc29uIiwiQGNvbnRleHQiOiJodHRwOi8vc2NoZW1hLm9yZyIsIm5hbWUiOiJBbGljZSIsImRlc2NyaXB0aW9uIjoidGVzdCIsImltYWdlIjpbeyJAdHlwZSI6IkltYWdlT2JqZWN0IiwibmFtZSI6ImF2YXRhciIsImNvbnRlbnRVcmwiOiJodHRwczovL2V4YW1wbGUuY29tL2EucG5nIn1dLCJhY2NvdW50IjpbeyJAdHlwZSI6IkFjY291bnQiLCJzZXJ2aWNlIjoidHdpdHRlciIsImlkZW50aWZpZXIiOiJhbGljZSIsInByb29mVHlwZSI6Imh0dHAiLCJwcm9vZlVybCI6Imh0dHBzOi8vdHdpdHRlci5jb20vYWxpY2Uvc3RhdHVzLzEifV0sImFwcHMiOnsiaHR0cDovL2xvY2FsaG9zdDozMDAwIjoiaHR0cHM6Ly9nYWlhLmJsb2Nrc3RhY2sub3JnL2h1Yi8xNGJYNlExd2ZOaWp2SFNFWFhWZGpDZFlZdmhTY1A0SGJiLyJ9LCJhcGkiOnsiZ2FpYUh1YkNvbmZpZyI6eyJ1cmxfcHJlZml4IjoiaHR0cHM6Ly9nYWlhLmJsb2Nrc3RhY2sub3JnL2h1Yi8ifSwiZ2FpYUh1YlVybCI6Imh0dHBzOi8vaHViLmJsb2Nrc3RhY2sub3JnIn19fQ.I1e86Tyfg6rXxyohSfqdBjvKJ81A7t2q6Zpa2EDGmlbXX8kzC7D2B6LEtNnXCbyZHieeXt7AcvMIqEWecByhvw';
const PROFILE_JSON = `[{"token":"${PROFILE_TOKEN}","decodedToken":{"header":{"typ":"JWT","alg":"ES256K"},"payload":{"jti":"22222222-2222-4222-8222-222222222222","iat":"2020-01-01T00:00:00.000Z","exp":"2100-01-01T00:00:00.000Z","subject":{"publicKey":"${IDENTITY_PUB}"},"issuer":{"publicKey":"${IDENTITY_PUB}"},"claim":${JSON.stringify(PROFILE)}},"signature":"I1e86Tyfg6rXxyohSfqdBjvKJ81A7t2q6Zpa2EDGmlbXX8kzC7D2B6LEtNnXCbyZHieeXt7AcvMIqEWecByhvw"}}]`;

// Historic 2016 token (blockstack.js tests/testData/token-files/ryan_apr20.json), header {"alg","typ"} order.
const RYAN_APR20 = 'eyJhbGciOiJFUzI1NksiLCJ0eXAiOiJKV1QifQ.eyJpc3N1ZWRBdCI6IjIwMTYtMDQtMjBUMTI6MjU6MTQuNDUzNzM0IiwiY2xhaW0iOnsiYWNjb3VudCI6W10sImFjY291bnRzIjpbXSwiQHR5cGUiOiJQZXJzb24iLCJpbWFnZSI6W3siY29udGVudFVybCI6Imh0dHBzOi8vczMuYW1hem9uYXdzLmNvbS85N3AvcnYxLmpwZWciLCJAdHlwZSI6IkltYWdlT2JqZWN0IiwibmFtZSI6ImNvdmVyIn0seyJjb250ZW50VXJsIjoiaHR0cHM6Ly9zMy5hbWF6b25hd3MuY29tL2tkNC9yeWFuX2FwcjIwIiwiQHR5cGUiOiJJbWFnZU9iamVjdCIsIm5hbWUiOiJhdmF0YXIifV0sIm5hbWUiOiJSeWFuIFNoZWEifSwiZXhwaXJlc0F0IjoiMjAxNy0wNC0yMFQxMjoyNToxNC40NTM3MzQiLCJpc3N1ZXIiOnsicHVibGljS2V5IjoiMDI0MTNkN2M1MTExODEwNGNmZTFiNDFlNTQwYjZjMmFjYWFmOTFmMWUyZTIyMzE2ZGY3NDQ4ZmI2MDcwZDU4MmVjIn0sInN1YmplY3QiOnsicHVibGljS2V5IjoiMDI0MTNkN2M1MTExODEwNGNmZTFiNDFlNTQwYjZjMmFjYWFmOTFmMWUyZTIyMzE2ZGY3NDQ4ZmI2MDcwZDU4MmVjIn19.Xj3z975ccW6oxbrlm_YsdGNreuzERRxPoj0DyyJ9vygMYfUjsTQGcxsejmkSPYafTFd6TNIbNBTquutOKZvmBA';
const RYAN_APR20_PUB = '02413d7c51118104cfe1b41e540b6c2acaaf91f1e2e22316df7448fb6070d582ec';

// The reference's own test data, read from the installed blockstack package (no copy in this repo).
const blockstackDir = dirname(createRequire(import.meta.url).resolve('blockstack/package.json'));
const testData = (file: string): string => readFileSync(join(blockstackDir, 'tests', 'testData', file), 'utf8');

const headerAndPayload = (token: string): string => token.split('.').slice(0, 2).join('.');
const SECP256K1_HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;
const sOf = (token: string): bigint => BigInt('0x' + Buffer.from(token.split('.')[2]!, 'base64url').subarray(32).toString('hex'));

describe('profile token vector (§9.7)', () => {
  const ours = signProfileToken(PROFILE, IDENTITY_KEY, null, null, 'ES256K', new Date('2020-01-01T00:00:00.000Z'), new Date('2100-01-01T00:00:00.000Z'), { jti: '22222222-2222-4222-8222-222222222222' });

  it('reproduces the header and payload segments exactly', () => {
    expect(headerAndPayload(ours)).toBe(headerAndPayload(PROFILE_TOKEN));
  });
  it('the reference token is high-S and verifies; ours is low-S and verifies', () => {
    expect(sOf(PROFILE_TOKEN) > SECP256K1_HALF_N).toBe(true);
    expect(sOf(ours) <= SECP256K1_HALF_N).toBe(true);
    for (const token of [PROFILE_TOKEN, ours]) {
      for (const who of [IDENTITY_PUB, IDENTITY_ADDRESS, publicKeyToAddress(getUncompressedPublicKeyFromPrivate(IDENTITY_KEY))]) {
        const result = verifyProfileToken(token, who);
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.decodedToken.payload.claim).toEqual(PROFILE);
      }
    }
  });
  it('extractProfile returns the claim, verified or not', () => {
    expect(extractProfile(PROFILE_TOKEN, IDENTITY_ADDRESS)).toEqual(PROFILE);
    expect(JSON.stringify(extractProfile(PROFILE_TOKEN))).toBe(JSON.stringify(PROFILE));
  });
  it('makes the profile.json body: compact as the vector, pretty as the Browser', () => {
    expect(makeProfileJson([PROFILE_TOKEN], { space: 0 })).toBe(PROFILE_JSON);
    expect(makeProfileJson([PROFILE_TOKEN])).toBe(JSON.stringify(JSON.parse(PROFILE_JSON), null, 2));
    expect(JSON.stringify([wrapProfileToken(PROFILE_TOKEN)])).toBe(PROFILE_JSON);
  });
  it('reads profile.json back', () => {
    const entries = parseProfileJson(PROFILE_JSON);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.token).toBe(PROFILE_TOKEN);
    expect(extractProfileFromProfileJson(PROFILE_JSON, IDENTITY_ADDRESS)).toEqual(PROFILE);
    expect(getAvatarUrl(extractProfileFromProfileJson(PROFILE_JSON) as never)).toBe('https://example.com/a.png');
  });
  it('defaults subject and issuer to the signer, iat to now and exp to a year on', () => {
    const before = Date.now();
    const payload = decodeToken(signProfileToken({ '@type': 'Person' }, IDENTITY_KEY)).payload;
    expect(Object.keys(payload)).toEqual(['jti', 'iat', 'exp', 'subject', 'issuer', 'claim']);
    expect(payload.subject).toEqual({ publicKey: IDENTITY_PUB });
    expect(payload.issuer).toEqual({ publicKey: IDENTITY_PUB });
    expect(payload.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const iat = Date.parse(payload.iat as string);
    expect(iat).toBeGreaterThanOrEqual(before - 1);
    // Both defaults read the clock separately (as in the reference), so allow a few ms between them.
    const drift = Date.parse(payload.exp as string) - nextYear(new Date(iat)).getTime();
    expect(drift).toBeGreaterThanOrEqual(0);
    expect(drift).toBeLessThan(1000);
    const withSubject = decodeToken(signProfileToken({}, IDENTITY_KEY, { publicKey: 'abc' })).payload;
    expect(withSubject.subject).toEqual({ publicKey: 'abc' });
  });
  it('rejects other algorithms and bad keys', () => {
    expect(() => signProfileToken({}, IDENTITY_KEY, null, null, 'ES256')).toThrow(InvalidInputError);
    expect(() => signProfileToken({}, 'zz')).toThrow(InvalidInputError);
  });
});

describe('historic profile tokens (§9.7)', () => {
  it('verifies the 2016 token against its key, compressed and uncompressed addresses', () => {
    for (const who of [RYAN_APR20_PUB, '1BTku19roxQs2d54kbYKVTv21oBCuHEApF', '12wes6TQpDF2j8zqvAbXV9KNCGQVF2y7G5']) {
      expect(verifyProfileToken(RYAN_APR20, who).ok).toBe(true);
    }
    expect(extractProfile(RYAN_APR20, '12wes6TQpDF2j8zqvAbXV9KNCGQVF2y7G5').name).toBe('Ryan Shea');
  });
  it('the file from the reference tests is the same token', () => {
    const entries = parseProfileJson(testData('token-files/ryan_apr20.json'));
    expect(entries[0]!.token).toBe(RYAN_APR20);
  });
  it('verifies ryan.json against the name owner uncompressed address', () => {
    const text = testData('token-files/ryan.json');
    const token = parseProfileJson(text)[0]!.token;
    expect(verifyProfileToken(token, '19MoWG8u88L6t766j7Vne21Mg4wHsCQ7vk').ok).toBe(true);
    expect(verifyProfileToken(token, '1LShhqvQKcDjfRaJUf43gexcXo9EW2BJk8').ok).toBe(true);
    expect(verifyProfileToken(token, '0312ccf3255cb005e42c186aa3d2302083b306a52c1f0cb47b1119639f134e6695').ok).toBe(true);
    expect(extractProfileFromProfileJson(text, '19MoWG8u88L6t766j7Vne21Mg4wHsCQ7vk').name).toBe('Ryan Shea');
  });
});

describe('profile token failures carry the reference messages', () => {
  const payloadToken = (payload: object, key = IDENTITY_KEY): string => signToken(payload, key);
  const cases: [string, object, string][] = [
    ['no_subject', { issuer: { publicKey: IDENTITY_PUB }, claim: {} }, "Token doesn't have a subject"],
    ['no_subject_public_key', { subject: {}, issuer: { publicKey: IDENTITY_PUB }, claim: {} }, "Token doesn't have a subject public key"],
    ['no_issuer', { subject: { publicKey: IDENTITY_PUB }, claim: {} }, "Token doesn't have an issuer"],
    ['no_issuer_public_key', { subject: { publicKey: IDENTITY_PUB }, issuer: 'x', claim: {} }, "Token doesn't have an issuer public key"],
    ['no_claim', { subject: { publicKey: IDENTITY_PUB }, issuer: { publicKey: IDENTITY_PUB } }, "Token doesn't have a claim"],
    ['bad_issuer_public_key', { subject: { publicKey: 'x' }, issuer: { publicKey: 'nothex' }, claim: {} }, 'Token issuer public key is not a valid secp256k1 public key'],
  ];
  for (const [error, payload, message] of cases) {
    it(error, () => {
      expect(verifyProfileToken(payloadToken(payload), IDENTITY_PUB)).toEqual({ ok: false, error, message });
      expect(() => extractProfile(payloadToken(payload), IDENTITY_PUB)).toThrow(message);
    });
  }
  it('issuer_mismatch, bad signature, unsupported algorithm, undecodable', () => {
    expect(verifyProfileToken(PROFILE_TOKEN, '1BTku19roxQs2d54kbYKVTv21oBCuHEApF')).toMatchObject({ ok: false, error: 'issuer_mismatch' });
    // Signed by another key while claiming the identity key as issuer.
    const forged = signProfileToken(PROFILE, 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229', null, { publicKey: IDENTITY_PUB });
    expect(verifyProfileToken(forged, IDENTITY_ADDRESS)).toMatchObject({ ok: false, error: 'bad_signature', message: 'Token verification failed' });
    const hs256 = signToken(decodeToken(PROFILE_TOKEN).payload, IDENTITY_KEY, { typ: 'JWT', alg: 'HS256' });
    expect(verifyToken(hs256, IDENTITY_PUB)).toBe(true);
    expect(verifyProfileToken(hs256, IDENTITY_PUB)).toMatchObject({ ok: false, error: 'unsupported_algorithm' });
    const lower = signToken(decodeToken(PROFILE_TOKEN).payload, IDENTITY_KEY, { typ: 'JWT', alg: 'es256k' });
    expect(verifyProfileToken(lower, IDENTITY_PUB).ok).toBe(true);
    expect(verifyProfileToken('a.b', IDENTITY_PUB)).toMatchObject({ ok: false, error: 'bad_token' });
    expect(() => extractProfile('a.b')).toThrow(InvalidInputError);
  });
  it('a missing or non-object claim extracts as {}', () => {
    expect(extractProfile(signToken({ claim: 'text' }, IDENTITY_KEY))).toEqual({});
    expect(extractProfile(signToken({}, IDENTITY_KEY))).toEqual({});
  });
});

describe('profile.json merging and parsing', () => {
  const other = 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229';
  it('merges the claims of verified tokens, later ones winning, and skips the rest', () => {
    const first = signProfileToken({ '@type': 'Person', name: 'A', description: 'one' }, IDENTITY_KEY);
    const second = signProfileToken({ name: 'B' }, IDENTITY_KEY);
    const foreign = signProfileToken({ name: 'Mallory', taxID: '1' }, other);
    const records = JSON.parse(makeProfileJson([first, foreign, second])) as { token: string }[];
    expect(getProfileFromTokens(records, IDENTITY_ADDRESS)).toEqual({ '@type': 'Person', name: 'B', description: 'one' });
    expect(getProfileFromTokens(records, getPublicKeyFromPrivate(other))).toEqual({ name: 'Mallory', taxID: '1' });
  });
  it('rejects malformed files with InvalidInputError', () => {
    for (const text of ['', '{}', '[1]', '[{"token":1}]', 'null', '[null]', '[[]]']) {
      expect(() => parseProfileJson(text)).toThrow(InvalidInputError);
    }
    expect(() => extractProfileFromProfileJson('[]')).toThrow(InvalidInputError);
    expect(() => makeProfileJson(['not a token'])).toThrow(InvalidInputError);
  });
});

describe('Person schema and legacy profiles (§5.1, §5.5)', () => {
  it('validates loosely like the reference', () => {
    const naval = JSON.parse(testData('profiles/naval.json'));
    expect(validatePersonSchema(naval, true)).toEqual({ valid: true, errors: [] });
    expect(validatePersonSchema(PROFILE).valid).toBe(true);
    expect(validatePersonSchema(PROFILE, true).errors).toEqual(['@.apps: is not allowed in strict mode', '@.api: is not allowed in strict mode']);
    expect(validatePersonSchema({ name: 'x' }).errors).toEqual(['@.@type: is missing and not optional']);
    expect(validatePersonSchema({ '@type': 'Person', image: [{ name: 1 }] }).errors).toEqual(['@.image[0].@type: is missing and not optional', '@.image[0].name: must be a string']);
    expect(validatePersonSchema({ '@type': 'Person', address: 'x', website: {} }).valid).toBe(false);
    expect(validatePersonSchema([]).valid).toBe(false);
    expect(validateProfileSchema({ '@type': 'Organization', foo: 1 }).valid).toBe(true);
    expect(validatePersonSchema(makeDefaultProfile(), true).valid).toBe(true);
  });
  it('converts the naval legacy profile exactly as Person.fromLegacyFormat', () => {
    const legacy = JSON.parse(testData('profiles/naval-legacy.json'));
    const expected = JSON.parse(testData('profiles/naval-legacy-convert.json')).profile;
    const person = personFromLegacyFormat(legacy);
    expect(JSON.stringify(person)).toBe(JSON.stringify(expected));
    expect(validatePersonSchema(person, true).valid).toBe(true);
  });
  it('converts bip32 keys, missing proofs and empty input', () => {
    expect(getPersonFromLegacyFormat(null)).toEqual({ '@type': 'Person' });
    expect(getPersonFromLegacyFormat({})).toEqual({ '@type': 'Person', account: [] });
    expect(getPersonFromLegacyFormat({ auth: [{ publicKeychain: 'xpub1' }], twitter: { username: 'x' }, name: { formatted: '' } })).toEqual({
      '@type': 'Person',
      account: [
        { '@type': 'Account', service: 'twitter', identifier: 'x', proofType: 'http' },
        { '@type': 'Account', role: 'key', service: 'bip32', identifier: 'xpub1' },
      ],
    });
  });
});

describe('profile properties', () => {
  const profileArb = fc.dictionary(fc.string(), fc.jsonValue()).map((o) => ({ '@type': 'Person', ...o }));
  const keyArb = fc.uint8Array({ minLength: 32, maxLength: 32 }).filter((b) => b.some((x) => x !== 0) && b[0]! < 0xff).map((b) => Buffer.from(b).toString('hex'));

  it('sign → verify → extract round-trips for any profile and key', () => {
    fc.assert(fc.property(profileArb, keyArb, (profile, key) => {
      const token = signProfileToken(profile, key);
      const pub = getPublicKeyFromPrivate(key);
      for (const who of [pub, publicKeyToAddress(pub), publicKeyToAddress(getUncompressedPublicKeyFromPrivate(key))]) {
        expect(verifyProfileToken(token, who).ok).toBe(true);
      }
      expect(extractProfile(token, pub)).toEqual(JSON.parse(JSON.stringify(profile)));
      const [entry] = parseProfileJson(makeProfileJson([token]));
      expect(entry!.token).toBe(token);
    }), { numRuns: 40 });
  });
  it('untrusted input: verify never throws, parsers throw only InvalidInputError', () => {
    const onlyInvalid = (f: () => unknown): void => {
      try { f(); } catch (e) { expect(e).toBeInstanceOf(InvalidInputError); }
    };
    fc.assert(fc.property(fc.string(), fc.string(), (token, who) => {
      expect(typeof verifyProfileToken(token, who).ok).toBe('boolean');
      onlyInvalid(() => extractProfile(token, who));
      onlyInvalid(() => extractProfile(token));
      onlyInvalid(() => parseProfileJson(token));
    }));
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      onlyInvalid(() => parseProfileJson(JSON.stringify(value) ?? ''));
      expect(typeof validatePersonSchema(value).valid).toBe('boolean');
      expect(getPersonFromLegacyFormat(value)['@type']).toBe('Person');
    }));
  });
  it('tampered tokens never verify', () => {
    const token = signProfileToken(PROFILE, IDENTITY_KEY);
    // Any change to the signing input (header.payload as transmitted) must break the signature.
    fc.assert(fc.property(fc.nat({ max: token.lastIndexOf('.') - 1 }), fc.constantFrom(...'ABCabc012-_'), (at, ch) => {
      fc.pre(token[at] !== ch && token[at] !== '.');
      const tampered = token.slice(0, at) + ch + token.slice(at + 1);
      expect(verifyProfileToken(tampered, IDENTITY_ADDRESS).ok).toBe(false);
    }));
  });
});

describe('Person field views (blockstack.js Person methods)', () => {
  it('reads the naval profile as the reference test does', () => {
    const naval = JSON.parse(testData('profiles/naval.json')) as Person;
    expect(getPersonName(naval)).toBe('Naval Ravikant');
    expect(getPersonGivenName(naval)).toBe('Naval');
    expect(getPersonFamilyName(naval)).toBe('Ravikant');
    expect(getAvatarUrl(naval)).toMatch(/^https:\/\/pbs\.twimg\.com\//);
    expect(getPersonAddress(naval)).not.toBeNull();
    expect(getVerifiedAccounts(naval, [])).toEqual([]);
  });
  it('derives names from parts and joins address parts', () => {
    expect(getPersonName({ '@type': 'Person', familyName: 'Shea' })).toBe(' Shea');
    expect(getPersonName({ '@type': 'Person', givenName: 'Ryan', familyName: 'Shea' })).toBe('Ryan Shea');
    expect(getPersonName({ '@type': 'Person' })).toBeNull();
    expect(getPersonGivenName({ '@type': 'Person', name: 'Jean Luc Picard' })).toBe('Jean Luc');
    expect(getPersonFamilyName({ '@type': 'Person', name: 'Jean Luc Picard' })).toBe('Picard');
    expect(getPersonAddress({ '@type': 'Person', address: { '@type': 'PostalAddress', addressLocality: 'San Francisco, CA', addressCountry: 'US' } })).toBe('San Francisco, CA, US');
    expect(getPersonAddress({ '@type': 'Person' })).toBeNull();
  });
  it('keeps the accounts a valid verification confirms, with its proof URL', () => {
    const person: Person = { '@type': 'Person', account: [
      { '@type': 'Account', service: 'twitter', identifier: 'alice', proofType: 'http', proofUrl: 'old' },
      { '@type': 'Account', service: 'github', identifier: 'alice', proofType: 'http', proofUrl: 'g' },
    ] };
    const verified = getVerifiedAccounts(person, [
      { service: 'twitter', identifier: 'alice', valid: true, proof_url: 'https://twitter.com/alice/status/1' },
      { service: 'github', identifier: 'alice', valid: false, proofUrl: 'g' },
    ]);
    expect(verified).toEqual([{ '@type': 'Account', service: 'twitter', identifier: 'alice', proofType: 'http', proofUrl: 'https://twitter.com/alice/status/1' }]);
    expect(person.account![0]!.proofUrl).toBe('old');
  });
  it('never throws on arbitrary JSON', () => {
    fc.assert(fc.property(fc.dictionary(fc.constantFrom('name', 'givenName', 'familyName', 'address', 'account', 'image', 'x'), fc.jsonValue()), (value) => {
      const person = { '@type': 'Person', ...value } as Person;
      for (const view of [getPersonName, getPersonGivenName, getPersonFamilyName, getPersonAddress, getAvatarUrl]) {
        const out = view(person);
        expect(out === null || typeof out === 'string').toBe(true);
      }
      expect(Array.isArray(getVerifiedAccounts(person, [{ service: 'x', identifier: 'y', valid: true, proofUrl: 'u' }]))).toBe(true);
    }));
  });
});

