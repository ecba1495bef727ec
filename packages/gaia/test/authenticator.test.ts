import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as crypto from '@bsk/crypto';
import {
  AuthTokenTimestampValidationError, Authenticator, DiskDriver, DriverError, FirstSightLedger, RevocationStore, ValidationError, createHub,
} from '@bsk/gaia';
import type { GaiaDriver } from '@bsk/gaia';
import { APP_ADDRESS, APP_KEY, CHALLENGE, rawRequest, v1Header } from './support/hub.js';
import { filesUnder } from './support/files.js';

vi.mock('@bsk/crypto', async (importOriginal) => {
  const original = await importOriginal<typeof crypto>();
  return { ...original, verifyGaiaAuth: vi.fn(original.verifyGaiaAuth) };
});

// The hub's side of authentication (auth-and-storage.md §4.4, §4.10): the verified-token cache,
// revocation with the first-sight rule, the whitelist, and storage failures while reading revocations.

let root: string;
let driver: DiskDriver;
let clock: number;
let authenticator: Authenticator;
let revocations: RevocationStore;

function makeAuthenticator(whitelist?: string[]): Authenticator {
  return new Authenticator({
    challengeTexts: crypto.getGaiaChallengeTexts('localhost:3900'), revocations, firstSight: new FirstSightLedger(driver),
    whitelist, requireCorrectHubUrl: false, validHubUrls: [], tokenCacheSize: 100, now: () => clock,
  });
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'bsk-auth-'));
  driver = new DiskDriver({ storageRootDirectory: root });
  clock = 1_700_000_000_000;
  revocations = new RevocationStore(driver, 10);
  authenticator = makeAuthenticator();
  vi.mocked(crypto.verifyGaiaAuth).mockClear();
});
afterEach(async () => {
  await driver.close();
  rmSync(root, { recursive: true, force: true });
});

describe('verified-token cache', () => {
  it('verifies a token once for a stream of requests, and again after it expires', async () => {
    const header = v1Header(APP_KEY, { iat: 1_699_999_000, exp: 1_700_000_100 });
    for (let i = 0; i < 20; i++) await authenticator.authorize(APP_ADDRESS, header);
    expect(crypto.verifyGaiaAuth).toHaveBeenCalledTimes(1);
    clock += 200_000;
    await expect(authenticator.authorize(APP_ADDRESS, header)).rejects.toThrow(/^Expired authentication token/);
    expect(crypto.verifyGaiaAuth).toHaveBeenCalledTimes(2);
  });

  it('still applies a revocation to cached tokens', async () => {
    const header = v1Header(APP_KEY, { iat: 1_699_999_000 });
    await authenticator.authorize(APP_ADDRESS, header);
    await revocations.revokeBefore(APP_ADDRESS, 1_699_999_500);
    await expect(authenticator.authorize(APP_ADDRESS, header)).rejects.toBeInstanceOf(AuthTokenTimestampValidationError);
  });

  it('expires with the association token too', async () => {
    const association = crypto.makeAssociationToken('a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229', crypto.getPublicKeyFromPrivate(APP_KEY), { exp: 1_700_000_050, iat: 1_699_000_000 });
    const header = v1Header(APP_KEY, { iat: 1_699_999_000, associationToken: association });
    await authenticator.authorize(APP_ADDRESS, header);
    clock += 60_000;
    await expect(authenticator.authorize(APP_ADDRESS, header)).rejects.toThrow(/^Expired association token/);
  });
});

