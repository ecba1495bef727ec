import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  decryptECIES, eciesGetJsonStringLength, encryptContent, encryptECIES, encryptECIESWith, FailedDecryptionError, getPublicKeyFromPrivate,
  getUncompressedPublicKeyFromPrivate, type CipherObject, type CipherTextEncoding,
} from '@bsk/crypto';
import { ec } from '../src/reference.js';
import { binary, privateKeyHex, RUNS, text } from './support/arbitraries.js';
import { asBytes } from './support/buffers.js';

// The reference client is slow, and a shared 2-core machine can be slower still.
vi.setConfig({ testTimeout: 120_000 });

// auth-and-storage.md §3.1 and §9.2: ECIES cipher objects, ours against blockstack@21.1.1.
const PRIV = 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229';
const PUB = '027d28f9951ce46538951e3697c62588a87f1f1f295de4a14fdd4c780fc52cfe69';
const encoding = fc.constantFrom<CipherTextEncoding>('hex', 'base64');
/** Each side's key form: compressed or uncompressed recipient public key. */
const recipientKey = (priv: string, uncompressed: boolean): string =>
  uncompressed ? getUncompressedPublicKeyFromPrivate(priv) : getPublicKeyFromPrivate(priv);

function theirEncrypt(pub: string, content: string | Uint8Array, wasString: boolean, enc: CipherTextEncoding): Promise<CipherObject> {
  return ec.encryptECIES(pub, Buffer.from(asBytes(content)), wasString, enc);
}

