import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import {
  FailedDecryptionError, InvalidInputError, bytesToHex, bytesToUtf8, decompressPublicKey, decryptECIES,
  eciesGetJsonStringLength, encryptECIES, encryptECIESWith, getPublicKeyFromPrivate, hexToBytes, sharedSecret,
  getAesCbcOutputLength, getBase64OutputLength, getCipherObjectWrapper, type CipherObject,
} from '@bsk/crypto';

// auth-and-storage.md §9.2
const PRIV = 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229';
const PUB = '027d28f9951ce46538951e3697c62588a87f1f1f295de4a14fdd4c780fc52cfe69';
const EPHEMERAL_B = 'c2b2a1f0e1d2c3b4a5968778695a4b3c2d1e0f1e2d3c4b5a69788796a5b4c3d2';

interface FixedVector {
  readonly id: string;
  readonly ephemeral: string;
  readonly iv: string;
  readonly plaintext: string | Uint8Array;
  readonly wasString: boolean;
  readonly encoding: 'hex' | 'base64';
  readonly json: string;
  readonly sharedX?: string;
}

const FIXED: FixedVector[] = [
  {
    id: 'A', ephemeral: '0000000000000000000000000000000000000000000000000000000000000007', iv: '000102030405060708090a0b0c0d0e0f',
    plaintext: 'hello, gaia', wasString: true, encoding: 'hex',
    json: '{"iv":"000102030405060708090a0b0c0d0e0f","ephemeralPK":"025cbdf0646e5db4eaa398f365f2ea7a0e3d419b7e0330e39ce92bddedcac4f9bc","cipherText":"43fe10d167521d9eb15a537f0b21b80b","mac":"58153a69b8a92be6eb0170369c5d6dcaea724cc15b15ba5c8f1aeea8b0bc24dd","wasString":true}',
    sharedX: 'df6568baf4496f90acefdb96baa4c19ea4a2d1e4c745c37c08a2d30a521c353d',
  },
  {
    id: 'B', ephemeral: EPHEMERAL_B, iv: 'ffeeddccbbaa99887766554433221100', plaintext: '{"todos":[]}', wasString: true, encoding: 'base64',
    json: '{"iv":"ffeeddccbbaa99887766554433221100","ephemeralPK":"02cb0387b5d21b65595f6c2836fdba450e4b8391d5e2081c21f9a449bb5549a805","cipherText":"qAdnyHGyr9UdgLH9cROwSg==","mac":"294dc99b35e535beb9c6c51bc2b7af75db9408eb850c0a0b27cbc5e27b7c7290","wasString":true,"cipherTextEncoding":"base64"}',
    sharedX: '7f7790ac9e34b9badaccc0bb72910964e142b307802beae8514237d95582a6a0',
  },
  {
    id: 'C', ephemeral: EPHEMERAL_B, iv: '00000000000000000000000000000000', plaintext: hexToBytes('deadbeef'), wasString: false, encoding: 'hex',
    json: '{"iv":"00000000000000000000000000000000","ephemeralPK":"02cb0387b5d21b65595f6c2836fdba450e4b8391d5e2081c21f9a449bb5549a805","cipherText":"52701c60168f1d98dfd2aa872d4664e5","mac":"c04702f8edaa9eb30afefdbe8dba02c69bb475e06b002d66d0a031fde2c94f76","wasString":false}',
  },
  {
    id: 'D', ephemeral: '6495d1574980c70c6f5b646c75be67cb9fadec55625d5000fc76fb33699479c0', iv: '0f0e0d0c0b0a09080706050403020100',
    plaintext: 'leading zero', wasString: true, encoding: 'hex',
    json: '{"iv":"0f0e0d0c0b0a09080706050403020100","ephemeralPK":"0248bb3a0347d328af4018006ada31eeba8208b40f376616fa27e6c2cff13b9820","cipherText":"8dd83fa7a570c7200afe00fb1619d291","mac":"9d388d82996fd409dde7ee187d55ac65dfe76233db45ed243eafd2c680590468","wasString":true}',
    sharedX: '004b549c14171dd79e75dcf2157d061747845b7937c374e09d9c266312706cf9',
  },
];

