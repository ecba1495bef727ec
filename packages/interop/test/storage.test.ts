import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  decryptContent, encryptContent, getGaiaBucketAddress, getIdentityKeyInfo, getLegacyAppPrivateKey, getPublicKeyFromPrivate, makeProfileJson,
  makeProfileZoneFile, makeSignatureFile, mnemonicToSeed, rootFromSeed, signProfileToken, verifyAndDecryptContent, verifySignatureFile,
  type CipherTextEncoding,
} from '@bsk/crypto';
import { blockstack } from '../src/reference.js';
import { MemoryHub, withFetch } from './support/fetch-stub.js';
import { content, privateKeyHex } from './support/arbitraries.js';
import { asBytes } from './support/buffers.js';

// The reference client is slow, and a shared 2-core machine can be slower still.
vi.setConfig({ testTimeout: 120_000 });

// auth-and-storage.md §3.3–§3.4: what putFile stores and getFile accepts, in every encrypt/sign
// combination. The reference's own UserSession.putFile/getFile run against an in-memory hub.
const APP_KEY = 'bb4824ff7902cbd42499b5792c99aee083bf40195ae7877bee00c22a4bb1fef4';
const BUCKET = getGaiaBucketAddress(APP_KEY);
const HUB = 'https://hub.example.org';
const READ_PREFIX = 'https://gaia.example.org/hub/';
const RUNS = { numRuns: 10 } as const;
const encoding = fc.constantFrom<CipherTextEncoding>('hex', 'base64');

const { InstanceDataStore } = createRequire(import.meta.url)('blockstack/lib/auth/sessionStore.js') as {
  InstanceDataStore: new (data: object) => unknown;
};

/** A signed-in reference app session whose app key is APP_KEY, pointed at the in-memory hub. */
function referenceSession(appKey = APP_KEY) {
  const gaiaHubConfig = { url_prefix: READ_PREFIX, address: getGaiaBucketAddress(appKey), token: 'v1:unused', server: HUB, max_file_upload_size_megabytes: 20 };
  const sessionStore = new InstanceDataStore({ userData: { appPrivateKey: appKey, gaiaHubConfig } });
  return new blockstack.UserSession({ appConfig: new blockstack.AppConfig(['store_write'], 'http://localhost:3000'), sessionStore } as never);
}

/** Normalizes what getFile/decryptContent return (string, Buffer or ArrayBuffer) for comparison. */
function normalize(value: unknown): string | Uint8Array {
  if (typeof value === 'string') return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return new Uint8Array(value as Buffer);
}

describe('encryptContent/decryptContent against blockstack@21.1.1', () => {
  it('decrypts what the reference encrypts, and the reference decrypts ours', async () => {
    const session = referenceSession();
    await fc.assert(
      fc.asyncProperty(content, encoding, privateKeyHex, async (data, enc, recipient) => {
        const recipientPub = getPublicKeyFromPrivate(recipient);
        const theirs = await session.encryptContent(typeof data === 'string' ? data : Buffer.from(data), { publicKey: recipientPub, cipherTextEncoding: enc });
        expect(normalize(decryptContent(theirs, { privateKey: recipient }))).toEqual(data);
        const ours = encryptContent(data, { publicKey: recipientPub, cipherTextEncoding: enc });
        expect(normalize(await session.decryptContent(ours, { privateKey: recipient }))).toEqual(data);
      }),
      RUNS,
    );
  });

  it('makes the same signed envelope shape, verifiable both ways', async () => {
    const session = referenceSession();
    await fc.assert(
      fc.asyncProperty(content, async (data) => {
        const theirs = await session.encryptContent(typeof data === 'string' ? data : Buffer.from(data), { sign: true });
        const checked = verifyAndDecryptContent(theirs, { privateKey: APP_KEY });
        expect(checked.valid).toBe(true);
        if (checked.valid) expect(normalize(checked.content)).toEqual(data);
        const ours = encryptContent(data, { privateKey: APP_KEY, sign: true });
        expect(Object.keys(JSON.parse(ours))).toEqual(Object.keys(JSON.parse(theirs)));
        expect(Object.keys(JSON.parse(JSON.parse(ours).cipherText))).toEqual(Object.keys(JSON.parse(JSON.parse(theirs).cipherText)));
      }),
      RUNS,
    );
  });
});

