import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getPublicKeyFromPrivate, makeAssociationToken, makeGaiaAuthHeader, makeGaiaChallenge, makeV1GaiaAuthToken, signToken } from '@bsk/crypto';
import { APP_ADDRESS, APP_KEY, CHALLENGE, OTHER_KEY, addressOf, rawRequest, startHub, v1Header } from './support/hub.js';
import type { RawResponse, RunningHub } from './support/hub.js';
import { clientFiles, filesUnder } from './support/files.js';

// Attacks on the write side (auth-and-storage.md §4.4–§4.8, §4.12): every attempt is refused with the
// original hub's status and message, and the storage root holds no trace of it afterwards.

let running: RunningHub;
const GOOD = () => v1Header(APP_KEY);

beforeAll(async () => {
  running = await startHub({ maxFileUploadSize: 1 });
});
afterAll(() => running.close());
afterEach(() => {
  // Nothing an attacker sent is stored, half-stored or left in the temporary directory.
  expect(clientFiles(running.root)).toEqual([]);
});

function store(path: string, authorization: string | undefined, body: string | Uint8Array = 'payload', headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawRequest(running.url, 'POST', `/store/${APP_ADDRESS}/${path}`, {
    headers: { 'content-type': 'text/plain', ...(authorization ? { authorization } : {}), ...headers },
    body,
  });
}

function expectRefusal(response: RawResponse, status: number, error: string, message?: string | RegExp): void {
  expect(response.status).toBe(status);
  const body = response.json() as { message: string; error: string };
  expect(body.error).toBe(error);
  if (typeof message === 'string') expect(body.message).toBe(message);
  else if (message) expect(body.message).toMatch(message);
}

describe('forged and malformed tokens', () => {
  it('refuses a missing header, an unknown version and an unknown scope as unparseable', async () => {
    const unknownScope = makeGaiaAuthHeader(`v1:${signToken({ gaiaChallenge: CHALLENGE, hubUrl: 'x', iss: getPublicKeyFromPrivate(APP_KEY), salt: '00', scopes: [{ scope: 'rootAccess', domain: '' }] }, APP_KEY)}`);
    for (const header of [undefined, 'bearer v2:abc', 'Basic dXNlcjpwYXNz', 'bearer v1:not.a.jwt', 'bearer !!!', unknownScope]) {
      expectRefusal(await store('f.txt', header), 401, 'ValidationError', 'Failed to parse authentication header.');
    }
  });

  it('refuses a token whose iss is our key but which another key signed', async () => {
    const payload = { gaiaChallenge: CHALLENGE, hubUrl: 'x', iss: getPublicKeyFromPrivate(APP_KEY), salt: '00', iat: Math.floor(Date.now() / 1000) };
    const forged = makeGaiaAuthHeader(`v1:${signToken(payload, OTHER_KEY)}`);
    expectRefusal(await store('f.txt', forged), 401, 'ValidationError', 'Failed to verify supplied authentication JWT');
  });

  it('refuses a genuine token whose payload was edited', async () => {
    const [head, payload, signature] = GOOD().slice('bearer v1:'.length).split('.') as [string, string, string];
    const edited = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    edited.salt = 'ffffffffffffffffffffffffffffffff';
    const tampered = `bearer v1:${head}.${Buffer.from(JSON.stringify(edited)).toString('base64url')}.${signature}`;
    expectRefusal(await store('f.txt', tampered), 401, 'ValidationError', 'Failed to verify supplied authentication JWT');
  });

  it('refuses a legacy token with a signature over another text', async () => {
    const legacy = Buffer.from(JSON.stringify({
      publickey: getPublicKeyFromPrivate(APP_KEY),
      // §9.9's DER signature, made over hub.blockstack.org's challenge, not ours.
      signature: '3045022100a0604279c8ad61530e1520b106ca5a57d5f06213c73d0fcd6ca6c946a7ad0f33022059f68c24fee9db1de82da78a06a627bb904d9c6fa98eb2a0085edcbcc8f4869f',
    })).toString('base64');
    expectRefusal(await store('f.txt', `bearer ${legacy}`), 401, 'ValidationError', 'Invalid signature or expired authentication token.');
  });
});

