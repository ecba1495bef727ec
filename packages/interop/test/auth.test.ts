import { createRequire } from 'node:module';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  checkAuthRequest, decodeToken, decryptPrivateKey, encryptPrivateKey, getAuthRequestFromURL, getIdentityKeyInfo, getLegacyAppPrivateKey,
  getPublicKeyFromPrivate, isLaterVersion, isSameOriginAbsoluteUrl, makeAssociationToken, makeAuthRequest, makeAuthResponse,
  makeProfileJson, mnemonicToSeed, publicKeyToAddress, readAuthResponse, rootFromSeed, signProfileToken, signToken, updateQueryStringParameter,
  verifyAuthRequest, verifyAuthResponse,
} from '@bsk/crypto';
import { blockstack, jsontokens } from '../src/reference.js';
import { withFetch, withFetchStub } from './support/fetch-stub.js';
import { appDomain, jsonObject, privateKeyHex } from './support/arbitraries.js';

// The reference client is slow, and a shared 2-core machine can be slower still.
vi.setConfig({ testTimeout: 120_000 });

// auth-and-storage.md §1 and §9.5–§9.6: auth requests and responses against blockstack@21.1.1,
// including its own app-side sign-in (UserSession.handlePendingSignIn) on our responses.
const RUNS = { numRuns: 12 } as const;
const CORE = 'https://core.example.org';
const LOOKUP = `${CORE}/v1/names`;
const TRANSIT_KEY = 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229';
const IN_A_YEAR = Date.now() + 365 * 24 * 3600 * 1000;
const APP_FOR_REJECTIONS = 'bb4824ff7902cbd42499b5792c99aee083bf40195ae7877bee00c22a4bb1fef4';
const authMessages = createRequire(import.meta.url)('blockstack/lib/auth/authMessages.js') as {
  decryptPrivateKey(privateKey: string, hexedEncrypted: string): Promise<string | null>;
  encryptPrivateKey(publicKey: string, privateKey: string): Promise<string>;
};
const { InstanceDataStore } = createRequire(import.meta.url)('blockstack/lib/auth/sessionStore.js') as {
  InstanceDataStore: new (data: object) => unknown;
};