const JACK = 'all work and no play makes jack a dull boy';
const LIBRARY_OBJECTS = [
  '{"iv":"399c9b70f7d8681fbf9fbdabfb6c31e3","ephemeralPK":"0393bf392eff970a3f154d33d73b6a90fd2287081b4a58013b78ff72f7e2ad7101","cipherText":"cac4d6db4aa076341c3b76f2e6b5764bf9e43733e5f86b26b6075e93fc729511505a5cd3e5bfffebb42a89b1b91540cc","mac":"205ae8cefb697fbb977bb44fa968145835fc6e15e0ca668e4d32a91affcb266b","wasString":true}',
  '{"iv":"bcfae686d6c681b6994b99586b89dfe9","ephemeralPK":"023cb11069b50c9946c79b2812ba6ef9b1d57ffe86322a2b4d45e19f45c812edd7","cipherText":"G1CqgTQd3St707v8zla8+yxKKplQyyxCAaGF/+xCD7TXCMjNDalgFN9SBujdda01","mac":"55421e2735de428fd46ae93524117c1c4d6ea18be055e94fd124eca5c6a10367","wasString":true,"cipherTextEncoding":"base64"}',
];
const BINARY_OBJECT = '{"iv":"a953039fc0bc211e6e439fbb12455f2b","ephemeralPK":"03e2fd93f44108690036c2abe0e5d8c8f48c1edfd8111be5f7c8f272646f8c80b2","cipherText":"249e94eb8ee92972a5631af7e9ee9b30","mac":"abcf5cb1a00b9064432c2b3d6bebd04a7a591a2db8e7bf76a362889ab9e17df1","wasString":false}';
const AUTH_PRIVATE_KEY_FIELD = '7b226976223a223439306137626238363062383135613961633965373938393339366239373435222c22657068656d6572616c504b223a22303339643165306131623733663862613139633030613935363831343765636664326264613165343637306630653931653866643536333565663238613664356264222c2263697068657254657874223a2233383236643830663765643835613632623464373263343638636133313631643766383335616462356233326636356363613961623332663761323938653866376533363036623037343733386262636336313130613564393038656663623138663639636530623964626535383935643462333036386133343332393165353537336132313236376363386639663330653762356239323535356465333738222c226d6163223a2236653530346330633833356539303131346633386663346362363332366238333834316533643334616665633737313930316130396638303035366362623134222c22776173537472696e67223a747275657d';

describe('ECIES fixed-ephemeral vectors (§9.2 A–D)', () => {
  for (const v of FIXED) {
    it(`vector ${v.id} encrypts byte for byte`, () => {
      const cipher = encryptECIESWith(PUB, v.plaintext, v.wasString, { ephemeralPrivateKey: v.ephemeral, iv: v.iv, cipherTextEncoding: v.encoding });
      expect(JSON.stringify(cipher)).toBe(v.json);
    });
    it(`vector ${v.id} decrypts`, () => {
      const plain = decryptECIES(PRIV, JSON.parse(v.json));
      if (typeof v.plaintext === 'string') expect(plain).toBe(v.plaintext);
      else expect(bytesToHex(plain as Uint8Array)).toBe(bytesToHex(v.plaintext));
    });
    if (v.sharedX) {
      it(`vector ${v.id} shared secret is the 32-byte padded x`, () => {
        expect(bytesToHex(sharedSecret(v.ephemeral, PUB))).toBe(v.sharedX);
        expect(bytesToHex(sharedSecret(PRIV, getPublicKeyFromPrivate(v.ephemeral)))).toBe(v.sharedX);
      });
    }
  }

  it('accepts bytes for the fixed inputs and an uncompressed recipient key', () => {
    const v = FIXED[0]!;
    const cipher = encryptECIESWith(decompressPublicKey(PUB), v.plaintext, true, { ephemeralPrivateKey: hexToBytes(v.ephemeral), iv: hexToBytes(v.iv) });
    expect(JSON.stringify(cipher)).toBe(v.json);
  });

  it('rejects a wrong-sized IV', () => {
    expect(() => encryptECIESWith(PUB, 'x', true, { ephemeralPrivateKey: EPHEMERAL_B, iv: '00' })).toThrow(InvalidInputError);
  });
});

