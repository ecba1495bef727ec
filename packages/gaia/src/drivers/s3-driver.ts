import { Readable } from 'node:stream';
import {
  CopyObjectCommand, CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand,
  ListObjectsCommand, PutObjectCommand, S3Client,
} from '@aws-sdk/client-s3';
import type { BucketLocationConstraint, HeadObjectCommandOutput, S3ClientConfig } from '@aws-sdk/client-s3';
import type { ByteRange, GaiaDriver, ListPage, OpenedFile, StatEntry, StoredFileStat, WriteRequest } from '../driver.js';
import { BadRequestError } from '../errors.js';
import { collectBody, mapLimit, objectKeyOf, pageTokenOf, storageFailure } from './object-store.js';

/*
 * The S3 driver (auth-and-storage.md §4.7, §4.11 `driver: aws`): every Gaia bucket lives in one S3
 * bucket as objects `<address>/<path>`, as the original. The etag is S3's `ETag` as returned (quoted),
 * as the original. S3 itself keeps the content type, so there is no metadata beside the data.
 *
 * Writes: the body is received whole (within the hub's upload limit, which wraps it) and then sent in
 * one PutObject. S3 needs a length before the first byte of a streamed PutObject, and multipart uploads
 * need `@aws-sdk/lib-storage` (not installed) or 5 MiB parts; a PutObject is atomic, so a body that
 * fails mid-way sends nothing and a failed PutObject stores nothing. Archival copies the current
 * object to the history path first (CopyObject), after the new body has arrived.
 *
 * Listing uses ListObjects (v1) with the last key as marker, as the original: its page tokens are plain
 * keys, which this driver hands out relative to the Gaia bucket so a token can never reach another
 * bucket (ListObjectsV2's continuation tokens would also do, but s3rver cannot make them on OpenSSL 3).
 */

export interface S3DriverOptions {
  /** The S3 bucket (§4.11 `bucket`). */
  readonly bucket: string;
  readonly region?: string;
  /** An S3-compatible endpoint; `https://` is assumed when it has no scheme (the original's form). */
  readonly endpoint?: string;
  readonly forcePathStyle?: boolean;
  /** Unset: the SDK's default credential chain (environment, profile, instance role). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
  /** Stored on each object (the original's `cacheControl`), for readers that fetch from the bucket. */
  readonly cacheControl?: string;
  /** Attempts per S3 call (the SDK's standard retry); default 3. */
  readonly maxAttempts?: number;
}

/** Concurrent HeadObject calls of one listStat page (ListObjects carries no content types). */
const STAT_CONCURRENCY = 8;

