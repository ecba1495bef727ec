import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DriverError, PayloadTooLargeError, bodyOf, readStoredText } from '@bsk/gaia';
import type { GaiaDriver, ListPage, StatEntry } from '@bsk/gaia';
import { APP_ADDRESS, APP_KEY, rawRequest, startHub, v1Header } from './hub.js';
import type { RunningHub } from './hub.js';
import { referenceErrors, referenceSession, withCrossFetch } from './reference.js';
import type { HubConfig } from '@bsk/gaia';

/*
 * What every storage driver must do (auth-and-storage.md §4.1, §4.7), run against each real backend:
 * disk, S3 (s3rver) and Azure Blob (Azurite). Every test writes into its own fresh Gaia bucket, so the
 * suites share one emulator.
 */

export interface DriverUnderTest {
  /** The driver, connected to a backend that is running for the whole suite. */
  driver(): GaiaDriver;
  /**
   * What a read started before a concurrent overwrite yields: the old bytes (disk: the open handle
   * keeps them) or an error (object stores: the version named by the stat is gone).
   */
  readonly readAfterOverwrite: 'old version' | 'error';
}

let counter = 0;
/** A fresh Gaia bucket name (addresses are `[a-zA-Z0-9]+`). */
export function freshBucket(): string {
  counter += 1;
  return `B${randomBytes(6).toString('hex')}${counter}`;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

async function* bytesBody(bytes: Buffer, chunkSize = 16 * 1024): AsyncIterable<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += chunkSize) yield bytes.subarray(offset, offset + chunkSize);
}

/** A body that yields `before` bytes, then throws `error`: an upload cut off mid-way. */
async function* failingBody(before: number, error: Error): AsyncIterable<Uint8Array> {
  yield* bytesBody(randomBytes(before));
  throw error;
}

async function allPages<T>(fetchPage: (page: string | null) => Promise<ListPage<T>>): Promise<T[][]> {
  const pages: T[][] = [];
  let page: string | null = null;
  do {
    const listed: ListPage<T> = await fetchPage(page);
    pages.push(listed.entries);
    page = listed.page;
  } while (page !== null && pages.length < 50);
  return pages;
}

