import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidInputError, b58ToC32, bytesToHex, c32ToB58, c32address, c32addressDecode, hashToAddress } from '@bsk/crypto';

// bns.md (exported 1.0 namespace address): SP364R1Y… = hash160 cc4c07… = 1KdDvp1D…
const NAMESPACE = { c32: 'SP364R1Y0XYC8PYXEK0PE3V752RAJB2GNWF28WP90', hash: 'cc4c07c0ef988b7bae982ce1ece51615258a15e3', btc: '1KdDvp1DJ4EYUZc8savutRN4vv1ZwvGfQf' };

// npm c32check unit-test table (facts), versions 22 'P', 0, 31 'Z', 20 'M', 26 'T', 21 'N'.
const HASHES = ['a46ff88886c2ef9762d970b4d2c63678835bd39d', '0000000000000000000000000000000000000000', '0000000000000000000000000000000000000001', '1000000000000000000000000000000000000001', '1000000000000000000000000000000000000000'];
const TABLE: [number, string[]][] = [
  [22, ['SP2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKNRV9EJ7', 'SP000000000000000000002Q6VF78', 'SP00000000000000000005JA84HQ', 'SP80000000000000000000000000000004R0CMNV', 'SP800000000000000000000000000000033H8YKK']],
  [0, ['S02J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKPVKG2CE', 'S0000000000000000000002AA028H', 'S000000000000000000006EKBDDS', 'S080000000000000000000000000000007R1QC00', 'S080000000000000000000000000000003ENTGCQ']],
  [31, ['SZ2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKQ9H6DPR', 'SZ000000000000000000002ZE1VMN', 'SZ00000000000000000005HZ3DVN', 'SZ80000000000000000000000000000004XBV6MS', 'SZ800000000000000000000000000000007VF5G0']],
  [20, ['SM2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKQVX8X0G', 'SM0000000000000000000062QV6X', 'SM00000000000000000005VR75B2', 'SM80000000000000000000000000000004WBEWKC', 'SM80000000000000000000000000000000JGSYGV']],
  [26, ['ST2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKQYAC0RQ', 'ST000000000000000000002AMW42H', 'ST000000000000000000042DB08Y', 'ST80000000000000000000000000000006BYJ4R4', 'ST80000000000000000000000000000002YBNPV3']],
  [21, ['SN2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKP6D2ZK9', 'SN000000000000000000003YDHWKJ', 'SN00000000000000000005341MC8', 'SN800000000000000000000000000000066KZWY0', 'SN800000000000000000000000000000006H75AK']],
];

describe('c32check addresses', () => {
  it('matches the protocol vector both ways', () => {
    expect(c32address(22, NAMESPACE.hash)).toBe(NAMESPACE.c32);
    expect(c32addressDecode(NAMESPACE.c32)).toEqual({ version: 22, hash: NAMESPACE.hash });
    expect(b58ToC32(NAMESPACE.btc)).toBe(NAMESPACE.c32);
    expect(c32ToB58(NAMESPACE.c32)).toBe(NAMESPACE.btc);
  });
  for (const [version, addresses] of TABLE) {
    it(`matches the c32check table for version ${version}`, () => {
      HASHES.forEach((hash, i) => {
        expect(c32address(version, hash)).toBe(addresses[i]);
        expect(c32addressDecode(addresses[i]!)).toEqual({ version, hash });
      });
    });
  }
  it('maps bitcoin versions to stacks versions (0→P, 5→M, 111→T, 196→N)', () => {
    const hash = HASHES[0]!;
    expect(b58ToC32(hashToAddress(hash, 0))).toBe('SP2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKNRV9EJ7');
    expect(b58ToC32(hashToAddress(hash, 5))).toBe('SM2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKQVX8X0G');
    expect(b58ToC32(hashToAddress(hash, 111))).toBe('ST2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKQYAC0RQ');
    expect(b58ToC32(hashToAddress(hash, 196))).toBe('SN2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKP6D2ZK9');
    expect(c32ToB58('ST2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKQYAC0RQ')).toBe(hashToAddress(hash, 111));
  });
  it('accepts look-alike characters and lower case', () => {
    expect(c32addressDecode('SP000000000000000000002Q6VF78'.replace(/0/g, 'O').toLowerCase().replace(/^sp/, 'SP'))).toEqual({ version: 22, hash: HASHES[1] });
    expect(c32addressDecode('S02J6ZY48GVLEZ5V2V5RB9MP66SW86PYKKPVKG2CE')).toEqual({ version: 0, hash: HASHES[0] });
    expect(c32addressDecode('S02J6ZY48GViEZ5V2V5RB9MP66SW86PYKKPVKG2CE')).toEqual({ version: 0, hash: HASHES[0] });
  });
  it('rejects bad addresses and inputs with InvalidInputError', () => {
    const bad = ['ST2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKQYAC0RQ0', 'ST2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKQYAC0RR', 'ST2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKQYAC0R', 'ST2J', 'bP2CT665Q0JB7P39TZ7BST0QYCAQSMJWBZK8QT35J', 'SPU'];
    for (const address of bad) expect(() => c32addressDecode(address)).toThrow(InvalidInputError);
    expect(() => c32address(-1, HASHES[0]!)).toThrow(InvalidInputError);
    expect(() => c32address(32, HASHES[0]!)).toThrow(InvalidInputError);
    expect(() => c32address(5, `${HASHES[0]!}00`)).toThrow(InvalidInputError);
    expect(() => c32address(5, HASHES[0]!.slice(0, 38))).toThrow(InvalidInputError);
  });
  it('property: round-trips any hash and version; random strings only throw InvalidInputError', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.integer({ min: 0, max: 31 }), (hash, version) => {
      expect(c32addressDecode(c32address(version, hash))).toEqual({ version, hash: bytesToHex(hash) });
    }));
    fc.assert(fc.property(fc.string(), (text) => {
      try {
        c32addressDecode(`S${text}`);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidInputError);
      }
    }));
  });
});
