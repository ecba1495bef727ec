import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  extractProfileFromProfileJson, getPublicKeyFromPrivate, getTokenFileUrlFromZoneFile, makeProfileJson, makeProfileZoneFile,
  parseZoneFileOrLegacy, personFromLegacyFormat, publicKeyToAddress, signProfileToken,
} from '@bsk/crypto';
import { blockstack } from '../src/reference.js';
import { withFetchStub } from './support/fetch-stub.js';
import { jsonObject, privateKeyHex } from './support/arbitraries.js';

// The reference client is slow, and a shared 2-core machine can be slower still.
vi.setConfig({ testTimeout: 120_000 });

// auth-and-storage.md §5.3–§5.5: name → zone file → profile.json → verified profile. The reference's
// resolveZoneFileToProfile reads what we publish, and we read what it publishes (fetch is stubbed).
const RUNS = { numRuns: 15 } as const;
const name = fc.constantFrom('alice.id', 'bob.id.blockstack', 'satoshi.id');

/** Our side of resolveZoneFileToProfile: zone file or legacy JSON, then the first token, verified. */
function ourResolve(zoneFileText: string, ownerAddress: string, files: Record<string, string>): unknown {
  const parsed = parseZoneFileOrLegacy(zoneFileText);
  if (parsed.kind === 'legacy') return personFromLegacyFormat(parsed.profile);
  if (parsed.kind !== 'zonefile') throw new Error(parsed.reason);
  const url = getTokenFileUrlFromZoneFile(parsed.zoneFile);
  if (url === null) return {};
  return extractProfileFromProfileJson(files[url]!, ownerAddress);
}

describe('profile resolution across implementations', () => {
  it('the reference resolves the profile we publish (our zone file, our profile.json)', async () => {
    await fc.assert(
      fc.asyncProperty(privateKeyHex, name, jsonObject, async (priv, origin, claim) => {
        const owner = publicKeyToAddress(getPublicKeyFromPrivate(priv));
        const url = `https://gaia.blockstack.org/hub/${owner}/profile.json`;
        const files = { [url]: makeProfileJson([signProfileToken(claim, priv)]) };
        const zoneFileText = makeProfileZoneFile(origin, url);
        const theirs = await withFetchStub(files, () => blockstack.resolveZoneFileToProfile(zoneFileText, owner));
        expect(theirs).toEqual(claim);
        expect(ourResolve(zoneFileText, owner, files)).toEqual(claim);
      }),
      RUNS,
    );
  });

  it('we resolve the profile the reference publishes (its zone file, its wrapped token)', async () => {
    await fc.assert(
      fc.asyncProperty(privateKeyHex, name, jsonObject, async (priv, origin, claim) => {
        const owner = publicKeyToAddress(getPublicKeyFromPrivate(priv));
        const url = `https://gaia.blockstack.org/hub/${owner}/profile.json`;
        const files = { [url]: JSON.stringify([blockstack.wrapProfileToken(blockstack.signProfileToken(claim, priv))], null, 2) };
        const zoneFileText = blockstack.makeProfileZoneFile(origin, url);
        expect(ourResolve(zoneFileText, owner, files)).toEqual(claim);
        expect(await withFetchStub(files, () => blockstack.resolveZoneFileToProfile(zoneFileText, owner))).toEqual(claim);
      }),
      RUNS,
    );
  });

  it('the reference’s lookupProfile resolves a name whose Core record, zone file and profile we made', async () => {
    await fc.assert(
      fc.asyncProperty(privateKeyHex, name, jsonObject, async (priv, origin, claim) => {
        const owner = publicKeyToAddress(getPublicKeyFromPrivate(priv));
        const url = `https://gaia.blockstack.org/hub/${owner}/profile.json`;
        const core = 'https://core.example.org/v1/names';
        const routes = {
          [`${core}/${origin}`]: JSON.stringify({ address: owner, zonefile: makeProfileZoneFile(origin, url), status: 'registered' }),
          [url]: makeProfileJson([signProfileToken(claim, priv)]),
        };
        expect(await withFetchStub(routes, () => blockstack.lookupProfile(origin, core))).toEqual(claim);
      }),
      { numRuns: 8 },
    );
  });

  it('both refuse a profile signed by someone other than the owner', async () => {
    const owner = publicKeyToAddress(getPublicKeyFromPrivate('6dad38fa92add38d913bdfb2e646ef4ce2a50a2f39853f848a792835626a5690'));
    const url = 'https://example.com/p.json';
    const files = { [url]: makeProfileJson([signProfileToken({ '@type': 'Person' }, 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229')]) };
    const zoneFileText = makeProfileZoneFile('alice.id', url);
    await expect(withFetchStub(files, () => blockstack.resolveZoneFileToProfile(zoneFileText, owner))).rejects.toThrow(/does not match/);
    expect(() => ourResolve(zoneFileText, owner, files)).toThrow(/does not match/);
  });

  it('resolves a zone file without a URI record to {} on both sides', async () => {
    const zoneFileText = '$ORIGIN alice.id\n$TTL 3600\n@ IN TXT "hello"\n';
    expect(await withFetchStub({}, () => blockstack.resolveZoneFileToProfile(zoneFileText, '1NBsnVpx9SVD88MxC7tPUE6xxuWt1wigyL'))).toEqual({});
    expect(ourResolve(zoneFileText, '1NBsnVpx9SVD88MxC7tPUE6xxuWt1wigyL', {})).toEqual({});
  });

  it('converts a legacy JSON "zone file" to the same Person on both sides', async () => {
    const legacy = JSON.stringify({
      name: { formatted: 'Muneeb Ali' }, bio: 'Blockstack', avatar: { url: 'https://example.com/m.png' }, website: 'https://muneebali.com',
      twitter: { username: 'muneeb', proof: { url: 'https://twitter.com/muneeb/status/1' } }, bitcoin: { address: '1Ecn2MPqHR6AYAnd7NVL5RgAj2x3AjDp3e' }, v: '0.2',
    });
    const theirs = await withFetchStub({}, () => blockstack.resolveZoneFileToProfile(legacy, '1Ecn2MPqHR6AYAnd7NVL5RgAj2x3AjDp3e'));
    expect(JSON.stringify(ourResolve(legacy, '1Ecn2MPqHR6AYAnd7NVL5RgAj2x3AjDp3e', {}))).toBe(JSON.stringify(theirs));
  });
});
