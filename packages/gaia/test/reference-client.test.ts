import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ADDRESS, APP_KEY, rawRequest, startHub, v1Header } from './support/hub.js';
import type { RunningHub } from './support/hub.js';
import { referenceErrors, referenceSession, withCrossFetch } from './support/reference.js';

// The reference client blockstack@21.1.1 drives our hub over real HTTP (auth-and-storage.md §3.4,
// §9.12): connect, putFile/getFile in all four encrypt/sign combinations, listFiles, deleteFile, ETags.

type Session = Awaited<ReturnType<typeof referenceSession>>;

let running: RunningHub;
let session: Session;

beforeAll(async () => {
  running = await startHub({ maxFileUploadSize: 1, pageSize: 3 });
  session = await referenceSession(running.url, APP_KEY);
});
afterAll(() => running.close());

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  return Buffer.from(value as ArrayBuffer).toString('utf8');
}

describe('connectToGaiaHub', () => {
  it('gets a v1 token for the app key bucket and our read prefix', async () => {
    const config = session.store.getSessionData().userData?.gaiaHubConfig;
    expect(config?.address).toBe(APP_ADDRESS);
    expect(config?.url_prefix).toBe(`${running.url}/`);
    expect(config?.max_file_upload_size_megabytes).toBe(1);
    expect(config?.token.startsWith('v1:')).toBe(true);
  });
});

describe('putFile/getFile with blockstack@21.1.1', () => {
  const cases = [
    { name: 'encrypted (default)', put: {}, get: {} },
    { name: 'encrypted and signed', put: { encrypt: true, sign: true }, get: { decrypt: true, verify: true } },
    { name: 'signed, not encrypted', put: { encrypt: false, sign: true }, get: { decrypt: false, verify: true } },
    { name: 'neither', put: { encrypt: false }, get: { decrypt: false } },
  ] as const;
  for (const [index, { name, put, get }] of cases.entries()) {
    it(`round-trips a file ${name}`, async () => {
      const path = `combo-${index}.txt`;
      const content = `hello from case ${name} ${'x'.repeat(index * 100)}`;
      const url = await withCrossFetch(() => session.putFile(path, content, put));
      expect(url).toBe(`${running.url}/${APP_ADDRESS}/${path}`);
      expect(asText(await withCrossFetch(() => session.getFile(path, get)))).toBe(content);
    });
  }

  it('keeps binary content and its content type', async () => {
    const bytes = new Uint8Array(300).map((_, i) => (i * 7) % 256);
    await withCrossFetch(() => session.putFile('bin.dat', Buffer.from(bytes), { encrypt: false, contentType: 'application/x-test' }));
    const read = await withCrossFetch(() => session.getFile('bin.dat', { decrypt: false }));
    expect(new Uint8Array(read as ArrayBuffer)).toEqual(bytes);
    const response = await fetch(`${running.url}/${APP_ADDRESS}/bin.dat`);
    expect(response.headers.get('content-type')).toBe('application/x-test');
  });

  it('overwrites with If-Match from the last write, and refuses a stale etag with 412', async () => {
    await withCrossFetch(() => session.putFile('etag.txt', 'one', { encrypt: false }));
    await withCrossFetch(() => session.putFile('etag.txt', 'two', { encrypt: false }));
    expect(asText(await withCrossFetch(() => session.getFile('etag.txt', { decrypt: false })))).toBe('two');
    // Another writer changes the file: our session's etag is now stale.
    const other = await referenceSession(running.url, APP_KEY);
    await withCrossFetch(() => other.putFile('etag.txt', 'three', { encrypt: false, dangerouslyIgnoreEtag: true }));
    const error = await withCrossFetch(() => session.putFile('etag.txt', 'four', { encrypt: false })).then(() => null, (e: unknown) => e);
    expect((error as { hubError?: { statusCode?: number } }).hubError?.statusCode).toBe(412);
    expect(error).toBeInstanceOf(referenceErrors.PreconditionFailedError);
  });

  it('reproduces the reference quirk: a second signed-unencrypted putFile fails on the .sig upload (412)', async () => {
    await withCrossFetch(() => session.putFile('signed-twice.txt', 'v1', { encrypt: false, sign: true }));
    const error = await withCrossFetch(() => session.putFile('signed-twice.txt', 'v2', { encrypt: false, sign: true })).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(referenceErrors.PreconditionFailedError);
  });

  it('refuses oversize content client-side before uploading (hub_info limit)', async () => {
    const error = await withCrossFetch(() => session.putFile('huge.bin', Buffer.alloc(1024 * 1024 + 10), { encrypt: false })).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(referenceErrors.PayloadTooLargeError);
  });
});

