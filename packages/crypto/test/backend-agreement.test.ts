import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as nodeCrypto from 'node:crypto';
import { createRequire } from 'node:module';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import {
  bytesToHex, decompressPublicKey, decryptECIES, encryptECIES, encryptECIESWith, getPublicKeyFromPrivate,
  getUncompressedPublicKeyFromPrivate, hexToBytes, sha256, signDigest, signECDSA, signToken, verifyDigest,
  verifyECDSA, verifySha256Message, verifyToken,
} from '@bsk/crypto';
import { setCurveBackend, type CurveBackend } from '../src/backend/index.js';
import { createLibsecp256k1CurveBackend, isLibsecp256k1Module } from '../src/backend/libsecp256k1.js';
import { createNativeEcdhCurveBackend, isNativeSecp256k1Module } from '../src/backend/native-ecdh.js';
import { createOpenSslCurveBackend, isNodeCryptoModule } from '../src/backend/node.js';
import { nobleCurveBackend } from '../src/backend/web.js';

/*
 * The libsecp256k1 (WebAssembly, and native for ECDH), OpenSSL and noble curve backends must be interchangeable: the same signatures
 * byte for byte, the same public keys, the same shared secrets, the same verdict on every signature
 * (high-S accepted, malformed DER refused, never an exception), the same keys accepted, and,
 * through the public API, the same outputs and the same errors.
 */

if (!isNodeCryptoModule(nodeCrypto)) throw new Error('node:crypto lacks a function the OpenSSL backend needs');
const tiny: unknown = createRequire(import.meta.url)('tiny-secp256k1');
if (!isLibsecp256k1Module(tiny)) throw new Error('tiny-secp256k1 lacks a function the libsecp256k1 backend needs');
const openssl = createOpenSslCurveBackend(nodeCrypto);
// Both ECDH partners libsecp256k1 can have, and both message hashes it can be given.
const libsecp256k1 = createLibsecp256k1CurveBackend(tiny, openssl, (message) => nodeCrypto.createHash('sha256').update(message).digest());
const libsecp256k1OnNoble = createLibsecp256k1CurveBackend(tiny, nobleCurveBackend, sha256);
// ECDH in libsecp256k1's native addon (secp256k1_ecdh), as Node normally runs, and over noble.
const native: unknown = createRequire(import.meta.url)('secp256k1/bindings');
if (!isNativeSecp256k1Module(native)) throw new Error('the secp256k1 addon lacks ecdh');
const libsecp256k1Native = createLibsecp256k1CurveBackend(tiny, createNativeEcdhCurveBackend(native, openssl), (message) => nodeCrypto.createHash('sha256').update(message).digest());
const nativeOnNoble = createNativeEcdhCurveBackend(native, nobleCurveBackend);
const BACKENDS: readonly CurveBackend[] = [libsecp256k1Native, nativeOnNoble, libsecp256k1, libsecp256k1OnNoble, openssl, nobleCurveBackend];
/** Every backend's answer, when all give the same one. */
const ALL = <T>(answer: T): T[] => BACKENDS.map(() => answer);

const N = secp256k1.Point.Fn.ORDER;
const P = secp256k1.Point.Fp.ORDER;
const hex32 = (n: bigint): string => n.toString(16).padStart(64, '0');

type Outcome = { value: unknown } | { error: { name: string; message: string; code?: unknown } };

/** What `f` returns or throws, in a form toEqual can compare. */
function outcome(f: () => unknown): Outcome {
  try {
    const value = f();
    return { value: value instanceof Uint8Array ? bytesToHex(value) : value };
  } catch (e) {
    const error = e as Error & { code?: unknown };
    return { error: { name: error.name, message: error.message, code: error.code } };
  }
}

/** Runs `f` with each backend pinned in turn; returns every outcome, in BACKENDS order. */
function onEach(f: () => unknown): Outcome[] {
  return BACKENDS.map((backend) => {
    setCurveBackend(backend);
    try {
      return outcome(f);
    } finally {
      setCurveBackend(undefined);
    }
  });
}

afterEach(() => setCurveBackend(undefined));

