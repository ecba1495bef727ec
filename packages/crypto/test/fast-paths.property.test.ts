import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base58check as makeBase58check } from '@scure/base';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { bytesToHex as nobleBytesToHex, hexToBytes as nobleHexToBytes } from '@noble/hashes/utils.js';
import { hashToAddress, hexToBytes, InvalidInputError } from '@bsk/crypto';

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
