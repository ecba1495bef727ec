import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import type { BlobGetPropertiesResponse, BlockBlobClient, ContainerClient, StoragePipelineOptions } from '@azure/storage-blob';
import type { ByteRange, GaiaDriver, ListPage, OpenedFile, StatEntry, StoredFileStat, WriteRequest } from '../driver.js';
import { BadRequestError, ConflictError } from '../errors.js';
import { objectKeyOf, storageFailure } from './object-store.js';

/*
 * The Azure Blob driver (auth-and-storage.md §4.7, §4.11 `driver: azure`): every Gaia bucket lives in
 * one container as block blobs `<address>/<path>`, as the original. The etag is the blob's ETag with its
 * quotes stripped, as the original; the content type is the blob's own.
 *
 * Writes stream: the body is cut into blocks that are staged as they arrive and committed at the end
 * (a body of one block goes up in one Put Blob). Staged blocks are invisible until the commit, so a
 * body that fails mid-way leaves the blob as it was (Azure drops uncommitted blocks by itself).
 * Archival copies the current blob to the history path right before the commit. Listing pages are
 * Azure's continuation markers; stat listings need no extra calls (list results carry properties).
 */

export interface AzureBlobDriverOptions {
  /** The container (§4.11 `bucket`). */
  readonly container: string;
  /** A storage connection string; else account name and key. */
  readonly connectionString?: string;
  readonly accountName?: string;
  readonly accountKey?: string;
  /** The blob service URL; default `https://<accountName>.blob.core.windows.net`. */
  readonly endpoint?: string;
  /** Stored on each blob (the original's `cacheControl`), for readers that fetch from the container. */
  readonly cacheControl?: string;
  /** Tries per Azure call; default 3. */
  readonly maxTries?: number;
  /** Bytes per staged block; default 4 MiB. */
  readonly blockSize?: number;
}

const DEFAULT_BLOCK_SIZE = 4 * 1024 * 1024;
/** How often a pending server-side copy is polled (same-account copies usually finish at once). */
const COPY_POLL_MS = 200;

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number } | null)?.statusCode;
}

function codeOf(error: unknown): string | undefined {
  return (error as { code?: string } | null)?.code;
}

/** The original strips the quotes Azure puts around its ETags (§4.7). */
function unquoted(etag: string | undefined): string {
  return (etag ?? '').replace(/^"|"$/g, '');
}

function serviceClientOf(options: AzureBlobDriverOptions): BlobServiceClient {
  const pipeline: StoragePipelineOptions = {
    retryOptions: { maxTries: options.maxTries ?? 3, retryDelayInMs: 100, maxRetryDelayInMs: 2_000 },
  };
  if (options.connectionString) return BlobServiceClient.fromConnectionString(options.connectionString, pipeline);
  if (!options.accountName || !options.accountKey) throw new TypeError('the Azure driver needs a connection string, or an account name and key');
  const endpoint = options.endpoint ?? `https://${options.accountName}.blob.core.windows.net`;
  return new BlobServiceClient(endpoint, new StorageSharedKeyCredential(options.accountName, options.accountKey), pipeline);
}

/** Cuts a stream of chunks into blocks of exactly `size` bytes (the last one shorter). */
async function* blocksOf(body: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of body) {
    let rest = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    while (pendingBytes + rest.length >= size) {
      const take = size - pendingBytes;
      pending.push(rest.subarray(0, take));
      yield Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
      rest = rest.subarray(take);
    }
    if (rest.length > 0) {
      pending.push(rest);
      pendingBytes += rest.length;
    }
  }
  yield Buffer.concat(pending);
}

export class AzureBlobDriver implements GaiaDriver {
  private readonly container: ContainerClient;
  private readonly cacheControl: string | undefined;
  private readonly blockSize: number;
  private containerReady: Promise<void> | null = null;

  constructor(options: AzureBlobDriverOptions) {
    this.container = serviceClientOf(options).getContainerClient(options.container);
    this.cacheControl = options.cacheControl;
    this.blockSize = options.blockSize ?? DEFAULT_BLOCK_SIZE;
  }

  /** Creates the container on first write if it is missing (private: reads go through the hub). */
  private ensureContainer(): Promise<void> {
    this.containerReady ??= this.container.createIfNotExists().then(() => undefined, (error: unknown) => {
      this.containerReady = null;
      throw error;
    });
    return this.containerReady;
  }

  private blob(bucket: string, path: string): BlockBlobClient {
    return this.container.getBlockBlobClient(objectKeyOf(bucket, path));
  }

