import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BadPathError, BadRequestError, DiskDriver, PayloadTooLargeError, bodyOf, diskFilePath, readStoredText } from '@bsk/gaia';
import { filesUnder } from './support/files.js';

// The disk driver (auth-and-storage.md §4.7, §4.8): atomic writes, metadata beside the data, listing
// with paging and stat, deletes, archival moves.

let root: string;
let driver: DiskDriver;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'bsk-disk-'));
  driver = new DiskDriver({ storageRootDirectory: root });
});
afterEach(async () => {
  await driver.close();
  rmSync(root, { recursive: true, force: true });
});

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const write = (path: string, text: string, contentType = 'text/plain', archivePath?: string) =>
  driver.write({ bucket: 'B', path, body: bodyOf(text), contentType, ...(archivePath ? { archivePath } : {}) });

describe('write, stat, open', () => {
  it('stores bytes under <root>/<bucket>/<path> and metadata under .gaia-metadata, etag = MD5 hex', async () => {
    expect(await write('a/b.txt', 'hello')).toEqual({ etag: md5('hello') });
    expect(readFileSync(diskFilePath(root, 'B', 'a/b.txt'), 'utf8')).toBe('hello');
    expect(JSON.parse(readFileSync(join(root, '.gaia-metadata', 'B', 'a', 'b.txt'), 'utf8'))).toMatchObject({ contentType: 'text/plain', etag: md5('hello'), size: 5 });
    expect(await driver.stat('B', 'a/b.txt')).toMatchObject({ etag: md5('hello'), contentLength: 5, contentType: 'text/plain' });
    expect(await readStoredText(driver, 'B', 'a/b.txt')).toBe('hello');
    expect(await driver.stat('B', 'missing')).toBeNull();
    expect(await driver.stat('B', 'a')).toBeNull();
    expect(await driver.open('B', 'missing')).toBeNull();
  });

  it('serves byte ranges', async () => {
    await write('r', '0123456789');
    const opened = await driver.open('B', 'r');
    const chunks: Buffer[] = [];
    for await (const chunk of opened?.read({ start: 3, end: 6 }) ?? []) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('3456');
    expect(opened?.stat.contentLength).toBe(10);
  });

  it('recomputes the etag when the metadata record is stale or missing (crash between the renames)', async () => {
    await write('s.txt', 'old');
    writeFileSync(diskFilePath(root, 'B', 's.txt'), 'new content');
    expect((await driver.stat('B', 's.txt'))?.etag).toBe(md5('new content'));
    rmSync(join(root, '.gaia-metadata', 'B', 's.txt'));
    expect(await driver.stat('B', 's.txt')).toMatchObject({ etag: md5('new content'), contentType: 'application/octet-stream' });
    utimesSync(diskFilePath(root, 'B', 's.txt'), new Date(), new Date(0));
    expect((await driver.stat('B', 's.txt'))?.etag).toBe(md5('new content'));
  });

  it("reads the original hub's metadata records ({content-type, etag})", async () => {
    await write('legacy.txt', 'abc');
    writeFileSync(join(root, '.gaia-metadata', 'B', 'legacy.txt'), JSON.stringify({ 'content-type': 'text/html', etag: 'original-etag' }));
    expect(await driver.stat('B', 'legacy.txt')).toMatchObject({ etag: 'original-etag', contentType: 'text/html', contentLength: 3 });
  });

  it('leaves nothing behind when the upload fails mid-stream, and keeps the previous version', async () => {
    await write('keep.txt', 'previous');
    async function* failing() {
      yield Buffer.from('partial');
      throw new PayloadTooLargeError('too big');
    }
    await expect(driver.write({ bucket: 'B', path: 'keep.txt', body: failing(), contentType: 'text/plain' })).rejects.toBeInstanceOf(PayloadTooLargeError);
    await expect(driver.write({ bucket: 'B', path: 'new.txt', body: failing(), contentType: 'text/plain' })).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(await readStoredText(driver, 'B', 'keep.txt')).toBe('previous');
    expect(filesUnder(root)).toEqual(['.gaia-metadata/B/keep.txt', 'B/keep.txt']);
  });

  it('refuses a path blocked by a file or a directory with BadPathError', async () => {
    await write('f', 'file');
    await expect(write('f/under', 'x')).rejects.toBeInstanceOf(BadPathError);
    await write('d/inner', 'x');
    await expect(write('d', 'x')).rejects.toBeInstanceOf(BadPathError);
    expect(filesUnder(join(root, '.gaia-tmp'))).toEqual([]);
  });

  it('fsyncs when asked and still writes correctly', async () => {
    const synced = new DiskDriver({ storageRootDirectory: root, fsync: true });
    expect(await synced.write({ bucket: 'B', path: 'sync.txt', body: bodyOf('durable'), contentType: 'text/plain' })).toEqual({ etag: md5('durable') });
    await synced.close();
  });

  it('archives the previous version by link before replacing it', async () => {
    await write('n.txt', 'v1', 'text/plain');
    await write('n.txt', 'v2', 'text/markdown', '.history.1.id.n.txt');
    expect(await readStoredText(driver, 'B', 'n.txt')).toBe('v2');
    expect(await readStoredText(driver, 'B', '.history.1.id.n.txt')).toBe('v1');
    expect((await driver.stat('B', '.history.1.id.n.txt'))?.contentType).toBe('text/plain');
    // The first archival write of a new file has nothing to keep.
    await write('fresh.txt', 'v1', 'text/plain', '.history.2.id.fresh.txt');
    expect(await driver.stat('B', '.history.2.id.fresh.txt')).toBeNull();
  });
});

describe('delete', () => {
  it('removes the file and its metadata, prunes empty directories, reports missing files', async () => {
    await write('x/y/z.txt', 'z');
    expect(await driver.delete('B', 'x/y/z.txt')).toBe(true);
    expect(filesUnder(root).filter((f) => !f.startsWith('.gaia-tmp'))).toEqual([]);
    expect(await driver.delete('B', 'x/y/z.txt')).toBe(false);
    await write('dir/f', 'f');
    expect(await driver.delete('B', 'dir')).toBe(false);
  });

  it('moves instead of deleting when archiving', async () => {
    await write('m.txt', 'keep me');
    expect(await driver.delete('B', 'm.txt', '.history.9.id.m.txt')).toBe(true);
    expect(await driver.stat('B', 'm.txt')).toBeNull();
    expect(await readStoredText(driver, 'B', '.history.9.id.m.txt')).toBe('keep me');
  });
});

describe('list and listStat', () => {
  it('pages sorted paths with decimal page tokens (pageSize 3 → 3 + 2)', async () => {
    for (const name of ['b', 'a', 'c/d', 'e', 'c/a']) await write(name, name);
    expect(await driver.list('B', null, 3)).toEqual({ entries: ['a', 'b', 'c/a'], page: '1' });
    expect(await driver.list('B', '1', 3)).toEqual({ entries: ['c/d', 'e'], page: null });
    expect(await driver.list('B', '7', 3)).toEqual({ entries: [], page: null });
    expect(await driver.list('empty', null, 3)).toEqual({ entries: [], page: null });
    const stat = await driver.listStat('B', '1', 3);
    expect(stat.entries[0]).toMatchObject({ name: 'c/d', etag: md5('c/d'), contentLength: 3, contentType: 'text/plain', exists: true });
    for (const bad of ['-1', 'x', '1.5', '01', '../2']) await expect(driver.list('B', bad, 3)).rejects.toBeInstanceOf(BadRequestError);
  });
});