function endpointUrl(endpoint: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`;
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

function isNotFound(error: unknown): boolean {
  return statusOf(error) === 404;
}

/** `bucket/key` for CopySource: each segment URL-encoded, the slashes kept. */
function copySourceOf(bucket: string, key: string): string {
  return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

function statOfHead(head: HeadObjectCommandOutput): StoredFileStat {
  return {
    etag: head.ETag ?? '',
    contentLength: head.ContentLength ?? 0,
    contentType: head.ContentType ?? 'application/octet-stream',
    lastModified: head.LastModified ?? new Date(0),
  };
}

/** `length` bytes of `stream` after skipping `skip`; the stream is released early once they are out. */
async function* sliceStream(stream: AsyncIterable<Uint8Array>, skip: number, length: number): AsyncGenerator<Uint8Array> {
  let toSkip = skip;
  let toTake = length;
  for await (const chunk of stream) {
    const bytes = chunk.subarray(Math.min(toSkip, chunk.length));
    toSkip -= chunk.length - bytes.length;
    if (bytes.length === 0) continue;
    const taken = bytes.subarray(0, toTake);
    toTake -= taken.length;
    yield taken;
    if (toTake === 0) return;
  }
}

export class S3Driver implements GaiaDriver {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly region: string;
  private readonly cacheControl: string | undefined;
  private bucketReady: Promise<void> | null = null;

  constructor(options: S3DriverOptions) {
    this.bucket = options.bucket;
    this.region = options.region ?? 'us-east-1';
    this.cacheControl = options.cacheControl;
    const config: S3ClientConfig = {
      region: this.region,
      forcePathStyle: options.forcePathStyle ?? false,
      maxAttempts: options.maxAttempts ?? 3,
      // Checksums only where S3 requires them: S3-compatible servers do not all know the newer
      // x-amz-checksum-* headers; the MD5 ETag still covers the content.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
      ...(options.endpoint ? { endpoint: endpointUrl(options.endpoint) } : {}),
      ...(options.credentials ? { credentials: { ...options.credentials } } : {}),
    };
    this.client = new S3Client(config);
  }

  close(): Promise<void> {
    this.client.destroy();
    return Promise.resolve();
  }

  /** Creates the bucket on first write if it is missing (as the original); retried after a failure. */
  private ensureBucket(): Promise<void> {
    this.bucketReady ??= this.createBucketIfMissing().catch((error: unknown) => {
      this.bucketReady = null;
      throw error;
    });
    return this.bucketReady;
  }

  private async createBucketIfMissing(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      return;
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    // us-east-1 is the one region that takes no location constraint.
    const configuration = this.region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: this.region as BucketLocationConstraint } };
    try {
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket, ...configuration }));
    } catch (error) {
      if ((error as { name?: string }).name !== 'BucketAlreadyOwnedByYou') throw error;
    }
  }

  private async head(key: string): Promise<HeadObjectCommandOutput | null> {
    try {
      return await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** Copies `from` to `to`; false when `from` does not exist. */
  private async copy(from: string, to: string): Promise<boolean> {
    try {
      await this.client.send(new CopyObjectCommand({ Bucket: this.bucket, Key: to, CopySource: copySourceOf(this.bucket, from) }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async write(request: WriteRequest): Promise<{ etag: string }> {
    const key = objectKeyOf(request.bucket, request.path);
    try {
      const body = await collectBody(request.body);
      await this.ensureBucket();
      if (request.archivePath) await this.copy(key, objectKeyOf(request.bucket, request.archivePath));
      const put = await this.client.send(new PutObjectCommand({
        Bucket: this.bucket, Key: key, Body: body, ContentLength: body.length, ContentType: request.contentType,
        ...(this.cacheControl ? { CacheControl: this.cacheControl } : {}),
      }));
      return { etag: put.ETag ?? '' };
    } catch (error) {
      throw storageFailure('S3', error, `store ${request.bucket}/${request.path}`);
    }
  }

  async stat(bucket: string, path: string): Promise<StoredFileStat | null> {
    try {
      const head = await this.head(objectKeyOf(bucket, path));
      return head ? statOfHead(head) : null;
    } catch (error) {
      throw storageFailure('S3', error, `stat ${bucket}/${path}`);
    }
  }

  async open(bucket: string, path: string): Promise<OpenedFile | null> {
    const stat = await this.stat(bucket, path);
    if (!stat) return null;
    const key = objectKeyOf(bucket, path);
    return {
      stat,
      read: (range?: ByteRange) => Readable.from(this.readVersion(key, stat.etag, range, `${bucket}/${path}`), { objectMode: false }),
      close: () => Promise.resolve(),
    };
  }

  /**
   * The bytes of the version `etag` names. If-Match makes S3 refuse a version written since the
   * stat (412), and the response's ETag is checked too, for S3-compatible servers that ignore If-Match:
   * a concurrent overwrite ends the read with an error, never with bytes of another version.
   */
  private async *readVersion(key: string, etag: string, range: ByteRange | undefined, name: string): AsyncGenerator<Uint8Array> {
    let response;
    try {
      response = await this.client.send(new GetObjectCommand({
        Bucket: this.bucket, Key: key, IfMatch: etag, ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
      }));
    } catch (error) {
      throw storageFailure('S3', statusOf(error) === 412 ? new Error('changed while being read') : error, `read ${name}`);
    }
    const body = response.Body as Readable | undefined;
    if (response.ETag !== etag) {
      body?.destroy();
      throw storageFailure('S3', new Error('changed while being read'), `read ${name}`);
    }
    if (!body) return;
    if (!range) {
      yield* body;
      return;
    }
    // A server may answer a range with more than asked, even the whole object (RFC 9110 §14.2 lets
    // it ignore Range; s3rver does for `bytes=0-0`): cut the asked bytes out of what came.
    const servedFrom = Number(/^bytes (\d+)-/.exec(response.ContentRange ?? '')?.[1] ?? 0);
    if (servedFrom > range.start) {
      body.destroy();
      throw storageFailure('S3', new Error(`served bytes from ${servedFrom}, not ${range.start}`), `read ${name}`);
    }
    yield* sliceStream(body, range.start - servedFrom, range.end - range.start + 1);
  }

  async delete(bucket: string, path: string, archivePath?: string): Promise<boolean> {
    const key = objectKeyOf(bucket, path);
    try {
      // DeleteObject succeeds on missing keys, so ask first (the original does the same).
      if (!(await this.head(key))) return false;
      if (archivePath && !(await this.copy(key, objectKeyOf(bucket, archivePath)))) return false;
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      throw storageFailure('S3', error, `delete ${bucket}/${path}`);
    }
  }

  /** One page of keys under `<bucket>/`, with the next page token relative to it. */
  private async listKeys(bucket: string, page: string | null, pageSize: number): Promise<ListPage<string>> {
    const prefix = objectKeyOf(bucket, '');
    let listed;
    try {
      listed = await this.client.send(new ListObjectsCommand({
        Bucket: this.bucket, Prefix: prefix, MaxKeys: pageSize, ...(page ? { Marker: prefix + page } : {}),
      }));
    } catch (error) {
      if (isNotFound(error)) return { entries: [], page: null };
      if (statusOf(error) === 400) throw new BadRequestError('Invalid page');
      throw storageFailure('S3', error, `list ${bucket}`);
    }
    const names = (listed.Contents ?? []).flatMap((object) => (object.Key?.startsWith(prefix) ? [object.Key.slice(prefix.length)] : []));
    return { entries: names, page: listed.IsTruncated ? pageTokenOf(names) : null };
  }

  list(bucket: string, page: string | null, pageSize: number): Promise<ListPage<string>> {
    return this.listKeys(bucket, page, pageSize);
  }

  async listStat(bucket: string, page: string | null, pageSize: number): Promise<ListPage<StatEntry>> {
    const names = await this.listKeys(bucket, page, pageSize);
    const stats = await mapLimit(names.entries, STAT_CONCURRENCY, async (name) => ({ name, stat: await this.stat(bucket, name) }));
    // A file deleted between the listing and its stat is left out, as the disk driver does.
    const entries = stats.flatMap(({ name, stat }) => (stat ? [{
      name, etag: stat.etag, contentLength: stat.contentLength, contentType: stat.contentType,
      lastModifiedDate: Math.floor(stat.lastModified.getTime() / 1000), exists: true as const,
    }] : []));
    return { entries, page: names.page };
  }
}
