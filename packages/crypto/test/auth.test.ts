import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import {
  AUTH_VERSION, FailedDecryptionError, InvalidInputError, checkAuthRequest, checkAuthResponse, decodeToken, decryptAppPrivateKey,
  decryptPrivateKey, encryptPrivateKey, getAuthRequestFromURL, getNameLookupURL, getPublicKeyFromPrivate, isLaterVersion,
  isSameOriginAbsoluteUrl, isValidAuthScope, makeAssociationToken, makeAuthRequest, makeAuthResponse, makeUUID4, publicKeyToAddress,
  readAuthResponse, signToken, updateQueryStringParameter, verifyAuthRequest, verifyAuthResponse, verifyToken,
} from '@bsk/crypto';

// auth-and-storage.md §9.1, §9.4, §9.5, §9.6
const TRANSIT_KEY = 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229';
const TRANSIT_PUB = '027d28f9951ce46538951e3697c62588a87f1f1f295de4a14fdd4c780fc52cfe69';
const IDENTITY_KEY = '6dad38fa92add38d913bdfb2e646ef4ce2a50a2f39853f848a792835626a5690';
const IDENTITY_ADDRESS = '1NBsnVpx9SVD88MxC7tPUE6xxuWt1wigyL';
const APP_KEY = 'bb4824ff7902cbd42499b5792c99aee083bf40195ae7877bee00c22a4bb1fef4';
const APP_PUB = '02e4272dad8f9e05a1e937a7acee137874d326a212cf74f1cd285d37c9da4c6dd3';
const ASSOCIATION_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NksifQ.eyJjaGlsZFRvQXNzb2NpYXRlIjoiMDJlNDI3MmRhZDhmOWUwNWExZTkzN2E3YWNlZTEzNzg3NGQzMjZhMjEyY2Y3NGYxY2QyODVkMzdjOWRhNGM2ZGQzIiwiaXNzIjoiMDJlZDliMTcyZTM5MmZkNTk1ZTc5MThhYTBjMjFhNDAxYTZiYzFmYmEzYmZkODk4NzJkM2I5MmZhYmQ5NzE3MTBjIiwiZXhwIjo0MTAyNDQ0ODAwLCJpYXQiOjE1Nzc4MzY4MDAsInNhbHQiOiIwMDExMjIzMzQ0NTU2Njc3ODg5OWFhYmJjY2RkZWVmZiJ9.rW8r8RIyEnqZ7CJRgPHz1gqbWs91nvSXAPtJYIBg64ALJ8CL6h4OsFzAeDwnZt-1ZWbE4Yw5pQnBqx0flameDQ';
const AUTH_REQUEST = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NksifQ.eyJqdGkiOiIwMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDAiLCJpYXQiOjE1Nzc4MzY4MDAsImV4cCI6NDEwMjQ0NDgwMCwiaXNzIjoiZGlkOmJ0Yy1hZGRyOjFOWk54aG94b2Jxd3NOdlRiMTZwZGVpcXZGdmNlM1lnOFUiLCJwdWJsaWNfa2V5cyI6WyIwMjdkMjhmOTk1MWNlNDY1Mzg5NTFlMzY5N2M2MjU4OGE4N2YxZjFmMjk1ZGU0YTE0ZmRkNGM3ODBmYzUyY2ZlNjkiXSwiZG9tYWluX25hbWUiOiJodHRwOi8vbG9jYWxob3N0OjMwMDAiLCJtYW5pZmVzdF91cmkiOiJodHRwOi8vbG9jYWxob3N0OjMwMDAvbWFuaWZlc3QuanNvbiIsInJlZGlyZWN0X3VyaSI6Imh0dHA6Ly9sb2NhbGhvc3Q6MzAwMCIsInZlcnNpb24iOiIxLjMuMSIsImRvX25vdF9pbmNsdWRlX3Byb2ZpbGUiOnRydWUsInN1cHBvcnRzX2h1Yl91cmwiOnRydWUsInNjb3BlcyI6WyJzdG9yZV93cml0ZSIsInB1Ymxpc2hfZGF0YSJdfQ.3na84MWOp58REdjCycFxmrweG0VTCn7dcPwtmzcpltWNcZ-RIQlMECQyE4-vcura1m5u7K-f6jPXXGDCTC2tWA';
const AUTH_RESPONSE = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NksifQ.eyJqdGkiOiIxMTExMTExMS0xMTExLTQxMTEtODExMS0xMTExMTExMTExMTEiLCJpYXQiOjE1Nzc4MzY4MDAsImV4cCI6NDEwMjQ0NDgwMCwiaXNzIjoiZGlkOmJ0Yy1hZGRyOjFOQnNuVnB4OVNWRDg4TXhDN3RQVUU2eHh1V3Qxd2lneUwiLCJwcml2YXRlX2tleSI6IjdiMjI2OTc2MjIzYTIyNjQ2MjYxMzUzNDM3MzYzNzMyNjEzMjMzMzgzMTMyMzM2NjMyMzk2NjMwMzM2MjMxNjE2NjM4NjMzNTY0NjY2NDIyMmMyMjY1NzA2ODY1NmQ2NTcyNjE2YzUwNGIyMjNhMjIzMDMzMzgzNzY1Mzg2MzY1MzI2NDMyMzc2NDM5MzQzNDY1NjQ2NDM3NjM2MzMwMzgzNjM5MzUzNzMyNjY2NDMxMzgzNDY2MzczNzM4NjM2NjM1MzM2MTMwMzkzNjYxMzMzNTMxMzM2NTY1MzIzNjM3NjEzOTMxMzgzMDMyMzYzNzMzMzEyMjJjMjI2MzY5NzA2ODY1NzI1NDY1Nzg3NDIyM2EyMjM0MzEzODY1MzI2MTMwMzczMTYyMzc2MzYzMzQzODY1MzIzNzYxMzA2MjM3MzMzMDM2NjQzMjYyMzEzMjY0NjM2NDYyMzQ2MTMwNjE2NjM5MzEzNzY1MzgzMTMxMzM2MjMwMzYzNDYyMzczNjY1MzIzMjM1MzQzMTM3MzE2MzM2MzU2MjMxMzgzOTYyMzIzODYyNjM2MzY1MzEzMjMyMzMzMjM5MzQ2MTMyNjU2NTY1MzgzMTYxMzAzMzY2MzAzMTM3MzI2MjY0MzE2MzM0MzA2MTM2MzM2MzMwMzgzNTM1MzQzMzM3MzgzOTY0MzUzOTYzMzEzODM0MzE2MjYyNjIzNTY2NjMzOTMxMzY2NjM1Mzk2MzY0NjMzNTY0NjMzMDMzNjUzMDY0NjM2NDM3MzEzMDM5NjUzMTMxMzUzNzY2MjIyYzIyNmQ2MTYzMjIzYTIyMzA2MTMxNjI2MzM2NjYzMTMyNjEzMTM4NjM2MzMxNjQzNDY0MzI2NTYzMzMzNzMyMzQ2MjY2NjUzOTMwNjU2NTY0NjIzNTMwNjM2MjYzMzA2MTMwMzIzNzMzNjEzMDY0MzczODM0MzQzMDMzMzMzNTMwMzgzNzMwMzgzMTM1MzUyMjJjMjI3NzYxNzM1Mzc0NzI2OTZlNjcyMjNhNzQ3Mjc1NjU3ZCIsInB1YmxpY19rZXlzIjpbIjAyZWQ5YjE3MmUzOTJmZDU5NWU3OTE4YWEwYzIxYTQwMWE2YmMxZmJhM2JmZDg5ODcyZDNiOTJmYWJkOTcxNzEwYyJdLCJwcm9maWxlIjp7IkB0eXBlIjoiUGVyc29uIiwiQGNvbnRleHQiOiJodHRwOi8vc2NoZW1hLm9yZyIsIm5hbWUiOiJUZXN0In0sInVzZXJuYW1lIjpudWxsLCJjb3JlX3Rva2VuIjpudWxsLCJlbWFpbCI6bnVsbCwicHJvZmlsZV91cmwiOiJodHRwczovL2dhaWEuYmxvY2tzdGFjay5vcmcvaHViLzFOQnNuVnB4OVNWRDg4TXhDN3RQVUU2eHh1V3Qxd2lneUwvcHJvZmlsZS5qc29uIiwiaHViVXJsIjoiaHR0cHM6Ly9odWIuYmxvY2tzdGFjay5vcmciLCJibG9ja3N0YWNrQVBJVXJsIjoiaHR0cHM6Ly9jb3JlLmJsb2Nrc3RhY2sub3JnIiwiYXNzb2NpYXRpb25Ub2tlbiI6ImV5SjBlWEFpT2lKS1YxUWlMQ0poYkdjaU9pSkZVekkxTmtzaWZRLmV5SmphR2xzWkZSdlFYTnpiMk5wWVhSbElqb2lNREpsTkRJM01tUmhaRGhtT1dVd05XRXhaVGt6TjJFM1lXTmxaVEV6TnpnM05HUXpNalpoTWpFeVkyWTNOR1l4WTJReU9EVmtNemRqT1dSaE5HTTJaR1F6SWl3aWFYTnpJam9pTURKbFpEbGlNVGN5WlRNNU1tWmtOVGsxWlRjNU1UaGhZVEJqTWpGaE5EQXhZVFppWXpGbVltRXpZbVprT0RrNE56SmtNMkk1TW1aaFltUTVOekUzTVRCaklpd2laWGh3SWpvME1UQXlORFEwT0RBd0xDSnBZWFFpT2pFMU56YzRNelk0TURBc0luTmhiSFFpT2lJd01ERXhNakl6TXpRME5UVTJOamMzT0RnNU9XRmhZbUpqWTJSa1pXVm1aaUo5LnJXOHI4Ukl5RW5xWjdDSlJnUEh6MWdxYldzOTFudlNYQVB0SllJQmc2NEFMSjhDTDZoNE9zRnpBZUR3blp0LTFaV2JFNFl3NXBRbkJxeDBmbGFtZURRIiwidmVyc2lvbiI6IjEuMy4xIn0.bqHbSW8xkT5c6wxC79sjpRe-8nIKHac04pkBVZjB7Ne6T6r183wVuZW1oGlEYZIAtOeYCptpi-7osvdtPMT9xw';
// §9.2 "Auth private_key field": the app key 3168aeff… encrypted to the transit key.
const PRIVATE_KEY_FIELD = '7b226976223a223439306137626238363062383135613961633965373938393339366239373435222c22657068656d6572616c504b223a22303339643165306131623733663862613139633030613935363831343765636664326264613165343637306630653931653866643536333565663238613664356264222c2263697068657254657874223a2233383236643830663765643835613632623464373263343638636133313631643766383335616462356233326636356363613961623332663761323938653866376533363036623037343733386262636336313130613564393038656663623138663639636530623964626535383935643462333036386133343332393165353537336132313236376363386639663330653762356239323535356465333738222c226d6163223a2236653530346330633833356539303131346633386663346362363332366238333834316533643334616665633737313930316130396638303035366362623134222c22776173537472696e67223a747275657d';

