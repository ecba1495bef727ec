import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  InvalidInputError, appDomainHash, bytesToHex, findIdentityIndex, getAppsNode, getApplicationKeyInfo, getBitcoinAddress,
  getBitcoinNode, getBitcoinPrivateKey, getBitcoinPublicKeychain, getGaiaBucketAddress, getIdentityAddressNode,
  getIdentityKeyInfo, getIdentityPublicKeychain, getIdentitySalt, getLegacyAppPrivateKey, getOwnerKeyInfo,
  getPaymentKeyInfo, getPublicKeyFromPrivate, getUnusedNewAppPrivateKey, javaStringHashCode, legacyAppIndex,
  mnemonicToSeed, mnemonicToSeedSync, nodeAddress, nodeFromBase58, nodePrivateKey, publicKeyToAddress, rootFromSeed,
  c32addressDecode, decodeAddress,
} from '@bsk/crypto';

// auth-and-storage.md §9.4
const PHRASE = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const SEED = '5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc19a5ac40b389cd370d086206dec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4';
const ROOT_XPRV = 'xprv9s21ZrQH143K3GJpoapnV8SFfukcVBSfeCficPSGfubmSFDxo1kuHnLisriDvSnRRuL2Qrg5ggqHKNVpxR86QEC8w35uxmGoggxtQTPvfUu';
const IDENTITY_XPUB = 'xpub6BKa544rnQMvWnpa1XEXRbZzuKqLzA2o3ctGLTVR284kt4JJrSTyFM1Vb8duEbXznMkKzspEeRWLw3KSfpmB3Sp5YsZ3KiRv7Qrxy5DXfBN';
const SALT = '1f697dc22fc7c4ef696419712c521ba6f75076a3bdce067908920b519ea790c8';
const BITCOIN_XPUB = 'xpub6BosfCnifzxcFwrSzQiqu2DBVTshkCXacvNsWGYJVVhhawA7d4R5WSWGFNbi8Aw6ZRc1brxMyWMzG3DSSSSoekkudhUd9yLb6qx39T9nMdj';
const BITCOIN_ADDRESS = '1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA';

const IDENTITIES = [
  {
    privateKey: '6dad38fa92add38d913bdfb2e646ef4ce2a50a2f39853f848a792835626a5690',
    publicKey: '02ed9b172e392fd595e7918aa0c21a401a6bc1fba3bfd89872d3b92fabd971710c',
    address: '1NBsnVpx9SVD88MxC7tPUE6xxuWt1wigyL',
    appsNode: 'xprvA2FdbTyCB8dzxNy8f9N8soM2vRKiJ1CPYV7r9Z4HL7m9Lyhtr6MoHB2qcXrQZS3AhpYCJrCyj84gyiGaBARoTmCqJFWLf6UYx1K7VsXJ4aT',
  },
  {
    privateKey: '42fa837cdd643e8bf8cc2ac19937eaa6d329acdbdceff252328a2e2e8467fd2c',
    publicKey: '02eb0e95658485b095ba46ef7bd3f473268dcb37dea35eece0000e48a7db9dc01a',
    address: '19Zr9EqFt9eT4mNBwMsxa8sF5UFWe9C6Ya',
    appsNode: 'xprvA1EcQg2jKkRTVL81SdoYtPPX2Crhb3eBcVbq7Xz41bXj336MnaT6oKcrELbH7ERU3yUFjybWe8NazUjH9NH9CtWyHHGFvcdx8biJrnVGDDZ',
  },
];

