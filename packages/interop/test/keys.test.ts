import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  getAddressFromDID, getPublicKeyFromPrivate, getUncompressedPublicKeyFromPrivate, isValidPrivateKey,
  makeDIDFromAddress, makeDIDFromPublicKey, makeECPrivateKey, publicKeyToAddress,
} from '@bsk/crypto';
import { blockstack } from '../src/reference.js';
import { privateKeyHex, RUNS } from './support/arbitraries.js';

// The reference client is slow, and a shared 2-core machine can be slower still.
vi.setConfig({ testTimeout: 120_000 });

// auth-and-storage.md §0.1, §0.2, §9.1: keys, addresses and DIDs against blockstack@21.1.1.
const PRIV = 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229';

describe('keys and addresses: same results as blockstack@21.1.1', () => {
  it('matches the §9.1 vector on both sides', () => {
    expect(blockstack.getPublicKeyFromPrivate(PRIV)).toBe(getPublicKeyFromPrivate(PRIV));
    expect(blockstack.publicKeyToAddress(getPublicKeyFromPrivate(PRIV))).toBe('1NZNxhoxobqwsNvTb16pdeiqvFvce3Yg8U');
    // hexStringToECPair(64 hex) makes an uncompressed pair: the §0.1 gotcha.
    expect(blockstack.ecPairToAddress(blockstack.hexStringToECPair(PRIV))).toBe('19T6UBMaQXCeDEdzQk2pQxrdsjkTJrjX5b');
    expect(publicKeyToAddress(getUncompressedPublicKeyFromPrivate(PRIV))).toBe('19T6UBMaQXCeDEdzQk2pQxrdsjkTJrjX5b');
  });

  it('derives the same public key and compressed address from any private key', () => {
    fc.assert(
      fc.property(privateKeyHex, (priv) => {
        const pub = getPublicKeyFromPrivate(priv);
        expect(blockstack.getPublicKeyFromPrivate(priv)).toBe(pub);
        expect(blockstack.publicKeyToAddress(pub)).toBe(publicKeyToAddress(pub));
        expect(blockstack.ecPairToAddress(blockstack.hexStringToECPair(`${priv}01`))).toBe(publicKeyToAddress(pub));
      }),
      RUNS,
    );
  });

  it('derives the same uncompressed address (the 64-character ECPair form)', () => {
    fc.assert(
      fc.property(privateKeyHex, (priv) => {
        const uncompressed = getUncompressedPublicKeyFromPrivate(priv);
        expect(blockstack.publicKeyToAddress(uncompressed)).toBe(publicKeyToAddress(uncompressed));
        expect(blockstack.ecPairToAddress(blockstack.hexStringToECPair(priv))).toBe(publicKeyToAddress(uncompressed));
        expect(blockstack.ecPairToHexString(blockstack.hexStringToECPair(priv))).toBe(priv);
      }),
      RUNS,
    );
  });

  it('takes the 66-character (01-flagged) key form only where the reference does', () => {
    // blockstack.getPublicKeyFromPrivate does not strip the flag (bitcoinjs rejects 33 bytes);
    // hexStringToECPair requires it for a compressed pair. We accept both forms (§0.1).
    expect(() => blockstack.getPublicKeyFromPrivate(`${PRIV}01`)).toThrow();
    expect(getPublicKeyFromPrivate(`${PRIV}01`)).toBe(getPublicKeyFromPrivate(PRIV));
    expect(blockstack.ecPairToAddress(blockstack.hexStringToECPair(`${PRIV}01`))).toBe(publicKeyToAddress(getPublicKeyFromPrivate(`${PRIV}01`)));
  });

  it('accepts each other’s fresh private keys', () => {
    for (let i = 0; i < 20; i++) {
      const theirs = blockstack.makeECPrivateKey();
      expect(isValidPrivateKey(theirs)).toBe(true);
      expect(getPublicKeyFromPrivate(theirs)).toBe(blockstack.getPublicKeyFromPrivate(theirs));
      const ours = makeECPrivateKey();
      expect(ours).toMatch(/^[0-9a-f]{64}$/);
      expect(blockstack.getPublicKeyFromPrivate(ours)).toBe(getPublicKeyFromPrivate(ours));
    }
  });
});

describe('DIDs: same results as blockstack@21.1.1', () => {
  it('makes the same DIDs', () => {
    fc.assert(
      fc.property(privateKeyHex, (priv) => {
        const pub = getPublicKeyFromPrivate(priv);
        const address = publicKeyToAddress(pub);
        expect(makeDIDFromAddress(address)).toBe(blockstack.makeDIDFromAddress(address));
        expect(makeDIDFromPublicKey(pub)).toBe(blockstack.makeDIDFromPublicKey(pub));
        expect(getAddressFromDID(makeDIDFromAddress(address))).toBe(blockstack.getAddressFromDID(blockstack.makeDIDFromAddress(address)));
      }),
      RUNS,
    );
  });

  /** The reference throws InvalidDIDError for malformed DIDs where we return null. */
  function theirAddressFromDID(did: string): string | null {
    try {
      return blockstack.getAddressFromDID(did) ?? null;
    } catch {
      return null;
    }
  }

  it('reads the same address out of well- and ill-formed DIDs, whatever their case', () => {
    const corpus = [
      'did:btc-addr:1NZNxhoxobqwsNvTb16pdeiqvFvce3Yg8U',
      'DID:btc-addr:1NZNxhoxobqwsNvTb16pdeiqvFvce3Yg8U',
      'Did:Btc-Addr:1NZNxhoxobqwsNvTb16pdeiqvFvce3Yg8U',
      'did:BTC-ADDR:1NZNxhoxobqwsNvTb16pdeiqvFvce3Yg8U',
      'did:ecdsa-pub:027d28f9951ce46538951e3697c62588a87f1f1f295de4a14fdd4c780fc52cfe69',
      'did:btc-addr:',
      'did:btc-addr:a:b',
      'btc-addr:1NZNxhoxobqwsNvTb16pdeiqvFvce3Yg8U',
      'dad:btc-addr:1NZNxhoxobqwsNvTb16pdeiqvFvce3Yg8U',
      '',
    ];
    for (const did of corpus) expect([did, getAddressFromDID(did)]).toEqual([did, theirAddressFromDID(did)]);
  });

  it('agrees on random colon-separated strings', () => {
    const part = fc.constantFrom('did', 'DID', 'btc-addr', 'BTC-addr', 'ecdsa-pub', '', 'x', '1NZNxhoxobqwsNvTb16pdeiqvFvce3Yg8U');
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 4 }), (parts) => {
        const did = parts.join(':');
        expect(getAddressFromDID(did)).toBe(theirAddressFromDID(did));
      }),
      { numRuns: 200 },
    );
  });
});
