import { createHash } from 'node:crypto';
import { bodyOf, readStoredText } from './driver.js';
import type { GaiaDriver } from './driver.js';
import { authBucketOf } from './revocations.js';

/*
 * When the hub first saw a token that carries no `iat` (every blockstack.js 21.x v1 token, and every
 * legacy v0 token). The original hub locks such tokens out for good after any revoke-all
 * (auth-and-storage.md §4.4 step 3, §8 point 3); we instead treat a token without `iat` as issued at
 * the moment this hub first verified it. The moment is stored with the bucket, at
 * `<address>-auth/first-sight/<sha256 of the token>`, so it survives restarts and cache evictions: a
 * token seen before a revoke-all stays revoked, a token first used after it works.
 */

const FIRST_SIGHT_DIR = 'first-sight';

export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class FirstSightLedger {
  constructor(private readonly driver: GaiaDriver) {}

  /** Seconds: the recorded first sight of `token` for `address`, recording `nowSeconds` if none. */
  async firstSeen(address: string, token: string, nowSeconds: number): Promise<number> {
    const path = `${FIRST_SIGHT_DIR}/${tokenFingerprint(token)}`;
    const recorded = await readStoredText(this.driver, authBucketOf(address), path);
    const parsed = recorded === null ? NaN : parseInt(recorded, 10);
    if (Number.isFinite(parsed)) return parsed;
    await this.driver.write({ bucket: authBucketOf(address), path, body: bodyOf(String(nowSeconds)), contentType: 'text/plain; charset=UTF-8' });
    return nowSeconds;
  }
}