export function describeDriverConformance(name: string, subject: DriverUnderTest): void {
  const write = (bucket: string, path: string, content: string | Buffer, contentType = 'text/plain', archivePath?: string) =>
    subject.driver().write({
      bucket, path, contentType, body: typeof content === 'string' ? bodyOf(content) : bytesBody(content),
      ...(archivePath ? { archivePath } : {}),
    });

  describe(`${name} driver conformance`, () => {
    it('writes, stats and reads back bytes, etag and content type; missing files are null', async () => {
      const bucket = freshBucket();
      const driver = subject.driver();
      const { etag } = await write(bucket, 'dir/hello.txt', 'hello', 'text/plain');
      expect(etag.length).toBeGreaterThan(0);
      const stat = await driver.stat(bucket, 'dir/hello.txt');
      expect(stat).toMatchObject({ etag, contentLength: 5, contentType: 'text/plain' });
      expect(stat?.lastModified).toBeInstanceOf(Date);
      expect(await readStoredText(driver, bucket, 'dir/hello.txt')).toBe('hello');
      expect(await driver.stat(bucket, 'missing.txt')).toBeNull();
      expect(await driver.open(bucket, 'missing.txt')).toBeNull();
      expect(await driver.stat(freshBucket(), 'dir/hello.txt')).toBeNull();

      const binary = randomBytes(200 * 1024 + 7);
      const written = await write(bucket, 'blob.bin', binary, 'application/x-test');
      const opened = await driver.open(bucket, 'blob.bin');
      expect(opened?.stat).toMatchObject({ etag: written.etag, contentLength: binary.length, contentType: 'application/x-test' });
      expect((await readAll(opened!.read())).equals(binary)).toBe(true);

      await write(bucket, 'empty', '', 'application/octet-stream');
      expect(await driver.stat(bucket, 'empty')).toMatchObject({ contentLength: 0 });
      expect(await readStoredText(driver, bucket, 'empty')).toBe('');
    });

    it('keeps names with spaces, reserved URL characters and non-ASCII letters exact', async () => {
      const bucket = freshBucket();
      const names = ['a b.txt', 'plus+sign', 'q?x=1&y', 'hash#frag', 'pct%20lit', 'ünï/çødé.txt', "semi;colon,comma'quote"];
      for (const file of names) await write(bucket, file, `content of ${file}`);
      for (const file of names) expect(await readStoredText(subject.driver(), bucket, file)).toBe(`content of ${file}`);
      expect((await subject.driver().list(bucket, null, 100)).entries.sort()).toEqual([...names].sort());
      await write(bucket, 'plus+sign', 'second', 'text/plain', '.history.5.abcdefghij.plus+sign');
      expect(await readStoredText(subject.driver(), bucket, '.history.5.abcdefghij.plus+sign')).toBe('content of plus+sign');
    });

    it('overwrites: new bytes, new etag, new content type', async () => {
      const bucket = freshBucket();
      const first = await write(bucket, 'f.txt', 'version one', 'text/plain');
      const second = await write(bucket, 'f.txt', 'version two!', 'text/markdown');
      expect(second.etag).not.toBe(first.etag);
      expect(await subject.driver().stat(bucket, 'f.txt')).toMatchObject({ etag: second.etag, contentLength: 12, contentType: 'text/markdown' });
      expect(await readStoredText(subject.driver(), bucket, 'f.txt')).toBe('version two!');
    });

    it('serves byte ranges of the opened version', async () => {
      const bucket = freshBucket();
      await write(bucket, 'r', '0123456789');
      for (const [range, expected] of [[{ start: 3, end: 6 }, '3456'], [{ start: 0, end: 0 }, '0'], [{ start: 9, end: 9 }, '9']] as const) {
        const opened = await subject.driver().open(bucket, 'r');
        expect(opened?.stat.contentLength).toBe(10);
        expect((await readAll(opened!.read(range))).toString()).toBe(expected);
      }
      const unread = await subject.driver().open(bucket, 'r');
      await unread?.close();
    });

    it(`a read opened before a concurrent overwrite yields the ${subject.readAfterOverwrite}, never a mix`, async () => {
      const bucket = freshBucket();
      await write(bucket, 'race.txt', 'old old old');
      const opened = await subject.driver().open(bucket, 'race.txt');
      await write(bucket, 'race.txt', 'NEW NEW NEW NEW');
      const outcome = await readAll(opened!.read()).then((bytes) => bytes.toString(), (error: unknown) => error);
      if (subject.readAfterOverwrite === 'old version') expect(outcome).toBe('old old old');
      else {
        expect(outcome).toBeInstanceOf(DriverError);
        expect((outcome as Error).message).toMatch(/changed while being read/);
      }
    });

    it('deletes: true once, then false; missing files are false', async () => {
      const bucket = freshBucket();
      await write(bucket, 'x/y/z.txt', 'z');
      expect(await subject.driver().delete(bucket, 'x/y/z.txt')).toBe(true);
      expect(await subject.driver().stat(bucket, 'x/y/z.txt')).toBeNull();
      expect(await subject.driver().delete(bucket, 'x/y/z.txt')).toBe(false);
      expect(await subject.driver().delete(bucket, 'never-written')).toBe(false);
      expect((await subject.driver().list(bucket, null, 10)).entries).toEqual([]);
    });

    it('archival writes and deletes keep the previous version under the history path', async () => {
      const bucket = freshBucket();
      await write(bucket, 'n.txt', 'v1', 'text/plain');
      await write(bucket, 'n.txt', 'v2', 'text/markdown', '.history.1.abcdefghij.n.txt');
      expect(await readStoredText(subject.driver(), bucket, 'n.txt')).toBe('v2');
      expect(await readStoredText(subject.driver(), bucket, '.history.1.abcdefghij.n.txt')).toBe('v1');
      expect((await subject.driver().stat(bucket, '.history.1.abcdefghij.n.txt'))?.contentType).toBe('text/plain');
      // The first archival write of a new file has nothing to keep.
      await write(bucket, 'fresh.txt', 'v1', 'text/plain', '.history.2.abcdefghij.fresh.txt');
      expect(await subject.driver().stat(bucket, '.history.2.abcdefghij.fresh.txt')).toBeNull();
      // An archival delete moves the file.
      expect(await subject.driver().delete(bucket, 'n.txt', '.history.3.abcdefghij.n.txt')).toBe(true);
      expect(await subject.driver().stat(bucket, 'n.txt')).toBeNull();
      expect(await readStoredText(subject.driver(), bucket, '.history.3.abcdefghij.n.txt')).toBe('v2');
      expect(await subject.driver().delete(bucket, 'n.txt', '.history.4.abcdefghij.n.txt')).toBe(false);
    });

    it('lists and stat-lists every file of one bucket across pages, nothing of its neighbours', async () => {
      const bucket = freshBucket();
      const names = ['a', 'b.txt', 'c/a', 'c/d', 'e f.txt', 'z'];
      for (const file of names) await write(bucket, file, `content of ${file}`);
      // A bucket whose name extends this one's must not leak into its listing.
      await write(`${bucket}x`, 'neighbour', 'n');

      const pages = await allPages((page) => subject.driver().list(bucket, page, 2));
      expect(pages.length).toBeGreaterThanOrEqual(3);
      for (const page of pages) expect(page.length).toBeLessThanOrEqual(2);
      expect(pages.flat().sort()).toEqual([...names].sort());

      const statPages = await allPages<StatEntry>((page) => subject.driver().listStat(bucket, page, 4));
      expect(statPages.length).toBeGreaterThanOrEqual(2);
      const entries = statPages.flat();
      expect(entries.map((entry) => entry.name).sort()).toEqual([...names].sort());
      for (const entry of entries) {
        const stat = await subject.driver().stat(bucket, entry.name);
        expect(entry).toEqual({
          name: entry.name, etag: stat?.etag, contentLength: `content of ${entry.name}`.length, contentType: 'text/plain',
          lastModifiedDate: Math.floor((stat?.lastModified.getTime() ?? 0) / 1000), exists: true,
        });
      }
      expect(await subject.driver().list(freshBucket(), null, 2)).toEqual({ entries: [], page: null });
      expect(await subject.driver().listStat(freshBucket(), null, 2)).toEqual({ entries: [], page: null });
    });

    it('a body that fails mid-way stores nothing and keeps the previous version', async () => {
      const bucket = freshBucket();
      await write(bucket, 'keep.txt', 'previous');
      const tooBig = new PayloadTooLargeError('too big');
      // Large enough to span several blocks of a streaming driver before the failure.
      const cut = (path: string) => subject.driver().write({ bucket, path, contentType: 'text/plain', body: failingBody(300 * 1024, tooBig) });
      await expect(cut('keep.txt')).rejects.toBe(tooBig);
      await expect(cut('new.txt')).rejects.toBe(tooBig);
      const broken = subject.driver().write({ bucket, path: 'broken.txt', contentType: 'text/plain', body: failingBody(1000, new Error('socket hang up')) });
      await expect(broken).rejects.toBeInstanceOf(DriverError);
      expect(await readStoredText(subject.driver(), bucket, 'keep.txt')).toBe('previous');
      expect(await subject.driver().stat(bucket, 'new.txt')).toBeNull();
      expect(await subject.driver().stat(bucket, 'broken.txt')).toBeNull();
      expect(await subject.driver().list(bucket, null, 10)).toEqual({ entries: ['keep.txt'], page: null });
    });
  });
}