describe('ECIES against blockstack@21.1.1', () => {
  it('decrypts the reference’s strings, hex and base64', async () => {
    await fc.assert(
      fc.asyncProperty(privateKeyHex, text, encoding, fc.boolean(), async (priv, message, enc, uncompressed) => {
        const theirs = await theirEncrypt(recipientKey(priv, uncompressed), message, true, enc);
        expect(decryptECIES(priv, theirs)).toBe(message);
        expect(decryptECIES(priv, JSON.parse(JSON.stringify(theirs)))).toBe(message);
      }),
      RUNS,
    );
  });

  it('decrypts the reference’s binary content, hex and base64', async () => {
    await fc.assert(
      fc.asyncProperty(privateKeyHex, binary, encoding, fc.boolean(), async (priv, bytes, enc, uncompressed) => {
        const theirs = await theirEncrypt(recipientKey(priv, uncompressed), bytes, false, enc);
        const plain = decryptECIES(priv, theirs);
        expect(plain).toBeInstanceOf(Uint8Array);
        expect(plain).toEqual(bytes);
      }),
      RUNS,
    );
  });

  it('makes cipher objects the reference decrypts: strings, hex and base64', async () => {
    await fc.assert(
      fc.asyncProperty(privateKeyHex, text, encoding, fc.boolean(), async (priv, message, enc, uncompressed) => {
        const ours = encryptECIES(recipientKey(priv, uncompressed), message, true, enc);
        expect(await ec.decryptECIES(priv, JSON.parse(JSON.stringify(ours)))).toBe(message);
      }),
      RUNS,
    );
  });

  it('makes cipher objects the reference decrypts: binary, hex and base64', async () => {
    await fc.assert(
      fc.asyncProperty(privateKeyHex, binary, encoding, fc.boolean(), async (priv, bytes, enc, uncompressed) => {
        const ours = encryptECIES(recipientKey(priv, uncompressed), bytes, false, enc);
        const plain = await ec.decryptECIES(priv, ours);
        expect(Buffer.isBuffer(plain)).toBe(true);
        expect(new Uint8Array(plain as Buffer)).toEqual(bytes);
      }),
      RUNS,
    );
  });

  it('turns invalid UTF-8 marked wasString into the same string as the reference', async () => {
    await fc.assert(
      fc.asyncProperty(privateKeyHex, binary, async (priv, bytes) => {
        const ours = encryptECIES(getPublicKeyFromPrivate(priv), bytes, true);
        expect(decryptECIES(priv, ours)).toBe(await ec.decryptECIES(priv, ours));
      }),
      RUNS,
    );
  });

  it('emits the same JSON shape: key order, lowercase hex, compressed ephemeral key', async () => {
    for (const [wasString, enc] of [[true, 'hex'], [false, 'hex'], [true, 'base64'], [false, 'base64']] as const) {
      const theirs = await theirEncrypt(PUB, 'shape', wasString, enc);
      const ours = encryptECIES(PUB, 'shape', wasString, enc);
      expect(Object.keys(ours)).toEqual(Object.keys(theirs));
      expect(ours.ephemeralPK).toMatch(/^0[23][0-9a-f]{64}$/);
      expect(theirs.ephemeralPK).toMatch(/^0[23][0-9a-f]{64}$/);
      for (const field of ['iv', 'mac'] as const) expect([field, ours[field].length]).toEqual([field, theirs[field].length]);
      expect(ours.cipherText.length).toBe(theirs.cipherText.length);
      expect(JSON.stringify(ours).length).toBe(JSON.stringify(theirs).length);
    }
  });

  it('reference decrypts the §9.2 fixed-ephemeral vectors we reproduce', async () => {
    const vectors = [
      { eph: '0000000000000000000000000000000000000000000000000000000000000007', iv: '000102030405060708090a0b0c0d0e0f', plain: 'hello, gaia', wasString: true, enc: 'hex' },
      { eph: 'c2b2a1f0e1d2c3b4a5968778695a4b3c2d1e0f1e2d3c4b5a69788796a5b4c3d2', iv: 'ffeeddccbbaa99887766554433221100', plain: '{"todos":[]}', wasString: true, enc: 'base64' },
      { eph: 'c2b2a1f0e1d2c3b4a5968778695a4b3c2d1e0f1e2d3c4b5a69788796a5b4c3d2', iv: '00000000000000000000000000000000', plain: Uint8Array.of(0xde, 0xad, 0xbe, 0xef), wasString: false, enc: 'hex' },
      { eph: '6495d1574980c70c6f5b646c75be67cb9fadec55625d5000fc76fb33699479c0', iv: '0f0e0d0c0b0a09080706050403020100', plain: 'leading zero', wasString: true, enc: 'hex' },
    ] as const;
    for (const v of vectors) {
      const ours = encryptECIESWith(PUB, v.plain, v.wasString, { ephemeralPrivateKey: v.eph, iv: v.iv, cipherTextEncoding: v.enc });
      const theirs = await ec.decryptECIES(PRIV, ours);
      expect(typeof v.plain === 'string' ? theirs : new Uint8Array(theirs as Buffer)).toEqual(v.plain);
    }
  });

  it('decrypts the §9.2 library-generated objects on both sides', async () => {
    const objects: CipherObject[] = [
      { iv: '399c9b70f7d8681fbf9fbdabfb6c31e3', ephemeralPK: '0393bf392eff970a3f154d33d73b6a90fd2287081b4a58013b78ff72f7e2ad7101', cipherText: 'cac4d6db4aa076341c3b76f2e6b5764bf9e43733e5f86b26b6075e93fc729511505a5cd3e5bfffebb42a89b1b91540cc', mac: '205ae8cefb697fbb977bb44fa968145835fc6e15e0ca668e4d32a91affcb266b', wasString: true },
      { iv: 'bcfae686d6c681b6994b99586b89dfe9', ephemeralPK: '023cb11069b50c9946c79b2812ba6ef9b1d57ffe86322a2b4d45e19f45c812edd7', cipherText: 'G1CqgTQd3St707v8zla8+yxKKplQyyxCAaGF/+xCD7TXCMjNDalgFN9SBujdda01', mac: '55421e2735de428fd46ae93524117c1c4d6ea18be055e94fd124eca5c6a10367', wasString: true, cipherTextEncoding: 'base64' },
    ];
    for (const object of objects) {
      expect(decryptECIES(PRIV, object)).toBe('all work and no play makes jack a dull boy');
      expect(await ec.decryptECIES(PRIV, object)).toBe('all work and no play makes jack a dull boy');
    }
  });

  it('accepts an uncompressed ephemeralPK on both sides (the MAC covers the compressed form)', async () => {
    await fc.assert(
      fc.asyncProperty(privateKeyHex, privateKeyHex, text, async (priv, eph, message) => {
        const object = encryptECIESWith(getPublicKeyFromPrivate(priv), message, true, { ephemeralPrivateKey: eph, iv: '000102030405060708090a0b0c0d0e0f' });
        const widened = { ...object, ephemeralPK: getUncompressedPublicKeyFromPrivate(eph) };
        expect(decryptECIES(priv, widened)).toBe(message);
        expect(await ec.decryptECIES(priv, widened)).toBe(message);
      }),
      RUNS,
    );
  });

  it('fails the MAC check with the same error on both sides (wrong key, tampered field)', async () => {
    await fc.assert(
      fc.asyncProperty(privateKeyHex, privateKeyHex, text, fc.constantFrom('mac', 'cipherText', 'iv', 'key'), async (priv, other, message, what) => {
        fc.pre(priv !== other);
        const object = await theirEncrypt(getPublicKeyFromPrivate(priv), message, true, 'hex');
        const flipLast = (hex: string) => hex.slice(0, -1) + (hex.endsWith('0') ? '1' : '0');
        const bad = what === 'key' ? object : { ...object, [what]: flipLast(object[what]) };
        const key = what === 'key' ? other : priv;
        const ourError = (() => {
          try {
            decryptECIES(key, bad);
          } catch (e) {
            return e;
          }
          return undefined;
        })();
        const theirError = await ec.decryptECIES(key, bad).then(() => undefined, (e: unknown) => e);
        expect(ourError).toBeInstanceOf(FailedDecryptionError);
        expect(theirError).toBeInstanceOf(Error);
        const { code, message: text } = theirError as { code: string; message: string };
        expect({ code: (ourError as FailedDecryptionError).code, message: (ourError as Error).message }).toEqual({ code, message: text });
      }),
      RUNS,
    );
  });
});

describe('encrypted-size estimate (putFile upload limit) against blockstack@21.1.1', () => {
  it('gives the same estimate as the reference, and it bounds the real envelope', () => {
    fc.assert(
      fc.property(fc.nat({ max: 5000 }), fc.boolean(), fc.boolean(), encoding, (contentLength, wasString, sign, enc) => {
        const opts = { contentLength, wasString, sign, cipherTextEncoding: enc };
        const estimate = eciesGetJsonStringLength(opts);
        expect(estimate).toBe(ec.eciesGetJsonStringLength(opts));
        // The estimate is an upper bound of what encryptContent really produces (DER may be shorter).
        const real = encryptContent(new Uint8Array(contentLength), { privateKey: PRIV, sign, cipherTextEncoding: enc, wasString });
        expect(real.length).toBeLessThanOrEqual(estimate);
      }),
      { numRuns: 60 },
    );
    expect(eciesGetJsonStringLength({ contentLength: 42, wasString: true, sign: false, cipherTextEncoding: 'hex' })).toBe(326);
    expect(eciesGetJsonStringLength({ contentLength: 42, wasString: true, sign: true, cipherTextEncoding: 'hex' })).toBe(601);
  });
});
