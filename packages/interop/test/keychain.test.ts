import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  getBitcoinAddress, getBitcoinPrivateKey, getBitcoinPublicKeychain, getGaiaBucketAddress, getIdentityKeyInfo,
  getIdentityPublicKeychain, getIdentitySalt, getLegacyAppPrivateKey, getUnusedNewAppPrivateKey, mnemonicToSeed, rootFromSeed,
} from '@bsk/crypto';
import { bip39, blockstack } from '../src/reference.js';
import { appDomain, mnemonicFrom } from './support/arbitraries.js';

// The reference client is slow, and a shared 2-core machine can be slower still.
vi.setConfig({ testTimeout: 120_000 });

// auth-and-storage.md §2 and §9.4: seed phrase → identity keys, app keys, bucket addresses, wallet.
const ABANDON = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const RUNS = { numRuns: 12 } as const;

async function bothWallets(phrase: string) {
  const theirs = blockstack.BlockstackWallet.fromSeedBuffer(bip39.mnemonicToSeedSync(phrase));
  const ours = rootFromSeed(await mnemonicToSeed(phrase));
  return { theirs, ours };
}

/** The reference's bucket address: compressed key pair of the app key, as connectToGaiaHub builds it. */
function theirBucketAddress(appPrivateKey: string): string {
  return blockstack.ecPairToAddress(blockstack.hexStringToECPair(`${appPrivateKey}01`));
}

describe('keychain derivations against BlockstackWallet (blockstack@21.1.1)', () => {
  it('derives the §9.4 identity, app keys and bucket addresses on both sides', async () => {
    const { theirs, ours } = await bothWallets(ABANDON);
    expect(getIdentityPublicKeychain(ours)).toBe(theirs.getIdentityPublicKeychain().toBase58());
    expect(getIdentitySalt(ours)).toBe('1f697dc22fc7c4ef696419712c521ba6f75076a3bdce067908920b519ea790c8');
    expect(theirs.getIdentitySalt()).toBe(getIdentitySalt(ours));
    const identity = theirs.getIdentityKeyPair(0);
    const info = getIdentityKeyInfo(ours, 0);
    expect(info.address).toBe('1NBsnVpx9SVD88MxC7tPUE6xxuWt1wigyL');
    const app = blockstack.BlockstackWallet.getLegacyAppPrivateKey(identity.appsNodeKey, identity.salt, 'http://localhost:3000');
    expect(app).toBe('bb4824ff7902cbd42499b5792c99aee083bf40195ae7877bee00c22a4bb1fef4');
    expect(getLegacyAppPrivateKey(info.appsNodeKey, info.salt, 'http://localhost:3000')).toBe(app);
    expect(getGaiaBucketAddress(app)).toBe('14bX6Q1wfNijvHSEXXVdjCdYYvhScP4Hbb');
    expect(theirBucketAddress(app)).toBe('14bX6Q1wfNijvHSEXXVdjCdYYvhScP4Hbb');
    expect(getBitcoinAddress(ours, 0)).toBe('1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA');
    expect(theirs.getBitcoinAddress(0)).toBe('1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA');
  });

  it('derives the same identity keys, apps nodes and salt from any phrase', async () => {
    await fc.assert(
      fc.asyncProperty(mnemonicFrom(bip39.entropyToMnemonic), fc.nat({ max: 3 }), async (phrase, index) => {
        const { theirs, ours } = await bothWallets(phrase);
        expect(getIdentityPublicKeychain(ours)).toBe(theirs.getIdentityPublicKeychain().toBase58());
        const pair = theirs.getIdentityKeyPair(index);
        const info = getIdentityKeyInfo(ours, index);
        // getIdentityKeyPair appends the 01 compressed flag (§2 table); the Browser keeps 64 chars.
        expect(pair.key).toBe(`${info.privateKey}01`);
        expect(theirs.getIdentityKeyPair(index, true).key).toBe(info.privateKey);
        expect({ keyID: pair.keyID, address: pair.address, appsNodeKey: pair.appsNodeKey, salt: pair.salt }).toEqual({
          keyID: info.publicKey, address: info.address, appsNodeKey: info.appsNodeKey, salt: info.salt,
        });
        expect(info.did).toBe(blockstack.makeDIDFromAddress(pair.address));
      }),
      RUNS,
    );
  });

  it('derives the same legacy and "new" app keys and the same bucket address for any app domain', async () => {
    const { theirs, ours } = await bothWallets(ABANDON);
    const identities = [0, 1].map((i) => ({ pair: theirs.getIdentityKeyPair(i), info: getIdentityKeyInfo(ours, i) }));
    fc.assert(
      fc.property(appDomain, fc.constantFrom(0, 1), (domain, i) => {
        const { pair, info } = identities[i]!;
        const legacy = blockstack.BlockstackWallet.getLegacyAppPrivateKey(pair.appsNodeKey, pair.salt, domain);
        expect(getLegacyAppPrivateKey(info.appsNodeKey, info.salt, domain)).toBe(legacy);
        expect(getGaiaBucketAddress(legacy)).toBe(theirBucketAddress(legacy));
        expect(getUnusedNewAppPrivateKey(info.appsNodeKey, info.salt, domain)).toBe(blockstack.BlockstackWallet.getAppPrivateKey(pair.appsNodeKey, pair.salt, domain));
      }),
      { numRuns: 40 },
    );
  });

  it('derives the same bitcoin wallet keys and addresses', async () => {
    await fc.assert(
      fc.asyncProperty(mnemonicFrom(bip39.entropyToMnemonic), fc.nat({ max: 20 }), async (phrase, k) => {
        const { theirs, ours } = await bothWallets(phrase);
        expect(getBitcoinPublicKeychain(ours)).toBe(theirs.getBitcoinPublicKeychain().toBase58());
        expect(getBitcoinAddress(ours, k)).toBe(theirs.getBitcoinAddress(k));
        expect(getBitcoinPrivateKey(ours, k)).toBe(theirs.getBitcoinPrivateKey(k));
        const xpub = theirs.getBitcoinPublicKeychain().toBase58();
        expect(getBitcoinAddress(ours, k, 'change')).toBe(blockstack.BlockstackWallet.getAddressFromBitcoinKeychain(xpub, k, 'CHANGE_ADDRESS'));
      }),
      { numRuns: 8 },
    );
  });
});
