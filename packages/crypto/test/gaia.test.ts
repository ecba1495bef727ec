import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import {
  InvalidInputError, decodeToken, getGaiaChallengeTexts, getPublicKeyFromPrivate, isSignableGaiaChallenge, makeAssociationToken,
  makeGaiaAuthHeader, makeGaiaAuthTokenForHub, makeGaiaChallenge, makeLegacyGaiaAuthToken, makeV1GaiaAuthToken, parseGaiaAuthHeader,
  parseGaiaScopeValues, publicKeyToAddress, signToken, validateGaiaAuthHeader, validateGaiaScopes, verifyAssociationToken, verifyToken,
} from '@bsk/crypto';

// auth-and-storage.md §9.4, §9.6, §9.9
const IDENTITY_KEY = '6dad38fa92add38d913bdfb2e646ef4ce2a50a2f39853f848a792835626a5690';
const IDENTITY_ADDRESS = '1NBsnVpx9SVD88MxC7tPUE6xxuWt1wigyL';
const APP_KEY = 'bb4824ff7902cbd42499b5792c99aee083bf40195ae7877bee00c22a4bb1fef4';
const APP_PUB = '02e4272dad8f9e05a1e937a7acee137874d326a212cf74f1cd285d37c9da4c6dd3';
const BUCKET = '14bX6Q1wfNijvHSEXXVdjCdYYvhScP4Hbb';
const CHALLENGE = '["gaiahub","0","hub.blockstack.org","blockstack_storage_please_sign"]';
const SALT = '00112233445566778899aabbccddeeff';
const ASSOCIATION_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NksifQ.eyJjaGlsZFRvQXNzb2NpYXRlIjoiMDJlNDI3MmRhZDhmOWUwNWExZTkzN2E3YWNlZTEzNzg3NGQzMjZhMjEyY2Y3NGYxY2QyODVkMzdjOWRhNGM2ZGQzIiwiaXNzIjoiMDJlZDliMTcyZTM5MmZkNTk1ZTc5MThhYTBjMjFhNDAxYTZiYzFmYmEzYmZkODk4NzJkM2I5MmZhYmQ5NzE3MTBjIiwiZXhwIjo0MTAyNDQ0ODAwLCJpYXQiOjE1Nzc4MzY4MDAsInNhbHQiOiIwMDExMjIzMzQ0NTU2Njc3ODg5OWFhYmJjY2RkZWVmZiJ9.rW8r8RIyEnqZ7CJRgPHz1gqbWs91nvSXAPtJYIBg64ALJ8CL6h4OsFzAeDwnZt-1ZWbE4Yw5pQnBqx0flameDQ';
const V1_HEADER = 'bearer v1:eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NksifQ.eyJnYWlhQ2hhbGxlbmdlIjoiW1wiZ2FpYWh1YlwiLFwiMFwiLFwiaHViLmJsb2Nrc3RhY2sub3JnXCIsXCJibG9ja3N0YWNrX3N0b3JhZ2VfcGxlYXNlX3NpZ25cIl0iLCJodWJVcmwiOiJodHRwczovL2h1Yi5ibG9ja3N0YWNrLm9yZyIsImlzcyI6IjAyZTQyNzJkYWQ4ZjllMDVhMWU5MzdhN2FjZWUxMzc4NzRkMzI2YTIxMmNmNzRmMWNkMjg1ZDM3YzlkYTRjNmRkMyIsInNhbHQiOiIwMDExMjIzMzQ0NTU2Njc3ODg5OWFhYmJjY2RkZWVmZiIsImFzc29jaWF0aW9uVG9rZW4iOiJleUowZVhBaU9pSktWMVFpTENKaGJHY2lPaUpGVXpJMU5rc2lmUS5leUpqYUdsc1pGUnZRWE56YjJOcFlYUmxJam9pTURKbE5ESTNNbVJoWkRobU9XVXdOV0V4WlRrek4yRTNZV05sWlRFek56ZzNOR1F6TWpaaE1qRXlZMlkzTkdZeFkyUXlPRFZrTXpkak9XUmhOR00yWkdReklpd2lhWE56SWpvaU1ESmxaRGxpTVRjeVpUTTVNbVprTlRrMVpUYzVNVGhoWVRCak1qRmhOREF4WVRaaVl6Rm1ZbUV6WW1aa09EazROekprTTJJNU1tWmhZbVE1TnpFM01UQmpJaXdpWlhod0lqbzBNVEF5TkRRME9EQXdMQ0pwWVhRaU9qRTFOemM0TXpZNE1EQXNJbk5oYkhRaU9pSXdNREV4TWpJek16UTBOVFUyTmpjM09EZzVPV0ZoWW1KalkyUmtaV1ZtWmlKOS5yVzhyOFJJeUVucVo3Q0pSZ1BIejFncWJXczkxbnZTWEFQdEpZSUJnNjRBTEo4Q0w2aDRPc0Z6QWVEd25adC0xWldiRTRZdzVwUW5CcXgwZmxhbWVEUSJ9.ljUDmvXwPIoG0lVVzFLrDItApZdMJdl2VCSWSFGMRB_Z5rhRO4lMlDPgT7dOIxmSI1M7t40u-haZHyXRu6PHHA';
const V0_HEADER = 'bearer eyJwdWJsaWNrZXkiOiIwMmU0MjcyZGFkOGY5ZTA1YTFlOTM3YTdhY2VlMTM3ODc0ZDMyNmEyMTJjZjc0ZjFjZDI4NWQzN2M5ZGE0YzZkZDMiLCJzaWduYXR1cmUiOiIzMDQ1MDIyMTAwYTA2MDQyNzljOGFkNjE1MzBlMTUyMGIxMDZjYTVhNTdkNWYwNjIxM2M3M2QwZmNkNmNhNmM5NDZhN2FkMGYzMzAyMjA1OWY2OGMyNGZlZTlkYjFkZTgyZGE3OGEwNmE2MjdiYjkwNGQ5YzZmYTk4ZWIyYTAwODVlZGNiY2M4ZjQ4NjlmIn0=';
const V0_SIGNATURE = '3045022100a0604279c8ad61530e1520b106ca5a57d5f06213c73d0fcd6ca6c946a7ad0f33022059f68c24fee9db1de82da78a06a627bb904d9c6fa98eb2a0085edcbcc8f4869f';
// gaia hub/test/src/testAuth.ts regression vector.
const GAIA_REGRESSION_HEADER = 'bearer eyJwdWJsaWNrZXkiOiIwMjQxYTViMDQ2Mjg1ZjVlMjgwMDRmOTJjY2M0MjNmY2RkODYyZmYzYjgwODUwNzE4MDY4MGIyNDA3ZTIyOWE3NzgiLCJzaWduYXR1cmUiOiIzMDQ0MDIyMDY5ODUwNmNjYjg3MDg1ZmY5ZGI3ZTc4MTIwYTVmMjY1YzExZmY0ODc4OTBlNDQ1MWZjYWM3NjA4NTkyMDhjZWMwMjIwNTZkY2I0OGUyYzE4Y2YwZjQ1NDZiMmQ3M2I2MDY4MWM5ODEyMzQyMmIzOTRlZjRkMWI2MjE3NTYyODQ4MzUwNCJ9';

