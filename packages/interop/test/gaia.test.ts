import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  decodeToken, getGaiaBucketAddress, getGaiaChallengeTexts, getPublicKeyFromPrivate, makeAssociationToken, makeGaiaAuthHeader,
  makeGaiaAuthTokenForHub, makeGaiaChallenge, makeLegacyGaiaAuthToken, makeV1GaiaAuthToken, validateGaiaAuthHeader,
} from '@bsk/crypto';
import { blockstack, type GaiaHubConfig, hub, jsontokens } from '../src/reference.js';
import { withFetchStub } from './support/fetch-stub.js';
import { privateKeyHex, RUNS } from './support/arbitraries.js';

// The reference client is slow, and a shared 2-core machine can be slower still.
vi.setConfig({ testTimeout: 120_000 });

// auth-and-storage.md §4.3–§4.5, §8 (points 1–3) and §9.9: Gaia auth tokens. The reference makes
// tokens in connectToGaiaHub (from a stubbed /hub_info) and has no checker of its own, so our
// hub-side check reads its tokens, and jsontokens checks ours.
const HUB = 'https://hub.example.org';
const SERVER_NAME = 'hub.example.org';
const READ_PREFIX = 'https://gaia.example.org/hub/';
const IDENTITY_KEY = '6dad38fa92add38d913bdfb2e646ef4ce2a50a2f39853f848a792835626a5690';

function hubInfo(latestAuthVersion: string | undefined) {
  return JSON.stringify({
    challenge_text: makeGaiaChallenge(SERVER_NAME),
    ...(latestAuthVersion ? { latest_auth_version: latestAuthVersion } : {}),
    max_file_upload_size_megabytes: 20,
    read_url_prefix: READ_PREFIX,
  });
}

function theirConnect(appKey: string, latestAuthVersion: string | undefined, associationToken?: string): Promise<GaiaHubConfig> {
  return withFetchStub({ [`${HUB}/hub_info`]: hubInfo(latestAuthVersion) }, () => hub.connectToGaiaHub(HUB, appKey, associationToken));
}

const check = (address: string) => ({ address, challengeTexts: getGaiaChallengeTexts(SERVER_NAME) });

