import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { CORS_EXPOSE_HEADERS, DiskDriver, READER_CORS_ALLOW_METHODS, createHub, createReaderServer, loadHubConfig } from '@bsk/gaia';
import { APP_ADDRESS, APP_KEY, rawRequest, startHub, v1Header } from './support/hub.js';
import type { RawResponse, RunningHub } from './support/hub.js';

// The separate read endpoint (auth-and-storage.md §4.1, §4.11 `reader`; issue 5's port 8008): a hub
// with `readerPort` writes on its port and serves reads on the reader's, which /hub_info announces.

let running: RunningHub;
let reader: string;
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

function store(path: string, body: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawRequest(running.url, 'POST', `/store/${APP_ADDRESS}/${path}`, { headers: { authorization: v1Header(APP_KEY), ...headers }, body });
}

function read(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return rawRequest(reader, method, `/${APP_ADDRESS}/${path}`, { headers });
}

beforeAll(async () => {
  running = await startHub({ readerPort: 0, cacheControl: 'public, max-age=60' });
  reader = running.hub.readerUrl() ?? '';
});
afterAll(() => running.close());

describe('a hub with readerPort', () => {
  it('listens on a second port and announces it as read_url_prefix', async () => {
    expect(reader).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+$/);
    expect(reader).not.toBe(running.url);
    const info = (await rawRequest(running.url, 'GET', '/hub_info')).json() as { read_url_prefix: string };
    expect(info.read_url_prefix).toBe(`${reader}/`);
    const stored = await store('hello.txt', 'hello reader', { 'content-type': 'text/plain' });
    expect(stored.json()).toEqual({ publicURL: `${reader}/${APP_ADDRESS}/hello.txt`, etag: md5('hello reader') });
  });

  it('serves what the hub stored: bytes, content type, the store etag, Last-Modified, Cache-Control, CORS', async () => {
    const { etag } = (await store('doc.json', '{"a":1}', { 'content-type': 'application/json' })).json() as { etag: string };
    const response = await read('doc.json');
    expect(response.status).toBe(200);
    expect(response.text).toBe('{"a":1}');
    expect(response.headers).toMatchObject({
      etag, 'content-type': 'application/json', 'content-length': '7', 'cache-control': 'public, max-age=60', 'accept-ranges': 'bytes',
      'access-control-allow-origin': '*', 'access-control-expose-headers': CORS_EXPOSE_HEADERS,
    });
    expect(Date.parse(String(response.headers['last-modified']))).toBeGreaterThan(0);
  });

  it('answers conditional GETs with 304 and no body', async () => {
    const { etag } = (await store('cond.txt', 'conditional')).json() as { etag: string };
    for (const ifNoneMatch of [etag, `"${etag}"`, `W/"${etag}"`, `"other", "${etag}"`, '*']) {
      const response = await read('cond.txt', { 'if-none-match': ifNoneMatch });
      expect(response.status).toBe(304);
      expect(response.text).toBe('');
      expect(response.headers.etag).toBe(etag);
    }
    expect((await read('cond.txt', { 'if-none-match': '"stale"' })).status).toBe(200);
    const lastModified = String((await read('cond.txt')).headers['last-modified']);
    expect((await read('cond.txt', { 'if-modified-since': lastModified })).status).toBe(304);
    expect((await read('cond.txt', { 'if-modified-since': new Date(0).toUTCString() })).status).toBe(200);
  });

  it('serves single byte ranges (206) and refuses unsatisfiable ones (416)', async () => {
    await store('range.txt', '0123456789abcdef', { 'content-type': 'text/plain' });
    const middle = await read('range.txt', { range: 'bytes=2-5' });
    expect(middle.status).toBe(206);
    expect(middle.text).toBe('2345');
    expect(middle.headers).toMatchObject({ 'content-range': 'bytes 2-5/16', 'content-length': '4', 'content-type': 'text/plain' });
    expect((await read('range.txt', { range: 'bytes=-3' })).text).toBe('def');
    expect((await read('range.txt', { range: 'bytes=10-' })).text).toBe('abcdef');
    const past = await read('range.txt', { range: 'bytes=99-' });
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe('bytes */16');
    expect((await read('range.txt', { range: 'bytes=5-2' })).text).toBe('0123456789abcdef');
  });

  it('answers HEAD with the headers of a GET and no body; serves empty files', async () => {
    await store('head.txt', 'twelve bytes');
    const head = await read('head.txt', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers['content-length']).toBe('12');
    await store('empty.bin', '');
    const empty = await read('empty.bin');
    expect(empty.status).toBe(200);
    expect(empty.text).toBe('');
    expect(empty.headers.etag).toBe(md5(''));
  });

  it('serves the new version after an overwrite, even one of the same size (no stale cached record)', async () => {
    await store('swap.txt', 'AAAA', { 'content-type': 'text/plain' });
    expect((await read('swap.txt')).headers.etag).toBe(md5('AAAA'));
    await store('swap.txt', 'BBBB', { 'content-type': 'text/csv' });
    const after = await read('swap.txt');
    expect(after.text).toBe('BBBB');
    expect(after.headers).toMatchObject({ etag: md5('BBBB'), 'content-type': 'text/csv' });
    await rawRequest(running.url, 'DELETE', `/delete/${APP_ADDRESS}/swap.txt`, { headers: { authorization: v1Header(APP_KEY) } });
    expect((await read('swap.txt')).status).toBe(404);
  });

  it('round-trips a 3 MiB upload (hashed off the event loop) and serves ranges of it', async () => {
    const bytes = Buffer.alloc(3 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i += 4) bytes.writeUInt32LE((i * 2654435761) >>> 0, i);
    const stored = await rawRequest(running.url, 'POST', `/store/${APP_ADDRESS}/big.bin`, { headers: { authorization: v1Header(APP_KEY) }, body: bytes });
    const etag = createHash('md5').update(bytes).digest('hex');
    expect(stored.json()).toMatchObject({ etag });
    const whole = await new Promise<Buffer>((resolve, reject) => {
      httpGet(`${reader}/${APP_ADDRESS}/big.bin`, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(Buffer.concat(chunks)));
      }).on('error', reject);
    });
    expect(whole.equals(bytes)).toBe(true);
    const tail = await read('big.bin', { range: 'bytes=-4' });
    expect(tail.headers).toMatchObject({ etag, 'content-range': `bytes ${bytes.length - 4}-${bytes.length - 1}/${bytes.length}` });
    // Several large uploads at once each get their own digest.
    const many = await Promise.all([1, 2, 3].map(async (n) => {
      const body = Buffer.alloc(512 * 1024 + n, n);
      const response = await rawRequest(running.url, 'POST', `/store/${APP_ADDRESS}/many-${n}.bin`, { headers: { authorization: v1Header(APP_KEY) }, body });
      return [(response.json() as { etag: string }).etag, createHash('md5').update(body).digest('hex')];
    }));
    for (const [got, expected] of many) expect(got).toBe(expected);
  });

  it('decodes paths as the hub does (spaces, nested directories)', async () => {
    const stored = (await store('dir/file%20x.txt', 'spaced')).json() as { publicURL: string };
    expect(stored.publicURL).toBe(`${reader}/${APP_ADDRESS}/dir/file x.txt`);
    expect((await read('dir/file%20x.txt')).text).toBe('spaced');
  });

  it('answers 404, 400 and preflight as the original reader', async () => {
    const missing = await read('nope.txt');
    expect(missing.status).toBe(404);
    expect(missing.text).toBe('File not found');
    expect(missing.headers['access-control-allow-origin']).toBe('*');
    for (const path of [`/${APP_ADDRESS}/a/../../etc/passwd`, `/${APP_ADDRESS}/`, '/bad%20bucket/x', `/${APP_ADDRESS}/%E0%A4%A`]) {
      const refused = await rawRequest(reader, 'GET', path);
      expect(refused.status, path).toBe(400);
      expect(refused.text).toBe('Could not return file');
    }
    expect((await rawRequest(reader, 'GET', '/')).status).toBe(404);
    expect((await rawRequest(reader, 'GET', `/${APP_ADDRESS}`)).status).toBe(404);
    const write = await rawRequest(reader, 'POST', `/store/${APP_ADDRESS}/x.txt`, { headers: { authorization: v1Header(APP_KEY) }, body: 'x' });
    expect(write.status).toBe(404);
    expect((await read('x.txt')).status).toBe(404);
    const preflight = await rawRequest(reader, 'OPTIONS', `/${APP_ADDRESS}/hello.txt`, { headers: { origin: 'http://app.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'range,if-none-match' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers).toMatchObject({ 'access-control-allow-origin': '*', 'access-control-allow-methods': READER_CORS_ALLOW_METHODS, 'access-control-allow-headers': 'range,if-none-match' });
  });

  it('leaves read_url_prefix to readURL when that is configured', async () => {
    const hub = await startHub({ readerPort: 0, readURL: 'https://cdn.example/hub' });
    try {
      const info = (await rawRequest(hub.url, 'GET', '/hub_info')).json() as { read_url_prefix: string };
      expect(info.read_url_prefix).toBe('https://cdn.example/hub/');
      expect(hub.hub.readerUrl()).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+$/);
    } finally {
      await hub.close();
    }
  });

  it('does not start half: a reader port in use fails listen and closes the hub port again', async () => {
    const root = mkdtempSync(join(tmpdir(), 'bsk-gaia-reader-'));
    const hub = createHub({ storageRootDirectory: root, host: '127.0.0.1', port: 0, readerPort: Number(new URL(reader).port), logLevel: 'silent' });
    try {
      const failure = await hub.listen().catch((error: unknown) => error);
      expect((failure as NodeJS.ErrnoException).code).toBe('EADDRINUSE');
      expect(hub.app.server.listening).toBe(false);
    } finally {
      await hub.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('createReaderServer on its own', () => {
  it('serves a storage root a running hub writes (a read-only driver leaves its uploads alone)', async () => {
    const driver = new DiskDriver({ storageRootDirectory: running.root, readOnly: true });
    const alone = createReaderServer({ driver, host: '127.0.0.1', port: 0, cacheControl: 'no-cache', logger: pino({ level: 'silent' }) });
    const url = await alone.listen();
    try {
      expect((await store('shared.txt', 'written by the hub')).status).toBe(202);
      const response = await rawRequest(url, 'GET', `/${APP_ADDRESS}/shared.txt`);
      expect(response.text).toBe('written by the hub');
      expect(response.headers).toMatchObject({ etag: md5('written by the hub'), 'cache-control': 'no-cache' });
    } finally {
      await alone.close();
      await driver.close();
    }
  });
});

describe('configuration', () => {
  it('takes readerPort from --reader-port, GAIA_READER_PORT or BSK_GAIA_READER_PORT, unset by default', () => {
    expect(loadHubConfig({}).readerPort).toBeUndefined();
    expect(loadHubConfig({ argv: ['--reader-port', '8008'] }).readerPort).toBe(8008);
    expect(loadHubConfig({ env: { GAIA_READER_PORT: '8009' } }).readerPort).toBe(8009);
    expect(loadHubConfig({ env: { BSK_GAIA_READER_PORT: '8010' } }).readerPort).toBe(8010);
    expect(() => loadHubConfig({ env: { GAIA_READER_PORT: '70000' } })).toThrow(/readerPort/);
  });
});
