import { bodyOf, readStoredText } from './driver.js';
import type { GaiaDriver } from './driver.js';
import { DriverError, HubError } from './errors.js';
import { LruCache } from '@bsk/crypto';

/*
 * Per-bucket "oldest valid token timestamp" (auth-and-storage.md §4.10): `POST /revoke-all` stores the
 * integer text at `<address>-auth/authTimestamp` (readable through the read endpoint, as the
 * original); a missing file means 0. Cached in an LRU of `authTimestampCacheSize` buckets. The stored
 * value only ever grows, so a late or replayed revoke-all cannot un-revoke tokens.
 */

export const AUTH_TIMESTAMP_FILE = 'authTimestamp';
const REVOCATION_CONTENT_TYPE = 'text/plain; charset=UTF-8';

export function authBucketOf(address: string): string {
  return `${address}-auth`;
}

export class RevocationStore {
  private readonly cache: LruCache<string, number>;
  /** Revocations of one bucket run one after another so the stored file ends with the largest value. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly driver: GaiaDriver, cacheSize: number) {
    this.cache = new LruCache(cacheSize);
  }

  /** Seconds; 0 when the bucket never revoked. A storage failure is a 500, never "no revocation". */
  async oldestValidTimestamp(address: string): Promise<number> {
    const cached = this.cache.get(address);
    if (cached !== undefined) return cached;
    let text: string | null;
    try {
      text = await readStoredText(this.driver, authBucketOf(address), AUTH_TIMESTAMP_FILE);
    } catch (error) {
      if (error instanceof HubError) throw error;
      throw new DriverError(`Error trying to read bucket authentication revocation timestamp: ${String(error)}`);
    }
    const stored = text === null ? 0 : parseInt(text, 10);
    if (!Number.isFinite(stored)) throw new DriverError(`Bucket contained an invalid authentication revocation timestamp: ${text}`);
    // A revoke-all may have landed while we read.
    const timestamp = Math.max(stored, this.cache.get(address) ?? 0);
    this.cache.set(address, timestamp);
    return timestamp;
  }

  /** Raises the bucket's timestamp to `timestamp` (never lowers it); returns the value in force. */
  revokeBefore(address: string, timestamp: number): Promise<number> {
    const previous = this.queues.get(address) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.raise(address, timestamp));
    this.queues.set(address, next);
    void next.finally(() => {
      if (this.queues.get(address) === next) this.queues.delete(address);
    }).catch(() => undefined);
    return next;
  }

  private async raise(address: string, timestamp: number): Promise<number> {
    const current = await this.oldestValidTimestamp(address);
    if (timestamp <= current) return current;
    await this.driver.write({ bucket: authBucketOf(address), path: AUTH_TIMESTAMP_FILE, body: bodyOf(String(timestamp)), contentType: REVOCATION_CONTENT_TYPE });
    const inForce = Math.max(timestamp, this.cache.get(address) ?? 0);
    this.cache.set(address, inForce);
    return inForce;
  }
}