describe('Gaia auth tokens against blockstack@21.1.1', () => {
  it('accepts the reference’s v1 tokens, with the bucket address it computes', async () => {
    await fc.assert(
      fc.asyncProperty(privateKeyHex, async (appKey) => {
        const config = await theirConnect(appKey, 'v1');
        expect(config.token.startsWith('v1:')).toBe(true);
        expect(config.address).toBe(getGaiaBucketAddress(appKey));
        const result = validateGaiaAuthHeader(`bearer ${config.token}`, check(config.address));
        expect(result).toMatchObject({ ok: true, version: 'v1', signerAddress: config.address });
        // Another bucket is refused with the hub's message.
        const other = getGaiaBucketAddress(IDENTITY_KEY);
        expect(validateGaiaAuthHeader(`bearer ${config.token}`, check(other))).toMatchObject({ ok: false, message: 'Address not allowed to write on this path' });
      }),
      RUNS,
    );
  });

  it('accepts the reference’s v1 tokens carrying our association token, crediting the identity address', async () => {
    const appKey = 'bb4824ff7902cbd42499b5792c99aee083bf40195ae7877bee00c22a4bb1fef4';
    const association = makeAssociationToken(IDENTITY_KEY, getPublicKeyFromPrivate(appKey));
    const config = await theirConnect(appKey, 'v1', association);
    expect(decodeToken(config.token.slice(3)).payload.associationToken).toBe(association);
    expect(validateGaiaAuthHeader(`bearer ${config.token}`, check(config.address))).toMatchObject({
      ok: true, signerAddress: '1NBsnVpx9SVD88MxC7tPUE6xxuWt1wigyL',
    });
  });

  it('accepts the reference’s legacy (v0) tokens, and makes byte-identical ones', async () => {
    await fc.assert(
      fc.asyncProperty(privateKeyHex, async (appKey) => {
        const config = await theirConnect(appKey, undefined);
        expect(config.token).not.toContain(':');
        expect(validateGaiaAuthHeader(`bearer ${config.token}`, check(config.address))).toMatchObject({ ok: true, version: 'v0' });
        // bitcoinjs signs RFC 6979 low-S, as we do: the same bytes.
        expect(makeLegacyGaiaAuthToken(makeGaiaChallenge(SERVER_NAME), appKey)).toBe(config.token);
        expect(makeGaiaAuthTokenForHub(JSON.parse(hubInfo(undefined)), { privateKey: appKey, hubUrl: HUB })).toBe(config.token);
      }),
      RUNS,
    );
  });

  it('makes v1 tokens with the reference’s payload, byte for byte given its salt (and no iat)', async () => {
    await fc.assert(
      fc.asyncProperty(privateKeyHex, fc.boolean(), async (appKey, withAssociation) => {
        const association = withAssociation ? makeAssociationToken(IDENTITY_KEY, getPublicKeyFromPrivate(appKey)) : undefined;
        const theirs = (await theirConnect(appKey, 'v1', association)).token.slice(3);
        const { salt } = decodeToken(theirs).payload as { salt: string };
        const ours = makeV1GaiaAuthToken({
          challengeText: makeGaiaChallenge(SERVER_NAME), privateKey: appKey, hubUrl: HUB, salt, iat: false,
          ...(association ? { associationToken: association } : {}),
        });
        expect(ours.split('.').slice(0, 2)).toEqual(`v1:${theirs}`.split('.').slice(0, 2));
      }),
      RUNS,
    );
  });

  it('makes v1 tokens (with iat, scopes) that jsontokens verifies with the iss key', () => {
    fc.assert(
      fc.property(privateKeyHex, (appKey) => {
        const token = makeV1GaiaAuthToken({
          challengeText: makeGaiaChallenge(SERVER_NAME), privateKey: appKey, hubUrl: HUB,
          scopes: [{ scope: 'putFilePrefix', domain: 'photos/' }],
        });
        const jwt = token.slice('v1:'.length);
        const decoded = jsontokens.decodeToken(jwt);
        const payload = decoded.payload as Record<string, unknown>;
        expect(payload.iss).toBe(getPublicKeyFromPrivate(appKey));
        expect(payload.gaiaChallenge).toBe(makeGaiaChallenge(SERVER_NAME));
        expect(typeof payload.iat).toBe('number');
        expect(new jsontokens.TokenVerifier('ES256K', payload.iss as string).verify(jwt)).toBe(true);
        expect(validateGaiaAuthHeader(makeGaiaAuthHeader(token), check(getGaiaBucketAddress(appKey)))).toMatchObject({ ok: true });
      }),
      RUNS,
    );
  });

  it('computes the same app bucket URL as getAppBucketUrl', async () => {
    await fc.assert(
      fc.asyncProperty(privateKeyHex, async (appKey) => {
        const url = await withFetchStub({ [`${HUB}/hub_info`]: hubInfo('v1') }, () => blockstack.getAppBucketUrl(HUB, appKey));
        expect(url).toBe(`${READ_PREFIX}${getGaiaBucketAddress(appKey)}/`);
      }),
      RUNS,
    );
  });

  it('agrees with the §9.9 legacy token on both sides', async () => {
    const appKey = 'bb4824ff7902cbd42499b5792c99aee083bf40195ae7877bee00c22a4bb1fef4';
    const vector = 'eyJwdWJsaWNrZXkiOiIwMmU0MjcyZGFkOGY5ZTA1YTFlOTM3YTdhY2VlMTM3ODc0ZDMyNmEyMTJjZjc0ZjFjZDI4NWQzN2M5ZGE0YzZkZDMiLCJzaWduYXR1cmUiOiIzMDQ1MDIyMTAwYTA2MDQyNzljOGFkNjE1MzBlMTUyMGIxMDZjYTVhNTdkNWYwNjIxM2M3M2QwZmNkNmNhNmM5NDZhN2FkMGYzMzAyMjA1OWY2OGMyNGZlZTlkYjFkZTgyZGE3OGEwNmE2MjdiYjkwNGQ5YzZmYTk4ZWIyYTAwODVlZGNiY2M4ZjQ4NjlmIn0=';
    const challenge = makeGaiaChallenge('hub.blockstack.org');
    expect(makeLegacyGaiaAuthToken(challenge, appKey)).toBe(vector);
    const config = await withFetchStub(
      { [`${HUB}/hub_info`]: JSON.stringify({ challenge_text: challenge, read_url_prefix: READ_PREFIX }) },
      () => hub.connectToGaiaHub(HUB, appKey),
    );
    expect(config.token).toBe(vector);
  });
});