const NOW = Date.UTC(2020, 0, 2);
const HUB = { address: BUCKET, challengeTexts: getGaiaChallengeTexts('hub.blockstack.org'), nowMs: NOW };
const headerAndPayload = (token: string): string => token.split('.').slice(0, 2).join('.');
const N = secp256k1.Point.CURVE().n;

describe('challenge text (§4.3)', () => {
  it('is the JSON array with span 0, and the hub also accepts 2018 and 2019', () => {
    expect(makeGaiaChallenge('hub.blockstack.org')).toBe(CHALLENGE);
    expect(getGaiaChallengeTexts('localhost:3900')).toEqual([
      '["gaiahub","0","localhost:3900","blockstack_storage_please_sign"]',
      '["gaiahub","2018","localhost:3900","blockstack_storage_please_sign"]',
      '["gaiahub","2019","localhost:3900","blockstack_storage_please_sign"]',
    ]);
    expect(isSignableGaiaChallenge(CHALLENGE)).toBe(true);
    expect(isSignableGaiaChallenge('["gaiahub","0","x","sign this"]')).toBe(false);
    expect(isSignableGaiaChallenge('not json')).toBe(false);
  });
});

describe('association token (§4.5, §9.6)', () => {
  it('reproduces the low-S vector byte for byte', () => {
    expect(makeAssociationToken(IDENTITY_KEY, APP_PUB, { exp: 4102444800, iat: 1577836800, salt: SALT })).toBe(ASSOCIATION_TOKEN);
  });
  it('verifies: signer is the identity address, child is the bucket', () => {
    expect(verifyAssociationToken(ASSOCIATION_TOKEN, BUCKET, NOW)).toEqual({
      ok: true, signerAddress: IDENTITY_ADDRESS, issuerPublicKey: getPublicKeyFromPrivate(IDENTITY_KEY), childPublicKey: APP_PUB,
    });
  });
  it('defaults to a year of fractional seconds and a random salt', () => {
    const before = Date.now() / 1000;
    const payload = decodeToken(makeAssociationToken(IDENTITY_KEY, APP_PUB)).payload;
    expect(Object.keys(payload)).toEqual(['childToAssociate', 'iss', 'exp', 'iat', 'salt']);
    expect((payload.exp as number) - (payload.iat as number)).toBeCloseTo(365 * 24 * 3600, 3);
    expect(payload.iat as number).toBeGreaterThanOrEqual(before - 0.01);
    expect(payload.salt).toMatch(/^[0-9a-f]{32}$/);
  });
  it('fails with the hub messages', () => {
    const other = 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229';
    const expired = makeAssociationToken(IDENTITY_KEY, APP_PUB, { exp: 1000, iat: 1, salt: SALT });
    const cases: [string, string][] = [
      ['nope', 'checkAssociationToken: Failed to decode association token in JWT'],
      [signToken({ childToAssociate: APP_PUB, exp: 1e10 }, IDENTITY_KEY), 'Must provide `iss` claim in association JWT.'],
      [signToken({ iss: getPublicKeyFromPrivate(IDENTITY_KEY), exp: 1e10 }, IDENTITY_KEY), 'Must provide `childToAssociate` claim in association JWT.'],
      [signToken({ childToAssociate: APP_PUB, iss: getPublicKeyFromPrivate(IDENTITY_KEY) }, IDENTITY_KEY), 'Must provide `exp` claim in association JWT.'],
      [signToken({ childToAssociate: APP_PUB, iss: getPublicKeyFromPrivate(IDENTITY_KEY), exp: 1e10 }, other), 'Failed to verify association JWT: invalid issuer'],
      [expired, 'Expired association token: expire time of 1000 (secs since epoch)'],
      [makeAssociationToken(IDENTITY_KEY, getPublicKeyFromPrivate(other), { exp: 1e10 }), `Association token child key ${getPublicKeyFromPrivate(other)} does not match ${BUCKET}`],
    ];
    for (const [token, message] of cases) expect(verifyAssociationToken(token, BUCKET, NOW)).toEqual({ ok: false, error: 'association', message });
  });
});