describe('tokens for something else', () => {
  it('refuses another key writing our bucket', async () => {
    expectRefusal(await store('f.txt', v1Header(OTHER_KEY)), 401, 'ValidationError', 'Address not allowed to write on this path');
  });

  it('refuses a token replayed from another hub (challenge of another serverName)', async () => {
    const replayed = v1Header(APP_KEY, { challengeText: makeGaiaChallenge('hub.blockstack.org') });
    expectRefusal(await store('f.txt', replayed), 401, 'ValidationError', /^Invalid gaiaChallenge text in supplied JWT/);
  });

  it('refuses an expired token and a token with an expired association token', async () => {
    expectRefusal(await store('f.txt', v1Header(APP_KEY, { exp: 1000 })), 401, 'ValidationError', 'Expired authentication token: expire time of 1000 (secs since epoch)');
    const association = makeAssociationToken(OTHER_KEY, getPublicKeyFromPrivate(APP_KEY), { exp: 1000, iat: 900 });
    expectRefusal(await store('f.txt', v1Header(APP_KEY, { associationToken: association })), 401, 'ValidationError', /^Expired association token/);
  });

  it('refuses an association token made for another child key', async () => {
    const association = makeAssociationToken(OTHER_KEY, getPublicKeyFromPrivate(OTHER_KEY));
    expectRefusal(await store('f.txt', v1Header(APP_KEY, { associationToken: association })), 401, 'ValidationError', /^Association token child key .* does not match/);
  });

  it('refuses writes and deletes outside the token scopes', async () => {
    const scoped = v1Header(APP_KEY, { scopes: [{ scope: 'putFile', domain: 'allowed.txt' }, { scope: 'putFilePrefix', domain: 'pub/' }] });
    expectRefusal(await store('other.txt', scoped), 401, 'ValidationError', `Address ${APP_ADDRESS} not authorized to write to other.txt by scopes`);
    expectRefusal(await store('allowed.txt.sig', scoped), 401, 'ValidationError');
    const deleter = v1Header(APP_KEY, { scopes: [{ scope: 'deleteFile', domain: 'only.txt' }] });
    const response = await rawRequest(running.url, 'DELETE', `/delete/${APP_ADDRESS}/else.txt`, { headers: { authorization: deleter } });
    expectRefusal(response, 401, 'ValidationError', `Address ${APP_ADDRESS} not authorized to delete from else.txt by scopes`);
  });
});

describe('revoked tokens', () => {
  it('refuses tokens issued before revoke-all, including tokens without iat the hub saw before', async () => {
    const hub = await startHub();
    try {
      const seenBefore = v1Header(APP_KEY, { iat: false });
      const ok = await rawRequest(hub.url, 'POST', `/store/${APP_ADDRESS}/seen.txt`, { headers: { authorization: seenBefore }, body: 'x' });
      expect(ok.status).toBe(202);
      const now = Math.floor(Date.now() / 1000);
      const revoke = await rawRequest(hub.url, 'POST', `/revoke-all/${APP_ADDRESS}`, { headers: { authorization: v1Header(APP_KEY), 'content-type': 'application/json' }, body: JSON.stringify({ oldestValidTimestamp: now + 5 }) });
      expect(revoke.status).toBe(202);
      const before = clientFiles(hub.root);
      for (const header of [seenBefore, v1Header(APP_KEY, { iat: now })]) {
        const refused = await rawRequest(hub.url, 'POST', `/store/${APP_ADDRESS}/after.txt`, { headers: { authorization: header }, body: 'y' });
        expectRefusal(refused, 401, 'AuthTokenTimestampValidationError', /^Gaia bucket requires auth token issued after /);
        const list = await rawRequest(hub.url, 'POST', `/list-files/${APP_ADDRESS}`, { headers: { authorization: header }, body: '{}' });
        expect(list.status).toBe(401);
      }
      expect(clientFiles(hub.root)).toEqual(before);
    } finally {
      await hub.close();
    }
  });
});

describe('revoke-all on someone else', () => {
  it('refuses a bearer bumping a bucket that is not its own signer bucket', async () => {
    const response = await rawRequest(running.url, 'POST', `/revoke-all/${addressOf(OTHER_KEY)}`, { headers: { authorization: GOOD(), 'content-type': 'application/json' }, body: '{"oldestValidTimestamp":1}' });
    expectRefusal(response, 401, 'ValidationError', 'Address not allowed to write on this path');
  });
});

describe('paths', () => {
  it('refuses traversal, empty segments and over-deep or over-long paths with 403 BadPathError', async () => {
    const bad = ['a/..%2F..%2Fx', 'a..b', '../escape', '..%2Fescape', 'a//b', 'a/./b', 'x%00y', `${'d/'.repeat(100)}f`, 'n'.repeat(256), `${'abcdefgh/'.repeat(460)}f`];
    for (const path of bad) expectRefusal(await store(path, GOOD()), 403, 'BadPathError', 'Invalid Path');
    const deleted = await rawRequest(running.url, 'DELETE', `/delete/${APP_ADDRESS}/..%2F..%2Fetc`, { headers: { authorization: GOOD() } });
    expectRefusal(deleted, 403, 'BadPathError', 'Invalid Path');
  });

  it('does not route addresses outside [a-zA-Z0-9]+', async () => {
    for (const address of ['..', 'abc-auth', 'a.b']) {
      const response = await rawRequest(running.url, 'POST', `/store/${address}/f.txt`, { headers: { authorization: GOOD() }, body: 'x' });
      expect(response.status).toBe(404);
    }
  });
});