/**
 * The whole hub over `config`'s driver, driven by the reference client blockstack@21.1.1 (§9.12):
 * putFile/getFile (encrypted, and plain with a content type), listFiles across pages, deleteFile.
 */
export function describeHubWithReferenceClient(name: string, config: () => Partial<HubConfig>): void {
  describe(`the hub over the ${name} driver, driven by blockstack@21.1.1`, () => {
    it('puts, gets, lists and deletes files', async () => {
      const running: RunningHub = await startHub({ pageSize: 2, ...config() });
      try {
        const session = await referenceSession(running.url, APP_KEY);
        const url = await withCrossFetch(() => session.putFile('secret.txt', 'encrypted hello'));
        expect(url).toBe(`${running.url}/${APP_ADDRESS}/secret.txt`);
        expect(await withCrossFetch(() => session.getFile('secret.txt'))).toBe('encrypted hello');
        for (const file of ['a.txt', 'b/c.txt', 'd.txt']) {
          await withCrossFetch(() => session.putFile(file, `plain ${file}`, { encrypt: false, contentType: 'text/x-test' }));
        }
        await withCrossFetch(() => session.putFile('a.txt', 'plain a.txt, again', { encrypt: false, contentType: 'text/x-test' }));
        expect(await withCrossFetch(() => session.getFile('a.txt', { decrypt: false }))).toBe('plain a.txt, again');
        const read = await fetch(`${running.url}/${APP_ADDRESS}/b/c.txt`);
        expect(read.headers.get('content-type')).toBe('text/x-test');
        expect(await read.text()).toBe('plain b/c.txt');

        const listed: string[] = [];
        const count = await withCrossFetch(() => session.listFiles((file) => { listed.push(file); return true; }));
        expect(count).toBe(4);
        expect(listed.sort()).toEqual(['a.txt', 'b/c.txt', 'd.txt', 'secret.txt']);

        await withCrossFetch(() => session.deleteFile('a.txt'));
        const gone = await withCrossFetch(() => session.getFile('a.txt', { decrypt: false })).then(() => null, (error: unknown) => error);
        expect(gone).toBeInstanceOf(referenceErrors.DoesNotExist);
        const again = await withCrossFetch(() => session.deleteFile('a.txt')).then(() => null, (error: unknown) => error);
        expect(again).toBeInstanceOf(referenceErrors.DoesNotExist);
      } finally {
        await running.close();
      }
    });
  });
}

