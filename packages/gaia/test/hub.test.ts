import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPublicKeyFromPrivate, makeGaiaAuthHeader, makeLegacyGaiaAuthToken, makeV1GaiaAuthToken } from '@bsk/crypto';
import { CORS_ALLOW_HEADERS, CORS_ALLOW_METHODS } from '@bsk/gaia';
import { APP_ADDRESS, APP_KEY, CHALLENGE, rawRequest, startHub, v1Header } from './support/hub.js';
import type { RawResponse, RunningHub } from './support/hub.js';
import { filesUnder } from './support/files.js';

// The hub's observable behaviour, request by request as the original answered it
// (auth-and-storage.md §4.2–§4.10, §9.12), and what the original's own tests cover (§4.13).

let running: RunningHub;
const AUTH = () => ({ authorization: v1Header(APP_KEY) });

beforeAll(async () => {
  running = await startHub({ maxFileUploadSize: 1, pageSize: 3, readURL: 'http://127.0.0.1:3901' });
});
afterAll(() => running.close());

/** n, the order of secp256k1. */
const SECP256K1_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const md5 = (text: string | Uint8Array) => createHash('md5').update(text).digest('hex');

function store(path: string, body: string | Uint8Array, headers: Record<string, string> = {}, url = running.url, address = APP_ADDRESS): Promise<RawResponse> {
  return rawRequest(url, 'POST', `/store/${address}/${path}`, { headers: { ...AUTH(), ...headers }, body });
}