describe('sizes', () => {
  const MB = 1024 * 1024;

  it('refuses a declared Content-Length over the limit before reading the body', async () => {
    expectRefusal(await store('big.bin', GOOD(), new Uint8Array(MB + 10)), 413, 'PayloadTooLargeError');
  });

  it('cuts off a chunked upload once it passes the limit', async () => {
    const response = await new Promise<RawResponse>((resolve, reject) => {
      void import('node:http').then(({ request }) => {
        const target = new URL(running.url);
        const req = request({ host: target.hostname, port: target.port, method: 'POST', path: `/store/${APP_ADDRESS}/chunked.bin`, headers: { authorization: GOOD(), 'transfer-encoding': 'chunked' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as unknown });
          });
        });
        req.on('error', reject);
        let sent = 0;
        const pump = () => {
          while (sent < 3 * MB) {
            sent += 64 * 1024;
            if (!req.write(Buffer.alloc(64 * 1024, 7))) {
              req.once('drain', pump);
              return;
            }
          }
          req.end();
        };
        pump();
      });
    }).catch((error: unknown) => ({ status: -1, headers: {}, text: String(error), json: () => ({}) }) as RawResponse);
    // The hub answers 413 and closes; if the socket closed first, the client sees a reset instead.
    if (response.status !== -1) expectRefusal(response, 413, 'PayloadTooLargeError', /Rejected POST body stream/);
  });

  it('stores nothing when the client declares more than it sends and disconnects', async () => {
    const outcome = await rawRequest(running.url, 'POST', `/store/${APP_ADDRESS}/short.bin`, { headers: { authorization: GOOD() }, body: 'only this', declaredLength: 5000 })
      .then((response) => response.status, () => 'reset');
    expect(outcome).toBe('reset');
    await new Promise((resolve) => setTimeout(resolve, 300));
  });

  it('takes a Content-Length that understates the body as the body (never more than declared is stored)', async () => {
    const response = await rawRequest(running.url, 'POST', `/store/${APP_ADDRESS}/under.txt`, { headers: { authorization: GOOD() }, body: 'hello world', declaredLength: 5 });
    // Node answers the bytes after the declared body as a malformed next request (400) and closes;
    // depending on timing that answer or the store's 202 arrives first.
    expect([202, 400]).toContain(response.status);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stored = await running.hub.driver.stat(APP_ADDRESS, 'under.txt');
    if (stored) {
      expect(stored.contentLength).toBe(5);
      expect(await running.hub.driver.delete(APP_ADDRESS, 'under.txt')).toBe(true);
    }
  });
});

describe('malformed JSON bodies', () => {
  it('answers 400 for list-files and revoke-all bodies that are not the expected JSON', async () => {
    const headers = { authorization: GOOD(), 'content-type': 'application/json' };
    const cases: [string, string, string][] = [
      ['list-files', '{"page":', 'Invalid JSON'],
      ['list-files', '[1,2]', 'Invalid JSON: expected an object'],
      ['list-files', `{"page":"${'1'.repeat(5000)}"}`, 'Invalid JSON: too long'],
      ['revoke-all', '{oops}', 'Invalid JSON'],
      ['revoke-all', '{}', 'Invalid JSON: missing oldestValidTimestamp'],
      ['revoke-all', '{"oldestValidTimestamp":"soon"}', 'Invalid JSON: oldestValidTimestamp is not a valid integer'],
      ['revoke-all', '{"oldestValidTimestamp":-5}', 'Invalid JSON: oldestValidTimestamp is not a valid integer'],
    ];
    for (const [endpoint, body, message] of cases) {
      const response = await rawRequest(running.url, 'POST', `/${endpoint}/${APP_ADDRESS}`, { headers, body });
      expect(response.status, `${endpoint} ${body.slice(0, 20)}`).toBe(400);
      expect(response.json()).toEqual({ message });
    }
    // A bad page token for the disk driver.
    const badPage = await rawRequest(running.url, 'POST', `/list-files/${APP_ADDRESS}`, { headers, body: '{"page":"../1"}' });
    expect(badPage.status).toBe(400);
  });
});