// The reference console.logs the errors it catches (bad URLs, failed name lookups); the tests
// assert on the verdicts instead.
beforeAll(() => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterAll(() => {
  vi.restoreAllMocks();
});

const origin = fc.oneof(fc.constantFrom('http://localhost:3000', 'https://app.co', 'https://example.com:8443'), fc.webUrl().map((u) => new URL(u).origin));
const scopes = fc.subarray(['store_write', 'publish_data', 'email', 'collection.contacts']);

async function theirVerifyRequest(token: string): Promise<boolean> {
  try {
    return await blockstack.verifyAuthRequest(token);
  } catch {
    return false;
  }
}

/** The identity of the §9.4 phrase: key, address, apps node and salt. */
async function identity0() {
  const root = rootFromSeed(await mnemonicToSeed('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'));
  return getIdentityKeyInfo(root, 0);
}

describe('auth requests against blockstack@21.1.1', () => {
  it('verifies the reference’s requests, and the reference verifies ours', async () => {
    await fc.assert(
      fc.asyncProperty(privateKeyHex, origin, scopes, fc.option(jsonObject, { nil: undefined }), async (transit, domain, scopeList, extra) => {
        const theirs = blockstack.makeAuthRequest(transit, `${domain}/`, `${domain}/manifest.json`, scopeList, domain, IN_A_YEAR, extra);
        expect(verifyAuthRequest(theirs)).toBe(true);
        const ours = makeAuthRequest(transit, { appDomain: domain, scopes: scopeList, expiresAt: IN_A_YEAR, ...(extra ? { extraParams: extra } : {}) });
        expect(await theirVerifyRequest(ours)).toBe(true);
      }),
      RUNS,
    );
  });

  it('signs the same payload bytes given the reference’s jti and iat (extra params first, protocol fields win)', () => {
    fc.assert(
      fc.property(privateKeyHex, origin, scopes, fc.option(jsonObject, { nil: undefined }), (transit, domain, scopeList, extra) => {
        const extraParams = extra ? { ...extra, version: 'overridden?', appDetails: { name: 'App', icon: `${domain}/icon.png` } } : undefined;
        const theirs = blockstack.makeAuthRequest(transit, `${domain}/`, `${domain}/manifest.json`, scopeList, domain, IN_A_YEAR, extraParams);
        const { jti, iat } = decodeToken(theirs).payload as { jti: string; iat: number };
        const ours = makeAuthRequest(transit, { appDomain: domain, scopes: scopeList, expiresAt: IN_A_YEAR, jti, iat, ...(extraParams ? { extraParams } : {}) });
        expect(ours.split('.').slice(0, 2)).toEqual(theirs.split('.').slice(0, 2));
      }),
      RUNS,
    );
  });

  it('rejects the same bad requests', async () => {
    const pub = getPublicKeyFromPrivate(TRANSIT_KEY);
    const now = Math.floor(Date.now() / 1000);
    const base = {
      jti: '00000000-0000-4000-8000-000000000000', iat: now, exp: now + 3600, iss: `did:btc-addr:${publicKeyToAddress(pub)}`, public_keys: [pub],
      domain_name: 'http://localhost:3000', manifest_uri: 'http://localhost:3000/manifest.json', redirect_uri: 'http://localhost:3000',
      version: '1.3.1', do_not_include_profile: true, supports_hub_url: true, scopes: ['store_write'],
    };
    const other = getPublicKeyFromPrivate('6dad38fa92add38d913bdfb2e646ef4ce2a50a2f39853f848a792835626a5690');
    const cases: Record<string, string> = {
      good: signToken(base, TRANSIT_KEY),
      expired: signToken({ ...base, exp: now - 10 }, TRANSIT_KEY),
      'issued in the future': signToken({ ...base, iat: now + 3600 }, TRANSIT_KEY),
      'other issuer': signToken({ ...base, iss: `did:btc-addr:${publicKeyToAddress(other)}` }, TRANSIT_KEY),
      'signed by another key': signToken(base, '6dad38fa92add38d913bdfb2e646ef4ce2a50a2f39853f848a792835626a5690'),
      'redirect to another origin': signToken({ ...base, redirect_uri: 'https://evil.example.com/' }, TRANSIT_KEY),
      'relative manifest': signToken({ ...base, manifest_uri: '/manifest.json' }, TRANSIT_KEY),
      'manifest on another port': signToken({ ...base, manifest_uri: 'http://localhost:3001/manifest.json' }, TRANSIT_KEY),
      'two public keys': signToken({ ...base, public_keys: [pub, other] }, TRANSIT_KEY),
      unsigned: jsontokens.createUnsecuredToken(base),
    };
    const verdicts: Record<string, [boolean, boolean]> = {};
    for (const [name, token] of Object.entries(cases)) verdicts[name] = [verifyAuthRequest(token), await theirVerifyRequest(token)];
    for (const [name, [ours, theirs]] of Object.entries(verdicts)) expect([name, ours]).toEqual([name, theirs]);
    expect(verdicts.good).toEqual([true, true]);
    expect(checkAuthRequest(cases.unsigned!)).toMatchObject({ ok: false });
  });
});

describe('auth responses against blockstack@21.1.1', () => {
  it('the reference app signs in with our response: same app key, identity, hub, association token, profile', async () => {
    const id = await identity0();
    await fc.assert(
      fc.asyncProperty(privateKeyHex, appDomain, jsonObject, fc.boolean(), async (transit, domain, profile, withEmail) => {
        const appPrivateKey = getLegacyAppPrivateKey(id.appsNodeKey, id.salt, domain);
        const associationToken = makeAssociationToken(id.privateKey, getPublicKeyFromPrivate(appPrivateKey));
        const ours = makeAuthResponse(id.privateKey, {
          profile, username: null, appPrivateKey, transitPublicKey: getPublicKeyFromPrivate(transit), expiresAt: IN_A_YEAR,
          hubUrl: 'https://hub.example.org', blockstackAPIUrl: CORE, associationToken, ...(withEmail ? { email: 'alice@example.com' } : {}),
          coreToken: 'legacy-core-token',
        });
        expect(await blockstack.verifyAuthResponse(ours, LOOKUP)).toBe(true);
        const session = new blockstack.UserSession({
          appConfig: new blockstack.AppConfig(['store_write'], 'http://localhost:3000'),
          sessionStore: new InstanceDataStore({ transitKey: transit }),
        } as never);
        const userData = await session.handlePendingSignIn(ours);
        expect(userData).toMatchObject({
          appPrivateKey, identityAddress: id.address, decentralizedID: id.did, hubUrl: 'https://hub.example.org',
          gaiaAssociationToken: associationToken, coreNode: CORE, profile, username: null, email: withEmail ? 'alice@example.com' : null,
          coreSessionToken: 'legacy-core-token',
        });
        // Our own reading of the response agrees field by field.
        const mine = readAuthResponse(ours, { transitPrivateKey: transit });
        for (const key of ['appPrivateKey', 'identityAddress', 'decentralizedID', 'hubUrl', 'gaiaAssociationToken', 'coreNode', 'username', 'email', 'coreSessionToken'] as const) {
          expect([key, mine[key]]).toEqual([key, (userData as unknown as Record<string, unknown>)[key]]);
        }
      }),
      { numRuns: 8 },
    );
  });

  it('the reference app fetches the profile from our profile_url when the response has none', async () => {
    const id = await identity0();
    const url = `https://gaia.example.org/hub/${id.address}/profile.json`;
    const claim = { '@type': 'Person', '@context': 'http://schema.org', name: 'Alice' };
    const token = makeAuthResponse(id.privateKey, {
      profile: null, appPrivateKey: getLegacyAppPrivateKey(id.appsNodeKey, id.salt, 'http://localhost:3000'),
      transitPublicKey: getPublicKeyFromPrivate(TRANSIT_KEY), profileUrl: url,
    });
    const session = new blockstack.UserSession({ appConfig: new blockstack.AppConfig(['store_write'], 'http://localhost:3000'), sessionStore: new InstanceDataStore({ transitKey: TRANSIT_KEY }) } as never);
    const userData = await withFetchStub({ [url]: makeProfileJson([signProfileToken(claim, id.privateKey)]) }, () => session.handlePendingSignIn(token));
    expect(userData.profile).toEqual(claim);
    expect(readAuthResponse(token, { transitPrivateKey: TRANSIT_KEY }).profileUrl).toBe(url);
  });

  it('we verify and read the reference’s responses', async () => {
    const id = await identity0();
    await fc.assert(
      fc.asyncProperty(privateKeyHex, appDomain, jsonObject, async (transit, domain, profile) => {
        const appPrivateKey = getLegacyAppPrivateKey(id.appsNodeKey, id.salt, domain);
        const associationToken = makeAssociationToken(id.privateKey, getPublicKeyFromPrivate(appPrivateKey));
        const theirs = await blockstack.makeAuthResponse(
          `${id.privateKey}01`, profile, '', { email: 'alice@example.com', profileUrl: 'https://gaia.example.org/hub/x/profile.json' }, undefined,
          appPrivateKey, IN_A_YEAR, getPublicKeyFromPrivate(transit), 'https://hub.example.org', CORE, associationToken,
        );
        expect(await verifyAuthResponse(theirs)).toBe(true);
        const data = readAuthResponse(theirs, { transitPrivateKey: transit });
        expect(data).toMatchObject({
          appPrivateKey, identityAddress: id.address, hubUrl: 'https://hub.example.org', gaiaAssociationToken: associationToken,
          coreNode: CORE, profile, email: 'alice@example.com', profileUrl: 'https://gaia.example.org/hub/x/profile.json',
        });
        // Same payload key order as ours.
        const ours = makeAuthResponse(id.privateKey, { profile, appPrivateKey, transitPublicKey: getPublicKeyFromPrivate(transit), associationToken });
        expect(Object.keys(decodeToken(ours).payload)).toEqual(Object.keys(decodeToken(theirs).payload));
      }),
      { numRuns: 8 },
    );
  });

  it('rejects the same bad responses', async () => {
    const id = await identity0();
    const now = Math.floor(Date.now() / 1000);
    const good = decodeToken(makeAuthResponse(id.privateKey, { appPrivateKey: APP_FOR_REJECTIONS, transitPublicKey: getPublicKeyFromPrivate(TRANSIT_KEY) })).payload;
    const other = getPublicKeyFromPrivate(TRANSIT_KEY);
    const cases: Record<string, string> = {
      good: signToken(good, id.privateKey),
      expired: signToken({ ...good, exp: now - 10 }, id.privateKey),
      'issued in the future': signToken({ ...good, iat: now + 3600 }, id.privateKey),
      'other issuer': signToken({ ...good, iss: `did:btc-addr:${publicKeyToAddress(other)}` }, id.privateKey),
      'signed by another key': signToken(good, TRANSIT_KEY),
      'two public keys': signToken({ ...good, public_keys: [id.publicKey, other] }, id.privateKey),
      'no public keys': signToken({ ...good, public_keys: [] }, id.privateKey),
    };
    for (const [name, token] of Object.entries(cases)) {
      const theirs = await blockstack.verifyAuthResponse(token, LOOKUP).catch(() => false);
      expect([name, await verifyAuthResponse(token)]).toEqual([name, theirs]);
      expect([name, theirs]).toEqual([name, name === 'good']);
    }
    expect(await verifyAuthResponse(cases.good!)).toBe(true);
  });

  it('both fall back to a raw hex private_key (pre-1.1 authenticators) when it does not decrypt', async () => {
    const id = await identity0();
    const raw = makeAuthResponse(id.privateKey, { appPrivateKey: APP_FOR_REJECTIONS });
    expect(decodeToken(raw).payload.private_key).toBe(APP_FOR_REJECTIONS);
    const session = new blockstack.UserSession({ appConfig: new blockstack.AppConfig(['store_write'], 'http://localhost:3000'), sessionStore: new InstanceDataStore({ transitKey: TRANSIT_KEY }) } as never);
    expect((await session.handlePendingSignIn(raw)).appPrivateKey).toBe(APP_FOR_REJECTIONS);
    expect(readAuthResponse(raw, { transitPrivateKey: TRANSIT_KEY }).appPrivateKey).toBe(APP_FOR_REJECTIONS);
  });

  it('checks a claimed username against the name owner the same way (Core lookup stubbed)', async () => {
    const id = await identity0();
    const app = getLegacyAppPrivateKey(id.appsNodeKey, id.salt, 'http://localhost:3000');
    const token = makeAuthResponse(id.privateKey, { username: 'alice.id', appPrivateKey: app, transitPublicKey: getPublicKeyFromPrivate(TRANSIT_KEY) });
    for (const owner of [id.address, '1NZNxhoxobqwsNvTb16pdeiqvFvce3Yg8U']) {
      const record = JSON.stringify({ address: owner, zonefile: '', status: 'registered' });
      const theirs = await withFetchStub({ [`${LOOKUP}/alice.id`]: record }, () => blockstack.verifyAuthResponse(token, LOOKUP));
      const ours = await verifyAuthResponse(token, { nameLookup: async () => JSON.parse(record) as unknown });
      expect([owner, ours]).toEqual([owner, theirs]);
      expect(ours).toBe(owner === id.address);
    }
    // Lookup failure: both say no.
    const theirs = await withFetch(() => new Response('nope', { status: 500 }), () => blockstack.verifyAuthResponse(token, LOOKUP));
    expect(theirs).toBe(false);
    expect(await verifyAuthResponse(token, { nameLookup: async () => { throw new Error('down'); } })).toBe(false);
  });

  it('transports the app private key both ways (hex of the ECIES JSON)', async () => {
    await fc.assert(
      fc.asyncProperty(privateKeyHex, privateKeyHex, async (transit, appKey) => {
        const transitPub = getPublicKeyFromPrivate(transit);
        expect(await authMessages.decryptPrivateKey(transit, encryptPrivateKey(transitPub, appKey))).toBe(appKey);
        expect(decryptPrivateKey(transit, await authMessages.encryptPrivateKey(transitPub, appKey))).toBe(appKey);
      }),
      RUNS,
    );
  });
});

describe('auth helpers against blockstack@21.1.1', () => {
  it('isLaterVersion agrees on any pair of version strings (quirks included)', () => {
    const part = fc.oneof(fc.nat({ max: 12 }).map(String), fc.constantFrom('', 'x', '01', '1a'));
    const version = fc.array(part, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.'));
    for (const [a, b] of [['1.3.1', '1.3.0'], ['1.10.0', '1.3.0'], ['2.0.0', '1.3.0'], ['1.2.0', '1.1.0']]) {
      expect(isLaterVersion(a, b)).toBe(blockstack.isLaterVersion(a!, b!));
    }
    expect(isLaterVersion(undefined, '1.1.0')).toBe(blockstack.isLaterVersion(undefined as unknown as string, '1.1.0'));
    fc.assert(fc.property(version, version, (a, b) => {
      expect([a, b, isLaterVersion(a, b)]).toEqual([a, b, blockstack.isLaterVersion(a, b)]);
    }), { numRuns: 1000 });
  });

  it('isSameOriginAbsoluteUrl agrees on any pair of URLs', () => {
    const url = fc.oneof(
      fc.webUrl(),
      fc.constantFrom('http://localhost:3000', 'http://localhost:3000/manifest.json', 'https://a.com', 'https://a.com:443/x', 'http://a.com/x', '/x', 'https://a.com:0/', 'HTTPS://A.COM/', 'blockstack:abc', 'http://a.com:80'),
    );
    fc.assert(fc.property(url, url, (a, b) => {
      expect([a, b, isSameOriginAbsoluteUrl(a, b)]).toEqual([a, b, blockstack.isSameOriginAbsoluteUrl(a, b)]);
    }), { numRuns: 1000 });
  });

  it('updateQueryStringParameter agrees (values without $ patterns)', () => {
    const uri = fc.oneof(fc.webUrl({ withQueryParameters: true }), fc.constantFrom('http://localhost:3000/?a=1', 'http://localhost:3000/?authResponse=old&x=2', 'http://x/?AUTHRESPONSE=old'));
    const value = fc.stringMatching(/^[A-Za-z0-9._~-]{0,40}$/);
    fc.assert(
      fc.property(uri, fc.constantFrom('authResponse', 'authRequest', 'a', 'x'), value, (u, key, v) => {
        expect(updateQueryStringParameter(u, key, v)).toBe(blockstack.updateQueryStringParameter(u, key, v));
      }),
      { numRuns: 500 },
    );
  });

  it('getAuthRequestFromURL reads the same token as the reference (from window.location)', () => {
    const token = blockstack.makeAuthRequest(TRANSIT_KEY, 'http://localhost:3000/', 'http://localhost:3000/manifest.json', ['store_write'], 'http://localhost:3000', IN_A_YEAR);
    const g = globalThis as { location?: unknown };
    for (const search of [`?authRequest=${token}`, `?authRequest=blockstack:${token}&echo=abc`, '?other=1', '']) {
      const previous = g.location;
      g.location = { search, href: `http://localhost:8888/auth${search}` };
      try {
        expect(getAuthRequestFromURL(`http://localhost:8888/auth${search}`)).toBe(blockstack.getAuthRequestFromURL());
      } finally {
        g.location = previous;
      }
    }
  });
});
