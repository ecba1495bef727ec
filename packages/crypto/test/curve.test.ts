import { beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import {
  InvalidInputError, bytesToHex, decompressPublicKey, decryptECIES, encryptECIESWith, getPublicKeyFromPrivate, hexToBytes,
  sharedSecret, signECDSA, verifyECDSA,
} from '@bsk/crypto';
import { LruCache } from '../src/lru.js';
import { clearCurveCaches, curveCacheStats, parsePublicKeyPoint, recipientPoint, sharedX } from '../src/curve.js';

// auth-and-storage.md §9.2, vector A: the cipher object must not depend on what the caches hold.
const PRIV = 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229';
const PUB = '027d28f9951ce46538951e3697c62588a87f1f1f295de4a14fdd4c780fc52cfe69';
const VECTOR_A = {
  ephemeral: '0000000000000000000000000000000000000000000000000000000000000007',
  iv: '000102030405060708090a0b0c0d0e0f',
  json: '{"iv":"000102030405060708090a0b0c0d0e0f","ephemeralPK":"025cbdf0646e5db4eaa398f365f2ea7a0e3d419b7e0330e39ce92bddedcac4f9bc","cipherText":"43fe10d167521d9eb15a537f0b21b80b","mac":"58153a69b8a92be6eb0170369c5d6dcaea724cc15b15ba5c8f1aeea8b0bc24dd","wasString":true}',
};
const OTHER_PRIV = 'c2b2a1f0e1d2c3b4a5968778695a4b3c2d1e0f1e2d3c4b5a69788796a5b4c3d2';
const OTHER_PUB = getPublicKeyFromPrivate(OTHER_PRIV);

/** The i-th of a family of distinct private keys (hex), all valid scalars. */
function privateKeyNumber(i: number): string {
  return (i + 1).toString(16).padStart(64, '0');
}

function encryptVectorA(recipient: string): string {
  return JSON.stringify(encryptECIESWith(recipient, 'hello, gaia', true, { ephemeralPrivateKey: VECTOR_A.ephemeral, iv: VECTOR_A.iv }));
}

beforeEach(() => clearCurveCaches());

describe('LruCache', () => {
  it('evicts the least recently used entry beyond its capacity', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recently used
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect([...cache.values()]).toEqual([1, 3]);
    cache.delete('a');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it('replaces the value of an existing key without growing', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('a', 2);
    expect(cache.size).toBe(1);
    expect(cache.get('a')).toBe(2);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.get('a')).toBeUndefined();
  });

  it('agrees with a plain model of recency under random operations', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 5 })), { maxLength: 60 }), (ops) => {
      const cache = new LruCache<number, number>(3);
      let model: number[] = []; // keys, least recently used first
      for (const [isSet, key] of ops) {
        if (isSet) {
          cache.set(key, key * 10);
          model = [...model.filter((k) => k !== key), key];
          if (model.length > 3) model.shift();
        } else {
          const hit = model.includes(key);
          expect(cache.get(key)).toBe(hit ? key * 10 : undefined);
          if (hit) model = [...model.filter((k) => k !== key), key];
        }
      }
      expect([...cache.values()]).toEqual(model.map((k) => k * 10));
    }), { numRuns: 200 });
  });
});