function list(body: object, headers: Record<string, string> = AUTH(), url = running.url): Promise<RawResponse> {
  return rawRequest(url, 'POST', `/list-files/${APP_ADDRESS}`, { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

describe('GET /hub_info', () => {
  it('announces the challenge, v1, the upload limit and the read prefix (with a trailing slash added)', async () => {
    for (const path of ['/hub_info', '/hub_info/']) {
      const response = await rawRequest(running.url, 'GET', path);
      expect(response.status).toBe(200);
      expect(response.text).toBe(
        '{"challenge_text":"[\\"gaiahub\\",\\"0\\",\\"localhost:3900\\",\\"blockstack_storage_please_sign\\"]","latest_auth_version":"v1","max_file_upload_size_megabytes":1,"read_url_prefix":"http://127.0.0.1:3901/"}',
      );
    }
  });

  it('defaults the read prefix to the hub itself', async () => {
    const hub = await startHub();
    try {
      const info = (await rawRequest(hub.url, 'GET', '/hub_info')).json() as { read_url_prefix: string };
      expect(info.read_url_prefix).toBe(`${hub.url}/`);
    } finally {
      await hub.close();
    }
  });
});

describe('POST /store', () => {
  it('answers 202 with publicURL under the read prefix and the MD5 etag', async () => {
    const response = await store('enc.txt', '{"cipher":1}', { 'content-type': 'application/json', 'if-none-match': '*' });
    expect(response.status).toBe(202);
    expect(response.json()).toEqual({ publicURL: `http://127.0.0.1:3901/${APP_ADDRESS}/enc.txt`, etag: md5('{"cipher":1}') });
  });

  it('URL-decodes the path, does not re-encode publicURL, and strips one trailing slash', async () => {
    const spaced = await store('file%20x.txt', 'x');
    expect((spaced.json() as { publicURL: string }).publicURL).toBe(`http://127.0.0.1:3901/${APP_ADDRESS}/file x.txt`);
    expect(filesUnder(running.root)).toContain(`${APP_ADDRESS}/file x.txt`);
    const slashed = await store('dir/sub/', 'y');
    expect(slashed.status).toBe(202);
    expect(filesUnder(running.root)).toContain(`${APP_ADDRESS}/dir/sub`);
    // `dir/sub` is now a file, so nothing can live under it.
    expect((await store('dir/sub/inner', 'z')).status).toBe(403);
  });

  it('keeps the content type, defaulting to application/octet-stream', async () => {
    await store('nohdr.bin', 'raw');
    const plain = await rawRequest(running.url, 'GET', `/${APP_ADDRESS}/nohdr.bin`);
    expect(plain.headers['content-type']).toBe('application/octet-stream');
    await store('typed.json', '{}', { 'content-type': 'application/json; charset=utf-8' });
    expect((await rawRequest(running.url, 'GET', `/${APP_ADDRESS}/typed.json`)).headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('stores zero-byte files', async () => {
    const response = await store('empty', '');
    expect(response.status).toBe(202);
    expect((response.json() as { etag: string }).etag).toBe(md5(''));
    const read = await rawRequest(running.url, 'GET', `/${APP_ADDRESS}/empty`);
    expect(read.status).toBe(200);
    expect(read.text).toBe('');
  });

  it('accepts the v0 legacy token and a v1 token whose S was flipped to n−S', async () => {
    const legacy = makeLegacyGaiaAuthToken(CHALLENGE, APP_KEY);
    expect((await store('legacy.txt', 'v0', { authorization: `bearer ${legacy}` })).status).toBe(202);
    const token = makeV1GaiaAuthToken({ challengeText: CHALLENGE, privateKey: APP_KEY, hubUrl: running.url });
    const [head, payload, signature] = token.slice(3).split('.') as [string, string, string];
    const raw = Buffer.from(signature, 'base64url');
    const s = BigInt(`0x${raw.subarray(32).toString('hex')}`);
    const flipped = Buffer.concat([raw.subarray(0, 32), Buffer.from((SECP256K1_ORDER - s).toString(16).padStart(64, '0'), 'hex')]);
    const header = `BeArEr v1:${head}.${payload}.${flipped.toString('base64url')}`;
    expect((await store('flipped.txt', 'hi', { authorization: header })).status).toBe(202);
  });
});

describe('ETag preconditions (§4.7)', () => {
  it('answers 412 with the original messages and writes when the condition holds', async () => {
    const first = (await store('cond.txt', 'one', { 'if-none-match': '*' })).json() as { etag: string };
    const cases: [Record<string, string>, string][] = [
      [{ 'if-match': first.etag, 'if-none-match': '*' }, 'Request should not contain both if-match and if-none-match headers'],
      [{ 'if-none-match': first.etag }, 'Misuse of the if-none-match header. Expected to be * on write requests.'],
      [{ 'if-none-match': '*' }, 'The entity you are trying to create already exists'],
      [{ 'if-match': md5('something else') }, 'The provided ETag does not match that of the resource on the server'],
    ];
    for (const [headers, message] of cases) {
      const response = await store('cond.txt', 'clobber', headers);
      expect(response.status).toBe(412);
      expect(response.json()).toEqual({ message, error: 'PreconditionFailedError' });
    }
    expect((await rawRequest(running.url, 'GET', `/${APP_ADDRESS}/cond.txt`)).text).toBe('one');
    expect((await store('cond.txt', 'two', { 'if-match': first.etag })).status).toBe(202);
    expect((await store('cond.txt', 'three', { 'if-match': `"${md5('two')}"` })).status).toBe(202);
    expect((await store('cond.txt', 'four', { 'if-match': '*' })).status).toBe(202);
    expect((await store('cond.txt', 'five')).status).toBe(202);
    expect((await store('missing.txt', 'x', { 'if-match': md5('x') })).status).toBe(412);
  });
});

describe('concurrent writes (§4.7)', () => {
  it('answers 409 to writes of a path while one is in flight, and keeps the first whole', async () => {
    const target = new URL(running.url);
    const firstBody = Buffer.alloc(500 * 1024, 'a');
    const first = new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: target.hostname, port: target.port, method: 'POST', path: `/store/${APP_ADDRESS}/race.bin`, headers: { ...AUTH(), 'content-length': String(firstBody.length) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.write(firstBody.subarray(0, 1000));
      setTimeout(() => req.end(firstBody.subarray(1000)), 300);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const losers = await Promise.all([store('race.bin', Buffer.alloc(500 * 1024, 'b')), store('race.bin', Buffer.alloc(500 * 1024, 'c'))]);
    for (const loser of losers) {
      expect(loser.status).toBe(409);
      expect(loser.json()).toEqual({ message: `Concurrent operation (store) attempted on ${APP_ADDRESS}/race.bin`, error: 'ConflictError' });
    }
    const deleteLoser = await rawRequest(running.url, 'DELETE', `/delete/${APP_ADDRESS}/race.bin`, { headers: AUTH() });
    expect(deleteLoser.status).toBe(409);
    expect(await first).toBe(202);
    const read = await rawRequest(running.url, 'GET', `/${APP_ADDRESS}/race.bin`);
    expect(read.text).toBe(firstBody.toString());
  });

  it('never shows a reader a torn file while writes replace it', async () => {
    const versions = Array.from({ length: 12 }, (_, i) => Buffer.alloc(200 * 1024, String.fromCharCode(97 + i)).toString());
    const etags = new Set(versions.map(md5));
    await store('swap.txt', versions[0] as string);
    let writing = true;
    const writer = (async () => {
      for (const version of versions) await store('swap.txt', version);
      writing = false;
    })();
    let reads = 0;
    while (writing) {
      const read = await rawRequest(running.url, 'GET', `/${APP_ADDRESS}/swap.txt`);
      expect(read.status).toBe(200);
      expect(etags.has(md5(read.text))).toBe(true);
      expect(read.headers.etag).toBe(md5(read.text));
      reads++;
    }
    await writer;
    expect(reads).toBeGreaterThan(0);
  });
});

describe('POST /list-files', () => {
  it('pages by pageSize with decimal page tokens, and has a stat mode', async () => {
    const hub = await startHub({ pageSize: 3 });
    try {
      for (const name of ['e.txt', 'a.txt', 'c/d.txt', 'b.txt', 'f.txt']) await store(name, `content ${name}`, { 'content-type': 'text/plain' }, hub.url);
      const first = await list({ page: null }, AUTH(), hub.url);
      expect(first.status).toBe(202);
      expect(first.json()).toEqual({ entries: ['a.txt', 'b.txt', 'c/d.txt'], page: '1' });
      const second = await list({ page: '1', stat: true }, AUTH(), hub.url);
      const body = second.json() as { entries: Record<string, unknown>[]; page: string | null };
      expect(body.page).toBeNull();
      expect(body.entries.map((e) => e.name)).toEqual(['e.txt', 'f.txt']);
      expect(body.entries[0]).toMatchObject({ etag: md5('content e.txt'), contentLength: 13, contentType: 'text/plain', exists: true });
      expect(Math.abs((body.entries[0]?.lastModifiedDate as number) - Date.now() / 1000)).toBeLessThan(60);
      const empty = await rawRequest(hub.url, 'POST', `/list-files/${APP_ADDRESS}`, { headers: AUTH() });
      expect(empty.status).toBe(202);
    } finally {
      await hub.close();
    }
  });

  it('lists an empty bucket as no entries and no page', async () => {
    const hub = await startHub();
    try {
      expect((await list({}, AUTH(), hub.url)).json()).toEqual({ entries: [], page: null });
    } finally {
      await hub.close();
    }
  });
});

describe('DELETE /delete', () => {
  it('answers 202 with an empty body, then 404 DoesNotExist; a directory is not a file', async () => {
    await store('gone.txt', 'x');
    const deleted = await rawRequest(running.url, 'DELETE', `/delete/${APP_ADDRESS}/gone.txt`, { headers: AUTH() });
    expect(deleted.status).toBe(202);
    expect(deleted.text).toBe('');
    const again = await rawRequest(running.url, 'DELETE', `/delete/${APP_ADDRESS}/gone.txt`, { headers: AUTH() });
    expect(again.status).toBe(404);
    expect(again.json()).toEqual({ message: 'File does not exist', error: 'DoesNotExist' });
    await store('tree/leaf.txt', 'x');
    expect((await rawRequest(running.url, 'DELETE', `/delete/${APP_ADDRESS}/tree`, { headers: AUTH() })).status).toBe(404);
    expect((await rawRequest(running.url, 'GET', `/${APP_ADDRESS}/gone.txt`)).status).toBe(404);
    // POST is not the delete method (the original answers 404 too).
    expect((await rawRequest(running.url, 'POST', `/delete/${APP_ADDRESS}/tree/leaf.txt`, { headers: AUTH() })).status).toBe(404);
  });

  it('removes emptied directories so a file can take their name', async () => {
    await store('nest/deep/file.txt', 'x');
    expect((await rawRequest(running.url, 'DELETE', `/delete/${APP_ADDRESS}/nest/deep/file.txt`, { headers: AUTH() })).status).toBe(202);
    expect((await store('nest', 'now a file')).status).toBe(202);
  });
});

describe('POST /revoke-all (§4.10)', () => {
  it('stores the timestamp for the read endpoint, never lowers it, and keeps clients without iat working by first sight', async () => {
    const hub = await startHub();
    try {
      const T = Math.floor(Date.now() / 1000) - 2;
      const revoke = (timestamp: number) => rawRequest(hub.url, 'POST', `/revoke-all/${APP_ADDRESS}`, { headers: { ...AUTH(), 'content-type': 'application/json' }, body: JSON.stringify({ oldestValidTimestamp: timestamp }) });
      const response = await revoke(T);
      expect(response.status).toBe(202);
      expect(response.json()).toEqual({ status: 'success' });
      const stored = await rawRequest(hub.url, 'GET', `/${APP_ADDRESS}-auth/authTimestamp`);
      expect(stored.text).toBe(String(T));
      expect((await revoke(T - 100)).status).toBe(202);
      expect((await rawRequest(hub.url, 'GET', `/${APP_ADDRESS}-auth/authTimestamp`)).text).toBe(String(T));
      // A 21.x-style token (no iat) first seen after the revocation works; one with iat >= T works.
      expect((await store('after.txt', 'x', { authorization: v1Header(APP_KEY, { iat: false }) }, hub.url)).status).toBe(202);
      expect((await store('after.txt', 'y', { authorization: v1Header(APP_KEY, { iat: T }) }, hub.url)).status).toBe(202);
      expect((await store('after.txt', 'z', { authorization: v1Header(APP_KEY, { iat: T - 1 }) }, hub.url)).status).toBe(401);
    } finally {
      await hub.close();
    }
  });

  it('keeps first sight across a restart', async () => {
    const first = await startHub();
    const noIat = v1Header(APP_KEY, { iat: false });
    expect((await store('a.txt', 'x', { authorization: noIat }, first.url)).status).toBe(202);
    const T = Math.floor(Date.now() / 1000) + 1;
    await rawRequest(first.url, 'POST', `/revoke-all/${APP_ADDRESS}`, { headers: AUTH(), body: JSON.stringify({ oldestValidTimestamp: T }) });
    await first.hub.close();
    const { createHub } = await import('@bsk/gaia');
    const second = createHub({ storageRootDirectory: first.root, port: 0, serverName: 'localhost:3900', logLevel: 'silent' });
    const url = await second.listen();
    try {
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await store('a.txt', 'y', { authorization: noIat }, url)).status).toBe(401);
      expect((await store('a.txt', 'y', { authorization: v1Header(APP_KEY, { iat: false }) }, url)).status).toBe(202);
    } finally {
      await second.close();
      rmSync(first.root, { recursive: true, force: true });
    }
  });
});

describe('reference vectors (§9.9)', () => {
  it("accepts the original hub's legacy regression vector, signed over the 2018 challenge", async () => {
    const hub = await startHub({ serverName: 'storage.blockstack.org' });
    try {
      const header = 'bearer eyJwdWJsaWNrZXkiOiIwMjQxYTViMDQ2Mjg1ZjVlMjgwMDRmOTJjY2M0MjNmY2RkODYyZmYzYjgwODUwNzE4MDY4MGIyNDA3ZTIyOWE3NzgiLCJzaWduYXR1cmUiOiIzMDQ0MDIyMDY5ODUwNmNjYjg3MDg1ZmY5ZGI3ZTc4MTIwYTVmMjY1YzExZmY0ODc4OTBlNDQ1MWZjYWM3NjA4NTkyMDhjZWMwMjIwNTZkY2I0OGUyYzE4Y2YwZjQ1NDZiMmQ3M2I2MDY4MWM5ODEyMzQyMmIzOTRlZjRkMWI2MjE3NTYyODQ4MzUwNCJ9';
      const response = await rawRequest(hub.url, 'POST', '/store/1AotVNASQouiNiBtfxv49WWvSNcQUzGYuU/x.txt', { headers: { authorization: header }, body: 'x' });
      expect(response.status).toBe(202);
    } finally {
      await hub.close();
    }
  });

  it('accepts the blockstack.js v1 token with its association token, and the matching v0 token', async () => {
    const hub = await startHub({ serverName: 'hub.blockstack.org' });
    try {
      const v1 = 'bearer v1:eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NksifQ.eyJnYWlhQ2hhbGxlbmdlIjoiW1wiZ2FpYWh1YlwiLFwiMFwiLFwiaHViLmJsb2Nrc3RhY2sub3JnXCIsXCJibG9ja3N0YWNrX3N0b3JhZ2VfcGxlYXNlX3NpZ25cIl0iLCJodWJVcmwiOiJodHRwczovL2h1Yi5ibG9ja3N0YWNrLm9yZyIsImlzcyI6IjAyZTQyNzJkYWQ4ZjllMDVhMWU5MzdhN2FjZWUxMzc4NzRkMzI2YTIxMmNmNzRmMWNkMjg1ZDM3YzlkYTRjNmRkMyIsInNhbHQiOiIwMDExMjIzMzQ0NTU2Njc3ODg5OWFhYmJjY2RkZWVmZiIsImFzc29jaWF0aW9uVG9rZW4iOiJleUowZVhBaU9pSktWMVFpTENKaGJHY2lPaUpGVXpJMU5rc2lmUS5leUpqYUdsc1pGUnZRWE56YjJOcFlYUmxJam9pTURKbE5ESTNNbVJoWkRobU9XVXdOV0V4WlRrek4yRTNZV05sWlRFek56ZzNOR1F6TWpaaE1qRXlZMlkzTkdZeFkyUXlPRFZrTXpkak9XUmhOR00yWkdReklpd2lhWE56SWpvaU1ESmxaRGxpTVRjeVpUTTVNbVprTlRrMVpUYzVNVGhoWVRCak1qRmhOREF4WVRaaVl6Rm1ZbUV6WW1aa09EazROekprTTJJNU1tWmhZbVE1TnpFM01UQmpJaXdpWlhod0lqbzBNVEF5TkRRME9EQXdMQ0pwWVhRaU9qRTFOemM0TXpZNE1EQXNJbk5oYkhRaU9pSXdNREV4TWpJek16UTBOVFUyTmpjM09EZzVPV0ZoWW1KalkyUmtaV1ZtWmlKOS5yVzhyOFJJeUVucVo3Q0pSZ1BIejFncWJXczkxbnZTWEFQdEpZSUJnNjRBTEo4Q0w2aDRPc0Z6QWVEd25adC0xWldiRTRZdzVwUW5CcXgwZmxhbWVEUSJ9.ljUDmvXwPIoG0lVVzFLrDItApZdMJdl2VCSWSFGMRB_Z5rhRO4lMlDPgT7dOIxmSI1M7t40u-haZHyXRu6PHHA';
      const v0 = 'bearer eyJwdWJsaWNrZXkiOiIwMmU0MjcyZGFkOGY5ZTA1YTFlOTM3YTdhY2VlMTM3ODc0ZDMyNmEyMTJjZjc0ZjFjZDI4NWQzN2M5ZGE0YzZkZDMiLCJzaWduYXR1cmUiOiIzMDQ1MDIyMTAwYTA2MDQyNzljOGFkNjE1MzBlMTUyMGIxMDZjYTVhNTdkNWYwNjIxM2M3M2QwZmNkNmNhNmM5NDZhN2FkMGYzMzAyMjA1OWY2OGMyNGZlZTlkYjFkZTgyZGE3OGEwNmE2MjdiYjkwNGQ5YzZmYTk4ZWIyYTAwODVlZGNiY2M4ZjQ4NjlmIn0=';
      for (const header of [v1, v0]) {
        const response = await rawRequest(hub.url, 'POST', `/store/${APP_ADDRESS}/vector.txt`, { headers: { authorization: header }, body: 'x' });
        expect(response.status).toBe(202);
      }
    } finally {
      await hub.close();
    }
  });
});

describe('archival writes (putFileArchival, §4.6)', () => {
  it('keeps each previous version as .history.<ms>.<id>.<name>, hides history from the archival token, archives on delete', async () => {
    const hub = await startHub({ pageSize: 2 });
    try {
      const archival = makeGaiaAuthHeader(makeV1GaiaAuthToken({ challengeText: CHALLENGE, privateKey: APP_KEY, hubUrl: hub.url, scopes: [{ scope: 'putFileArchivalPrefix', domain: 'docs/' }] }));
      const put = (body: string) => store('docs/note.txt', body, { authorization: archival }, hub.url);
      expect((await put('v1')).status).toBe(202);
      expect((await put('v2')).status).toBe(202);
      expect((await put('v3')).status).toBe(202);
      const history = filesUnder(hub.root).filter((f) => f.startsWith(`${APP_ADDRESS}/docs/.history.`));
      expect(history).toHaveLength(2);
      for (const file of history) expect(file).toMatch(new RegExp(`^${APP_ADDRESS}/docs/\\.history\\.\\d{13}\\.[0-9A-Za-z]{10}\\.note\\.txt$`));
      const versions = await Promise.all(history.map(async (file) => (await rawRequest(hub.url, 'GET', `/${file}`)).text));
      expect(versions.sort()).toEqual(['v1', 'v2']);
      expect((await store('other.txt', 'x', { authorization: archival }, hub.url)).status).toBe(401);

      // Pages of 2 over [docs/.history.a, docs/.history.b, docs/note.txt]: the first is all history.
      const page0 = (await list({}, { authorization: archival }, hub.url)).json();
      expect(page0).toEqual({ entries: [null], page: '1' });
      const page1 = (await list({ page: '1' }, { authorization: archival }, hub.url)).json();
      expect(page1).toEqual({ entries: ['docs/note.txt'], page: null });
      expect(((await list({}, AUTH(), hub.url)).json() as { entries: string[] }).entries).toHaveLength(2);

      expect((await rawRequest(hub.url, 'DELETE', `/delete/${APP_ADDRESS}/docs/note.txt`, { headers: { authorization: archival } })).status).toBe(202);
      expect(filesUnder(hub.root).filter((f) => f.startsWith(`${APP_ADDRESS}/docs/.history.`))).toHaveLength(3);
      expect((await rawRequest(hub.url, 'GET', `/${APP_ADDRESS}/docs/note.txt`)).status).toBe(404);
    } finally {
      await hub.close();
    }
  });
});

describe('scoped writes', () => {
  it('allow exactly the scoped paths and prefixes, with and without an association token', async () => {
    const scopes = [{ scope: 'putFile', domain: 'exact.txt' }, { scope: 'putFilePrefix', domain: 'pub/' }, { scope: 'deleteFilePrefix', domain: 'pub/' }];
    const header = v1Header(APP_KEY, { scopes });
    expect((await store('exact.txt', 'x', { authorization: header })).status).toBe(202);
    expect((await store('pub/a/b.txt', 'x', { authorization: header })).status).toBe(202);
    expect((await rawRequest(running.url, 'DELETE', `/delete/${APP_ADDRESS}/pub/a/b.txt`, { headers: { authorization: header } })).status).toBe(202);
    const { makeAssociationToken } = await import('@bsk/crypto');
    const identity = 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229';
    const associated = v1Header(APP_KEY, { scopes, associationToken: makeAssociationToken(identity, getPublicKeyFromPrivate(APP_KEY)) });
    expect((await store('pub/c.txt', 'x', { authorization: associated })).status).toBe(202);
    expect((await store('private.txt', 'x', { authorization: associated })).status).toBe(401);
  });
});

describe('CORS (§4.9)', () => {
  it('answers preflight with 204 and the hub headers, and exposes ETag on reads', async () => {
    const preflight = await rawRequest(running.url, 'OPTIONS', `/store/${APP_ADDRESS}/x.txt`, { headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-methods']).toBe(CORS_ALLOW_METHODS);
    expect(preflight.headers['access-control-allow-headers']).toBe(CORS_ALLOW_HEADERS);
    expect(preflight.headers['access-control-max-age']).toBe('86400');
    await store('cors.txt', 'x');
    const read = await rawRequest(running.url, 'GET', `/${APP_ADDRESS}/cors.txt`, { headers: { origin: 'http://localhost:3000' } });
    expect(read.headers['access-control-allow-origin']).toBe('*');
    expect(read.headers['access-control-expose-headers']).toBe('Content-Type,ETag');
  });
});

describe('read endpoint', () => {
  it('serves ETag, Last-Modified, Cache-Control, 304s, ranges, HEAD and 404', async () => {
    const hub = await startHub({ cacheControl: 'public, max-age=60' });
    try {
      const body = '0123456789abcdef';
      const { etag } = (await store('r.txt', body, { 'content-type': 'text/plain' }, hub.url)).json() as { etag: string };
      const full = await rawRequest(hub.url, 'GET', `/${APP_ADDRESS}/r.txt`);
      expect(full.status).toBe(200);
      expect(full.text).toBe(body);
      expect(full.headers).toMatchObject({ etag, 'content-type': 'text/plain', 'cache-control': 'public, max-age=60', 'accept-ranges': 'bytes', 'content-length': '16' });
      const lastModified = full.headers['last-modified'] as string;
      expect(Date.parse(lastModified)).toBeGreaterThan(Date.now() - 60_000);

      expect((await rawRequest(hub.url, 'GET', `/${APP_ADDRESS}/r.txt`, { headers: { 'if-none-match': etag } })).status).toBe(304);
      expect((await rawRequest(hub.url, 'GET', `/${APP_ADDRESS}/r.txt`, { headers: { 'if-none-match': `"x", "${etag}"` } })).status).toBe(304);
      expect((await rawRequest(hub.url, 'GET', `/${APP_ADDRESS}/r.txt`, { headers: { 'if-modified-since': lastModified } })).status).toBe(304);
      expect((await rawRequest(hub.url, 'GET', `/${APP_ADDRESS}/r.txt`, { headers: { 'if-none-match': md5('other') } })).status).toBe(200);

      const range = await rawRequest(hub.url, 'GET', `/${APP_ADDRESS}/r.txt`, { headers: { range: 'bytes=2-5' } });
      expect(range.status).toBe(206);
      expect(range.text).toBe('2345');
      expect(range.headers['content-range']).toBe('bytes 2-5/16');
      expect((await rawRequest(hub.url, 'GET', `/${APP_ADDRESS}/r.txt`, { headers: { range: 'bytes=-3' } })).text).toBe('def');
      expect((await rawRequest(hub.url, 'GET', `/${APP_ADDRESS}/r.txt`, { headers: { range: 'bytes=10-' } })).text).toBe('abcdef');
      const unsatisfiable = await rawRequest(hub.url, 'GET', `/${APP_ADDRESS}/r.txt`, { headers: { range: 'bytes=99-' } });
      expect(unsatisfiable.status).toBe(416);
      expect(unsatisfiable.headers['content-range']).toBe('bytes */16');

      const head = await rawRequest(hub.url, 'HEAD', `/${APP_ADDRESS}/r.txt`);
      expect(head.status).toBe(200);
      expect(head.text).toBe('');
      expect(head.headers['content-length']).toBe('16');

      const missing = await rawRequest(hub.url, 'GET', `/${APP_ADDRESS}/nope.txt`);
      expect(missing.status).toBe(404);
      expect(missing.text).toBe('File not found');
      expect((await rawRequest(hub.url, 'GET', `/${APP_ADDRESS}/..%2F..%2Fetc%2Fpasswd`)).status).toBe(400);
      expect((await rawRequest(hub.url, 'GET', '/.gaia-metadata/x')).status).toBe(400);
    } finally {
      await hub.close();
    }
  });
});

describe('metrics', () => {
  it('counts requests by route and status at GET /metrics', async () => {
    await rawRequest(running.url, 'GET', '/hub_info');
    await store('m.txt', 'x', { authorization: 'bearer nonsense' });
    const metrics = await rawRequest(running.url, 'GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.text).toMatch(/^gaia_http_requests_total\{route="\/hub_info",method="GET",status="200"\} \d+$/m);
    expect(metrics.text).toMatch(/^gaia_http_requests_total\{route="\/store\/:address\/\*",method="POST",status="401"\} \d+$/m);
    expect(metrics.text).toMatch(/^gaia_http_request_duration_seconds_count\{route="\/store\/:address\/\*"\} \d+$/m);
    expect(metrics.text).not.toContain(APP_ADDRESS);
  });
});