describe('listFiles and deleteFile with blockstack@21.1.1', () => {
  it('lists every file across pages of 3, deletes, and a deleted file reads as DoesNotExist', async () => {
    const fresh = await startHub({ pageSize: 3 });
    try {
      const s = await referenceSession(fresh.url, APP_KEY);
      const names = ['a.txt', 'b.txt', 'c.txt', 'd/e.txt', 'f.txt'];
      for (const name of names) await withCrossFetch(() => s.putFile(name, `content of ${name}`, { encrypt: false }));
      const listed: string[] = [];
      const count = await withCrossFetch(() => s.listFiles((name) => { listed.push(name); return true; }));
      expect(count).toBe(5);
      expect(listed.sort()).toEqual([...names].sort());

      await withCrossFetch(() => s.deleteFile('a.txt'));
      const error = await withCrossFetch(() => s.getFile('a.txt', { decrypt: false })).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(referenceErrors.DoesNotExist);
      const again = await withCrossFetch(() => s.deleteFile('a.txt')).then(() => null, (e: unknown) => e);
      expect(again).toBeInstanceOf(referenceErrors.DoesNotExist);

      await withCrossFetch(() => s.putFile('signed.txt', 'x', { encrypt: false, sign: true }));
      await withCrossFetch(() => s.deleteFile('signed.txt', { wasSigned: true }));
      const after: string[] = [];
      await withCrossFetch(() => s.listFiles((name) => { after.push(name); return true; }));
      expect(after.sort()).toEqual(['b.txt', 'c.txt', 'd/e.txt', 'f.txt']);
    } finally {
      await fresh.close();
    }
  });
});

describe('revoke-all with blockstack@21.1.1 tokens (no iat)', () => {
  it('refuses the token seen before the revocation; the client reconnects with a fresh token and keeps working', async () => {
    const fresh = await startHub();
    try {
      const s = await referenceSession(fresh.url, APP_KEY);
      await withCrossFetch(() => s.putFile('before.txt', 'x', { encrypt: false }));
      const oldToken = s.store.getSessionData().userData?.gaiaHubConfig?.token as string;
      expect(JSON.parse(Buffer.from(oldToken.slice(3).split('.')[1] as string, 'base64url').toString())).not.toHaveProperty('iat');
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const revoke = await rawRequest(fresh.url, 'POST', `/revoke-all/${APP_ADDRESS}`, {
        headers: { authorization: v1Header(APP_KEY), 'content-type': 'application/json' },
        body: JSON.stringify({ oldestValidTimestamp: Math.floor(Date.now() / 1000) }),
      });
      expect(revoke.status).toBe(202);
      const refused = await rawRequest(fresh.url, 'POST', `/store/${APP_ADDRESS}/old-token.txt`, { headers: { authorization: `bearer ${oldToken}` }, body: 'x' });
      expect(refused.status).toBe(401);
      expect((refused.json() as { error: string }).error).toBe('AuthTokenTimestampValidationError');
      // The reference retries a 401 once after fetching a new token, which the hub sees for the first time now.
      await withCrossFetch(() => s.putFile('after.txt', 'y', { encrypt: false }));
      expect(s.store.getSessionData().userData?.gaiaHubConfig?.token).not.toBe(oldToken);
      expect(asText(await withCrossFetch(() => s.getFile('after.txt', { decrypt: false })))).toBe('y');
    } finally {
      await fresh.close();
    }
  });
});