describe('ECIES recipient cache', () => {
  it('gives byte-identical cipher objects cold, cached, and with the recipient table', () => {
    expect(encryptVectorA(PUB)).toBe(VECTOR_A.json); // cold: parsed, no table
    expect(curveCacheStats()).toMatchObject({ recipients: 1, tabledRecipients: 0 });
    expect(encryptVectorA(PUB)).toBe(VECTOR_A.json); // second use: the table is requested
    expect(curveCacheStats()).toMatchObject({ recipients: 1, tabledRecipients: 1 });
    expect(encryptVectorA(PUB)).toBe(VECTOR_A.json); // warm: multiplied with the table
    expect(encryptVectorA(decompressPublicKey(PUB))).toBe(VECTOR_A.json); // another spelling, own entry
    expect(curveCacheStats().recipients).toBe(2);
  });

  it('returns the same parsed point for the same key, and distinct points for distinct keys', () => {
    const first = recipientPoint(PUB);
    expect(recipientPoint(PUB)).toBe(first);
    expect(recipientPoint(hexToBytes(PUB))).toBe(first); // bytes and hex share one entry
    const other = recipientPoint(OTHER_PUB);
    expect(other).not.toBe(first);
    expect(other.toHex(true)).toBe(OTHER_PUB);
    expect(first.toHex(true)).toBe(PUB);
  });

  it('keeps alternating recipients apart: each cipher object opens only with its own key', () => {
    const cold = [encryptVectorA(PUB), encryptVectorA(OTHER_PUB)];
    for (let round = 0; round < 3; round++) {
      expect(encryptVectorA(PUB)).toBe(cold[0]);
      expect(encryptVectorA(OTHER_PUB)).toBe(cold[1]);
    }
    expect(cold[0]).toBe(VECTOR_A.json);
    expect(cold[1]).not.toBe(cold[0]);
    expect(decryptECIES(OTHER_PRIV, JSON.parse(cold[1]!))).toBe('hello, gaia');
    expect(() => decryptECIES(PRIV, JSON.parse(cold[1]!))).toThrow('failure in MAC check');
    expect(curveCacheStats()).toMatchObject({ recipients: 2, tabledRecipients: 2 });
  });

  it('holds at most 16 recipients and still encrypts correctly after evicting', () => {
    const keys = Array.from({ length: 17 }, (_, i) => getPublicKeyFromPrivate(privateKeyNumber(i)));
    const cold = keys.map((key) => encryptVectorA(key));
    expect(curveCacheStats().recipients).toBe(16);
    expect(encryptVectorA(keys[0]!)).toBe(cold[0]); // evicted, parsed again
    expect(decryptECIES(privateKeyNumber(0), JSON.parse(cold[0]!))).toBe('hello, gaia');
    expect(new Set(cold).size).toBe(17);
  });

  it('does not cache keys that fail to parse, and throws only InvalidInputError for them', () => {
    for (const bad of ['', 'zz', '02', `04${'00'.repeat(64)}`, `02${'ff'.repeat(32)}`]) {
      expect(() => recipientPoint(bad)).toThrow(InvalidInputError);
      expect(() => encryptVectorA(bad)).toThrow(InvalidInputError);
    }
    expect(curveCacheStats().recipients).toBe(0);
  });

  it('computes the same shared x as noble getSharedSecret, without and with a table', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (a, b) => {
      fc.pre(secp256k1.utils.isValidSecretKey(a) && secp256k1.utils.isValidSecretKey(b));
      const recipient = secp256k1.getPublicKey(b, true);
      const expected = bytesToHex(secp256k1.getSharedSecret(a, recipient, true).slice(1));
      expect(bytesToHex(sharedX(a, recipientPoint(recipient)))).toBe(expected); // parsed
      expect(bytesToHex(sharedX(a, recipientPoint(recipient)))).toBe(expected); // tabled
      expect(bytesToHex(sharedSecret(bytesToHex(a), recipient))).toBe(expected);
    }), { numRuns: 4 }); // each tabled key builds a ~6k-point table
  });

  it('rejects an out-of-range secret with InvalidInputError', () => {
    const point = parsePublicKeyPoint(PUB);
    expect(() => sharedX(new Uint8Array(32), point)).toThrow(InvalidInputError);
    expect(() => sharedX(hexToBytes('ff'.repeat(32)), point)).toThrow(InvalidInputError);
  });
});

describe('signing public-key cache', () => {
  it('returns the same signature object cold and warm, and a public key equal to a fresh derivation', () => {
    const cold = signECDSA(PRIV, 'content');
    expect(curveCacheStats().signingKeys).toBe(1);
    const warm = signECDSA(PRIV, 'content');
    expect(warm).toEqual(cold);
    expect(warm.publicKey).toBe(PUB);
    expect(signECDSA(`${PRIV}01`, 'content')).toEqual(cold); // the compressed flag is stripped first
    expect(curveCacheStats().signingKeys).toBe(1);
    expect(verifyECDSA('content', PUB, warm.signature)).toBe(true);
  });

  it('keeps alternating signing keys apart', () => {
    for (let round = 0; round < 3; round++) {
      const mine = signECDSA(PRIV, 'x');
      const theirs = signECDSA(OTHER_PRIV, 'x');
      expect(mine.publicKey).toBe(PUB);
      expect(theirs.publicKey).toBe(OTHER_PUB);
      expect(verifyECDSA('x', OTHER_PUB, theirs.signature)).toBe(true);
      expect(verifyECDSA('x', PUB, theirs.signature)).toBe(false);
    }
    expect(curveCacheStats().signingKeys).toBe(2);
  });

  it('holds at most 16 signing keys and derives evicted ones again correctly', () => {
    const keys = Array.from({ length: 17 }, (_, i) => privateKeyNumber(i));
    for (const key of keys) expect(signECDSA(key, 'x').publicKey).toBe(getPublicKeyFromPrivate(key));
    expect(curveCacheStats().signingKeys).toBe(16);
    expect(signECDSA(keys[0]!, 'x').publicKey).toBe(getPublicKeyFromPrivate(keys[0]!));
  });

  it('matches a fresh derivation for random keys, cold and warm', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (key) => {
      fc.pre(secp256k1.utils.isValidSecretKey(key));
      const hex = bytesToHex(key);
      const expected = bytesToHex(secp256k1.getPublicKey(key, true));
      expect(signECDSA(hex, 'x').publicKey).toBe(expected);
      expect(signECDSA(hex, 'x').publicKey).toBe(expected);
    }), { numRuns: 20 });
  });
});
