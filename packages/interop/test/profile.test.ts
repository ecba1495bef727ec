import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  decodeToken, extractProfile, getPublicKeyFromPrivate, getUncompressedPublicKeyFromPrivate, InvalidInputError, makeProfileJson,
  parseProfileJson, personFromLegacyFormat, getPersonFromLegacyFormat, publicKeyToAddress, signProfileToken, signToken,
  validatePersonSchema, validateProfileSchema,
  verifyProfileToken, wrapProfileToken,
} from '@bsk/crypto';
import { blockstack } from '../src/reference.js';
import { jsonObject, privateKeyHex, RUNS } from './support/arbitraries.js';

// The reference client is slow, and a shared 2-core machine can be slower still.
vi.setConfig({ testTimeout: 120_000 });

// auth-and-storage.md §5.1, §5.2, §5.5 (legacy profiles) and §9.7, against blockstack@21.1.1.
const IDENTITY_KEY = '6dad38fa92add38d913bdfb2e646ef4ce2a50a2f39853f848a792835626a5690';
const IDENTITY_ADDRESS = '1NBsnVpx9SVD88MxC7tPUE6xxuWt1wigyL';
const ISSUED = new Date('2020-01-01T00:00:00.000Z');
const EXPIRES = new Date('2100-01-01T00:00:00.000Z');
const CLAIM = {
  '@type': 'Person',
  '@context': 'http://schema.org',
  name: 'Alice',
  description: 'test',
  image: [{ '@type': 'ImageObject', name: 'avatar', contentUrl: 'https://example.com/a.png' }],
  account: [{ '@type': 'Account', service: 'twitter', identifier: 'alice', proofType: 'http', proofUrl: 'https://twitter.com/alice/status/1' }],
  apps: { 'http://localhost:3000': 'https://gaia.blockstack.org/hub/14bX6Q1wfNijvHSEXXVdjCdYYvhScP4Hbb/' },
  api: { gaiaHubConfig: { url_prefix: 'https://gaia.blockstack.org/hub/' }, gaiaHubUrl: 'https://hub.blockstack.org' },
};
/** blockstack.js tests/testData/token-files/ryan_apr20.json: 2016 header order, issuedAt/expiresAt. */
const RYAN_APR20 = 'eyJhbGciOiJFUzI1NksiLCJ0eXAiOiJKV1QifQ.eyJpc3N1ZWRBdCI6IjIwMTYtMDQtMjBUMTI6MjU6MTQuNDUzNzM0IiwiY2xhaW0iOnsiYWNjb3VudCI6W10sImFjY291bnRzIjpbXSwiQHR5cGUiOiJQZXJzb24iLCJpbWFnZSI6W3siY29udGVudFVybCI6Imh0dHBzOi8vczMuYW1hem9uYXdzLmNvbS85N3AvcnYxLmpwZWciLCJAdHlwZSI6IkltYWdlT2JqZWN0IiwibmFtZSI6ImNvdmVyIn0seyJjb250ZW50VXJsIjoiaHR0cHM6Ly9zMy5hbWF6b25hd3MuY29tL2tkNC9yeWFuX2FwcjIwIiwiQHR5cGUiOiJJbWFnZU9iamVjdCIsIm5hbWUiOiJhdmF0YXIifV0sIm5hbWUiOiJSeWFuIFNoZWEifSwiZXhwaXJlc0F0IjoiMjAxNy0wNC0yMFQxMjoyNToxNC40NTM3MzQiLCJpc3N1ZXIiOnsicHVibGljS2V5IjoiMDI0MTNkN2M1MTExODEwNGNmZTFiNDFlNTQwYjZjMmFjYWFmOTFmMWUyZTIyMzE2ZGY3NDQ4ZmI2MDcwZDU4MmVjIn0sInN1YmplY3QiOnsicHVibGljS2V5IjoiMDI0MTNkN2M1MTExODEwNGNmZTFiNDFlNTQwYjZjMmFjYWFmOTFmMWUyZTIyMzE2ZGY3NDQ4ZmI2MDcwZDU4MmVjIn19.Xj3z975ccW6oxbrlm_YsdGNreuzERRxPoj0DyyJ9vygMYfUjsTQGcxsejmkSPYafTFd6TNIbNBTquutOKZvmBA';