const secretKey = fc.uint8Array({ minLength: 32, maxLength: 32 }).filter((key) => secp256k1.utils.isValidSecretKey(key));
const message = fc.uint8Array({ maxLength: 200 });

/** A valid scalar's public key, 33 or 65 bytes. */
function publicKeyOf(key: Uint8Array, compressed: boolean): Uint8Array {
  return secp256k1.getPublicKey(key, compressed);
}

/** r‖s with s replaced by n − s: the high-S twin of a low-S signature, equally valid. */
function highS(compact: Uint8Array): Uint8Array {
  const sig = secp256k1.Signature.fromBytes(compact, 'compact');
  return new secp256k1.Signature(sig.r, N - sig.s).toBytes('compact');
}

const der = (compact: Uint8Array): Uint8Array => secp256k1.Signature.fromBytes(compact, 'compact').toBytes('der');

describe('decoding public keys', () => {
  it('agrees on valid keys in both forms', () => {
    fc.assert(fc.property(secretKey, fc.boolean(), (key, compressed) => {
      const publicKey = publicKeyOf(key, compressed);
      const expected = bytesToHex(publicKeyOf(key, false));
      for (const backend of BACKENDS) expect(bytesToHex(backend.uncompressedPoint(publicKey))).toBe(expected);
    }), { numRuns: 30 });
  });

  it('agrees on random bytes with every prefix (about half of random x are on the curve)', () => {
    const candidate = fc.tuple(fc.constantFrom(0x00, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0xff), fc.constantFrom(32, 64, 31, 33, 0), fc.infiniteStream(fc.integer({ min: 0, max: 255 })))
      .map(([prefix, length, stream]) => {
        const bytes = new Uint8Array(1 + length);
        bytes[0] = prefix;
        const source = stream[Symbol.iterator]();
        for (let i = 1; i < bytes.length; i++) bytes[i] = source.next().value as number;
        return bytes;
      });
    let accepted = 0;
    fc.assert(fc.property(candidate, (bytes) => {
      const [first, ...others] = BACKENDS.map((backend) => outcome(() => backend.uncompressedPoint(bytes)));
      for (const other of others) expect(other).toEqual(first);
      if ('error' in first!) expect(first.error.name).toBe('InvalidInputError');
      else accepted++;
    }), { numRuns: 300 });
    expect(accepted).toBeGreaterThan(0); // both branches were exercised
  });

  it('refuses the same edge cases: x or y ≥ p, off-curve, hybrid, infinity, empty', () => {
    // x = 1 is on the curve; 1 + p is the same residue but not a canonical encoding.
    const onCurve = secp256k1.Point.fromHex(`02${hex32(1n)}`);
    const uncompressed = onCurve.toBytes(false);
    const offCurve = uncompressed.slice();
    offCurve[64] = offCurve[64]! ^ 1;
    const cases = [
      `02${hex32(1n + P)}`, `03${hex32(P)}`, `04${hex32(1n + P)}${bytesToHex(uncompressed.subarray(33))}`, `04${hex32(1n)}${'ff'.repeat(32)}`,
      bytesToHex(offCurve), `06${bytesToHex(uncompressed.subarray(1))}`, `07${bytesToHex(uncompressed.subarray(1))}`,
      '00', '', `04${'00'.repeat(64)}`, `02${'00'.repeat(32)}`,
    ];
    for (const key of cases) {
      const [first, ...others] = BACKENDS.map((backend) => outcome(() => backend.uncompressedPoint(hexToBytes(key))));
      for (const other of others) expect(other).toEqual(first);
      expect(first).toMatchObject({ error: { name: 'InvalidInputError', code: 'bad_public_key' } });
    }
    for (const backend of BACKENDS) expect(bytesToHex(backend.uncompressedPoint(hexToBytes(`02${hex32(1n)}`)))).toBe(bytesToHex(uncompressed));
  });
});

