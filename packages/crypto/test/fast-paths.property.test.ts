import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base58check as makeBase58check } from '@scure/base';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { bytesToHex as nobleBytesToHex, hexToBytes as nobleHexToBytes } from '@noble/hashes/utils.js';
import { B40_CHARSET, b40ToBytes, bytesToHex, hashToAddress, hexToBytes, InvalidInputError } from '@bsk/crypto';

// The hand-written fast paths of bytes.ts and address.ts against the libraries they replaced.
const referenceBase58check = makeBase58check(nobleSha256);
const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/;

describe('hexToBytes', () => {
  it('decodes what the regular expression and noble accept, and rejects the rest with InvalidInputError', () => {
    const hexish = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEFgG x\u00e9\u0660'), maxLength: 40 });
    fc.assert(
      fc.property(fc.oneof(hexish, fc.string({ maxLength: 20 }), fc.uint8Array({ maxLength: 40 }).map(nobleBytesToHex)), (text) => {
        if (HEX_RE.test(text)) {
          expect(hexToBytes(text)).toEqual(nobleHexToBytes(text));
        } else {
          expect(() => hexToBytes(text)).toThrow(InvalidInputError);
        }
      }),
    );
  });

  it('rejects what is not a string', () => {
    expect(() => hexToBytes(12 as unknown as string)).toThrow(InvalidInputError);
  });
});

describe('bytesToHex', () => {
  it('is lowercase hex as noble writes it, short or long, subarrays included', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(10), (bytes, skip) => {
        expect(bytesToHex(bytes)).toBe(nobleBytesToHex(bytes));
        const view = bytes.subarray(Math.min(skip, bytes.length));
        expect(bytesToHex(view)).toBe(nobleBytesToHex(view));
      }),
    );
  });
});

describe('hashToAddress', () => {
  it('is base58check of version ‖ hash, as @scure/base encodes it', () => {
    const hash = fc.oneof(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.constant(new Uint8Array(20)), fc.constant(new Uint8Array(20).fill(255)));
    fc.assert(
      fc.property(hash, fc.integer({ min: 0, max: 255 }), (bytes, version) => {
        expect(hashToAddress(bytes, version)).toBe(referenceBase58check.encode(Uint8Array.of(version, ...bytes)));
        expect(hashToAddress(nobleBytesToHex(bytes), version)).toBe(referenceBase58check.encode(Uint8Array.of(version, ...bytes)));
      }),
    );
  });

  it('keeps the leading ones of zero bytes', () => {
    expect(hashToAddress(new Uint8Array(20), 0)).toBe('1111111111111111111114oLvT2');
  });
});

describe('b40ToBytes', () => {
  /** `b40_to_bin` with BigInt: the string as a base-40 number, its hex left-padded to even length. */
  function b40ByBigInt(text: string): Uint8Array {
    let n = 0n;
    for (const c of text) n = n * 40n + BigInt(B40_CHARSET.indexOf(c));
    const hex = n.toString(16);
    return nobleHexToBytes(hex.length % 2 ? `0${hex}` : hex);
  }

  it('agrees with the BigInt definition, leading zero digits and the empty string included', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...B40_CHARSET), maxLength: 60 }), (text) => {
        expect(b40ToBytes(text)).toEqual(b40ByBigInt(text));
      }),
    );
    expect(b40ToBytes('')).toEqual(Uint8Array.of(0));
    expect(b40ToBytes('000')).toEqual(Uint8Array.of(0));
  });

  it('rejects characters outside the alphabet with InvalidInputError', () => {
    for (const text of ['A', 'a b', 'é', 'name\u{1F600}', 'x/']) expect(() => b40ToBytes(text)).toThrow(InvalidInputError);
  });
});