const NOW = Date.UTC(2020, 0, 2);
const N = secp256k1.Point.CURVE().n;
const headerAndPayload = (token: string): string => token.split('.').slice(0, 2).join('.');
const isHighS = (token: string): boolean => BigInt('0x' + Buffer.from(token.split('.')[2]!, 'base64url').subarray(32).toString('hex')) > N / 2n;
const REQUEST_OPTIONS = {
  appDomain: 'http://localhost:3000', manifestURI: 'http://localhost:3000/manifest.json', redirectURI: 'http://localhost:3000',
  scopes: ['store_write', 'publish_data'], expiresAt: 4102444800 * 1000, jti: '00000000-0000-4000-8000-000000000000', iat: 1577836800,
};
const RESPONSE_OPTIONS = {
  profile: { '@type': 'Person', '@context': 'http://schema.org', name: 'Test' }, username: null, appPrivateKey: APP_KEY,
  transitPublicKey: TRANSIT_PUB, expiresAt: 4102444800 * 1000, jti: '11111111-1111-4111-8111-111111111111', iat: 1577836800,
  profileUrl: 'https://gaia.blockstack.org/hub/1NBsnVpx9SVD88MxC7tPUE6xxuWt1wigyL/profile.json', hubUrl: 'https://hub.blockstack.org',
  blockstackAPIUrl: 'https://core.blockstack.org', associationToken: ASSOCIATION_TOKEN,
};

