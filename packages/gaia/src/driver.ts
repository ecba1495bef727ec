import type { Readable } from 'node:stream';

/*
 * What the hub needs from a storage backend (auth-and-storage.md §4.1, §4.7): bytes in and out of
 * `<bucket>/<path>`, the stored content type and etag, and paged listings. Paths reaching a driver are
 * already validated (paths.ts). A driver never leaves a partial object: a failed or cut-off write
 * stores nothing.
 */

export interface StoredFileStat {
  /** Opaque; for the disk driver the MD5 hex of the content (§4.7). */
  readonly etag: string;
  readonly contentLength: number;
  readonly contentType: string;
  readonly lastModified: Date;
}

export interface WriteRequest {
  readonly bucket: string;
  readonly path: string;
  /** The upload; the hub has already wrapped it in the size limit, so it may throw mid-stream. */
  readonly body: AsyncIterable<Uint8Array>;
  readonly contentType: string;
  /** Archival write (§4.6): keep the current version, if any, under this path. */
  readonly archivePath?: string;
}

export interface ByteRange {
  /** Inclusive. */
  readonly start: number;
  /** Inclusive. */
  readonly end: number;
}

/**
 * An opened file: its stat and bytes are of one version, even if a write replaces it meanwhile.
 * Exactly one of `read` (which takes over closing) or `close` must be called.
 */
export interface OpenedFile {
  readonly stat: StoredFileStat;
  read(range?: ByteRange): Readable;
  close(): Promise<void>;
}

export interface ListPage<Entry> {
  readonly entries: Entry[];
  /** The next page token, or null at the end. */
  readonly page: string | null;
}

export interface StatEntry {
  readonly name: string;
  readonly etag: string;
  readonly contentLength: number;
  readonly contentType: string;
  /** Unix seconds, as the original's list-files stat mode. */
  readonly lastModifiedDate: number;
  readonly exists: true;
}

export interface GaiaDriver {
  write(request: WriteRequest): Promise<{ etag: string }>;
  stat(bucket: string, path: string): Promise<StoredFileStat | null>;
  /** null when there is no such file. */
  open(bucket: string, path: string): Promise<OpenedFile | null>;
  /** false when there was no such file. With `archivePath` the file is moved there instead. */
  delete(bucket: string, path: string, archivePath?: string): Promise<boolean>;
  list(bucket: string, page: string | null, pageSize: number): Promise<ListPage<string>>;
  listStat(bucket: string, page: string | null, pageSize: number): Promise<ListPage<StatEntry>>;
  close?(): Promise<void>;
}

/** Reads a whole (small) stored file as text, or null when absent. */
export async function readStoredText(driver: GaiaDriver, bucket: string, path: string): Promise<string | null> {
  const opened = await driver.open(bucket, path);
  if (!opened) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of opened.read()) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

/** A one-chunk body for small hub-made files (revocation timestamps, first-sight records). */
export async function* bodyOf(text: string): AsyncIterable<Uint8Array> {
  yield Buffer.from(text, 'utf8');
}