describe('v1 token (§4.4, §9.9)', () => {
  const ours = makeV1GaiaAuthToken({ challengeText: CHALLENGE, privateKey: APP_KEY, hubUrl: 'https://hub.blockstack.org', associationToken: ASSOCIATION_TOKEN, salt: SALT, iat: false });

  it('has the same header and payload as the reference header (whose signature is high-S)', () => {
    expect(headerAndPayload(makeGaiaAuthHeader(ours))).toBe(headerAndPayload(V1_HEADER));
    const referenceS = BigInt('0x' + Buffer.from(V1_HEADER.split('.')[2]!, 'base64url').subarray(32).toString('hex'));
    expect(referenceS > N / 2n).toBe(true);
  });
  it('both the reference token and ours validate; the association token makes the identity the signer', () => {
    for (const header of [V1_HEADER, makeGaiaAuthHeader(ours)]) {
      const parsed = parseGaiaAuthHeader(header);
      expect(parsed).toMatchObject({ ok: true, version: 'v1', publicKey: APP_PUB, address: BUCKET, scopes: [] });
      expect(validateGaiaAuthHeader(header, HUB)).toEqual({ ok: true, version: 'v1', signerAddress: IDENTITY_ADDRESS, scopes: [] });
    }
  });
  it('accepts both S forms of the same signature (observed at the hub)', () => {
    const [h, p, s] = V1_HEADER.slice('bearer v1:'.length).split('.');
    const sig = Buffer.from(s!, 'base64url');
    const flipped = (N - BigInt('0x' + sig.subarray(32).toString('hex'))).toString(16).padStart(64, '0');
    const lowS = Buffer.concat([sig.subarray(0, 32), Buffer.from(flipped, 'hex')]).toString('base64url');
    expect(validateGaiaAuthHeader(`bearer v1:${h}.${p}.${lowS}`, HUB).ok).toBe(true);
  });
  it('defaults iat to now in whole seconds and puts optional fields after the reference ones', () => {
    const scopes = [{ scope: 'putFilePrefix', domain: 'photos/' }];
    const token = makeV1GaiaAuthToken({ challengeText: CHALLENGE, privateKey: APP_KEY, hubUrl: 'h', scopes, exp: 99 });
    const payload = decodeToken(token.slice(3)).payload;
    expect(Object.keys(payload)).toEqual(['gaiaChallenge', 'hubUrl', 'iss', 'salt', 'scopes', 'iat', 'exp']);
    expect(Number.isInteger(payload.iat)).toBe(true);
    expect(Math.abs((payload.iat as number) - Date.now() / 1000)).toBeLessThan(5);
    expect(() => makeV1GaiaAuthToken({ challengeText: CHALLENGE, privateKey: APP_KEY, hubUrl: 'h', scopes: [{ scope: 'readFile', domain: 'x' }] })).toThrow(InvalidInputError);
  });
  it('picks v1 or legacy from hub_info like blockstack.js', () => {
    const v1 = makeGaiaAuthTokenForHub({ challenge_text: CHALLENGE, latest_auth_version: 'v1' }, { privateKey: APP_KEY, hubUrl: 'h' });
    expect(v1.startsWith('v1:')).toBe(true);
    const v0 = makeGaiaAuthTokenForHub({ challenge_text: CHALLENGE }, { privateKey: APP_KEY, hubUrl: 'h' });
    expect(makeGaiaAuthHeader(v0)).toBe(V0_HEADER);
  });
});