describe('ECIES library-generated objects (§9.2)', () => {
  it('decrypts both random-ephemeral objects', () => {
    for (const json of LIBRARY_OBJECTS) expect(decryptECIES(PRIV, JSON.parse(json))).toBe(JACK);
  });
  it('decrypts the binary object to bytes', () => {
    const plain = decryptECIES(PRIV, JSON.parse(BINARY_OBJECT));
    expect(plain).toBeInstanceOf(Uint8Array);
    expect(bytesToHex(plain as Uint8Array)).toBe('00010203ff');
  });
  it('decrypts the auth response private_key field (hex → JSON → ECIES)', () => {
    const cipher = JSON.parse(bytesToUtf8(hexToBytes(AUTH_PRIVATE_KEY_FIELD))) as unknown;
    expect(decryptECIES(PRIV, cipher)).toBe('3168aefff6aa53959a002112821384c41f39f538c0e8727a798bb40beb62ca5e');
  });
  it('accepts the private key with the 01 compression flag', () => {
    expect(decryptECIES(PRIV + '01', JSON.parse(LIBRARY_OBJECTS[0]!))).toBe(JACK);
  });
});

describe('ECIES negative checks (§9.2, observed)', () => {
  const vectorA = (): CipherObject => JSON.parse(FIXED[0]!.json) as CipherObject;

  it('a zeroed MAC fails the MAC check with the reference message', () => {
    const cipher = { ...vectorA(), mac: '0'.repeat(64) };
    expect(() => decryptECIES(PRIV, cipher)).toThrow(FailedDecryptionError);
    expect(() => decryptECIES(PRIV, cipher)).toThrow('Decryption failed: failure in MAC check');
  });
  it('an uncompressed ephemeralPK still decrypts (MAC is over the compressed form)', () => {
    const cipher = vectorA();
    cipher.ephemeralPK = decompressPublicKey(cipher.ephemeralPK);
    expect(cipher.ephemeralPK.startsWith('04')).toBe(true);
    expect(decryptECIES(PRIV, cipher)).toBe('hello, gaia');
  });
  it('the wrong key fails the MAC check', () => {
    expect(() => decryptECIES('11'.repeat(32), vectorA())).toThrow(FailedDecryptionError);
  });
  it('a tampered ciphertext or IV fails the MAC check', () => {
    expect(() => decryptECIES(PRIV, { ...vectorA(), cipherText: '53fe10d167521d9eb15a537f0b21b80b' })).toThrow(FailedDecryptionError);
    expect(() => decryptECIES(PRIV, { ...vectorA(), iv: '100102030405060708090a0b0c0d0e0f' })).toThrow(FailedDecryptionError);
  });
  it('malformed cipher objects are InvalidInputError', () => {
    const bad: unknown[] = [
      null, 'string', [], {},
      { ...vectorA(), iv: undefined },
      { ...vectorA(), iv: 'zz' },
      { ...vectorA(), iv: '0001' },
      { ...vectorA(), ephemeralPK: '02' + '00'.repeat(32) },
      { ...vectorA(), ephemeralPK: 'hello' },
      { ...vectorA(), cipherText: 42 },
      { ...vectorA(), cipherText: 'xyz' },
      { ...vectorA(), mac: 'not hex' },
      { ...vectorA(), wasString: 'yes' },
      { ...vectorA(), cipherTextEncoding: 'base32' },
      { ...vectorA(), cipherTextEncoding: 'base64', cipherText: '!!!' },
    ];
    for (const value of bad) expect(() => decryptECIES(PRIV, value)).toThrow(InvalidInputError);
  });
});

