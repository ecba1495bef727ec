import type { Authenticator } from './authenticator.js';
import type { GaiaDriver, ListPage, StatEntry } from './driver.js';
import { BadRequestError, DoesNotExist } from './errors.js';
import { assertValidPath, historicalPath, isHistoricalFile } from './paths.js';
import type { PathMutex } from './path-mutex.js';
import { assertPreconditions, assertWellFormedPreconditions, needsCurrentEtag } from './preconditions.js';
import type { WritePreconditions } from './preconditions.js';
import type { RevocationStore } from './revocations.js';
import { archivalRequired, assertMayDelete, assertMayWrite, isArchivalRestricted } from './scope-check.js';
import { assertDeclaredLength, limitSize } from './size-limit.js';

/*
 * The hub's operations, independent of HTTP (auth-and-storage.md §4.2): each is a short pipeline of
 * separately tested steps — path mutex → auth → scopes → path → preconditions → size → driver.
 */

export interface StoreRequest extends WritePreconditions {
  readonly address: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly contentLength: number | null;
  readonly body: AsyncIterable<Uint8Array>;
}

export interface HubServiceOptions {
  readonly driver: GaiaDriver;
  readonly authenticator: Authenticator;
  readonly revocations: RevocationStore;
  readonly mutex: PathMutex;
  readonly maxFileUploadSize: number;
  readonly pageSize: number;
  /** The current `read_url_prefix` (it may only be known once the hub listens). */
  readonly readUrlPrefix: () => string;
}

const DEFAULT_CONTENT_TYPE = 'application/octet-stream';
/** The original disk driver refuses longer content types. */
const MAX_CONTENT_TYPE_LENGTH = 1024;

export class HubService {
  constructor(private readonly options: HubServiceOptions) {}

  async store(request: StoreRequest): Promise<{ publicURL: string; etag: string }> {
    const { address, path } = request;
    return this.options.mutex.run('store', `${address}/${path}`, async () => {
      const grant = await this.options.authenticator.authorize(address, request.authorization);
      assertMayWrite(address, path, grant.scopes);
      const archive = archivalRequired(address, path, grant.scopes);
      assertValidPath(path);
      assertWellFormedPreconditions(request);
      if (needsCurrentEtag(request)) {
        const current = await this.options.driver.stat(address, path);
        assertPreconditions(request, current?.etag ?? null);
      }
      assertDeclaredLength(request.contentLength, this.options.maxFileUploadSize);
      const contentType = request.contentType || DEFAULT_CONTENT_TYPE;
      if (contentType.length > MAX_CONTENT_TYPE_LENGTH) throw new BadRequestError(`Content-Type longer than ${MAX_CONTENT_TYPE_LENGTH} characters`);
      const { etag } = await this.options.driver.write({
        bucket: address,
        path,
        body: limitSize(request.body, this.options.maxFileUploadSize),
        contentType,
        ...(archive ? { archivePath: historicalPath(path) } : {}),
      });
      return { publicURL: `${this.options.readUrlPrefix()}${address}/${path}`, etag };
    });
  }

  async delete(address: string, path: string, authorization: string | undefined): Promise<void> {
    await this.options.mutex.run('delete', `${address}/${path}`, async () => {
      const grant = await this.options.authenticator.authorize(address, authorization);
      assertMayDelete(address, path, grant.scopes);
      const archive = archivalRequired(address, path, grant.scopes);
      assertValidPath(path);
      const deleted = await this.options.driver.delete(address, path, archive ? historicalPath(path) : undefined);
      if (!deleted) throw new DoesNotExist('File does not exist');
    });
  }

  async listFiles(address: string, page: string | null, stat: boolean, authorization: string | undefined): Promise<ListPage<string | StatEntry | null>> {
    const grant = await this.options.authenticator.authorize(address, authorization);
    const { driver, pageSize } = this.options;
    const listed: ListPage<string | StatEntry> = stat ? await driver.listStat(address, page, pageSize) : await driver.list(address, page, pageSize);
    if (!isArchivalRestricted(grant.scopes) || listed.entries.length === 0) return listed;
    // Archival tokens do not see history files; an emptied page holds one null so clients keep paging (§4.7).
    const entries: (string | StatEntry | null)[] = listed.entries.filter((entry) => !isHistoricalFile(typeof entry === 'string' ? entry : entry.name));
    if (entries.length === 0 && listed.page) entries.push(null);
    return { entries, page: listed.page };
  }

  async revokeAll(address: string, oldestValidTimestamp: number, authorization: string | undefined): Promise<void> {
    await this.options.authenticator.authorize(address, authorization);
    await this.options.revocations.revokeBefore(address, oldestValidTimestamp);
  }
}