/** A storage service the test can stop and start again on the same port, keeping its data. */
export interface RestartableService {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface OutageSubject {
  /** Starts the service over `directory` (port 0: any free port). */
  start(directory: string, port?: number): Promise<RestartableService>;
  /** A hub configuration that stores in the service at `endpoint`. */
  hubConfig(endpoint: string): Partial<HubConfig>;
}

/**
 * The hub over a remote store that goes away: writes and reads answer 500 DriverError naming the
 * driver and the connection error, the hub keeps serving the rest, and works again once the service
 * is back (the same for every remote driver).
 */
export function describeHubWhenServiceFails(name: string, subject: OutageSubject): void {
  describe(`the hub when ${name} fails`, () => {
    it(`answers 500 DriverError with a clear message, keeps serving, and works again once ${name} is back`, async () => {
      const ownDirectory = mkdtempSync(join(tmpdir(), 'bsk-outage-'));
      let own = await subject.start(ownDirectory);
      const running = await startHub(subject.hubConfig(own.endpoint));
      try {
        const store = (path: string) => rawRequest(running.url, 'POST', `/store/${APP_ADDRESS}/${path}`, { headers: { authorization: v1Header(APP_KEY), 'content-type': 'text/plain' }, body: 'x' });
        expect((await store('before.txt')).status).toBe(202);
        await own.stop();

        const failed = await store('during.txt');
        expect(failed.status).toBe(500);
        expect(failed.json()).toEqual({ error: 'DriverError', message: expect.stringMatching(new RegExp(`^${name} driver failed to (store|stat|read) .*: ECONNREFUSED$`)) as unknown });
        const read = await rawRequest(running.url, 'GET', `/${APP_ADDRESS}/before.txt`);
        expect(read.status).toBe(500);
        expect((read.json() as { error: string }).error).toBe('DriverError');
        expect((await rawRequest(running.url, 'GET', '/hub_info')).status).toBe(200);

        own = await subject.start(ownDirectory, own.port);
        expect((await store('after.txt')).status).toBe(202);
        expect((await rawRequest(running.url, 'GET', `/${APP_ADDRESS}/before.txt`)).text).toBe('x');
      } finally {
        await running.close();
        await own.stop();
        rmSync(ownDirectory, { recursive: true, force: true });
      }
    });
  });
}
