import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '@bsk/crypto';
import { appRequestSupportsDirectHub, decodeToken, getAuthRequestFeatures, makeAuthRequest, validateAuthScopes } from '@bsk/crypto';

const TRANSIT_KEY = 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229';
const TRANSIT_PUB = '027d28f9951ce46538951e3697c62588a87f1f1f295de4a14fdd4c780fc52cfe69';

describe('what a response may contain, from the request (§1.6, Browser rules)', () => {
  it('a 21.x request gets everything', () => {
    const payload = decodeToken(makeAuthRequest(TRANSIT_KEY, { appDomain: 'https://app.example.com', scopes: ['store_write', 'email'] })).payload;
    expect(getAuthRequestFeatures(payload)).toEqual({
      transitPublicKey: TRANSIT_PUB, includeProfile: false, sendHubUrl: true, sendBlockstackAPIUrl: true, sendAssociationToken: true,
      scopesValid: true, wantsEmail: true, wantsPublishData: false, wantsStoreWrite: true,
    });
  });
  it('version gates: 1.0 sends the key in clear, 1.1 encrypts, 1.2 adds the hub, 1.3 the API URL and association token', () => {
    const at = (version: string | undefined, extra: Record<string, unknown> = {}) =>
      getAuthRequestFeatures({ public_keys: [TRANSIT_PUB], scopes: ['store_write'], ...(version === undefined ? {} : { version }), ...extra });
    expect(at(undefined)).toMatchObject({ transitPublicKey: null, sendHubUrl: false, sendAssociationToken: false, includeProfile: true });
    expect(at('1.1.0')).toMatchObject({ transitPublicKey: TRANSIT_PUB, sendHubUrl: false, sendBlockstackAPIUrl: false });
    expect(at('1.1.0', { supports_hub_url: true })).toMatchObject({ sendHubUrl: true });
    expect(at('1.2.0')).toMatchObject({ sendHubUrl: true, sendBlockstackAPIUrl: false });
    expect(at('1.3.0')).toMatchObject({ sendHubUrl: true, sendBlockstackAPIUrl: true, sendAssociationToken: true });
    // The isLaterVersion quirk: a "2.0.0" request is treated as old.
    expect(at('2.0.0')).toMatchObject({ transitPublicKey: null, sendAssociationToken: false });
    expect(appRequestSupportsDirectHub({ version: '1.2.0' })).toBe(true);
  });
  it('scope lists as the Browser validates them', () => {
    expect(validateAuthScopes(undefined)).toBe(false);
    expect(validateAuthScopes([])).toBe(true);
    expect(validateAuthScopes(['store_write', 'collection.contact'])).toBe(true);
    expect(validateAuthScopes(['store_write', 'admin'])).toBe(false);
  });
  it('never throws on any payload', () => {
    fc.assert(fc.property(fc.dictionary(fc.constantFrom('version', 'public_keys', 'scopes', 'supports_hub_url', 'do_not_include_profile', 'x'), fc.jsonValue()), (payload) => {
      const features = getAuthRequestFeatures(payload as JsonObject);
      expect(typeof features.scopesValid).toBe('boolean');
      expect(features.transitPublicKey === null || typeof features.transitPublicKey === 'string').toBe(true);
    }));
  });
});