describe('legacy v0 token (§4.4, §9.9)', () => {
  it('reproduces the header byte for byte (low-S DER)', () => {
    expect(makeGaiaAuthHeader(makeLegacyGaiaAuthToken(CHALLENGE, APP_KEY))).toBe(V0_HEADER);
    expect(parseGaiaAuthHeader(V0_HEADER)).toEqual({ ok: true, version: 'v0', publicKey: APP_PUB, address: BUCKET, signature: V0_SIGNATURE, scopes: [] });
    expect(validateGaiaAuthHeader(V0_HEADER, HUB)).toEqual({ ok: true, version: 'v0', signerAddress: BUCKET, scopes: [] });
  });
  it('refuses to sign anything but a Gaia challenge', () => {
    expect(() => makeLegacyGaiaAuthToken('nope', APP_KEY)).toThrow('Failed in parsing legacy challenge text from the gaia hub.');
    expect(() => makeLegacyGaiaAuthToken('["x"]', APP_KEY)).toThrow('Failed to connect to legacy gaia hub. If you operate this hub, please update.');
  });
  it("validates Gaia's own regression vector against the 2018 challenge only", () => {
    const texts = getGaiaChallengeTexts('storage.blockstack.org');
    const options = { address: '1AotVNASQouiNiBtfxv49WWvSNcQUzGYuU', challengeTexts: texts };
    expect(validateGaiaAuthHeader(GAIA_REGRESSION_HEADER, options)).toEqual({ ok: true, version: 'v0', signerAddress: options.address, scopes: [] });
    expect(texts.map((text) => validateGaiaAuthHeader(GAIA_REGRESSION_HEADER, { ...options, challengeTexts: [text] }).ok)).toEqual([false, true, false]);
    expect(validateGaiaAuthHeader(GAIA_REGRESSION_HEADER, { ...options, challengeTexts: [texts[0]!] })).toEqual({
      ok: false, error: 'signature', message: 'Invalid signature or expired authentication token.',
    });
  });
  it('decodes leniently like Node (url-safe alphabet, no padding)', () => {
    const token = V0_HEADER.slice('bearer '.length).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    expect(validateGaiaAuthHeader(`bearer ${token}`, HUB).ok).toBe(true);
  });
});

