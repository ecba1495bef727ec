import { createHash, randomUUID } from 'node:crypto';
import { close as closeFd, constants, createReadStream, createWriteStream, fstat as fstatFd, fsync as fsyncFd, open as openFd, write as writeFd, writeFile as writeFileCallback } from 'node:fs';
import type { Dirent, Stats, WriteStream } from 'node:fs';
import { lstat, mkdir, readFile, readdir, rename, rm, rmdir, link } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { LruCache } from '@bsk/crypto';
import { BadPathError, BadRequestError, DriverError, HubError } from './errors.js';
import type { ByteRange, GaiaDriver, ListPage, OpenedFile, StatEntry, StoredFileStat, WriteRequest } from './driver.js';

/*
 * The disk driver (auth-and-storage.md §4.7, §4.8): `<root>/<bucket>/<path>` holds the bytes and
 * `<root>/.gaia-metadata/<bucket>/<path>` a JSON record {contentType, etag, size, mtimeMs} (the
 * original keeps content type and etag in the same place). A write streams into
 * `<root>/.gaia-tmp/<uuid>` while hashing, then renames over the target, so readers see the old file
 * or the new one, never a torn one. The etag is the MD5 hex of the content, no quotes, as the original.
 * The metadata record is renamed in second; if a crash falls between the two renames, the size/mtime
 * check in `describe` notices the stale record and recomputes the etag from the bytes.
 *
 * Reads are the hot path (every app's getFile), so a read costs open, one fstat, read and close: the
 * records last read are kept in memory with the inode, size and mtime they were found fresh for, and
 * reused while the opened file still has all three (a write renames a new inode into place).
 */

export interface DiskDriverOptions {
  readonly storageRootDirectory: string;
  /** fsync each file before it is renamed into place (durability across power loss). */
  readonly fsync?: boolean;
  /** Metadata records kept in memory (default 10,000). */
  readonly metadataCacheSize?: number;
  /** Only reads (a read endpoint beside a hub writing the same root): leaves temporary files alone. */
  readonly readOnly?: boolean;
}

interface MetadataRecord {
  contentType: string;
  etag: string;
  size: number;
  mtimeMs: number;
}

const METADATA_DIR = '.gaia-metadata';
const TMP_DIR = '.gaia-tmp';
const DEFAULT_CONTENT_TYPE = 'application/octet-stream';
/** Attempts at making the directories and renaming, against a concurrent delete pruning a directory. */
const PLACE_ATTEMPTS = 3;
const DEFAULT_METADATA_CACHE_SIZE = 10_000;

/** A metadata record found fresh for one version of a data file. */
interface CachedRecord {
  readonly ino: number;
  readonly record: MetadataRecord;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as { code?: string }).code : undefined;
}

/** A file or directory in the way of the path (`dir/sub` is a file, or `path` is a directory). */
const IN_THE_WAY = new Set(['ENOTDIR', 'EISDIR', 'EEXIST', 'ENOTEMPTY']);

function asHubError(error: unknown, action: string): HubError {
  if (error instanceof HubError) return error;
  const code = errorCode(error);
  if (code && IN_THE_WAY.has(code)) return new BadPathError('Invalid Path');
  return new DriverError(`Disk driver failed to ${action}: ${code ?? (error instanceof Error ? error.message : String(error))}`);
}

/*
 * Files are handled as plain descriptors with the callback API: a FileHandle costs noticeably more
 * per open/close, and a read or write of a small file is little else (bench/gaia).
 */
function openFile(file: string, flags: number, mode?: number): Promise<number> {
  return new Promise((resolve, reject) => openFd(file, flags, mode, (error, fd) => (error ? reject(error) : resolve(fd))));
}

function syncFile(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fsyncFd(fd, (error) => (error ? reject(error) : resolve())));
}

function writeSmallFile(file: string, text: string, flush: boolean): Promise<void> {
  return new Promise((resolve, reject) => writeFileCallback(file, text, { flush }, (error) => (error ? reject(error) : resolve())));
}

/** Up to this much of an upload waits in memory while the previous part is written (then in one writev). */
const WRITE_BUFFER_BYTES = 1024 * 1024;

/*
 * MD5 of large uploads off the event loop. Hashing is most of the CPU an upload costs the hub (about
 * 15 ms per 8 MiB; bench/gaia), and on the event loop it would hold up every other request. Uploads
 * under HASH_OFFLOAD_BYTES are hashed in place (a round trip to the worker costs more); larger ones
 * send their bytes to one worker thread in batches and get the hex digest back.
 */