const APPS = [
  {
    domain: 'https://example.com', hash: '88dd13987ba150e42f6a186e19c4dedc94c814e2c0272c60196dd9b1c67cd0ef',
    legacy: '47ed2eae720b6a70a8fe83e0b91632e5342fb095020cd629a86e993b126fbb90',
    publicKey: '02d3235e938d064b70e55a1f4928e170da1e8b486193c4199a14e6f70616ee6219', bucket: '1JHJmXQ5H7hxrm7TngmMg1WykqG2yze57V',
    newStyle: '13e4dc19f17d08a93ef50a7d5631fe0af35b645edff7d58fa838f177a5784d46',
  },
  {
    domain: 'http://localhost:3000', hash: '0ebc906130791f540405968189d97b3a1d6203f23a08cbcac0783716918fa8db',
    legacy: 'bb4824ff7902cbd42499b5792c99aee083bf40195ae7877bee00c22a4bb1fef4',
    publicKey: '02e4272dad8f9e05a1e937a7acee137874d326a212cf74f1cd285d37c9da4c6dd3', bucket: '14bX6Q1wfNijvHSEXXVdjCdYYvhScP4Hbb',
    newStyle: '9e25d39e8de87ea8ba0ceab2595577999d10ec8b6929e58f5c5c09132ef042f6',
  },
  {
    domain: 'https://app.co', hash: '985a4dbe4442c5bac28bfe87ec6a1632d7c665e0c6e2d48a8ca56efc3195097e',
    legacy: 'a5ea10cecb24d6f671c05cb235602ccd1cfa955b7d6dd7b41670974c008665fc',
    publicKey: '03a8fc91c190e9853af602a703366f60fafe7705b3fc8e62d4e9926b95ed7ca2aa', bucket: '16KZdcURw2s2sRimqHw5TCZYEyWGWVjC4Z',
    newStyle: '9eb27d79e61920a8132e8246f4de3b8ff51708cd274430b0854b349199121e15',
  },
];

const root = rootFromSeed(SEED);

describe('seed and root (§9.4)', () => {
  it('derives the seed from the phrase with an empty passphrase', async () => {
    expect(bytesToHex(await mnemonicToSeed(PHRASE))).toBe(SEED);
    expect(bytesToHex(mnemonicToSeedSync(PHRASE))).toBe(SEED);
  });
  it('gives the root xprv', () => {
    expect(root.privateExtendedKey).toBe(ROOT_XPRV);
    expect(nodeFromBase58(ROOT_XPRV).privateExtendedKey).toBe(ROOT_XPRV);
  });
  it('gives the identity xpub m/888\'/0\' and the salt', () => {
    expect(getIdentityPublicKeychain(root)).toBe(IDENTITY_XPUB);
    expect(getIdentitySalt(root)).toBe(SALT);
  });
  it('gives the bitcoin xpub and receive address', () => {
    expect(getBitcoinPublicKeychain(root)).toBe(BITCOIN_XPUB);
    expect(getBitcoinAddress(root, 0)).toBe(BITCOIN_ADDRESS);
  });
});

describe('identities (§9.4)', () => {
  IDENTITIES.forEach((identity, index) => {
    it(`identity ${index}: key, public key, address, DID, apps node`, () => {
      const info = getIdentityKeyInfo(root, index);
      expect(info.privateKey).toBe(identity.privateKey);
      expect(info.publicKey).toBe(identity.publicKey);
      expect(info.address).toBe(identity.address);
      expect(info.did).toBe(`did:btc-addr:${identity.address}`);
      expect(info.appsNodeKey).toBe(identity.appsNode);
      expect(info.salt).toBe(SALT);
      expect(getAppsNode(getIdentityAddressNode(root, index)).privateExtendedKey).toBe(identity.appsNode);
      expect(getPublicKeyFromPrivate(info.privateKey)).toBe(identity.publicKey);
    });
  });
});