describe('ECDH', () => {
  it('gives the same 32-byte x as noble getSharedSecret, from a compressed or uncompressed peer key', () => {
    fc.assert(fc.property(secretKey, secretKey, fc.boolean(), (ours, theirs, compressed) => {
      const expected = bytesToHex(secp256k1.getSharedSecret(ours, publicKeyOf(theirs, true), true).slice(1));
      for (const backend of BACKENDS) {
        const shared = backend.ecdhX(ours, backend.uncompressedPoint(publicKeyOf(theirs, compressed)));
        expect(Object.getPrototypeOf(shared)).toBe(Uint8Array.prototype); // not a Buffer
        expect(bytesToHex(shared)).toBe(expected);
      }
    }), { numRuns: 25 });
  });

  it('left-pads an x that begins with a zero byte (auth-and-storage.md §9.2 vector D)', () => {
    const priv = hexToBytes('a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229');
    const peer = hexToBytes('0248bb3a0347d328af4018006ada31eeba8208b40f376616fa27e6c2cff13b9820');
    for (const backend of BACKENDS) {
      for (let use = 0; use < 2; use++) { // cold, then with the cached key
        expect(bytesToHex(backend.ecdhX(priv, backend.uncompressedPoint(peer)))).toBe('004b549c14171dd79e75dcf2157d061747845b7937c374e09d9c266312706cf9');
      }
    }
  });
});

describe('ECDSA verification', () => {
  it('accepts low-S and high-S signatures, compact and DER, with any key spelling; refuses other messages and keys', () => {
    fc.assert(fc.property(secretKey, secretKey, message, fc.boolean(), fc.boolean(), (key, otherKey, content, compressed, asHex) => {
      const low = secp256k1.sign(sha256(content), key, { prehash: false });
      const high = highS(low);
      const spelled = asHex ? bytesToHex(publicKeyOf(key, compressed)) : publicKeyOf(key, compressed);
      const other = bytesToHex(publicKeyOf(otherKey, compressed));
      const changed = Uint8Array.of(...content, 0);
      for (const backend of BACKENDS) {
        for (const sig of [low, high]) {
          expect(backend.verifySha256(content, sig, spelled, 'compact')).toBe(true);
          expect(backend.verifySha256(content, der(sig), spelled, 'der')).toBe(true);
          expect(backend.verifySha256(changed, sig, spelled, 'compact')).toBe(false);
          expect(backend.verifySha256(content, der(sig), other, 'der')).toBe(false);
          expect(backend.verifySha256(content, sig, spelled, 'der')).toBe(false); // compact bytes are not DER
          expect(backend.verifySha256(content, der(sig), spelled, 'compact')).toBe(false);
        }
      }
      expect(verifySha256Message(content, high, spelled, 'compact')).toBe(verifyDigest(sha256(content), high, spelled, 'compact'));
    }), { numRuns: 25 });
  });

  it('gives the same verdict on random signature bytes, and never throws', () => {
    const key = hexToBytes('a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229');
    const publicKey = publicKeyOf(key, true);
    fc.assert(fc.property(message, fc.uint8Array({ maxLength: 90 }), fc.constantFrom('compact' as const, 'der' as const), (content, signature, format) => {
      const verdicts = BACKENDS.map((backend) => outcome(() => backend.verifySha256(content, signature, publicKey, format)));
      expect(verdicts).toEqual(ALL({ value: false }));
    }), { numRuns: 200 });
  });

  it('refuses non-canonical DER and out-of-range r, s on both backends, and agrees on every one-byte mutation', () => {
    const key = hexToBytes('c2b2a1f0e1d2c3b4a5968778695a4b3c2d1e0f1e2d3c4b5a69788796a5b4c3d2');
    const publicKey = bytesToHex(publicKeyOf(key, false));
    const content = new TextEncoder().encode('canonical');
    // High-S, so s always carries a 00 sign byte in DER.
    let compact = highS(secp256k1.sign(sha256(content), key, { prehash: false }));
    const good = der(compact);
    expect(BACKENDS.map((b) => b.verifySha256(content, good, publicKey, 'der'))).toEqual(ALL(true));
    const rLength = good[3]!;
    const r = good.subarray(4, 4 + rLength);
    const sPart = good.subarray(4 + rLength); // 02 len s
    const seq = (body: Uint8Array): Uint8Array => Uint8Array.of(0x30, body.length, ...body);
    const int = (value: Uint8Array): Uint8Array => Uint8Array.of(0x02, value.length, ...value);
    const nonCanonical: Uint8Array[] = [
      Uint8Array.of(0x30, 0x81, good.length - 2, ...good.subarray(2)), // long-form length where short form fits
      seq(Uint8Array.of(...int(Uint8Array.of(0, ...r)), ...sPart)), // r with a needless 00
      seq(Uint8Array.of(...int(r), 0x02, sPart[1]! - 1, ...sPart.subarray(3))), // s without its sign byte: negative
      Uint8Array.of(...good, 0x00), // trailing byte
      Uint8Array.of(0x30, good.length - 1, ...good.subarray(2)), // sequence length one too long
      Uint8Array.of(0x31, ...good.subarray(1)), // SET instead of SEQUENCE
      seq(Uint8Array.of(...int(r), ...int(Uint8Array.of(0)))), // s = 0
      seq(Uint8Array.of(...int(Uint8Array.of(0, ...hexToBytes(hex32(N)))), ...sPart)), // r = n
      seq(Uint8Array.of(...int(r))), // s missing
    ];
    for (const bad of nonCanonical) {
      expect(BACKENDS.map((b) => outcome(() => b.verifySha256(content, bad, publicKey, 'der')))).toEqual(ALL({ value: false }));
    }
    compact = compact.slice();
    compact.set(hexToBytes(hex32(N)), 0); // r = n in compact form
    expect(BACKENDS.map((b) => b.verifySha256(content, compact, publicKey, 'compact'))).toEqual(ALL(false));
    fc.assert(fc.property(fc.nat({ max: good.length - 1 }), fc.integer({ min: 1, max: 255 }), (index, flip) => {
      const mutated = good.slice();
      mutated[index] = mutated[index]! ^ flip;
      const [first, ...others] = BACKENDS.map((b) => outcome(() => b.verifySha256(content, mutated, publicKey, 'der')));
      for (const other of others) expect(other).toEqual(first);
    }), { numRuns: 150 });
  });

  it('refuses keys that are not points, on both backends', () => {
    const signature = secp256k1.sign(sha256(new Uint8Array(1)), hexToBytes(hex32(5n)), { prehash: false });
    const point = bytesToHex(publicKeyOf(hexToBytes(hex32(5n)), false));
    for (const key of ['', 'zz', '0', `06${point.slice(2)}`, `07${point.slice(2)}`, point.slice(0, 128), `${point}00`, `02${hex32(P + 1n)}`]) {
      expect(BACKENDS.map((b) => outcome(() => b.verifySha256(new Uint8Array(1), signature, key, 'compact')))).toEqual(ALL({ value: false }));
    }
  });
});