const HASH_OFFLOAD_BYTES = 256 * 1024;
const HASH_BATCH_BYTES = 1024 * 1024;
const MD5_WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hashes = new Map();
parentPort.on('message', ({ id, chunks, end, drop }) => {
  if (drop) {
    hashes.delete(id);
    return;
  }
  let hash = hashes.get(id);
  if (!hash) hashes.set(id, (hash = createHash('md5')));
  for (const chunk of chunks) hash.update(chunk);
  if (end) {
    hashes.delete(id);
    parentPort.postMessage({ id, etag: hash.digest('hex') });
  }
});
`;

function writeAll(fd: number, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const from = (offset: number): void => {
      if (offset >= bytes.length) {
        resolve();
        return;
      }
      writeFd(fd, bytes, offset, bytes.length - offset, null, (error, written) => (error ? reject(error) : from(offset + written)));
    };
    from(0);
  });
}

/**
 * Writes an upload to `fd`, hashing it: one plain write when it came in one chunk (most small files),
 * else through a write stream, so chunks that arrive while a write is under way go out in one writev.
 */
async function writeUpload(fd: number, body: AsyncIterable<Uint8Array>, hash: UploadHash): Promise<void> {
  let first: Uint8Array | null = null;
  let out: WriteStream | null = null;
  let failure: unknown = null;
  try {
    for await (const chunk of body) {
      hash.update(chunk);
      if (!out) {
        if (first === null) {
          first = chunk;
          continue;
        }
        out = createWriteStream('', { fd, autoClose: false, highWaterMark: WRITE_BUFFER_BYTES });
        out.on('error', (error) => {
          failure ??= error;
        });
        out.write(first);
        first = null;
      }
      if (!out.write(chunk)) await once(out, 'drain');
      if (failure) throw failure;
    }
    if (out) {
      out.end();
      await finished(out);
    } else if (first) {
      await writeAll(fd, first);
    }
  } catch (error) {
    out?.destroy();
    throw error;
  }
}

/** One worker thread hashing many uploads at once, each by id; started on first use, never keeps the process alive. */
class Md5Worker {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (etag: string) => void; reject: (error: Error) => void }>();

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(MD5_WORKER_SOURCE, { eval: true });
    worker.unref();
    worker.on('message', ({ id, etag }: { id: number; etag: string }) => {
      this.waiting.get(id)?.resolve(etag);
      this.waiting.delete(id);
    });
    const fail = (error: Error) => {
      for (const { reject } of this.waiting.values()) reject(error);
      this.waiting.clear();
      if (this.worker === worker) this.worker = null;
    };
    worker.on('error', fail);
    worker.on('exit', () => fail(new Error('MD5 worker stopped')));
    this.worker = worker;
    return worker;
  }

  /** A hash fed in batches; `digest` sends the last one and resolves to the hex MD5. */
  job(): { update(chunks: Uint8Array[]): void; digest(chunks: Uint8Array[]): Promise<string>; drop(): void } {
    const id = this.nextId++;
    const worker = this.started();
    return {
      update: (chunks) => worker.postMessage({ id, chunks, end: false }),
      drop: () => worker.postMessage({ id, drop: true }),
      digest: (chunks) => new Promise<string>((resolve, reject) => {
        this.waiting.set(id, { resolve, reject });
        worker.postMessage({ id, chunks, end: true });
      }),
    };
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}

/** The MD5 of an upload as it streams by: in place while small, in the worker once it is large. */
class UploadHash {
  private readonly pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private total = 0;
  private offloaded: ReturnType<Md5Worker['job']> | null = null;

  constructor(private readonly worker: Md5Worker) {}

  update(chunk: Uint8Array): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    this.total += chunk.length;
    if (!this.offloaded && this.total < HASH_OFFLOAD_BYTES) return;
    this.offloaded ??= this.worker.job();
    if (this.pendingBytes >= HASH_BATCH_BYTES) this.offloaded.update(this.flush());
  }

  private flush(): Uint8Array[] {
    const chunks = this.pending.splice(0);
    this.pendingBytes = 0;
    return chunks;
  }

  /** An upload that failed: the worker forgets its hash. */
  drop(): void {
    this.offloaded?.drop();
    this.flush();
  }

  async digest(): Promise<string> {
    if (this.offloaded) return this.offloaded.digest(this.flush());
    const hash = createHash('md5');
    for (const chunk of this.flush()) hash.update(chunk);
    return hash.digest('hex');
  }
}

function statOf(fd: number): Promise<Stats> {
  return new Promise((resolve, reject) => fstatFd(fd, (error, stats) => (error ? reject(error) : resolve(stats))));
}

function closeQuietly(fd: number): Promise<void> {
  return new Promise((resolve) => closeFd(fd, () => resolve()));
}

async function md5OfFile(fd: number): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream('', { fd, start: 0, autoClose: false })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The bytes of `range` of an open file, closing it at the end. The end is always given, so a stream
 * stops at the size the file had when opened, with no extra read to find the end of the file.
 */
function readVersion(fd: number, range: ByteRange): Readable {
  if (range.end < range.start) {
    void closeQuietly(fd);
    return Readable.from([]);
  }
  return createReadStream('', { fd, start: range.start, end: range.end, autoClose: true });
}

export class DiskDriver implements GaiaDriver {
  private readonly root: string;
  private readonly fsync: boolean;
  private readonly ready: Promise<void>;
  private readonly readOnly: boolean;
  private readonly md5 = new Md5Worker();
  private readonly records: LruCache<string, CachedRecord>;

  constructor(options: DiskDriverOptions) {
    this.root = options.storageRootDirectory;
    this.records = new LruCache(options.metadataCacheSize ?? DEFAULT_METADATA_CACHE_SIZE);
    this.fsync = options.fsync ?? false;
    this.readOnly = options.readOnly ?? false;
    // Temporary files left by a killed hub are partial uploads nobody will finish: start clean. A
    // driver that only serves reads next to a running hub must not, or it would cut that hub's uploads.
    const tmp = join(this.root, TMP_DIR);
    this.ready = options.readOnly
      ? Promise.resolve()
      : rm(tmp, { recursive: true, force: true }).then(() => mkdir(tmp, { recursive: true })).then(() => undefined);
    // Reported by the first write; not an unhandled rejection when none comes.
    this.ready.catch(() => undefined);
  }

  /** Waits for the start-up cleanup, so the storage root can be removed after close. */
  async close(): Promise<void> {
    await this.md5.stop();
    await this.ready.catch(() => undefined);
  }

  private dataPath(bucket: string, path: string): string {
    return join(this.root, bucket, ...path.split('/'));
  }

  private metadataPath(bucket: string, path: string): string {
    return join(this.root, METADATA_DIR, bucket, ...path.split('/'));
  }

  async write(request: WriteRequest): Promise<{ etag: string }> {
    if (this.readOnly) throw new DriverError(`Disk driver is read-only: cannot store ${request.bucket}/${request.path}`);
    await this.ready;
    const tmp = join(this.root, TMP_DIR, randomUUID());
    try {
      const record = await this.receive(request, tmp);
      this.records.delete(`${request.bucket}/${request.path}`);
      await this.place(request, tmp, record);
      return { etag: record.etag };
    } catch (error) {
      await rm(tmp, { force: true });
      await rm(`${tmp}.meta`, { force: true });
      throw asHubError(error, `store ${request.bucket}/${request.path}`);
    }
  }

  /**
   * Streams the upload into `tmp` (writeUpload), hashing as it goes; one descriptor from open to fstat.
   */
  private async receive(request: WriteRequest, tmp: string): Promise<MetadataRecord> {
    const hash = new UploadHash(this.md5);
    const fd = await openFile(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    try {
      try {
        await writeUpload(fd, request.body, hash);
      } catch (error) {
        hash.drop();
        throw error;
      }
      if (this.fsync) await syncFile(fd);
      const { size, mtimeMs } = await statOf(fd);
      return { contentType: request.contentType, etag: await hash.digest(), size, mtimeMs };
    } finally {
      await closeQuietly(fd);
    }
  }

  /** Renames the received file (and its metadata) into place, archiving the old version first. */
  private async place(request: WriteRequest, tmp: string, record: MetadataRecord): Promise<void> {
    const { bucket, path, archivePath } = request;
    const target = this.dataPath(bucket, path);
    const metaTarget = this.metadataPath(bucket, path);
    await writeSmallFile(`${tmp}.meta`, JSON.stringify(record), this.fsync);
    if (archivePath) await this.linkExisting(bucket, path, archivePath);
    // Directories usually exist already: rename first, make them only when a rename says ENOENT
    // (which also covers a concurrent delete pruning a directory that just emptied).
    for (let attempt = 1; ; attempt++) {
      try {
        await rename(tmp, target);
        break;
      } catch (error) {
        if (errorCode(error) !== 'ENOENT' || attempt >= PLACE_ATTEMPTS) throw error;
        await mkdir(dirname(target), { recursive: true });
      }
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await rename(`${tmp}.meta`, metaTarget);
        return;
      } catch (error) {
        if (errorCode(error) !== 'ENOENT' || attempt >= PLACE_ATTEMPTS) throw error;
        await mkdir(dirname(metaTarget), { recursive: true });
      }
    }
  }

  private async linkExisting(bucket: string, path: string, archivePath: string): Promise<void> {
    const existing = await this.lstatFile(this.dataPath(bucket, path));
    if (!existing) return;
    await link(this.dataPath(bucket, path), this.dataPath(bucket, archivePath));
    await mkdir(dirname(this.metadataPath(bucket, archivePath)), { recursive: true });
    await link(this.metadataPath(bucket, path), this.metadataPath(bucket, archivePath)).catch((error: unknown) => {
      if (errorCode(error) !== 'ENOENT') throw error;
    });
  }

  private async lstatFile(file: string): Promise<{ size: number; mtimeMs: number; mtime: Date } | null> {
    try {
      const stats = await lstat(file);
      return stats.isFile() ? stats : null;
    } catch (error) {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return null;
      throw error;
    }
  }

  /**
   * Our record, or the original hub's `{"content-type", etag}` (a storage root taken over from it),
   * whose etag is trusted as it has no size or mtime to check.
   */
  private async readMetadata(bucket: string, path: string): Promise<Partial<MetadataRecord> & { legacy?: boolean }> {
    try {
      const record = JSON.parse(await readFile(this.metadataPath(bucket, path), 'utf8')) as Partial<MetadataRecord> & { 'content-type'?: unknown };
      if (typeof record['content-type'] === 'string' && record.size === undefined) {
        return { contentType: record['content-type'], ...(typeof record.etag === 'string' ? { etag: record.etag } : {}), legacy: true };
      }
      return record;
    } catch {
      return {};
    }
  }

  /** The stat of an open file, with the etag recomputed when the metadata record is stale or missing. */
  private async describe(bucket: string, path: string, fd: number, stats: Stats): Promise<StoredFileStat> {
    const key = `${bucket}/${path}`;
    const cached = this.records.get(key);
    if (cached && cached.ino === stats.ino && cached.record.size === stats.size && cached.record.mtimeMs === stats.mtimeMs) {
      return { etag: cached.record.etag, contentLength: stats.size, contentType: cached.record.contentType, lastModified: stats.mtime };
    }
    const record = await this.readMetadata(bucket, path);
    const current = record.size === stats.size && record.mtimeMs === stats.mtimeMs;
    const fresh = typeof record.etag === 'string' && (record.legacy === true || current);
    const contentType = typeof record.contentType === 'string' ? record.contentType : DEFAULT_CONTENT_TYPE;
    // Only our own records name the version they describe; the original's are read each time.
    if (fresh && current && !record.legacy) this.records.set(key, { ino: stats.ino, record: { contentType, etag: record.etag as string, size: stats.size, mtimeMs: stats.mtimeMs } });
    return {
      etag: fresh ? (record.etag as string) : await md5OfFile(fd),
      contentLength: stats.size,
      contentType,
      lastModified: stats.mtime,
    };
  }

  /** A descriptor of a regular file and its stat, or null; symlinks are not followed. */
  private async openFile(bucket: string, path: string): Promise<{ fd: number; stats: Stats } | null> {
    let fd: number;
    try {
      fd = await openFile(this.dataPath(bucket, path), constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP') return null;
      throw asHubError(error, `read ${bucket}/${path}`);
    }
    let stats: Stats;
    try {
      stats = await statOf(fd);
    } catch (error) {
      await closeQuietly(fd);
      throw asHubError(error, `read ${bucket}/${path}`);
    }
    if (stats.isFile()) return { fd, stats };
    await closeQuietly(fd);
    return null;
  }

  async stat(bucket: string, path: string): Promise<StoredFileStat | null> {
    const opened = await this.open(bucket, path);
    if (!opened) return null;
    await opened.close();
    return opened.stat;
  }

  async open(bucket: string, path: string): Promise<OpenedFile | null> {
    const opened = await this.openFile(bucket, path);
    if (!opened) return null;
    const { fd, stats } = opened;
    let stat: StoredFileStat;
    try {
      stat = await this.describe(bucket, path, fd, stats);
    } catch (error) {
      await closeQuietly(fd);
      throw asHubError(error, `read ${bucket}/${path}`);
    }
    return {
      stat,
      read: (range?: ByteRange) => readVersion(fd, range ?? { start: 0, end: stat.contentLength - 1 }),
      close: () => closeQuietly(fd),
    };
  }

  async delete(bucket: string, path: string, archivePath?: string): Promise<boolean> {
    const target = this.dataPath(bucket, path);
    this.records.delete(`${bucket}/${path}`);
    try {
      if (!(await this.lstatFile(target))) return false;
      if (archivePath) {
        await mkdir(dirname(this.metadataPath(bucket, archivePath)), { recursive: true });
        await rename(this.metadataPath(bucket, path), this.metadataPath(bucket, archivePath)).catch((error: unknown) => {
          if (errorCode(error) !== 'ENOENT') throw error;
        });
        await rename(target, this.dataPath(bucket, archivePath));
        return true;
      }
      await rm(target);
      await rm(this.metadataPath(bucket, path), { force: true });
      await this.pruneEmptyDirectories(join(this.root, bucket), dirname(target));
      await this.pruneEmptyDirectories(join(this.root, METADATA_DIR, bucket), dirname(this.metadataPath(bucket, path)));
      return true;
    } catch (error) {
      throw asHubError(error, `delete ${bucket}/${path}`);
    }
  }

  /** Empty directories left by deletes would block a later write of a file with that name. */
  private async pruneEmptyDirectories(bucketRoot: string, directory: string): Promise<void> {
    let current = directory;
    while (current.startsWith(bucketRoot + sep)) {
      try {
        await rmdir(current);
      } catch {
        return;
      }
      current = dirname(current);
    }
  }

  /** Every file of the bucket, as `/`-separated paths in code-unit order. */
  private async allFiles(bucket: string): Promise<string[]> {
    const bucketRoot = join(this.root, bucket);
    const found: string[] = [];
    const walk = async (directory: string): Promise<void> => {
      let entries: Dirent[];
      try {
        entries = await readdir(directory, { withFileTypes: true });
      } catch (error) {
        if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return;
        throw error;
      }
      for (const entry of entries) {
        const full = join(directory, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.isFile()) found.push(relative(bucketRoot, full).split(sep).join('/'));
      }
    };
    await walk(bucketRoot);
    return found.sort();
  }

  /** Disk pages are decimal page numbers as strings (§4.7): "1", "2", …, null at the end. */
  private async pageOf(bucket: string, page: string | null, pageSize: number): Promise<ListPage<string>> {
    const index = page === null ? 0 : Number(page);
    if (!/^(0|[1-9][0-9]{0,8})$/.test(page ?? '0') || !Number.isSafeInteger(index)) throw new BadRequestError('Invalid page');
    let files: string[];
    try {
      files = await this.allFiles(bucket);
    } catch (error) {
      throw asHubError(error, `list ${bucket}`);
    }
    const entries = files.slice(index * pageSize, (index + 1) * pageSize);
    return { entries, page: (index + 1) * pageSize < files.length ? String(index + 1) : null };
  }

  list(bucket: string, page: string | null, pageSize: number): Promise<ListPage<string>> {
    return this.pageOf(bucket, page, pageSize);
  }

  async listStat(bucket: string, page: string | null, pageSize: number): Promise<ListPage<StatEntry>> {
    const names = await this.pageOf(bucket, page, pageSize);
    const entries: StatEntry[] = [];
    for (const name of names.entries) {
      const stat = await this.stat(bucket, name);
      // A file deleted between the listing and its stat is simply left out.
      if (stat) {
        entries.push({
          name, etag: stat.etag, contentLength: stat.contentLength, contentType: stat.contentType,
          lastModifiedDate: Math.floor(stat.lastModified.getTime() / 1000), exists: true,
        });
      }
    }
    return { entries, page: names.page };
  }
}

/** For tests and tools: the file a stored object lives in. */
export function diskFilePath(root: string, bucket: string, path: string): string {
  return join(root, bucket, ...path.split('/'));
}