describe('app keys for identity 0 (§9.4)', () => {
  const appsNode = IDENTITIES[0]!.appsNode;
  for (const app of APPS) {
    it(`${app.domain}: hash, legacy key, public key, bucket address, new-style key`, () => {
      expect(appDomainHash(app.domain, SALT)).toBe(app.hash);
      const legacy = getLegacyAppPrivateKey(appsNode, SALT, app.domain);
      expect(legacy).toBe(app.legacy);
      expect(getLegacyAppPrivateKey(nodeFromBase58(appsNode), SALT, app.domain)).toBe(app.legacy);
      expect(getPublicKeyFromPrivate(legacy)).toBe(app.publicKey);
      expect(getGaiaBucketAddress(legacy)).toBe(app.bucket);
      expect(getGaiaBucketAddress(`${legacy}01`)).toBe(app.bucket);
      expect(getUnusedNewAppPrivateKey(appsNode, SALT, app.domain)).toBe(app.newStyle);
    });
  }
  it('the hashCode index of https://example.com is 777207735', () => {
    expect(legacyAppIndex('https://example.com', SALT)).toBe(777207735);
    expect(javaStringHashCode(APPS[0]!.hash)).toBe(777207735);
  });
  it('javaStringHashCode wraps like Java int32 and masks the sign bit', () => {
    expect(javaStringHashCode('')).toBe(0);
    expect(javaStringHashCode('a')).toBe(97);
    expect(javaStringHashCode('hello')).toBe(99162322);
    // "polygenelubricants".hashCode() is Integer.MIN_VALUE in Java; masked it is 0.
    expect(javaStringHashCode('polygenelubricants')).toBe(0);
  });
});

describe('blockstack.js unit-test vectors (§9.4)', () => {
  const testRoot = rootFromSeed('f17a104387a5b9c67d7c1c17a1a4724a16fdf830e5bbd6fdd214c0e08d9530aebdd82b89f79dd437c6e9631ee0e3a8bf1a798921bea5528f7213861598ae82ea');
  it('identity xpub, key, address, salt, btc address', () => {
    expect(getIdentityPublicKeychain(testRoot)).toBe('xpub6AbghT45LYjE6By2mnYQHzcMbpeCwoHFFTCZak74P7pDoh372EA8Mm18oNSHPeMyBWoMdr8ZFK3gXYYYjHszxvabSS7AH5FX5KaJMe6D1cB');
    const identity = getIdentityKeyInfo(testRoot, 0);
    expect(identity.privateKey).toBe('d15b27a6ee8d03fce15ed2a4dbe7fa9c815f579b8c9d3216b17e34453001d382');
    expect(identity.address).toBe('1E3DgiNVoRQH32VW6T6USsAgcLroquV9xy');
    expect(getIdentitySalt(testRoot)).toBe('e61f9eb10842fc3e237fba6319947de93fb630df963342914339b96790563a5a');
    expect(getBitcoinAddress(testRoot, 0)).toBe('1QU3Q5CAXAbfKBg52wWYUjhBEcfBy8bUR');
  });
  it('legacy app key for the todos app', () => {
    const identity = getIdentityKeyInfo(testRoot, 0);
    expect(getLegacyAppPrivateKey(identity.appsNodeKey, identity.salt, 'https://blockstack-todos.appartisan.com'))
      .toBe('b21aaf76b684cc1b6bf8c48bcec5df1adb68a7a6970e66c86fc0e86e09b4d244');
  });
  it('"new" key with salt "potato potato" and domain "carrot carrot carrot"', () => {
    const identity = getIdentityKeyInfo(testRoot, 0);
    expect(getUnusedNewAppPrivateKey(identity.appsNodeKey, 'potato potato', 'carrot carrot carrot'))
      .toBe('3168aefff6aa53959a002112821384c41f39f538c0e8727a798bb40beb62ca5e');
  });
});

describe('bitcoin wallet keys', () => {
  it('external and change chains differ and keys carry the 01 flag', () => {
    const key = getBitcoinPrivateKey(root, 0);
    expect(key).toMatch(/^[0-9a-f]{64}01$/);
    expect(publicKeyToAddress(getPublicKeyFromPrivate(key))).toBe(BITCOIN_ADDRESS);
    expect(getBitcoinAddress(root, 0, 'change')).not.toBe(BITCOIN_ADDRESS);
    expect(nodeAddress(getBitcoinNode(root, 1))).toBe(getBitcoinAddress(root, 1));
    expect(nodeFromBase58(BITCOIN_XPUB).deriveChild(0).deriveChild(0).publicKey).toEqual(getBitcoinNode(root, 0).publicKey);
  });
});