describe('ECDSA signing', () => {
  const digest = fc.uint8Array({ minLength: 32, maxLength: 32 });

  it('gives noble’s RFC 6979, low-S signature byte for byte, on random keys and digests', () => {
    fc.assert(fc.property(secretKey, digest, (key, hash) => {
      const expected = bytesToHex(secp256k1.sign(hash, key, { prehash: false, lowS: true }));
      for (const backend of BACKENDS) {
        const signature = backend.signDigest(hash, key);
        expect(Object.getPrototypeOf(signature)).toBe(Uint8Array.prototype); // not a Buffer, not a view of WebAssembly memory
        expect(bytesToHex(signature)).toBe(expected);
      }
    }), { numRuns: 60 });
  });

  it('signs digests that are ≥ n, and with the smallest and largest keys, as noble does (RFC 6979 reduces the digest mod n)', () => {
    const digests = [hex32(0n), hex32(1n), hex32(N - 1n), hex32(N), hex32(N + 1n), 'ff'.repeat(32)];
    const keys = [hex32(1n), hex32(2n), hex32(N - 1n), 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229'];
    for (const key of keys) {
      for (const hash of digests) {
        const expected = bytesToHex(secp256k1.sign(hexToBytes(hash), hexToBytes(key), { prehash: false, lowS: true }));
        expect(BACKENDS.map((backend) => bytesToHex(backend.signDigest(hexToBytes(hash), hexToBytes(key))))).toEqual(ALL(expected));
      }
    }
  });

  it('reproduces elliptic’s signatures (the reference’s curve library) on the usual RFC 6979 test keys', () => {
    // SHA-256 of each message, keys 1 and n − 1; elliptic 6.5 `sign(hash, key, { canonical: true })`.
    const vectors: Array<[string, string, string]> = [
      [hex32(1n), 'Satoshi Nakamoto', '934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d82442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5'],
      [hex32(N - 1n), 'Satoshi Nakamoto', 'fd567d121db66e382991534ada77a6bd3106f0a1098c231e47993447cd6af2d06b39cd0eb1bc8603e159ef5c20a5c8ad685a45b06ce9bebed3f153d10d93bed5'],
      [hex32(1n), 'All those moments will be lost in time, like tears in rain. Time to die...', '8600dbd41e348fe5c9465ab92d23e3db8b98b873beecd930736488696438cb6b547fe64427496db33bf66019dacbf0039c04199abb0122918601db38a72cfc21'],
    ];
    for (const [key, text, expected] of vectors) {
      const hash = sha256(new TextEncoder().encode(text));
      expect(BACKENDS.map((backend) => bytesToHex(backend.signDigest(hash, hexToBytes(key))))).toEqual(ALL(expected));
    }
  });

  it('refuses the same bad keys and digests with the same errors: zero, n, above n, wrong lengths', () => {
    const hash = sha256(new Uint8Array(1));
    const badKeys = [new Uint8Array(32), hexToBytes(hex32(N)), hexToBytes(hex32(N + 1n)), new Uint8Array(32).fill(0xff), new Uint8Array(31).fill(1), new Uint8Array(33).fill(1), new Uint8Array(0)];
    for (const key of badKeys) {
      const [first, ...others] = BACKENDS.map((backend) => outcome(() => backend.signDigest(hash, key)));
      expect(first).toHaveProperty('error');
      for (const other of others) expect(other).toEqual(first);
    }
    const key = hexToBytes(hex32(7n));
    for (const length of [0, 20, 31, 33, 64]) {
      const [first, ...others] = BACKENDS.map((backend) => outcome(() => backend.signDigest(new Uint8Array(length).fill(0x42), key)));
      for (const other of others) expect(other).toEqual(first);
    }
  });
});

describe('public keys from secret keys', () => {
  it('gives noble’s compressed and uncompressed keys on random scalars and at the ends of the range', () => {
    const ends = [1n, 2n, N - 2n, N - 1n].map((k) => hexToBytes(hex32(k)));
    fc.assert(fc.property(secretKey, fc.boolean(), (key, compressed) => {
      for (const scalar of [key, ...ends]) {
        const expected = bytesToHex(secp256k1.getPublicKey(scalar, compressed));
        for (const backend of BACKENDS) {
          const publicKey = backend.publicKey(scalar, compressed);
          expect(Object.getPrototypeOf(publicKey)).toBe(Uint8Array.prototype);
          expect(bytesToHex(publicKey)).toBe(expected);
        }
      }
    }), { numRuns: 30 });
  });

  it('refuses zero, n, above n and wrong lengths with the same errors', () => {
    const badKeys = [new Uint8Array(32), hexToBytes(hex32(N)), hexToBytes(hex32(N + 1n)), new Uint8Array(32).fill(0xff), new Uint8Array(31).fill(1), new Uint8Array(33).fill(1)];
    for (const key of badKeys) {
      for (const compressed of [true, false]) {
        const [first, ...others] = BACKENDS.map((backend) => outcome(() => backend.publicKey(key, compressed)));
        expect(first).toHaveProperty('error');
        for (const other of others) expect(other).toEqual(first);
      }
    }
  });
});

describe('ECDH with input callers should have refused', () => {
  it('throws the same InvalidInputError for a bad scalar, an off-curve or malformed point, and both at once', () => {
    const peer = publicKeyOf(hexToBytes(hex32(9n)), false);
    const offCurve = peer.slice();
    offCurve[64] = offCurve[64]! ^ 1;
    const hybrid = Uint8Array.of(0x06, ...peer.subarray(1));
    const points = [peer, offCurve, hybrid, peer.subarray(0, 64), new Uint8Array(65), Uint8Array.of(0x04, ...hexToBytes(hex32(P + 1n)), ...peer.subarray(33))];
    const scalars = [hexToBytes(hex32(5n)), new Uint8Array(32), hexToBytes(hex32(N)), new Uint8Array(32).fill(0xff), new Uint8Array(31).fill(1)];
    for (const point of points) {
      for (const scalar of scalars) {
        const [first, ...others] = BACKENDS.map((backend) => outcome(() => backend.ecdhX(scalar, point)));
        for (const other of others) expect(other).toEqual(first);
        if (point !== peer) expect(first).toMatchObject({ error: { name: 'InvalidInputError', code: 'bad_public_key' } });
        else if (scalar !== scalars[0]) expect(first).toMatchObject({ error: { name: 'InvalidInputError', code: 'bad_private_key' } });
        else expect(first).toHaveProperty('value');
      }
    }
  });
});

describe('the public API on either backend', () => {
  const PRIV = 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229';
  const PUB = '027d28f9951ce46538951e3697c62588a87f1f1f295de4a14fdd4c780fc52cfe69';

  it('decryptECIES: same plaintext for compressed and uncompressed ephemeral keys, hex and base64', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.uint8Array({ maxLength: 100 })), fc.boolean(), fc.constantFrom('hex' as const, 'base64' as const), (content, uncompressed, encoding) => {
      const cipher = encryptECIES(PUB, content, typeof content === 'string', encoding);
      if (uncompressed) cipher.ephemeralPK = decompressPublicKey(cipher.ephemeralPK); // the MAC covers the compressed key (§3.1)
      expect(onEach(() => decryptECIES(PRIV, cipher))).toEqual(ALL({ value: typeof content === 'string' ? content : bytesToHex(content) }));
    }), { numRuns: 30 });
  });

  it('decryptECIES: the same errors for bad ephemeral keys, bad MACs, bad private keys, and several faults at once', () => {
    const good = encryptECIESWith(PUB, 'hello, gaia', true, { ephemeralPrivateKey: hex32(7n), iv: '000102030405060708090a0b0c0d0e0f' });
    const point = decompressPublicKey(good.ephemeralPK);
    const offCurve = `${point.slice(0, 128)}${((parseInt(point.slice(128), 16) ^ 1) & 0xff).toString(16).padStart(2, '0')}`;
    const variants: Array<[string, unknown]> = [
      [PRIV, { ...good, ephemeralPK: offCurve }],
      [PRIV, { ...good, ephemeralPK: `02${hex32(P + 1n)}` }],
      [PRIV, { ...good, ephemeralPK: `06${point.slice(2)}` }],
      [PRIV, { ...good, ephemeralPK: good.ephemeralPK.slice(0, 64) }],
      [PRIV, { ...good, ephemeralPK: '' }],
      [PRIV, { ...good, mac: '00'.repeat(32) }],
      [PRIV, { ...good, ephemeralPK: getOtherEphemeral() }], // a valid point, but not the one the MAC covers
      [hex32(1n), good], // the wrong private key: the MAC fails
      [hex32(N), good], // not a private key
      [hex32(N), { ...good, ephemeralPK: offCurve }], // two faults: the cipher object is reported first
      [PRIV, { ...good, ephemeralPK: offCurve, mac: 'zz' }], // two faults in the object: the key is reported first
      [PRIV, { ...good, ephemeralPK: 42 }],
    ];
    for (const [key, cipher] of variants) {
      const [first, ...others] = onEach(() => decryptECIES(key, cipher));
      for (const other of others) expect(other).toEqual(first);
      expect(first).toHaveProperty('error');
    }
    expect(onEach(() => decryptECIES(PRIV, { ...good, ephemeralPK: offCurve }))[0]).toMatchObject({ error: { name: 'InvalidInputError', code: 'bad_cipher_object' } });
    expect(onEach(() => decryptECIES(PRIV, { ...good, mac: '00'.repeat(32) }))[0]).toMatchObject({ error: { name: 'FailedDecryptionError', message: 'Decryption failed: failure in MAC check' } });
    expect(onEach(() => decryptECIES(PRIV, good))).toEqual(ALL({ value: 'hello, gaia' }));
  });

  it('signECDSA, signToken, getPublicKeyFromPrivate and encryptECIESWith: the same bytes and the same errors', () => {
    fc.assert(fc.property(secretKey, fc.boolean(), fc.string({ maxLength: 60 }), (key, flagged, content) => {
      const priv = `${bytesToHex(key)}${flagged ? '01' : ''}`;
      const fixed = { ephemeralPrivateKey: bytesToHex(key), iv: '000102030405060708090a0b0c0d0e0f' };
      const runs = [
        () => signECDSA(priv, content), () => signToken({ content }, priv), () => getPublicKeyFromPrivate(priv),
        () => getUncompressedPublicKeyFromPrivate(priv), () => encryptECIESWith(PUB, content, true, fixed),
      ];
      for (const run of runs) {
        const [first, ...others] = onEach(run);
        expect(first).toHaveProperty('value');
        for (const other of others) expect(other).toEqual(first);
      }
    }), { numRuns: 20 });
    const badKeys = [hex32(0n), hex32(N), 'ff'.repeat(32), `${hex32(N)}01`, `${hex32(5n)}02`, hex32(5n).slice(2), 'zz'];
    for (const priv of badKeys) {
      for (const run of [() => signECDSA(priv, 'x'), () => signToken({}, priv), () => getPublicKeyFromPrivate(priv), () => encryptECIESWith(PUB, 'x', true, { ephemeralPrivateKey: priv, iv: '00'.repeat(16) })]) {
        expect(onEach(run)).toEqual(ALL(expect.objectContaining({ error: expect.objectContaining({ name: 'InvalidInputError', code: 'bad_private_key' }) })));
      }
    }
    // Raw scalars that nothing validated first: every backend throws noble's error.
    for (const key of [new Uint8Array(32), hexToBytes(hex32(N))]) {
      const [first, ...others] = onEach(() => signDigest(new Uint8Array(32).fill(1), key));
      expect(first).toHaveProperty('error');
      for (const other of others) expect(other).toEqual(first);
      const [firstEncryption, ...otherEncryptions] = onEach(() => encryptECIESWith(PUB, 'x', true, { ephemeralPrivateKey: key, iv: '00'.repeat(16) }));
      expect(firstEncryption).toHaveProperty('error');
      for (const other of otherEncryptions) expect(other).toEqual(firstEncryption);
    }
  });

  it('verifyToken and verifyECDSA agree on genuine, high-S, altered and garbage input', () => {
    fc.assert(fc.property(secretKey, fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 20 }), { maxKeys: 4 }), fc.string({ maxLength: 40 }), (key, payload, noise) => {
      const priv = bytesToHex(key);
      const publicKey = bytesToHex(publicKeyOf(key, true));
      const token = signToken(payload, priv);
      const [head, body, sig] = token.split('.') as [string, string, string];
      const highToken = `${head}.${body}.${Buffer.from(highS(Buffer.from(sig, 'base64url'))).toString('base64url')}`;
      const derHex = bytesToHex(der(secp256k1.sign(sha256(noise), key, { prehash: false })));
      const checks = [
        () => verifyToken(token, publicKey), () => verifyToken(highToken, publicKey), () => verifyToken(`${token}x`, publicKey),
        () => verifyToken(`${head}.${body}x.${sig}`, publicKey), () => verifyToken(noise, publicKey), () => verifyToken(token, noise),
        () => verifyECDSA(noise, publicKey, derHex), () => verifyECDSA(`${noise}!`, publicKey, derHex), () => verifyECDSA(noise, publicKey, noise),
      ];
      const expected = [true, true, false, false, false, false, true, false, false];
      checks.forEach((check, i) => {
        expect(onEach(check)).toEqual(ALL({ value: expected[i] }));
      });
    }), { numRuns: 20 });
  });
});

/** A valid compressed point other than the cipher object's own ephemeral key. */
function getOtherEphemeral(): string {
  return bytesToHex(secp256k1.getPublicKey(hexToBytes(hex32(8n)), true));
}