describe('ECIES round trips', () => {
  it('random ephemeral keys: fresh each time, compressed, and decryptable', () => {
    const a = encryptECIES(PUB, JACK, true);
    const b = encryptECIES(PUB, JACK, true);
    expect(a.ephemeralPK).not.toBe(b.ephemeralPK);
    expect(a.ephemeralPK).toMatch(/^0[23][0-9a-f]{64}$/);
    expect(Object.keys(a)).toEqual(['iv', 'ephemeralPK', 'cipherText', 'mac', 'wasString']);
    expect(Object.keys(encryptECIES(PUB, JACK, true, 'base64'))).toEqual(['iv', 'ephemeralPK', 'cipherText', 'mac', 'wasString', 'cipherTextEncoding']);
    expect(decryptECIES(PRIV, a)).toBe(JACK);
  });

  it('property: any bytes or string round-trip in either encoding', () => {
    fc.assert(fc.property(
      fc.oneof(fc.string(), fc.uint8Array({ maxLength: 200 })),
      fc.constantFrom<'hex' | 'base64'>('hex', 'base64'),
      fc.uint8Array({ minLength: 32, maxLength: 32 }).filter((k) => secp256k1.utils.isValidSecretKey(k)),
      (content, encoding, recipientKey) => {
        const recipientHex = bytesToHex(recipientKey);
        const wasString = typeof content === 'string';
        const cipher = JSON.parse(JSON.stringify(encryptECIES(getPublicKeyFromPrivate(recipientHex), content, wasString, encoding))) as unknown;
        const plain = decryptECIES(recipientHex, cipher);
        if (wasString) expect(plain).toBe(content);
        else expect(bytesToHex(plain as Uint8Array)).toBe(bytesToHex(content));
      },
    ), { numRuns: 50 });
  });

  it('property: random objects only ever throw InvalidInputError or FailedDecryptionError', () => {
    const hexish = fc.oneof(fc.string(), fc.uint8Array({ maxLength: 48 }).map(bytesToHex));
    const fields = fc.record({
      iv: fc.oneof(hexish, fc.constant(FIXED[0]!.iv), fc.integer()),
      ephemeralPK: fc.oneof(hexish, fc.constant(getPublicKeyFromPrivate(EPHEMERAL_B))),
      cipherText: fc.oneof(hexish, fc.base64String()),
      mac: hexish,
      wasString: fc.oneof(fc.boolean(), fc.string()),
      cipherTextEncoding: fc.oneof(fc.constant(undefined), fc.constant('hex'), fc.constant('base64'), fc.string()),
    }, { requiredKeys: [] });
    fc.assert(fc.property(fc.oneof(fields, fc.anything()), (value) => {
      try {
        decryptECIES(PRIV, value);
      } catch (error) {
        expect(error instanceof InvalidInputError || error instanceof FailedDecryptionError).toBe(true);
      }
    }), { numRuns: 300 });
  });
});

describe('encrypted size estimate (§3.1, §9.11)', () => {
  it('42-byte string, hex: 326 unsigned and 601 signed', () => {
    expect(eciesGetJsonStringLength({ contentLength: 42, wasString: true })).toBe(326);
    expect(eciesGetJsonStringLength({ contentLength: 42, wasString: true, sign: true })).toBe(601);
  });
  it('matches the real unsigned JSON length exactly, in both encodings', () => {
    for (const n of [0, 1, 15, 16, 17, 42, 100, 1000]) {
      for (const encoding of ['hex', 'base64'] as const) {
        for (const wasString of [true, false]) {
          const real = JSON.stringify(encryptECIES(PUB, new Uint8Array(n), wasString, encoding)).length;
          expect(eciesGetJsonStringLength({ contentLength: n, wasString, cipherTextEncoding: encoding })).toBe(real);
        }
      }
    }
  });
  it('has the reference helper shapes', () => {
    expect(getAesCbcOutputLength(0)).toBe(16);
    expect(getAesCbcOutputLength(16)).toBe(32);
    expect(getBase64OutputLength(32)).toBe(44);
    expect(getCipherObjectWrapper({ wasString: true }).payloadValuesLength).toBe(162);
  });
});