  private async properties(blob: BlockBlobClient): Promise<BlobGetPropertiesResponse | null> {
    try {
      return await blob.getProperties();
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  /** Server-side copy of `from` to `to`; false when `from` does not exist. */
  private async copy(from: BlockBlobClient, to: BlockBlobClient): Promise<boolean> {
    try {
      const poller = await to.beginCopyFromURL(from.url, { intervalInMs: COPY_POLL_MS });
      const result = await poller.pollUntilDone();
      if (result.copyStatus !== 'success') throw new Error(`copy ended ${result.copyStatus ?? 'without a status'}`);
      return true;
    } catch (error) {
      if (statusOf(error) === 404 && codeOf(error) !== 'ContainerNotFound') return false;
      throw error;
    }
  }

  async write(request: WriteRequest): Promise<{ etag: string }> {
    const blob = this.blob(request.bucket, request.path);
    const headers = { blobHTTPHeaders: { blobContentType: request.contentType, ...(this.cacheControl ? { blobCacheControl: this.cacheControl } : {}) } };
    try {
      await this.ensureContainer();
      // Block ids: one random prefix per write, all of one length (Azure requires equal lengths).
      const writeId = randomUUID();
      const blockIds: string[] = [];
      let single: Buffer | null = null;
      for await (const block of blocksOf(request.body, this.blockSize)) {
        if (blockIds.length === 0 && single === null) {
          single = block;
          continue;
        }
        if (single !== null) {
          await this.stage(blob, writeId, blockIds, single);
          single = null;
        }
        await this.stage(blob, writeId, blockIds, block);
      }
      const archive = request.archivePath ? this.blob(request.bucket, request.archivePath) : null;
      if (archive) await this.copy(blob, archive);
      const written = blockIds.length === 0
        ? await blob.upload(single ?? Buffer.alloc(0), single?.length ?? 0, headers)
        : await blob.commitBlockList(blockIds, headers);
      return { etag: unquoted(written.etag) };
    } catch (error) {
      // Two writers committing one blob at once: the loser's blocks are gone (as the original: 409).
      if (codeOf(error) === 'InvalidBlockList') throw new ConflictError('Likely failed due to concurrent writes to the same file');
      throw storageFailure('Azure', error, `store ${request.bucket}/${request.path}`);
    }
  }

  private async stage(blob: BlockBlobClient, writeId: string, blockIds: string[], block: Buffer): Promise<void> {
    if (block.length === 0) return;
    const id = Buffer.from(`${writeId}-${String(blockIds.length).padStart(6, '0')}`).toString('base64');
    await blob.stageBlock(id, block, block.length);
    blockIds.push(id);
  }

  async stat(bucket: string, path: string): Promise<StoredFileStat | null> {
    const described = await this.describe(bucket, path);
    return described?.stat ?? null;
  }

  private async describe(bucket: string, path: string): Promise<{ stat: StoredFileStat; rawEtag: string } | null> {
    try {
      const properties = await this.properties(this.blob(bucket, path));
      if (!properties) return null;
      return {
        rawEtag: properties.etag ?? '',
        stat: {
          etag: unquoted(properties.etag),
          contentLength: properties.contentLength ?? 0,
          contentType: properties.contentType ?? 'application/octet-stream',
          lastModified: properties.lastModified ?? new Date(0),
        },
      };
    } catch (error) {
      throw storageFailure('Azure', error, `stat ${bucket}/${path}`);
    }
  }

  async open(bucket: string, path: string): Promise<OpenedFile | null> {
    const described = await this.describe(bucket, path);
    if (!described) return null;
    const blob = this.blob(bucket, path);
    return {
      stat: described.stat,
      read: (range?: ByteRange) => Readable.from(this.readVersion(blob, described.rawEtag, range, `${bucket}/${path}`), { objectMode: false }),
      close: () => Promise.resolve(),
    };
  }

  /** The bytes of the version `etag` names; a blob overwritten since the stat fails the read (412), never tears it. */
  private async *readVersion(blob: BlockBlobClient, etag: string, range: ByteRange | undefined, name: string): AsyncGenerator<Uint8Array> {
    let body: Readable | undefined;
    try {
      const offset = range?.start ?? 0;
      const count = range ? range.end - range.start + 1 : undefined;
      const response = await blob.download(offset, count, { conditions: { ifMatch: etag } });
      body = response.readableStreamBody as Readable | undefined;
    } catch (error) {
      throw storageFailure('Azure', statusOf(error) === 412 ? new Error('changed while being read') : error, `read ${name}`);
    }
    if (body) yield* body;
  }

  async delete(bucket: string, path: string, archivePath?: string): Promise<boolean> {
    const blob = this.blob(bucket, path);
    try {
      if (archivePath && !(await this.copy(blob, this.blob(bucket, archivePath)))) return false;
      return (await blob.deleteIfExists()).succeeded;
    } catch (error) {
      throw storageFailure('Azure', error, `delete ${bucket}/${path}`);
    }
  }

  async listStat(bucket: string, page: string | null, pageSize: number): Promise<ListPage<StatEntry>> {
    const prefix = objectKeyOf(bucket, '');
    try {
      const pages = this.container.listBlobsFlat({ prefix }).byPage({ maxPageSize: pageSize, ...(page ? { continuationToken: page } : {}) });
      const first = await pages.next();
      if (first.done) return { entries: [], page: null };
      const segment = first.value;
      const entries: StatEntry[] = segment.segment.blobItems.map((item) => ({
        name: item.name.slice(prefix.length),
        etag: unquoted(item.properties.etag),
        contentLength: item.properties.contentLength ?? 0,
        contentType: item.properties.contentType ?? 'application/octet-stream',
        lastModifiedDate: Math.floor(item.properties.lastModified.getTime() / 1000),
        exists: true,
      }));
      return { entries, page: segment.continuationToken ? segment.continuationToken : null };
    } catch (error) {
      if (codeOf(error) === 'ContainerNotFound') return { entries: [], page: null };
      if (statusOf(error) === 400) throw new BadRequestError('Invalid page');
      throw storageFailure('Azure', error, `list ${bucket}`);
    }
  }

  async list(bucket: string, page: string | null, pageSize: number): Promise<ListPage<string>> {
    const listed = await this.listStat(bucket, page, pageSize);
    return { entries: listed.entries.map((entry) => entry.name), page: listed.page };
  }
}