describe('header parsing and hub checks fail with the hub messages', () => {
  const PARSE = { ok: false, error: 'parse', message: 'Failed to parse authentication header.' };
  const token = (fields: Partial<Parameters<typeof makeV1GaiaAuthToken>[0]> = {}): string =>
    makeGaiaAuthHeader(makeV1GaiaAuthToken({ challengeText: CHALLENGE, privateKey: APP_KEY, hubUrl: 'https://hub.blockstack.org', ...fields }));

  it('parse failures', () => {
    const tooMany = Array.from({ length: 9 }, () => ({ scope: 'putFile', domain: 'a' }));
    const badScopes = signToken({ gaiaChallenge: CHALLENGE, iss: APP_PUB, scopes: [{ scope: 'readFile', domain: 'a' }] }, APP_KEY);
    const noIss = signToken({ gaiaChallenge: CHALLENGE }, APP_KEY);
    for (const header of [undefined, '', 'basic abc', 'bearer v2:abc', 'bearer v1:abc', `bearer v1:${noIss}`, `bearer v1:${badScopes}`,
      `bearer v1:${signToken({ iss: APP_PUB, scopes: tooMany }, APP_KEY)}`, `bearer v1:${signToken({ iss: APP_PUB, scopes: 'x' }, APP_KEY)}`,
      'bearer %%%', 'bearer e30=', `bearer ${Buffer.from(JSON.stringify({ publickey: APP_PUB, signature: '3000' })).toString('base64')}`]) {
      expect(parseGaiaAuthHeader(header)).toEqual(PARSE);
      expect(validateGaiaAuthHeader(header, HUB)).toEqual(PARSE);
    }
  });
  it('the scheme word is case-insensitive', () => {
    expect(validateGaiaAuthHeader(V1_HEADER.replace('bearer', 'BeArEr'), HUB).ok).toBe(true);
  });
  it('scopes are parsed, normalized and sorted by kind', () => {
    const scopes = [{ scope: 'putFile', domain: 'a.txt' }, { scope: 'deleteFilePrefix', domain: 'tmp/' }, { scope: 'putFileArchivalPrefix', domain: 'x/' }];
    const result = validateGaiaAuthHeader(token({ scopes }), HUB);
    expect(result).toMatchObject({ ok: true, scopes });
    expect(parseGaiaScopeValues(scopes)).toEqual({
      writePrefixes: [], writePaths: ['a.txt'], deletePrefixes: ['tmp/'], deletePaths: [], writeArchivalPrefixes: ['x/'], writeArchivalPaths: [],
    });
    expect(validateGaiaScopes([])).toBeNull();
    expect(validateGaiaScopes([{ scope: 'nope' }])).toBe('Unrecognized scope nope');
  });
  it('revocation timestamp', () => {
    expect(validateGaiaAuthHeader(token({ iat: false }), { ...HUB, oldestValidTokenTimestamp: 1000 })).toEqual({
      ok: false, error: 'revoked',
      message: 'Gaia bucket requires auth token issued after 1000 but this token has no creation timestamp. This token may have been revoked by the user.',
    });
    expect(validateGaiaAuthHeader(token({ iat: 999 }), { ...HUB, oldestValidTokenTimestamp: 1000 })).toMatchObject({ ok: false, error: 'revoked',
      message: 'Gaia bucket requires auth token issued after 1000 but this token was issued 999. This token may have been revoked by the user.' });
    expect(validateGaiaAuthHeader(token({ iat: 1000 }), { ...HUB, oldestValidTokenTimestamp: 1000 }).ok).toBe(true);
    expect(validateGaiaAuthHeader(token({ iat: false }), { ...HUB, oldestValidTokenTimestamp: 0 }).ok).toBe(true);
  });
  it('address, hub URL, signature, challenge, expiry', () => {
    expect(validateGaiaAuthHeader(V1_HEADER, { ...HUB, address: IDENTITY_ADDRESS })).toEqual({ ok: false, error: 'address', message: 'Address not allowed to write on this path' });
    expect(validateGaiaAuthHeader(V0_HEADER, { ...HUB, address: IDENTITY_ADDRESS })).toMatchObject({ error: 'address' });
    const strict = { ...HUB, requireCorrectHubUrl: true, validHubUrls: ['https://hub.blockstack.org'] };
    expect(validateGaiaAuthHeader(token({ hubUrl: 'https://hub.blockstack.org/' }), strict).ok).toBe(true);
    expect(validateGaiaAuthHeader(token({ hubUrl: 'https://evil.example' }), strict)).toEqual({ ok: false, error: 'hub_url',
      message: "Auth token's claimed hub url 'https://evil.example' not found in this hubs set: [\"https://hub.blockstack.org\"]" });
    expect(validateGaiaAuthHeader(token({ hubUrl: '' }), strict)).toMatchObject({ error: 'hub_url', message: 'Authentication must provide a claimed hub. You may need to update blockstack.js.' });
    expect(validateGaiaAuthHeader(token(), { ...strict, validHubUrls: undefined })).toMatchObject({ error: 'hub_url' });
    const [h, p] = token().slice('bearer v1:'.length).split('.');
    const otherSig = V1_HEADER.split('.')[2];
    expect(validateGaiaAuthHeader(`bearer v1:${h}.${p}.${otherSig}`, HUB)).toEqual({ ok: false, error: 'signature', message: 'Failed to verify supplied authentication JWT' });
    expect(validateGaiaAuthHeader(token({ challengeText: makeGaiaChallenge('other') }), HUB)).toMatchObject({ ok: false, error: 'challenge',
      message: `Invalid gaiaChallenge text in supplied JWT: "${makeGaiaChallenge('other')}" not found in ${JSON.stringify(HUB.challengeTexts)}` });
    expect(validateGaiaAuthHeader(token({ exp: 1000 }), HUB)).toEqual({ ok: false, error: 'expired', message: 'Expired authentication token: expire time of 1000 (secs since epoch)' });
    expect(validateGaiaAuthHeader(token({ exp: NOW / 1000 }), HUB).ok).toBe(true);
  });
  it('a bad association token fails the whole header', () => {
    const expired = makeAssociationToken(IDENTITY_KEY, APP_PUB, { exp: 1000 });
    expect(validateGaiaAuthHeader(token({ associationToken: expired }), HUB)).toMatchObject({ ok: false, error: 'association' });
  });
});

