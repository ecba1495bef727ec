import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { ripemd160 as nobleRipemd160 } from '@noble/hashes/legacy.js';
import { bytesToHex, doubleSha256, hash128, hash160, nameConsensusHash, nameHash128, ripemd160, sha256 } from '@bsk/crypto';
import { findNativeSha256 } from '../src/hash-node.js';
import { doubleSha256Pair, setNativeSha256 } from '../src/sha256.js';

// The one-shot SHA-256 (src/sha256.ts) must agree with @noble/hashes byte for byte.
const reference = (data: Uint8Array) => bytesToHex(nobleSha256(data));

describe('one-shot SHA-256', () => {
  afterEach(() => setNativeSha256(undefined));

  it('matches the FIPS 180-4 examples', () => {
    expect(bytesToHex(sha256(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(bytesToHex(sha256('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(bytesToHex(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with noble on bytes of every length around the block boundaries', () => {
    for (let length = 0; length <= 200; length++) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 131 + length) & 0xff);
      expect(bytesToHex(sha256(data))).toBe(reference(data));
      expect(bytesToHex(doubleSha256(data))).toBe(reference(nobleSha256(data)));
      expect(bytesToHex(hash128(data))).toBe(reference(data).slice(0, 32));
    }
  });

  it('agrees with noble on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1000 }), (data) => {
        expect(bytesToHex(sha256(data))).toBe(reference(data));
      }),
    );
  });

  it('hashes strings as UTF-8, ASCII or not, short or long', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 100 }), fc.string({ unit: 'binary', maxLength: 100 })), (text) => {
        expect(bytesToHex(sha256(text))).toBe(reference(utf8ToBytes(text)));
        expect(bytesToHex(doubleSha256(text))).toBe(reference(nobleSha256(utf8ToBytes(text))));
      }),
    );
    for (const text of ['a'.repeat(4096), 'a'.repeat(4097), 'é'.repeat(5000), `${'a'.repeat(4095)}é`]) {
      expect(bytesToHex(sha256(text))).toBe(reference(utf8ToBytes(text)));
    }
  });

  it('hash128 returns 16 bytes of their own', () => {
    const digest = hash128('name.id');
    expect(digest.length).toBe(16);
    expect(digest.buffer.byteLength).toBe(16);
  });

  it('hashes a Merkle pair as the double hash of the concatenation, whatever the lengths', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.uint8Array({ maxLength: 100 }), (left, right) => {
        const joined = new Uint8Array([...left, ...right]);
        expect(bytesToHex(doubleSha256Pair(left, right))).toBe(reference(nobleSha256(joined)));
      }),
    );
  });

  it('leaves its inputs untouched and returns fresh digests', () => {
    const data = Uint8Array.from({ length: 70 }, (_, i) => i);
    const copy = data.slice();
    const first = sha256(data);
    const second = sha256(data);
    expect(first).not.toBe(second);
    expect(data).toEqual(copy);
    sha256('something else');
    expect(bytesToHex(first)).toBe(reference(data));
  });

  it('gives the same digests with and without the native hash of long inputs', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ minLength: 200, maxLength: 1200 }), fc.string({ minLength: 200, maxLength: 1200 })), (data) => {
        setNativeSha256(null);
        const plain = [bytesToHex(sha256(data)), bytesToHex(doubleSha256(data)), bytesToHex(hash128(data))];
        setNativeSha256(undefined);
        expect([bytesToHex(sha256(data)), bytesToHex(doubleSha256(data)), bytesToHex(hash128(data))]).toEqual(plain);
      }),
    );
  });
});

describe('findNativeSha256', () => {
  it("finds Node's crypto.hash here", () => {
    expect(findNativeSha256()).not.toBeNull();
  });

  it('finds none without getBuiltinModule, without crypto.hash, or when it disagrees or throws', () => {
    expect(findNativeSha256({})).toBeNull();
    expect(findNativeSha256({ process: {} })).toBeNull();
    expect(findNativeSha256({ process: { getBuiltinModule: () => ({}) } })).toBeNull();
    expect(findNativeSha256({ process: { getBuiltinModule: () => { throw new Error('no'); } } })).toBeNull();
    expect(findNativeSha256({ process: { getBuiltinModule: () => ({ hash: () => new Uint8Array(32) }) } })).toBeNull();
    expect(findNativeSha256({ process: { getBuiltinModule: () => ({ hash: () => { throw new Error('no sha256'); } }) } })).toBeNull();
  });

  it('hashes in JavaScript what the native hash refuses', () => {
    setNativeSha256(() => {
      throw new TypeError('refused');
    });
    const long = 'y'.repeat(700);
    expect(bytesToHex(sha256(long))).toBe(reference(utf8ToBytes(long)));
    setNativeSha256(undefined);
  });

  it('falls back to the JavaScript hash when there is no native one', () => {
    setNativeSha256(null);
    const long = 'x'.repeat(1000);
    expect(bytesToHex(sha256(long))).toBe(reference(utf8ToBytes(long)));
    setNativeSha256(undefined);
  });
});

describe('one-shot RIPEMD-160', () => {
  it('matches the published examples', () => {
    expect(bytesToHex(ripemd160(''))).toBe('9c1185a5c5e9fc54612808977ee8f548b2258d31');
    expect(bytesToHex(ripemd160('abc'))).toBe('8eb208f7e05d987a9b044a8e98c6b087f15a0bfc');
    expect(bytesToHex(ripemd160('12345678901234567890123456789012345678901234567890123456789012345678901234567890'))).toBe('9b752e45573d4b39f4dbd3323cab82bf63326bfb');
  });

  it('agrees with noble on every length around the block boundaries and on random bytes', () => {
    for (let length = 0; length <= 200; length++) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 73 + length) & 0xff);
      expect(bytesToHex(ripemd160(data))).toBe(bytesToHex(nobleRipemd160(data)));
      expect(bytesToHex(hash160(data))).toBe(bytesToHex(nobleRipemd160(nobleSha256(data))));
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (data) => {
        expect(bytesToHex(ripemd160(data))).toBe(bytesToHex(nobleRipemd160(data)));
      }),
    );
  });
});

describe('name hashes written straight from the hash state', () => {
  it('are the hex of the first 16 bytes of SHA-256', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.uint8Array({ minLength: 16, maxLength: 16 }).map(bytesToHex), (fqn, consensusHash) => {
        expect(nameHash128(fqn)).toBe(reference(utf8ToBytes(fqn)).slice(0, 32));
        expect(nameConsensusHash(fqn, consensusHash)).toBe(reference(utf8ToBytes(fqn + consensusHash)).slice(0, 32));
      }),
    );
  });
});