describe('first sight of tokens without iat', () => {
  it('records it once, in the bucket auth directory, and judges revocations by it', async () => {
    const header = v1Header(APP_KEY, { iat: false });
    const grant = await authenticator.authorize(APP_ADDRESS, header);
    expect(grant.issuedAt).toBe(1_700_000_000);
    expect(filesUnder(root).filter((f) => f.startsWith(`${APP_ADDRESS}-auth/first-sight/`))).toHaveLength(1);
    clock += 10_000;
    // A fresh authenticator (restart) still knows the first sight.
    const restarted = makeAuthenticator();
    expect((await restarted.authorize(APP_ADDRESS, header)).issuedAt).toBe(1_700_000_000);
    await revocations.revokeBefore(APP_ADDRESS, 1_700_000_005);
    await expect(restarted.authorize(APP_ADDRESS, header)).rejects.toThrow('Gaia bucket requires auth token issued after 1700000005 but this token was issued 1700000000. This token may have been revoked by the user.');
    expect((await restarted.authorize(APP_ADDRESS, v1Header(APP_KEY, { iat: false }))).issuedAt).toBe(1_700_000_010);
  });

  it('treats a re-spelled token (other bearer case, S flipped) as the same token', async () => {
    const token = crypto.makeV1GaiaAuthToken({ challengeText: CHALLENGE, privateKey: APP_KEY, hubUrl: 'x', iat: false });
    await authenticator.authorize(APP_ADDRESS, `bearer ${token}`);
    clock += 10_000;
    await revocations.revokeBefore(APP_ADDRESS, 1_700_000_005);
    await expect(authenticator.authorize(APP_ADDRESS, `BEARER ${token}`)).rejects.toBeInstanceOf(AuthTokenTimestampValidationError);
  });

  it('applies to legacy v0 tokens by key', async () => {
    const header = `bearer ${crypto.makeLegacyGaiaAuthToken(CHALLENGE, APP_KEY)}`;
    await authenticator.authorize(APP_ADDRESS, header);
    clock += 10_000;
    await revocations.revokeBefore(APP_ADDRESS, 1_700_000_005);
    await expect(makeAuthenticator().authorize(APP_ADDRESS, header)).rejects.toBeInstanceOf(AuthTokenTimestampValidationError);
  });
});

describe('whitelist', () => {
  it('checks the signer address', async () => {
    await expect(makeAuthenticator(['1Other']).authorize(APP_ADDRESS, v1Header(APP_KEY))).rejects.toThrow(new ValidationError(`Address ${APP_ADDRESS} not authorized for writes`));
    await expect(makeAuthenticator([APP_ADDRESS]).authorize(APP_ADDRESS, v1Header(APP_KEY))).resolves.toMatchObject({ signerAddress: APP_ADDRESS });
  });
});

describe('revocation store', () => {
  it('never lowers the timestamp, even with concurrent revocations', async () => {
    await Promise.all([revocations.revokeBefore('A', 300), revocations.revokeBefore('A', 100), revocations.revokeBefore('A', 200)]);
    expect(await new RevocationStore(driver, 10).oldestValidTimestamp('A')).toBe(300);
    expect(await revocations.revokeBefore('A', 50)).toBe(300);
  });

  it('answers 500 when the revocation file cannot be read, and stores nothing', async () => {
    const broken: GaiaDriver = {
      ...driver,
      write: (request) => driver.write(request),
      stat: (bucket, path) => driver.stat(bucket, path),
      open: async (bucket, path) => {
        if (bucket.endsWith('-auth')) throw new Error('EIO: storage unavailable');
        return driver.open(bucket, path);
      },
      delete: (bucket, path, archive) => driver.delete(bucket, path, archive),
      list: (bucket, page, size) => driver.list(bucket, page, size),
      listStat: (bucket, page, size) => driver.listStat(bucket, page, size),
    };
    await expect(new RevocationStore(broken, 10).oldestValidTimestamp('A')).rejects.toBeInstanceOf(DriverError);
    const hub = createHub({ port: 0, host: '127.0.0.1', serverName: 'localhost:3900', logLevel: 'silent' }, { driver: broken });
    const url = await hub.listen();
    try {
      const response = await rawRequest(url, 'POST', `/store/${APP_ADDRESS}/x.txt`, { headers: { authorization: v1Header(APP_KEY) }, body: 'x' });
      expect(response.status).toBe(500);
      expect((response.json() as { message: string }).message).toMatch(/revocation timestamp: Error: EIO/);
      expect(filesUnder(root).filter((f) => !f.startsWith('.gaia-tmp'))).toEqual([]);
    } finally {
      await hub.close();
    }
  });

  it('turns a failing driver write into a clear 500 with nothing stored', async () => {
    const failing: GaiaDriver = {
      write: async (request) => {
        for await (const chunk of request.body) void chunk;
        throw new DriverError('Disk driver failed to store B/x: ENOSPC');
      },
      stat: async () => null, open: async () => null, delete: async () => false,
      list: async () => ({ entries: [], page: null }), listStat: async () => ({ entries: [], page: null }),
    };
    const hub = createHub({ port: 0, host: '127.0.0.1', serverName: 'localhost:3900', logLevel: 'silent' }, { driver: failing });
    const url = await hub.listen();
    try {
      const response = await rawRequest(url, 'POST', `/store/${APP_ADDRESS}/x.txt`, { headers: { authorization: v1Header(APP_KEY) }, body: 'x' });
      expect(response.status).toBe(500);
      expect(response.json()).toEqual({ message: 'Disk driver failed to store B/x: ENOSPC', error: 'DriverError' });
    } finally {
      await hub.close();
    }
  });
});
