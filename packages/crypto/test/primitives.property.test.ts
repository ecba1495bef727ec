import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  B40_CHARSET, b40ToBytes, bytesToB40, bytesToHex, decodeAddress, decodeSegwitAddress, decodeToken, encodeSegwitAddress,
  getPublicKeyFromPrivate, hashToAddress, hexToBytes, InvalidInputError, parseDID, privateKeyToBytes, publicKeyToBytes,
  signECDSA, signToken, verifyECDSA, verifyToken,
} from '@bsk/crypto';

/** Runs `f`; passes if it returns or throws InvalidInputError, fails on any other exception. */
function onlyTypedErrors(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof InvalidInputError)) throw e;
  }
}

const hex = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max }).map(bytesToHex);
const privateKey = fc.uint8Array({ minLength: 32, maxLength: 32 }).map(bytesToHex).filter((k) => {
  try {
    privateKeyToBytes(k);
    return true;
  } catch {
    return false;
  }
});

describe('codec round trips', () => {
  it('hex', () => {
    fc.assert(fc.property(fc.uint8Array(), (bytes) => {
      expect(hexToBytes(bytesToHex(bytes))).toEqual(bytes);
    }));
  });
  it('base-40: strings without leading zeros survive b40ToBytes → bytesToB40', () => {
    const b40 = fc.string({ unit: fc.constantFrom(...B40_CHARSET), minLength: 1, maxLength: 60 }).filter((s) => !s.startsWith('0'));
    fc.assert(fc.property(b40, (s) => {
      expect(bytesToB40(b40ToBytes(s))).toBe(s);
    }));
  });
  it('base58check addresses', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.integer({ min: 0, max: 255 }), (hash, version) => {
        expect(decodeAddress(hashToAddress(hash, version))).toEqual({ version, hash: bytesToHex(hash) });
      }),
    );
  });
  it('bech32 witness programs', () => {
    fc.assert(
      fc.property(fc.constantFrom(20, 32).chain((n) => fc.uint8Array({ minLength: n, maxLength: n })), fc.constantFrom('mainnet', 'testnet', 'regtest') as fc.Arbitrary<'mainnet' | 'testnet' | 'regtest'>, (program, network) => {
        expect(decodeSegwitAddress(encodeSegwitAddress(program, 0, network)).program).toBe(bytesToHex(program));
      }),
    );
  });
  it('ECDSA and ES256K tokens sign and verify, and fail on other content', () => {
    fc.assert(
      fc.property(privateKey, fc.string(), fc.jsonValue(), (key, content, claim) => {
        const { signature, publicKey } = signECDSA(key, content);
        expect(publicKey).toBe(getPublicKeyFromPrivate(key));
        expect(verifyECDSA(content, publicKey, signature)).toBe(true);
        expect(verifyECDSA(content + 'x', publicKey, signature)).toBe(false);
        const token = signToken({ claim }, key);
        expect(verifyToken(token, publicKey)).toBe(true);
        expect(decodeToken(token).payload).toEqual(JSON.parse(JSON.stringify({ claim })));
      }),
      { numRuns: 50 },
    );
  });
});

describe('random input never crashes a parser', () => {
  it('hexToBytes, keys and addresses', () => {
    fc.assert(
      fc.property(fc.string(), hex(0, 70), (s, h) => {
        onlyTypedErrors(() => hexToBytes(s));
        onlyTypedErrors(() => privateKeyToBytes(h));
        onlyTypedErrors(() => publicKeyToBytes(h));
        onlyTypedErrors(() => decodeAddress(s));
        onlyTypedErrors(() => decodeSegwitAddress(s));
        onlyTypedErrors(() => b40ToBytes(s));
        expect(parseDID(s) === null || typeof parseDID(s)!.type === 'string').toBe(true);
      }),
      { numRuns: 500 },
    );
  });
  it('tokens and signatures', () => {
    const segment = fc.oneof(fc.base64String(), fc.string(), fc.uint8Array().map((b) => bytesToHex(b)));
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), hex(0, 80), hex(0, 70), (parts, sig, pub) => {
        const token = parts.join('.');
        onlyTypedErrors(() => decodeToken(token));
        expect(verifyToken(token, pub)).toBe(false);
        expect(verifyECDSA('content', pub, sig)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
