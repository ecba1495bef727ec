import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as nodeCrypto from 'node:crypto';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import {
  bytesToHex, decompressPublicKey, decryptECIES, encryptECIES, encryptECIESWith, hexToBytes, sha256,
  signToken, verifyDigest, verifyECDSA, verifySha256Message, verifyToken,
} from '@bsk/crypto';
import { setCurveBackend, type CurveBackend } from '../src/backend/index.js';
import { createOpenSslCurveBackend, isNodeCryptoModule } from '../src/backend/node.js';
import { nobleCurveBackend } from '../src/backend/web.js';

/*
 * The OpenSSL and noble curve backends must be interchangeable: the same shared secrets, the same
 * verdict on every signature (high-S accepted, malformed DER refused, never an exception), the same
 * keys accepted, and, through the public API, the same plaintexts and the same errors.
 */

if (!isNodeCryptoModule(nodeCrypto)) throw new Error('node:crypto lacks a function the OpenSSL backend needs');
const openssl = createOpenSslCurveBackend(nodeCrypto);
const BACKENDS: readonly CurveBackend[] = [openssl, nobleCurveBackend];

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

/** Runs `f` with each backend pinned in turn; returns both outcomes (OpenSSL first). */
function onBoth(f: () => unknown): [Outcome, Outcome] {
  const results = BACKENDS.map((backend) => {
    setCurveBackend(backend);
    try {
      return outcome(f);
    } finally {
      setCurveBackend(undefined);
    }
  });
  return [results[0]!, results[1]!];
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
      const [ours, theirs] = BACKENDS.map((backend) => outcome(() => backend.uncompressedPoint(bytes)));
      expect(ours).toEqual(theirs);
      if ('error' in ours!) expect(ours.error.name).toBe('InvalidInputError');
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
      const [ours, theirs] = BACKENDS.map((backend) => outcome(() => backend.uncompressedPoint(hexToBytes(key))));
      expect(ours).toEqual(theirs);
      expect(ours).toMatchObject({ error: { name: 'InvalidInputError', code: 'bad_public_key' } });
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
      expect(verdicts[0]).toEqual({ value: false });
      expect(verdicts[1]).toEqual({ value: false });
    }), { numRuns: 200 });
  });

  it('refuses non-canonical DER and out-of-range r, s on both backends, and agrees on every one-byte mutation', () => {
    const key = hexToBytes('c2b2a1f0e1d2c3b4a5968778695a4b3c2d1e0f1e2d3c4b5a69788796a5b4c3d2');
    const publicKey = bytesToHex(publicKeyOf(key, false));
    const content = new TextEncoder().encode('canonical');
    // High-S, so s always carries a 00 sign byte in DER.
    let compact = highS(secp256k1.sign(sha256(content), key, { prehash: false }));
    const good = der(compact);
    expect(BACKENDS.map((b) => b.verifySha256(content, good, publicKey, 'der'))).toEqual([true, true]);
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
      expect(BACKENDS.map((b) => outcome(() => b.verifySha256(content, bad, publicKey, 'der')))).toEqual([{ value: false }, { value: false }]);
    }
    compact = compact.slice();
    compact.set(hexToBytes(hex32(N)), 0); // r = n in compact form
    expect(BACKENDS.map((b) => b.verifySha256(content, compact, publicKey, 'compact'))).toEqual([false, false]);
    fc.assert(fc.property(fc.nat({ max: good.length - 1 }), fc.integer({ min: 1, max: 255 }), (index, flip) => {
      const mutated = good.slice();
      mutated[index] = mutated[index]! ^ flip;
      const verdicts = BACKENDS.map((b) => outcome(() => b.verifySha256(content, mutated, publicKey, 'der')));
      expect(verdicts[0]).toEqual(verdicts[1]);
    }), { numRuns: 150 });
  });

  it('refuses keys that are not points, on both backends', () => {
    const signature = secp256k1.sign(sha256(new Uint8Array(1)), hexToBytes(hex32(5n)), { prehash: false });
    const point = bytesToHex(publicKeyOf(hexToBytes(hex32(5n)), false));
    for (const key of ['', 'zz', '0', `06${point.slice(2)}`, `07${point.slice(2)}`, point.slice(0, 128), `${point}00`, `02${hex32(P + 1n)}`]) {
      expect(BACKENDS.map((b) => outcome(() => b.verifySha256(new Uint8Array(1), signature, key, 'compact')))).toEqual([{ value: false }, { value: false }]);
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
      const [ours, theirs] = onBoth(() => decryptECIES(PRIV, cipher));
      expect(ours).toEqual(theirs);
      expect(ours).toEqual({ value: typeof content === 'string' ? content : bytesToHex(content) });
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
      const [ours, theirs] = onBoth(() => decryptECIES(key, cipher));
      expect(ours).toEqual(theirs);
      expect(ours).toHaveProperty('error');
    }
    expect(onBoth(() => decryptECIES(PRIV, { ...good, ephemeralPK: offCurve }))[0]).toMatchObject({ error: { name: 'InvalidInputError', code: 'bad_cipher_object' } });
    expect(onBoth(() => decryptECIES(PRIV, { ...good, mac: '00'.repeat(32) }))[0]).toMatchObject({ error: { name: 'FailedDecryptionError', message: 'Decryption failed: failure in MAC check' } });
    expect(onBoth(() => decryptECIES(PRIV, good))).toEqual([{ value: 'hello, gaia' }, { value: 'hello, gaia' }]);
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
        expect(onBoth(check)).toEqual([{ value: expected[i] }, { value: expected[i] }]);
      });
    }), { numRuns: 20 });
  });
});

/** A valid compressed point other than the cipher object's own ephemeral key. */
function getOtherEphemeral(): string {
  return bytesToHex(secp256k1.getPublicKey(hexToBytes(hex32(8n)), true));
}