describe('authRequest (§1.2, §9.5)', () => {
  const ours = makeAuthRequest(TRANSIT_KEY, REQUEST_OPTIONS);
  it('reproduces the reference header and payload; the reference signature is high-S', () => {
    expect(headerAndPayload(ours)).toBe(headerAndPayload(AUTH_REQUEST));
    expect(isHighS(AUTH_REQUEST)).toBe(true);
    expect(isHighS(ours)).toBe(false);
  });
  it('both verify', () => {
    for (const token of [AUTH_REQUEST, ours]) {
      expect(verifyAuthRequest(token, { now: NOW })).toBe(true);
      const result = checkAuthRequest(token, { now: NOW });
      expect(result.ok && result.payload.domain_name).toBe('http://localhost:3000');
    }
  });
  it('applies the bare function defaults', () => {
    const before = Math.floor(Date.now() / 1000);
    const payload = decodeToken(makeAuthRequest(TRANSIT_KEY, { appDomain: 'https://app.example.com' })).payload;
    expect(payload).toMatchObject({
      manifest_uri: 'https://app.example.com/manifest.json', redirect_uri: 'https://app.example.com/', scopes: ['store_write'], version: AUTH_VERSION,
      iss: 'did:btc-addr:1NZNxhoxobqwsNvTb16pdeiqvFvce3Yg8U', public_keys: [TRANSIT_PUB],
    });
    expect(payload.iat as number).toBeGreaterThanOrEqual(before);
    expect((payload.exp as number) - (payload.iat as number)).toBeGreaterThanOrEqual(27 * 24 * 3600);
    expect((payload.exp as number) - (payload.iat as number)).toBeLessThanOrEqual(32 * 24 * 3600);
    expect(payload.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  it('puts extra params first and never lets them override', () => {
    const token = makeAuthRequest(TRANSIT_KEY, { ...REQUEST_OPTIONS, extraParams: { sendToSignIn: true, jti: 'mine', version: '9', appDetails: { name: 'x' } } });
    const payload = decodeToken(token).payload;
    expect(Object.keys(payload)).toEqual(['sendToSignIn', 'jti', 'version', 'appDetails', 'iat', 'exp', 'iss', 'public_keys', 'domain_name',
      'manifest_uri', 'redirect_uri', 'do_not_include_profile', 'supports_hub_url', 'scopes']);
    expect(payload.jti).toBe(REQUEST_OPTIONS.jti);
    expect(payload.version).toBe('1.3.1');
    expect(verifyAuthRequest(token, { now: NOW })).toBe(true);
  });
});

describe('authRequest checks (§1.4) name the failed check', () => {
  const sign = (changes: Record<string, unknown>, key = TRANSIT_KEY, header?: object): string => {
    const payload = { ...decodeToken(AUTH_REQUEST).payload, ...changes };
    return header ? signToken(payload, key, header) : signToken(payload, key);
  };
  const cases: [string, string][] = [
    ['signed', sign({}, TRANSIT_KEY, { typ: 'JWT', alg: 'none' })],
    ['expiration', sign({ exp: 1577836800 })],
    ['expiration', sign({ exp: '4102444800' })],
    ['issuance', sign({ iat: 1577836800 + 86401 })],
    ['issuance', sign({ iat: '1' })],
    ['public_keys', sign({ public_keys: [TRANSIT_PUB, TRANSIT_PUB] })],
    ['public_keys', sign({ public_keys: [] })],
    ['public_keys', sign({ public_keys: 'x' })],
    ['public_keys', sign({ public_keys: ['nothex'] })],
    ['signature', sign({}, IDENTITY_KEY)],
    ['issuer', sign({ iss: `did:btc-addr:${IDENTITY_ADDRESS}` })],
    ['issuer', sign({ iss: 'did:ecdsa-pub:' + TRANSIT_PUB })],
    ['manifest_uri', sign({ manifest_uri: 'https://evil.example/manifest.json' })],
    ['manifest_uri', sign({ manifest_uri: '/manifest.json' })],
    ['redirect_uri', sign({ redirect_uri: 'http://localhost:3001/' })],
    ['decode', 'not.a-token'],
  ];
  cases.forEach(([check, token], i) => {
    it(`case ${i}: ${check}`, () => {
      const result = checkAuthRequest(token, { now: NOW });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.check).toBe(check);
      expect(verifyAuthRequest(token, { now: NOW })).toBe(false);
    });
  });
  it('exp = now and iat = now are still valid; exp 0 and iat 0 are ignored', () => {
    expect(verifyAuthRequest(sign({ exp: NOW / 1000, iat: NOW / 1000 }), { now: NOW })).toBe(true);
    expect(verifyAuthRequest(sign({ exp: 0, iat: 0 }), { now: NOW })).toBe(true);
    expect(verifyAuthRequest(AUTH_REQUEST, { now: 4102444800 * 1000 + 1 })).toBe(false);
  });
  it('does not depend on header key order', () => {
    expect(verifyAuthRequest(sign({}, TRANSIT_KEY, { alg: 'ES256K', typ: 'JWT' }), { now: NOW })).toBe(true);
  });
});

describe('authResponse (§1.6, §1.7, §9.6)', () => {
  it('the reference response verifies and reads back', async () => {
    expect(isHighS(AUTH_RESPONSE)).toBe(true);
    expect(await verifyAuthResponse(AUTH_RESPONSE, { now: NOW })).toBe(true);
    const data = readAuthResponse(AUTH_RESPONSE, { transitPrivateKey: TRANSIT_KEY });
    expect(data).toEqual({
      username: null, profile: RESPONSE_OPTIONS.profile, email: null, decentralizedID: `did:btc-addr:${IDENTITY_ADDRESS}`,
      identityAddress: IDENTITY_ADDRESS, appPrivateKey: APP_KEY, coreSessionToken: null, authResponseToken: AUTH_RESPONSE,
      hubUrl: 'https://hub.blockstack.org', coreNode: 'https://core.blockstack.org', gaiaAssociationToken: ASSOCIATION_TOKEN,
      profileUrl: RESPONSE_OPTIONS.profileUrl,
    });
    expect(getNameLookupURL(decodeToken(AUTH_RESPONSE).payload, 'http://localhost:6270')).toBe('https://core.blockstack.org/v1/names');
  });
  it('ours has the same payload apart from the freshly encrypted private_key, and decrypts to the app key', async () => {
    expect(makeAssociationToken(IDENTITY_KEY, APP_PUB, { exp: 4102444800, iat: 1577836800, salt: '00112233445566778899aabbccddeeff' })).toBe(ASSOCIATION_TOKEN);
    const ours = makeAuthResponse(IDENTITY_KEY, RESPONSE_OPTIONS);
    const theirs = decodeToken(AUTH_RESPONSE).payload;
    const mine = decodeToken(ours).payload;
    expect(Object.keys(mine)).toEqual(Object.keys(theirs));
    expect({ ...mine, private_key: 0 }).toEqual({ ...theirs, private_key: 0 });
    expect(decryptPrivateKey(TRANSIT_KEY, mine.private_key as string)).toBe(APP_KEY);
    expect(await verifyAuthResponse(ours, { now: NOW })).toBe(true);
    expect(readAuthResponse(ours, { transitPrivateKey: TRANSIT_KEY }).appPrivateKey).toBe(APP_KEY);
  });
  it('decrypts the §9.2 private_key field', () => {
    expect(decryptPrivateKey(TRANSIT_KEY, PRIVATE_KEY_FIELD)).toBe('3168aefff6aa53959a002112821384c41f39f538c0e8727a798bb40beb62ca5e');
    expect(() => decryptPrivateKey(APP_KEY, PRIVATE_KEY_FIELD)).toThrow(FailedDecryptionError);
    expect(() => decryptPrivateKey(TRANSIT_KEY, 'zz')).toThrow(InvalidInputError);
  });
  it('falls back to a raw key only when decryption fails and the field is a key', () => {
    expect(decryptAppPrivateKey(TRANSIT_KEY, APP_KEY)).toBe(APP_KEY);
    expect(decryptAppPrivateKey(TRANSIT_KEY, PRIVATE_KEY_FIELD)).toBe('3168aefff6aa53959a002112821384c41f39f538c0e8727a798bb40beb62ca5e');
    expect(() => decryptAppPrivateKey(APP_KEY, PRIVATE_KEY_FIELD)).toThrow('Failed decrypting appPrivateKey. Usually means that the transit key has changed during login.');
  });
  it('a legacy response (no app key) has only the base fields', () => {
    const payload = decodeToken(makeAuthResponse(IDENTITY_KEY, { coreToken: 'core', transitPublicKey: TRANSIT_PUB })).payload;
    expect(Object.keys(payload)).toEqual(['jti', 'iat', 'exp', 'iss', 'private_key', 'public_keys', 'profile', 'username', 'core_token']);
    expect(payload).toMatchObject({ private_key: null, profile: {}, username: null, core_token: 'core' });
  });
  it('encrypts the core token too, and reads it back', () => {
    const token = makeAuthResponse(IDENTITY_KEY, { ...RESPONSE_OPTIONS, coreToken: 'session', email: 'a@b.c' });
    expect(decodeToken(token).payload.core_token).not.toBe('session');
    expect(readAuthResponse(token, { transitPrivateKey: TRANSIT_KEY })).toMatchObject({ coreSessionToken: 'session', email: 'a@b.c' });
    const metadata = decodeToken(makeAuthResponse(IDENTITY_KEY, { appPrivateKey: APP_KEY, metadata: { email: 'm@x', profileUrl: 'u' } })).payload;
    expect(metadata).toMatchObject({ private_key: APP_KEY, email: 'm@x', profile_url: 'u', hubUrl: null, version: '1.3.1' });
  });
  it('needs the transit key for versioned responses, and applies version gates', () => {
    expect(() => readAuthResponse(AUTH_RESPONSE)).toThrow('Authenticating with protocol > 1.1.0 requires transit key, and none found.');
    const old = signToken({ ...decodeToken(AUTH_RESPONSE).payload, version: '1.1.0', private_key: APP_KEY }, IDENTITY_KEY);
    expect(readAuthResponse(old, { transitPrivateKey: TRANSIT_KEY })).toMatchObject({ appPrivateKey: APP_KEY, hubUrl: 'https://hub.blockstack.org', gaiaAssociationToken: null });
    // The isLaterVersion quirk (§1.8): "2.0.0" is not "≥ 1.1.0", so the app would skip decryption and
    // take the hex cipher text as its key — why an authenticator must answer "1.3.1".
    const twoPayload = { ...decodeToken(AUTH_RESPONSE).payload, version: '2.0.0' };
    const two = signToken(twoPayload, IDENTITY_KEY);
    expect(readAuthResponse(two, { transitPrivateKey: TRANSIT_KEY })).toMatchObject({
      appPrivateKey: decodeToken(AUTH_RESPONSE).payload.private_key, hubUrl: 'https://hub.blockstack.org', gaiaAssociationToken: null,
    });
    expect(getNameLookupURL(decodeToken(two).payload, 'http://localhost:6270')).toBe('http://localhost:6270/v1/names');
  });
  it('username ownership goes through the injected lookup', async () => {
    const withName = makeAuthResponse(IDENTITY_KEY, { ...RESPONSE_OPTIONS, username: 'alice.id' });
    const owner = async (name: string) => (name === 'alice.id' ? { address: IDENTITY_ADDRESS, zonefile: '' } : {});
    expect(await checkAuthResponse(withName, { now: NOW, nameLookup: owner })).toMatchObject({ ok: true });
    expect(await checkAuthResponse(withName, { now: NOW, nameLookup: async () => ({ address: '1BTku19roxQs2d54kbYKVTv21oBCuHEApF' }) })).toMatchObject({ ok: false, check: 'username' });
    expect(await checkAuthResponse(withName, { now: NOW, nameLookup: async () => { throw new Error('404'); } })).toMatchObject({ ok: false, check: 'username' });
    expect(await checkAuthResponse(withName, { now: NOW, nameLookup: async () => 'nope' })).toMatchObject({ ok: false, check: 'username' });
    expect(await verifyAuthResponse(withName, { now: NOW })).toBe(false);
    const emptyName = makeAuthResponse(IDENTITY_KEY, { ...RESPONSE_OPTIONS, username: '' });
    expect(await verifyAuthResponse(emptyName, { now: NOW })).toBe(true);
  });
  it('the common checks apply to responses too (but alg is not checked)', async () => {
    const expired = makeAuthResponse(IDENTITY_KEY, { ...RESPONSE_OPTIONS, expiresAt: 1000 });
    expect(await checkAuthResponse(expired, { now: NOW })).toMatchObject({ ok: false, check: 'expiration' });
    const forged = signToken(decodeToken(AUTH_RESPONSE).payload, TRANSIT_KEY);
    expect(await checkAuthResponse(forged, { now: NOW })).toMatchObject({ ok: false, check: 'signature' });
    expect(await checkAuthResponse('x', { now: NOW })).toMatchObject({ ok: false, check: 'decode' });
  });
});

describe('helpers (§0.4, §1.3, §1.8, §9.11)', () => {
  it('isLaterVersion with its quirk', () => {
    expect(isLaterVersion('1.3.1', '1.3.0')).toBe(true);
    expect(isLaterVersion('1.10.0', '1.3.0')).toBe(true);
    expect(isLaterVersion('2.0.0', '1.3.0')).toBe(false);
    expect(isLaterVersion('1.2.0', '1.1.0')).toBe(true);
    expect(isLaterVersion(undefined, '1.1.0')).toBe(false);
    expect(isLaterVersion('1.3', '1.3.0')).toBe(true);
    expect(isLaterVersion('1.3.0', undefined)).toBe(true);
    expect(isLaterVersion('1.0.0', '1.1.0')).toBe(false);
    expect(isLaterVersion('x', '1.1.0')).toBe(true);
  });
  it('isSameOriginAbsoluteUrl', () => {
    expect(isSameOriginAbsoluteUrl('http://localhost:3000', 'http://localhost:3000/manifest.json')).toBe(true);
    expect(isSameOriginAbsoluteUrl('https://a.com', 'https://a.com:443/x')).toBe(true);
    expect(isSameOriginAbsoluteUrl('https://a.com', 'http://a.com/x')).toBe(false);
    expect(isSameOriginAbsoluteUrl('https://a.com', '/x')).toBe(false);
    expect(isSameOriginAbsoluteUrl('http://a.com', 'http://a.com:80/')).toBe(true);
    expect(isSameOriginAbsoluteUrl('http://a.com', 'http://a.com:8080/')).toBe(false);
    expect(isSameOriginAbsoluteUrl('ftp://a.com', 'ftp://a.com/')).toBe(false);
    expect(isSameOriginAbsoluteUrl(undefined, 'http://a.com')).toBe(false);
  });
  it('updateQueryStringParameter', () => {
    expect(updateQueryStringParameter('http://localhost:3000/?a=1', 'authResponse', 'TOKEN')).toBe('http://localhost:3000/?a=1&authResponse=TOKEN');
    expect(updateQueryStringParameter('http://localhost:3000', 'authResponse', 'T')).toBe('http://localhost:3000?authResponse=T');
    expect(updateQueryStringParameter('http://x/?authResponse=old&b=2', 'authResponse', 'new')).toBe('http://x/?authResponse=new&b=2');
    expect(updateQueryStringParameter('http://x/?AUTHRESPONSE=old', 'authResponse', 'a$1b')).toBe('http://x/?authResponse=a$1b');
  });
  it('getAuthRequestFromURL strips the blockstack: prefix', () => {
    expect(getAuthRequestFromURL(`http://localhost:8888/auth?authRequest=blockstack:${AUTH_REQUEST}`)).toBe(AUTH_REQUEST);
    expect(getAuthRequestFromURL(`?echo=1&authRequest=${AUTH_REQUEST}#x`)).toBe(AUTH_REQUEST);
    expect(getAuthRequestFromURL('https://browser.blockstack.org/auth')).toBeNull();
  });
  it('scopes and UUIDs', () => {
    expect(['store_write', 'publish_data', 'email', 'collection.contact'].every(isValidAuthScope)).toBe(true);
    expect(isValidAuthScope('admin')).toBe(false);
    const ids = new Set(Array.from({ length: 50 }, makeUUID4));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('auth properties', () => {
  const keyArb = fc.uint8Array({ minLength: 32, maxLength: 32 }).filter((b) => b.some((x) => x !== 0) && b[0]! < 0xff).map((b) => Buffer.from(b).toString('hex'));
  const domainArb = fc.domain().chain((host) => fc.constantFrom(`https://${host}`, `http://${host}:8080`));

  it('requests and responses made by us verify, and the app key round-trips', async () => {
    await fc.assert(fc.asyncProperty(keyArb, keyArb, keyArb, domainArb, async (transit, identity, app, domain) => {
      expect(verifyAuthRequest(makeAuthRequest(transit, { appDomain: domain, redirectURI: `${domain}/cb` }))).toBe(true);
      const response = makeAuthResponse(identity, { appPrivateKey: app, transitPublicKey: getPublicKeyFromPrivate(transit), profile: null });
      expect(await verifyAuthResponse(response)).toBe(true);
      expect(readAuthResponse(response, { transitPrivateKey: transit })).toMatchObject({
        appPrivateKey: app, identityAddress: publicKeyToAddress(getPublicKeyFromPrivate(identity)), profile: null,
      });
    }), { numRuns: 25 });
  });
  it('private key transport round-trips any string', () => {
    fc.assert(fc.property(keyArb, fc.string(), (transit, secret) => {
      expect(decryptPrivateKey(transit, encryptPrivateKey(getPublicKeyFromPrivate(transit), secret))).toBe(secret);
    }), { numRuns: 50 });
  });
  it('untrusted tokens never throw or reject', async () => {
    const tokenArb = fc.oneof(fc.string(), fc.jsonValue().map((v) => signToken(typeof v === 'object' && v !== null && !Array.isArray(v) ? v : { v }, TRANSIT_KEY)),
      fc.record({ public_keys: fc.jsonValue(), iss: fc.jsonValue(), exp: fc.jsonValue(), iat: fc.jsonValue(), domain_name: fc.jsonValue(), username: fc.jsonValue() })
        .map((p) => signToken(p, TRANSIT_KEY)));
    await fc.assert(fc.asyncProperty(tokenArb, async (token) => {
      expect(typeof checkAuthRequest(token).ok).toBe('boolean');
      expect(typeof (await checkAuthResponse(token, { nameLookup: async () => ({ address: 1 }) })).ok).toBe('boolean');
    }), { numRuns: 200 });
    fc.assert(fc.property(fc.anything(), fc.anything(), (a, b) => {
      expect(typeof isLaterVersion(a, b)).toBe('boolean');
      expect(typeof isSameOriginAbsoluteUrl(a, b)).toBe('boolean');
    }));
    fc.assert(fc.property(fc.string(), keyArb, (field, key) => {
      try { decryptPrivateKey(key, field); } catch (e) { expect(e instanceof InvalidInputError || e instanceof FailedDecryptionError).toBe(true); }
    }));
  });
  it('tampered requests never verify', () => {
    const token = makeAuthRequest(TRANSIT_KEY, REQUEST_OPTIONS);
    fc.assert(fc.property(fc.nat({ max: token.lastIndexOf('.') - 1 }), fc.constantFrom(...'ABCabc012-_'), (at, ch) => {
      fc.pre(token[at] !== ch && token[at] !== '.');
      expect(verifyToken(token.slice(0, at) + ch + token.slice(at + 1), TRANSIT_PUB)).toBe(false);
    }));
  });
  it('a token put in a URL with updateQueryStringParameter comes back from getAuthRequestFromURL', () => {
    const urlSafe = fc.stringMatching(/^[A-Za-z0-9_.-]{1,200}$/);
    fc.assert(fc.property(fc.webUrl({ withQueryParameters: true, withFragments: false }), urlSafe, (url, token) => {
      fc.pre(!/[?&]authRequest=/i.test(url));
      expect(getAuthRequestFromURL(updateQueryStringParameter(url, 'authRequest', token))).toBe(token);
      expect(getAuthRequestFromURL(updateQueryStringParameter(url, 'authRequest', `blockstack:${token}`))).toBe(token);
    }));
  });
});