/** The reference throws where we return a value; both reduced to "verifies or not". */
function theirsVerifies(token: string, publicKeyOrAddress: string): boolean {
  try {
    blockstack.verifyProfileToken(token, publicKeyOrAddress);
    return true;
  } catch {
    return false;
  }
}

/** Every value that must verify a token issued by `priv`: the key and both of its addresses (§5.2). */
function verifyingValues(priv: string): string[] {
  const pub = getPublicKeyFromPrivate(priv);
  return [pub, publicKeyToAddress(pub), publicKeyToAddress(getUncompressedPublicKeyFromPrivate(priv))];
}

const claim = fc.oneof(jsonObject, fc.constant(CLAIM as Record<string, unknown>));

describe('profile tokens against blockstack@21.1.1', () => {
  it('signs the same §9.7 header and payload given the reference’s jti, and both verify both tokens', () => {
    const theirs = blockstack.signProfileToken(CLAIM, IDENTITY_KEY, undefined, undefined, 'ES256K', ISSUED, EXPIRES);
    const jti = (decodeToken(theirs).payload as { jti: string }).jti;
    expect(jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const ours = signProfileToken(CLAIM, IDENTITY_KEY, undefined, undefined, 'ES256K', ISSUED, EXPIRES, { jti });
    expect(ours.split('.').slice(0, 2)).toEqual(theirs.split('.').slice(0, 2));
    for (const value of verifyingValues(IDENTITY_KEY)) {
      expect(verifyProfileToken(theirs, value).ok).toBe(true);
      expect(theirsVerifies(ours, value)).toBe(true);
    }
    expect(verifyingValues(IDENTITY_KEY)[1]).toBe(IDENTITY_ADDRESS);
  });

  it('verifies the reference’s tokens with ours, for any key and claim, against the key and both addresses', () => {
    fc.assert(
      fc.property(privateKeyHex, claim, (priv, profile) => {
        const theirs = blockstack.signProfileToken(profile, priv);
        for (const value of verifyingValues(priv)) expect(verifyProfileToken(theirs, value).ok).toBe(true);
        expect(extractProfile(theirs, publicKeyToAddress(getPublicKeyFromPrivate(priv)))).toEqual(profile);
      }),
      RUNS,
    );
  });

  it('makes tokens the reference verifies and extracts, byte-identical up to jti and S', () => {
    fc.assert(
      fc.property(privateKeyHex, claim, (priv, profile) => {
        const ours = signProfileToken(profile, priv, undefined, undefined, 'ES256K', ISSUED, EXPIRES);
        for (const value of verifyingValues(priv)) expect(theirsVerifies(ours, value)).toBe(true);
        expect(blockstack.extractProfile(ours, getPublicKeyFromPrivate(priv))).toEqual(profile);
        const jti = (decodeToken(ours).payload as { jti: string }).jti;
        const theirs = blockstack.signProfileToken(profile, priv, undefined, undefined, 'ES256K', ISSUED, EXPIRES);
        const theirsWithOurJti = signProfileToken(profile, priv, undefined, undefined, 'ES256K', ISSUED, EXPIRES, { jti: (decodeToken(theirs).payload as { jti: string }).jti });
        expect(theirsWithOurJti.split('.').slice(0, 2)).toEqual(theirs.split('.').slice(0, 2));
        expect(jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      }),
      RUNS,
    );
  });

  it('passes explicit subject and issuer through the same way (the Browser passes subject {publicKey: keyID})', () => {
    const pub = getPublicKeyFromPrivate(IDENTITY_KEY);
    const subject = { publicKey: pub, extra: 'kept' };
    const theirs = blockstack.signProfileToken(CLAIM, IDENTITY_KEY, subject, undefined, 'ES256K', ISSUED, EXPIRES);
    const jti = (decodeToken(theirs).payload as { jti: string }).jti;
    const ours = signProfileToken(CLAIM, IDENTITY_KEY, subject, undefined, 'ES256K', ISSUED, EXPIRES, { jti });
    expect(ours.split('.')[1]).toBe(theirs.split('.')[1]);
  });

  it('wraps and decodes tokens identically (profile.json elements)', () => {
    fc.assert(
      fc.property(privateKeyHex, claim, fc.boolean(), (priv, profile, oursSigns) => {
        const token = oursSigns ? signProfileToken(profile, priv) : blockstack.signProfileToken(profile, priv);
        expect(JSON.stringify(wrapProfileToken(token))).toBe(JSON.stringify(blockstack.wrapProfileToken(token)));
        expect(JSON.parse(makeProfileJson([token]))).toEqual([blockstack.wrapProfileToken(token)]);
        expect(makeProfileJson([token])).toBe(JSON.stringify([blockstack.wrapProfileToken(token)], null, 2));
        expect(parseProfileJson(JSON.stringify([blockstack.wrapProfileToken(token)]))[0]!.token).toBe(token);
        expect(extractProfile(token)).toEqual(blockstack.extractProfile(token));
      }),
      RUNS,
    );
  });

  it('verifies the 2016 token (ryan_apr20) on both sides, against the key and both addresses', () => {
    const pub = '02413d7c51118104cfe1b41e540b6c2acaaf91f1e2e22316df7448fb6070d582ec';
    for (const value of [pub, '1BTku19roxQs2d54kbYKVTv21oBCuHEApF', '12wes6TQpDF2j8zqvAbXV9KNCGQVF2y7G5']) {
      expect(verifyProfileToken(RYAN_APR20, value).ok).toBe(true);
      expect(theirsVerifies(RYAN_APR20, value)).toBe(true);
    }
    expect(extractProfile(RYAN_APR20, pub)).toEqual(blockstack.extractProfile(RYAN_APR20, pub));
  });

  it('accepts the same header algorithms: ES256K in any case, nothing else', () => {
    const pub = getPublicKeyFromPrivate(IDENTITY_KEY);
    const payload = { jti: 'x', iat: ISSUED.toISOString(), exp: EXPIRES.toISOString(), subject: { publicKey: pub }, issuer: { publicKey: pub }, claim: CLAIM };
    for (const header of [{ typ: 'JWT', alg: 'ES256K' }, { typ: 'JWT', alg: 'es256k' }, { alg: 'Es256K' }, { typ: 'JWT', alg: 'HS256' }, { typ: 'JWT', alg: 'none' }, { typ: 'JWT', alg: '' }, { typ: 'JWT' }]) {
      const token = signToken(payload, IDENTITY_KEY, header);
      expect([header, verifyProfileToken(token, pub).ok]).toEqual([header, theirsVerifies(token, pub)]);
    }
  });

  it('rejects the same tokens, with the reference’s messages', () => {
    const pub = getPublicKeyFromPrivate(IDENTITY_KEY);
    const other = getPublicKeyFromPrivate('a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229');
    const good = signProfileToken(CLAIM, IDENTITY_KEY);
    const [h, p] = good.split('.');
    const cases: [string, string][] = [
      [signToken({ issuer: { publicKey: pub }, claim: {} }, IDENTITY_KEY), pub],
      [signToken({ subject: {}, issuer: { publicKey: pub }, claim: {} }, IDENTITY_KEY), pub],
      [signToken({ subject: { publicKey: pub }, claim: {} }, IDENTITY_KEY), pub],
      [signToken({ subject: { publicKey: pub }, issuer: {}, claim: {} }, IDENTITY_KEY), pub],
      [signToken({ subject: { publicKey: pub }, issuer: { publicKey: pub } }, IDENTITY_KEY), pub],
      [good, other],
      [good, publicKeyToAddress(other)],
      [signProfileToken(CLAIM, 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229', undefined, { publicKey: pub }), pub],
      [`${h}.${p}.${signProfileToken(CLAIM, IDENTITY_KEY).split('.')[2]}`, pub],
    ];
    for (const [token, value] of cases) {
      let theirMessage: string | undefined;
      try {
        blockstack.verifyProfileToken(token, value);
      } catch (e) {
        theirMessage = (e as Error).message;
      }
      const ours = verifyProfileToken(token, value);
      expect(ours.ok).toBe(false);
      expect(theirMessage).toBeDefined();
      expect(ours.ok ? undefined : ours.message).toBe(theirMessage);
      expect(() => extractProfile(token, value)).toThrow(InvalidInputError);
    }
  });
});

/** Legacy v0.2 ("openname") profiles as name zone files held them before 2017 (§5.5 point 3). */
const text = fc.oneof(fc.constantFrom('', 'Ryan Shea', 'https://example.com/x.png'), fc.string({ unit: 'grapheme', maxLength: 12 }));
const loose = fc.oneof(text, fc.jsonValue({ maxDepth: 1 }));
const withProof = fc.record({ username: loose, proof: fc.option(fc.record({ url: loose }, { requiredKeys: [] }), { nil: undefined }) }, { requiredKeys: [] });
const legacyProfile = fc.record(
  {
    name: fc.record({ formatted: loose }, { requiredKeys: [] }),
    bio: loose,
    location: fc.record({ formatted: loose }, { requiredKeys: [] }),
    avatar: fc.record({ url: loose }, { requiredKeys: [] }),
    cover: fc.record({ url: loose }, { requiredKeys: [] }),
    website: loose,
    bitcoin: fc.record({ address: loose }, { requiredKeys: [] }),
    twitter: withProof,
    facebook: withProof,
    github: withProof,
    auth: fc.array(fc.oneof(fc.record({ publicKeychain: loose }, { requiredKeys: [] }), fc.constant(null)), { maxLength: 2 }),
    pgp: fc.record({ url: loose, fingerprint: loose }, { requiredKeys: [] }),
    v: fc.constant('0.2'),
  },
  { requiredKeys: [] },
);

describe('legacy profile conversion against blockstack@21.1.1', () => {
  it('converts the blockstack.js test profile identically', () => {
    const legacy = {
      name: { formatted: 'Ryan Shea' }, bio: 'Co-founder of Blockstack', location: { formatted: 'New York, NY' },
      avatar: { url: 'https://s3.amazonaws.com/kd4/ryan' }, cover: { url: 'https://s3.amazonaws.com/dx3/ryan' },
      website: 'https://shea.io', bitcoin: { address: '14zHpYa8Z9p7J2Z9j5B5nX1Ysn3uHYnSNc' },
      twitter: { username: 'ryaneshea', proof: { url: 'https://twitter.com/ryaneshea/status/597815798850269184' } },
      facebook: { username: 'ryaneshea', proof: { url: 'https://facebook.com/ryaneshea/posts/10153086767027713' } },
      github: { username: 'shea256', proof: { url: 'https://gist.github.com/shea256/8920fd8da3d9e2b3b5d9' } },
      auth: [{ publicKeychain: 'xpub661MyMwAqRbcFQVrQr4Q4kPjaP4JjWaf39fBVKjPdK6oGBayE46GAmKzo5UDPQdLSM9DufZiP8eauy56XNuHicBySvZp7J5wsyQVpi2axzZ' }],
      pgp: { url: 'https://s3.amazonaws.com/pk9/ryan', fingerprint: '1E4329E6634C75730D4D88C0638F2769D55B9837' },
      v: '0.2',
    };
    expect(JSON.stringify(personFromLegacyFormat(legacy))).toBe(JSON.stringify(blockstack.Person.fromLegacyFormat(legacy).profile()));
  });

  it('converts any legacy-shaped object identically, key order included', () => {
    fc.assert(
      fc.property(legacyProfile, (legacy) => {
        const theirs = blockstack.Person.fromLegacyFormat(legacy).profile();
        expect(JSON.stringify(personFromLegacyFormat(legacy))).toBe(JSON.stringify(theirs));
        const { '@context': _context, ...withoutContext } = theirs as Record<string, unknown>;
        expect(JSON.stringify(getPersonFromLegacyFormat(legacy))).toBe(JSON.stringify(withoutContext));
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * Person-shaped objects: a well-formed Person (with or without a non-schema `apps` field, which only
 * strict mode refuses), then zero to two corruptions, each replacing a field at the top level or
 * inside a list item / the address with a value of the wrong type, or deleting it.
 */
const wrong = fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}), fc.constant('text'), fc.constant(undefined));
const str = fc.string({ maxLength: 8 });
const item = (fields: Record<string, fc.Arbitrary<unknown>>) => fc.record({ '@type': str, ...fields }, { requiredKeys: ['@type'], noNullPrototype: true });
const list = (fields: Record<string, fc.Arbitrary<unknown>>) => fc.array(item(fields), { minLength: 1, maxLength: 2 });
const wellFormedPerson = fc.record(
  {
    '@context': str, '@type': str, '@id': str, name: str, givenName: str, familyName: str, description: str,
    image: list({ name: str, contentUrl: str }),
    website: list({ url: str }),
    account: list({ service: str, identifier: str, proofType: str, proofUrl: str, proofMessage: str, proofSignature: str }),
    worksFor: list({ '@id': str }),
    knows: list({ '@id': str }),
    address: item({ streetAddress: str, addressLocality: str, postalCode: str, addressCountry: str }),
    birthDate: str, taxID: str, apps: fc.constant({ 'https://app.co': 'https://gaia.blockstack.org/hub/1Abc/' }),
  },
  { requiredKeys: ['@type'], noNullPrototype: true },
);
const corruption = fc.tuple(fc.nat(), fc.nat(), fc.nat(), wrong);
const personish = fc.tuple(wellFormedPerson, fc.array(corruption, { maxLength: 2 })).map(([person, corruptions]) => {
  const out = structuredClone(person) as Record<string, unknown>;
  for (const [a, b, c, value] of corruptions) {
    const keys = Object.keys(out);
    const key = keys[a % keys.length]!;
    const target = out[key];
    // Half the time go one level down (into a list item or the address), when there is one.
    const inner = Array.isArray(target) ? target[0] : target;
    if (b % 2 === 0 && typeof inner === 'object' && inner !== null) {
      const innerKeys = Object.keys(inner);
      (inner as Record<string, unknown>)[innerKeys[c % innerKeys.length]!] = value;
    } else {
      out[key] = value;
    }
  }
  return out;
});

describe('profile schema validation against blockstack@21.1.1 (schema-inspector)', () => {
  it('accepts and rejects the same Person objects, loose and strict', () => {
    const Profile = (blockstack.Person as unknown as { validateSchema(p: unknown, strict?: boolean): { valid: boolean } });
    const BaseProfile = (blockstack.Profile as unknown as { validateSchema(p: unknown, strict?: boolean): { valid: boolean } });
    const seen = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(personish, fc.boolean(), (profile, strict) => {
        const verdict = Profile.validateSchema(profile, strict).valid;
        seen[verdict ? 'valid' : 'invalid']++;
        expect(validatePersonSchema(profile, strict).valid).toBe(verdict);
        expect(validateProfileSchema(profile, strict).valid).toBe(BaseProfile.validateSchema(profile, strict).valid);
      }),
      { numRuns: 1000 },
    );
    // Both verdicts occur, so the agreement is not vacuous.
    expect(seen.valid).toBeGreaterThan(50);
    expect(seen.invalid).toBeGreaterThan(50);
    expect(validatePersonSchema(CLAIM).valid).toBe(true);
  });
});
