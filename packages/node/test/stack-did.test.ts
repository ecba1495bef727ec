import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEVNET, MAINNET } from '@bsk/bns';
import { NETWORKS, decodeAddress, getPublicKeyFromPrivate, hashToAddress, publicKeyToAddress, scriptToP2SHAddress } from '@bsk/crypto';
import { makeSubdomainDid, parseStackDid } from '../src/profiles/stack-did.js';

/*
 * did:stack:v0 DIDs (bns.md §9.2, util.py make_DID/parse_DID): subdomain DIDs re-encode the owner's
 * hash with version 63/50 (mainnet) or 127/142 (test networks); names keep the address as it is.
 */

const key = '01'.repeat(32);
const single = publicKeyToAddress(getPublicKeyFromPrivate(key));
const multisig = scriptToP2SHAddress('51');

describe('subdomain DIDs', () => {
  it('use the S… and M… versions on mainnet, 127 and 142 on the test networks', () => {
    const did = makeSubdomainDid(MAINNET, single, 3);
    expect(did).toMatch(/^did:stack:v0:S[1-9A-HJ-NP-Za-km-z]+-3$/);
    expect(decodeAddress(did.slice(13, did.lastIndexOf('-'))).version).toBe(63);
    expect(decodeAddress(makeSubdomainDid(MAINNET, multisig, 0).slice(13, -2)).version).toBe(50);
    expect(decodeAddress(makeSubdomainDid(DEVNET, publicKeyToAddress(getPublicKeyFromPrivate(key), 'testnet'), 0).slice(13, -2)).version).toBe(127);
    expect(decodeAddress(makeSubdomainDid(DEVNET, scriptToP2SHAddress('51', 'testnet'), 0).slice(13, -2)).version).toBe(142);
  });

  it('parse back to the owner as either network writes it, and the index', () => {
    const parsed = parseStackDid(MAINNET, makeSubdomainDid(MAINNET, single, 7));
    expect(parsed).toEqual({ kind: 'subdomain', owners: [single, publicKeyToAddress(getPublicKeyFromPrivate(key), 'testnet')], index: 7 });
    const parsedMultisig = parseStackDid(DEVNET, makeSubdomainDid(DEVNET, multisig, 1));
    expect(parsedMultisig).toEqual({ kind: 'subdomain', owners: [multisig, scriptToP2SHAddress('51', 'testnet')], index: 1 });
  });

  it('round-trip for any owner hash and index (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.boolean(), fc.integer({ min: 0, max: 999_999_999 }), fc.constantFrom(MAINNET, DEVNET), (hash, p2sh, index, params) => {
        const owner = hashToAddress(hash, p2sh ? NETWORKS.testnet.p2sh : NETWORKS.mainnet.p2pkh);
        const parsed = parseStackDid(params, makeSubdomainDid(params, owner, index));
        expect(parsed?.kind).toBe('subdomain');
        expect(parsed?.index).toBe(index);
        expect(parsed?.kind === 'subdomain' && parsed.owners.includes(owner)).toBe(true);
      }),
    );
  });
});

describe('name DIDs and bad input', () => {
  it('an address under any other version is a name DID, kept as written', () => {
    expect(parseStackDid(MAINNET, `did:stack:v0:${single}-0`)).toEqual({ kind: 'name', address: single, index: 0 });
  });

  it('malformed DIDs are null, never an exception (property)', () => {
    for (const bad of ['', 'did:stack:v0:', `did:stack:v0:${single}`, `did:stack:v0:${single}-x`, `did:stack:v1:${single}-0`, 'did:stack:v0:0OIl-1', `did:stack:v0:${single.slice(0, -1)}${single.endsWith('2') ? '3' : '2'}-0`]) {
      expect(parseStackDid(MAINNET, bad)).toBeNull();
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const parsed = parseStackDid(DEVNET, `did:stack:v0:${text}`);
        expect(parsed === null || typeof parsed.index === 'number').toBe(true);
      }),
    );
  });
});