describe('reference getFile reads what we store', () => {
  const storeOurs = (hub: MemoryHub, path: string, data: string | Uint8Array, mode: 'encrypt' | 'encrypt+sign' | 'sign') => {
    if (mode === 'encrypt') hub.put(path, encryptContent(data, { privateKey: APP_KEY }));
    if (mode === 'encrypt+sign') hub.put(path, encryptContent(data, { privateKey: APP_KEY, sign: true }));
    if (mode === 'sign') {
      hub.put(path, data, typeof data === 'string' ? 'text/plain; charset=utf-8' : 'application/octet-stream');
      hub.put(`${path}.sig`, makeSignatureFile(data, APP_KEY));
    }
  };

  it('in every encrypt/sign combination', async () => {
    const session = referenceSession();
    await fc.assert(
      fc.asyncProperty(content, fc.constantFrom('encrypt', 'encrypt+sign', 'sign') as fc.Arbitrary<'encrypt' | 'encrypt+sign' | 'sign'>, async (data, mode) => {
        const hub = new MemoryHub(HUB, READ_PREFIX, BUCKET);
        storeOurs(hub, 'file.dat', data, mode);
        const options = { encrypt: { decrypt: true }, 'encrypt+sign': { decrypt: true, verify: true }, sign: { decrypt: false, verify: true } }[mode];
        const read = await withFetch(hub.handle, () => session.getFile('file.dat', options));
        expect(normalize(read)).toEqual(data);
      }),
      { numRuns: 15 },
    );
  });

  it('and refuses the same forgeries we refuse, with the same message', async () => {
    const session = referenceSession();
    const intruder = 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229';
    const hub = new MemoryHub(HUB, READ_PREFIX, BUCKET);
    // Encrypted to us, but signed by someone else's key.
    const forged = encryptContent('pay to the intruder', { publicKey: getPublicKeyFromPrivate(APP_KEY), privateKey: intruder, sign: true });
    hub.put('forged.json', forged);
    const theirError = await withFetch(hub.handle, () => session.getFile('forged.json', { decrypt: true, verify: true })).then(() => null, (e: Error) => e);
    const ours = verifyAndDecryptContent(forged, { privateKey: APP_KEY });
    expect(ours.valid).toBe(false);
    // SignatureVerificationError prefixes its messages; the rest is word for word.
    expect(theirError?.message).toBe(ours.valid ? undefined : `Failed to verify signature: ${ours.message}`);

    // A signed, unencrypted file whose content changed after signing.
    hub.put('note.txt', 'edited', 'text/plain; charset=utf-8');
    hub.put('note.txt.sig', makeSignatureFile('original', APP_KEY));
    await expect(withFetch(hub.handle, () => session.getFile('note.txt', { decrypt: false, verify: true }))).rejects.toThrow(/do not match ECDSA signature/);
    expect(verifySignatureFile('edited', hub.text('note.txt.sig'), BUCKET)).toMatchObject({ valid: false, reason: 'bad_signature' });
  });
});

describe('we read what reference putFile stores', () => {
  it('in every encrypt/sign combination and both cipher text encodings', async () => {
    const session = referenceSession();
    await fc.assert(
      fc.asyncProperty(content, fc.boolean(), fc.boolean(), encoding, async (data, encrypt, sign, enc) => {
        const hub = new MemoryHub(HUB, READ_PREFIX, BUCKET);
        const payload = typeof data === 'string' ? data : Buffer.from(data);
        await withFetch(hub.handle, () => session.putFile('file.dat', payload, { encrypt, sign, cipherTextEncoding: enc }));
        if (encrypt && sign) {
          const checked = verifyAndDecryptContent(hub.text('file.dat'), { privateKey: APP_KEY });
          expect(checked.valid && normalize(checked.content)).toEqual(data);
        } else if (encrypt) {
          expect(normalize(decryptContent(hub.text('file.dat'), { privateKey: APP_KEY }))).toEqual(data);
        } else {
          const stored = hub.files.get('file.dat')!.body;
          expect(stored).toEqual(asBytes(data));
          if (sign) expect(verifySignatureFile(stored, hub.text('file.dat.sig'), BUCKET)).toMatchObject({ valid: true, signerAddress: BUCKET });
          else expect(hub.files.has('file.dat.sig')).toBe(false);
        }
      }),
      { numRuns: 20 },
    );
  });
});

describe('multi-player reads: the reference reads another user\'s files through our name, profile and bucket', () => {
  it('finds the bucket from our profile.apps and verifies our signatures (signed, and signed + encrypted to the reader)', async () => {
    const APP = 'http://localhost:3000';
    const CORE = 'https://core.example.org/v1/names';
    const root = rootFromSeed(await mnemonicToSeed('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'));
    const alice = getIdentityKeyInfo(root, 0);
    const aliceAppKey = getLegacyAppPrivateKey(alice.appsNodeKey, alice.salt, APP);
    const aliceBucket = getGaiaBucketAddress(aliceAppKey);
    const profileUrl = `${READ_PREFIX}${alice.address}/profile.json`;
    const profile = { '@type': 'Person', '@context': 'http://schema.org', apps: { [APP]: `${READ_PREFIX}${aliceBucket}/` } };
    const routes: Record<string, string> = {
      [`${CORE}/alice.id`]: JSON.stringify({ address: alice.address, zonefile: makeProfileZoneFile('alice.id', profileUrl), status: 'registered' }),
      [profileUrl]: makeProfileJson([signProfileToken(profile, alice.privateKey)]),
    };
    const aliceHub = new MemoryHub(HUB, READ_PREFIX, aliceBucket);
    aliceHub.put('status.txt', 'hello from alice', 'text/plain; charset=utf-8');
    aliceHub.put('status.txt.sig', makeSignatureFile('hello from alice', aliceAppKey));
    // Another user's app session reads; it gets a message encrypted to its app key and signed by Alice's.
    const READER_KEY = 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229';
    aliceHub.put('for-reader.json', encryptContent('just for you', { publicKey: getPublicKeyFromPrivate(READER_KEY), privateKey: aliceAppKey, sign: true }));
    const handler = (url: string, init: Parameters<MemoryHub['handle']>[1]) => {
      const body = routes[url];
      return body === undefined ? aliceHub.handle(url, init) : new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const reader = referenceSession(READER_KEY);
    const options = { username: 'alice.id', app: APP, zoneFileLookupURL: CORE };
    expect(await withFetch(handler, () => reader.getFile('status.txt', { ...options, decrypt: false, verify: true }))).toBe('hello from alice');
    expect(await withFetch(handler, () => reader.getFile('for-reader.json', { ...options, decrypt: true, verify: true }))).toBe('just for you');
    // A signature by anyone but Alice's app key is refused: wrong signer for that bucket.
    aliceHub.put('status.txt.sig', makeSignatureFile('hello from alice', READER_KEY));
    await expect(withFetch(handler, () => reader.getFile('status.txt', { ...options, decrypt: false, verify: true }))).rejects.toThrow(/doesn't match gaia address/);
    expect(verifySignatureFile('hello from alice', aliceHub.text('status.txt.sig'), aliceBucket)).toMatchObject({ valid: false, reason: 'address_mismatch' });
  });
});