describe('whitelist', () => {
  it('refuses signers not on the whitelist, and accepts a whitelisted identity through an association token', async () => {
    const identityAddress = addressOf(OTHER_KEY);
    const hub = await startHub({ whitelist: [identityAddress] });
    try {
      const refused = await rawRequest(hub.url, 'POST', `/store/${APP_ADDRESS}/w.txt`, { headers: { authorization: v1Header(APP_KEY) }, body: 'x' });
      expectRefusal(refused, 401, 'ValidationError', `Address ${APP_ADDRESS} not authorized for writes`);
      expect(clientFiles(hub.root)).toEqual([]);
      const association = makeAssociationToken(OTHER_KEY, getPublicKeyFromPrivate(APP_KEY));
      const accepted = await rawRequest(hub.url, 'POST', `/store/${APP_ADDRESS}/w.txt`, { headers: { authorization: v1Header(APP_KEY, { associationToken: association }) }, body: 'x' });
      expect(accepted.status).toBe(202);
      expect(filesUnder(hub.root)).toContain(`${APP_ADDRESS}/w.txt`);
      // The non-whitelisted app address may revoke through the association token, not without it.
      const revokeWith = (authorization: string) => rawRequest(hub.url, 'POST', `/revoke-all/${APP_ADDRESS}`, { headers: { authorization }, body: '{"oldestValidTimestamp":1}' });
      expect((await revokeWith(v1Header(APP_KEY))).status).toBe(401);
      expect((await revokeWith(v1Header(APP_KEY, { associationToken: association }))).status).toBe(202);
    } finally {
      await hub.close();
    }
  });
});

describe('hub URL requirement', () => {
  it('refuses a token claiming another hub when requireCorrectHubUrl is on', async () => {
    const hub = await startHub({ requireCorrectHubUrl: true, validHubUrls: ['http://127.0.0.1:9999'] });
    try {
      const header = makeGaiaAuthHeader(makeV1GaiaAuthToken({ challengeText: CHALLENGE, privateKey: APP_KEY, hubUrl: 'https://evil.example' }));
      const refused = await rawRequest(hub.url, 'POST', `/store/${APP_ADDRESS}/h.txt`, { headers: { authorization: header }, body: 'x' });
      expectRefusal(refused, 401, 'ValidationError', /^Auth token's claimed hub url 'https:\/\/evil.example' not found/);
      for (const hubUrl of ['http://127.0.0.1:9999/', 'https://localhost:3900']) {
        const ok = makeGaiaAuthHeader(makeV1GaiaAuthToken({ challengeText: CHALLENGE, privateKey: APP_KEY, hubUrl }));
        const accepted = await rawRequest(hub.url, 'POST', `/store/${APP_ADDRESS}/h.txt`, { headers: { authorization: ok }, body: 'x' });
        expect(accepted.status).toBe(202);
      }
    } finally {
      await hub.close();
    }
  });
});

describe('random input (properties)', () => {
  it('answers any Authorization header that is not a valid token with 401, never 5xx', async () => {
    const fc = (await import('fast-check')).default;
    await fc.assert(fc.asyncProperty(fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ maxLength: 200 }).map((s) => `bearer ${s}`),
      fc.string({ maxLength: 200 }).map((s) => `bearer v1:${Buffer.from(s).toString('base64url')}.e30.${s}`),
      fc.json().map((j) => `bearer ${Buffer.from(j).toString('base64')}`),
    ).filter((h) => /^[\t\x20-\x7e]*$/.test(h)), async (header) => {
      const response = await store('prop.txt', header || undefined);
      expect(response.status).toBe(401);
    }), { numRuns: 150 });
  });

  it('answers arbitrary paths with 202, 400, 403 or 404, never 5xx, and never writes outside the bucket', async () => {
    const fc = (await import('fast-check')).default;
    const segment = fc.constantFrom('a', '..', '.', '', '%2F', '%2E%2E', '%00', 'b%20c', '~', '%5C', 'x'.repeat(300));
    await fc.assert(fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 6 }), async (segments) => {
      const path = segments.join('/');
      const response = await store(path, GOOD(), 'p');
      expect([202, 400, 403, 404]).toContain(response.status);
      for (const file of clientFiles(running.root)) expect(file.startsWith(`${APP_ADDRESS}/`) || file.startsWith(`.gaia-metadata/${APP_ADDRESS}/`)).toBe(true);
      if (response.status === 202) {
        const stored = clientFiles(running.root).filter((f) => f.startsWith(`${APP_ADDRESS}/`));
        for (const file of stored) expect(await running.hub.driver.delete(APP_ADDRESS, file.slice(APP_ADDRESS.length + 1))).toBe(true);
      }
    }), { numRuns: 150 });
  });
});