describe('CLI key records (cli-and-scenarios.md §A.5)', () => {
  it('ownerKeyInfo: key with 01, version, index, ID-address', () => {
    expect(getOwnerKeyInfo(root, 0)).toEqual({
      privateKey: `${IDENTITIES[0]!.privateKey}01`, version: 'v0.10-current', index: 0, idAddress: `ID-${IDENTITIES[0]!.address}`,
    });
    expect(getOwnerKeyInfo(root, 1).idAddress).toBe(`ID-${IDENTITIES[1]!.address}`);
    const testnet = getOwnerKeyInfo(root, 0, 'testnet');
    expect(decodeAddress(testnet.idAddress.slice(3))).toEqual({ version: 0x6f, hash: decodeAddress(IDENTITIES[0]!.address).hash });
  });
  it('paymentKeyInfo: bitcoin key 0 with its BTC and STACKS addresses', () => {
    const info = getPaymentKeyInfo(root);
    expect(info.privateKey).toBe(getBitcoinPrivateKey(root, 0));
    expect(info.address.BTC).toBe(BITCOIN_ADDRESS);
    expect(info.address.STACKS.startsWith('SP')).toBe(true);
    expect(c32addressDecode(info.address.STACKS)).toEqual({ version: 22, hash: decodeAddress(BITCOIN_ADDRESS).hash });
    expect(info.index).toBe(0);
    expect(Object.keys(info)).toEqual(['privateKey', 'address', 'index']);
    expect(getPaymentKeyInfo(root, 'testnet').address.STACKS.startsWith('ST')).toBe(true);
  });
  it('get_app_keys: finds the owner index and gives the legacy key', () => {
    expect(findIdentityIndex(root, `ID-${IDENTITIES[1]!.address}`)).toBe(1);
    expect(findIdentityIndex(root, `ID-${BITCOIN_ADDRESS}`, 4)).toBe(-1);
    expect(getApplicationKeyInfo(root, `ID-${IDENTITIES[0]!.address}`, 'https://example.com')).toEqual({
      keyInfo: { privateKey: 'TODO', address: 'TODO' },
      legacyKeyInfo: { privateKey: APPS[0]!.legacy, address: APPS[0]!.bucket },
      ownerKeyIndex: 0,
    });
    expect(() => getApplicationKeyInfo(root, `ID-${BITCOIN_ADDRESS}`, 'https://example.com', 'mainnet', 3)).toThrow('Identity address does not belong to this keychain');
    expect(() => findIdentityIndex(root, IDENTITIES[0]!.address)).toThrow(InvalidInputError);
  });
});

describe('keychain input checks', () => {
  it('rejects bad seeds, extended keys and indexes with InvalidInputError', () => {
    expect(() => rootFromSeed('00')).toThrow(InvalidInputError);
    expect(() => rootFromSeed('zz')).toThrow(InvalidInputError);
    expect(() => nodeFromBase58('xprv-not-really')).toThrow(InvalidInputError);
    expect(() => getIdentityAddressNode(root, -1)).toThrow(InvalidInputError);
    expect(() => getIdentityAddressNode(root, 2 ** 31)).toThrow(InvalidInputError);
    expect(() => getBitcoinNode(root, 1.5)).toThrow(InvalidInputError);
    expect(() => nodePrivateKey(nodeFromBase58(IDENTITY_XPUB))).toThrow(InvalidInputError);
  });
  it('property: random strings as extended keys never throw anything but InvalidInputError', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      try {
        nodeFromBase58(text);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidInputError);
      }
    }));
  });
  it('property: javaStringHashCode is a non-negative int31 and the legacy key matches one hardened step', () => {
    fc.assert(fc.property(fc.string(), (domain) => {
      const index = legacyAppIndex(domain, SALT);
      expect(Number.isInteger(index) && index >= 0 && index < 2 ** 31).toBe(true);
    }));
    const appsNode = nodeFromBase58(IDENTITIES[0]!.appsNode);
    const manual = appsNode.deriveChild(legacyAppIndex('https://example.com', SALT) + 2 ** 31);
    expect(nodePrivateKey(manual)).toBe(APPS[0]!.legacy);
  });
});
