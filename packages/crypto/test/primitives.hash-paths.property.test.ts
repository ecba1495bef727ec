import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ripemd160 as nobleRipemd160 } from '@noble/hashes/legacy.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { bytesToHex, doubleSha256, doubleSha256Concat, hash128, hash128Hex, hash160, nameConsensusHash, nameHash128, ripemd160, sha256, sha256Hex } from '@bsk/crypto';
import { findNativeHash } from '../src/hash-node.js';
import { setNativeHash } from '../src/hash.js';

/*
 * SHA-256 and RIPEMD-160 run on Node's one-shot crypto.hash where the runtime has it and on
 * @noble/hashes elsewhere (src/hash.ts, src/hash-node.ts): both paths must give the same bytes.
 */

afterEach(() => setNativeHash(undefined));

/** Every hash of `data` the package derives from SHA-256 and RIPEMD-160, on the path chosen now. */
function digests(data: string | Uint8Array): string[] {
  return [...[sha256(data), ripemd160(data), doubleSha256(data), hash160(data), hash128(data)].map(bytesToHex), sha256Hex(data), hash128Hex(data)];
}

/** The same, on the native path and then on noble's. */
function onBothPaths(data: string | Uint8Array): [string[], string[]] {
  setNativeHash(undefined);
  const native = digests(data);
  setNativeHash(null);
  const noble = digests(data);
  setNativeHash(undefined);
  return [native, noble];
}

describe('the two hash paths', () => {
  it("Node's crypto.hash is found here", () => {
    expect(findNativeHash()).not.toBeNull();
  });

  it('give the published digests', () => {
    for (const path of [undefined, null] as const) {
      setNativeHash(path);
      expect(bytesToHex(sha256(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
      expect(bytesToHex(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
      expect(bytesToHex(ripemd160(''))).toBe('9c1185a5c5e9fc54612808977ee8f548b2258d31');
      expect(bytesToHex(ripemd160('1234567890'.repeat(8)))).toBe('9b752e45573d4b39f4dbd3323cab82bf63326bfb');
    }
  });

  it('agree with each other and with noble on random bytes and on strings (as UTF-8)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 700 }), fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 })), (data) => {
        const [native, noble] = onBothPaths(data);
        expect(native).toEqual(noble);
        expect(native[5]).toBe(native[0]);
        expect(native[6]).toBe(native[4]);
        // A native hash without the hex variant: the hex functions convert its bytes.
        const found = findNativeHash()!;
        setNativeHash((algorithm, input) => found(algorithm, input));
        expect(digests(data)).toEqual(noble);
        setNativeHash(undefined);
        const bytes = typeof data === 'string' ? utf8ToBytes(data) : data;
        expect(native[0]).toBe(bytesToHex(nobleSha256(bytes)));
        expect(native[1]).toBe(bytesToHex(nobleRipemd160(bytes)));
      }),
    );
  });

  it('give the name hashes and Merkle nodes of their definitions', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9_-]{1,20}\.[a-z]{1,8}$/), fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (name, left, right) => {
        const consensus = bytesToHex(left.slice(0, 16));
        expect(nameHash128(name)).toBe(bytesToHex(nobleSha256(utf8ToBytes(name)).slice(0, 16)));
        expect(nameConsensusHash(name, consensus)).toBe(bytesToHex(nobleSha256(utf8ToBytes(name + consensus)).slice(0, 16)));
        expect(bytesToHex(doubleSha256Concat(left, right))).toBe(bytesToHex(nobleSha256(nobleSha256(new Uint8Array([...left, ...right])))));
      }),
    );
  });

  it('return fresh digests that own their bytes and leave the input as it was', () => {
    const data = Uint8Array.from({ length: 70 }, (_, i) => i);
    const copy = data.slice();
    const first = sha256(data);
    expect(sha256(data)).not.toBe(first);
    expect(data).toEqual(copy);
    const short = hash128('name.id');
    expect(short.length).toBe(16);
    expect(short.buffer.byteLength).toBe(16);
  });
});

describe('findNativeHash', () => {
  it('finds none without getBuiltinModule or crypto.hash, or when it throws, disagrees or lacks RIPEMD-160', () => {
    const serving = (crypto: unknown) => ({ process: { getBuiltinModule: () => crypto } });
    expect(findNativeHash({})).toBeNull();
    expect(findNativeHash({ process: {} })).toBeNull();
    expect(findNativeHash(serving({}))).toBeNull();
    expect(findNativeHash({ process: { getBuiltinModule: () => { throw new Error('no'); } } })).toBeNull();
    expect(findNativeHash(serving({ hash: () => new Uint8Array(32) }))).toBeNull();
    expect(findNativeHash(serving({ hash: () => { throw new Error('no such digest'); } }))).toBeNull();
    const sha256Only = { hash: (algorithm: string, data: string) => (algorithm === 'sha256' ? nobleSha256(utf8ToBytes(data)) : (() => { throw new Error('unsupported'); })()) };
    expect(findNativeHash(serving(sha256Only))).toBeNull();
  });
});