describe('gaia token properties', () => {
  const keyArb = fc.uint8Array({ minLength: 32, maxLength: 32 }).filter((b) => b.some((x) => x !== 0) && b[0]! < 0xff).map((b) => Buffer.from(b).toString('hex'));
  const serverArb = fc.string({ minLength: 1, maxLength: 40 });

  it('v1, legacy and association tokens made by us validate for their own bucket', () => {
    fc.assert(fc.property(keyArb, keyArb, serverArb, (appKey, identityKey, server) => {
      const address = publicKeyToAddress(getPublicKeyFromPrivate(appKey));
      const options = { address, challengeTexts: getGaiaChallengeTexts(server) };
      const association = makeAssociationToken(identityKey, getPublicKeyFromPrivate(appKey));
      const v1 = makeV1GaiaAuthToken({ challengeText: makeGaiaChallenge(server), privateKey: appKey, hubUrl: `https://${server}`, associationToken: association });
      expect(validateGaiaAuthHeader(makeGaiaAuthHeader(v1), options)).toMatchObject({ ok: true, signerAddress: publicKeyToAddress(getPublicKeyFromPrivate(identityKey)) });
      const v0 = makeLegacyGaiaAuthToken(makeGaiaChallenge(server, '2019'), appKey);
      expect(validateGaiaAuthHeader(makeGaiaAuthHeader(v0), options)).toMatchObject({ ok: true, signerAddress: address });
      expect(verifyToken(v1.slice(3), getPublicKeyFromPrivate(appKey))).toBe(true);
    }), { numRuns: 30 });
  });
  it('random headers never throw', () => {
    const headerArb = fc.oneof(fc.string(), fc.string().map((s) => `bearer ${s}`), fc.string().map((s) => `bearer v1:${s}`),
      fc.jsonValue().map((v) => `bearer ${Buffer.from(JSON.stringify(v) ?? '').toString('base64')}`),
      fc.jsonValue().map((v) => `bearer v1:${signToken({ iss: APP_PUB, scopes: v, gaiaChallenge: v, exp: v, associationToken: v }, APP_KEY)}`));
    fc.assert(fc.property(headerArb, (header) => {
      const result = validateGaiaAuthHeader(header, { ...HUB, oldestValidTokenTimestamp: 5, requireCorrectHubUrl: true, validHubUrls: [] });
      expect(typeof result.ok).toBe('boolean');
    }), { numRuns: 300 });
    fc.assert(fc.property(fc.string(), fc.string(), (token, address) => {
      expect(typeof verifyAssociationToken(token, address).ok).toBe('boolean');
    }));
  });
  it('scope lists: validation never throws, and accepted lists sort every entry into exactly one kind', () => {
    const entryArb = fc.record({ scope: fc.oneof(fc.constantFrom('putFile', 'putFilePrefix', 'deleteFile', 'deleteFilePrefix', 'putFileArchival', 'putFileArchivalPrefix'), fc.string()), domain: fc.string() });
    fc.assert(fc.property(fc.oneof(fc.array(entryArb, { maxLength: 10 }), fc.jsonValue()), (scopes) => {
      const problem = validateGaiaScopes(scopes);
      if (problem !== null) return;
      const list = scopes as { scope: string; domain: string }[];
      const values = parseGaiaScopeValues(list);
      expect(Object.values(values).flat()).toHaveLength(list.length);
      expect(list.length).toBeLessThanOrEqual(8);
    }));
  });
});
