import { parseGaiaAuthHeader, parseGaiaScopeValues, tryDecodeToken, verifyGaiaAuth } from '@bsk/crypto';
import type { GaiaScopeValues, ParsedGaiaAuth } from '@bsk/crypto';
import { AuthTokenTimestampValidationError, ValidationError } from './errors.js';
import type { FirstSightLedger } from './first-sight.js';
import { LruCache } from '@bsk/crypto';
import type { RevocationStore } from './revocations.js';

/*
 * Who may act on a bucket (auth-and-storage.md §4.4–§4.6, §4.10). The token checks themselves are
 * @bsk/crypto's (the original's order and messages); this adds what the hub owns: the verified-token
 * cache, revocation by the bucket's oldest valid timestamp (with the first-sight rule for tokens
 * without `iat`, see first-sight.ts) and the writer whitelist.
 */

export interface AuthenticatorOptions {
  readonly challengeTexts: readonly string[];
  readonly revocations: RevocationStore;
  readonly firstSight: FirstSightLedger;
  readonly whitelist?: readonly string[] | undefined;
  readonly requireCorrectHubUrl: boolean;
  /** Already including `https://<serverName>`. */
  readonly validHubUrls: readonly string[];
  readonly tokenCacheSize: number;
  readonly now?: () => number;
}

/** What a verified token lets its bearer do on one bucket. */
export interface AuthGrant {
  /** The association token's issuer, else the bucket address: what the whitelist is checked against. */
  readonly signerAddress: string;
  readonly scopes: GaiaScopeValues;
  /** Seconds: the token's `iat`, or its first sight by this hub when it has none. */
  readonly issuedAt: number;
}

interface CachedGrant extends AuthGrant {
  /** ms; the earlier of the token's and its association token's `exp`. */
  readonly expiresAtMs: number;
}

function expiryMs(value: unknown): number {
  return value ? Number(value) * 1000 : Infinity;
}

/** The earlier of the token's and its association token's `exp`; an unparseable one counts as now. */
function grantExpiryMs(parsed: ParsedGaiaAuth): number {
  if (parsed.version === 'v0') return Infinity;
  const association = parsed.payload.associationToken ? tryDecodeToken(String(parsed.payload.associationToken)) : null;
  const expiry = Math.min(expiryMs(parsed.payload.exp), expiryMs(association?.payload.exp));
  return Number.isNaN(expiry) ? 0 : expiry;
}

/**
 * What identifies a token for the first-sight rule, independent of its spelling: the signed payload
 * for v1 (so a re-encoded or S-flipped signature is the same token), and for legacy v0 tokens, which
 * sign only the fixed challenge, the key itself.
 */
function tokenIdentity(parsed: ParsedGaiaAuth): string {
  return parsed.version === 'v1' ? `v1:${JSON.stringify(parsed.payload)}` : `v0:${parsed.publicKey.toLowerCase()}`;
}

export class Authenticator {
  private readonly cache: LruCache<string, CachedGrant>;
  private readonly now: () => number;

  constructor(private readonly options: AuthenticatorOptions) {
    this.cache = new LruCache(options.tokenCacheSize);
    this.now = options.now ?? Date.now;
  }

  /** The grant for `authorization` on bucket `address`; throws the hub's 401s. */
  async authorize(address: string, authorization: string | undefined): Promise<AuthGrant> {
    const oldest = await this.options.revocations.oldestValidTimestamp(address);
    const grant = await this.verified(address, authorization);
    if (oldest > 0 && grant.issuedAt < oldest) {
      throw new AuthTokenTimestampValidationError(
        `Gaia bucket requires auth token issued after ${oldest} but this token was issued ${grant.issuedAt}. This token may have been revoked by the user.`,
      );
    }
    const { whitelist } = this.options;
    if (whitelist && !whitelist.includes(grant.signerAddress)) {
      throw new ValidationError(`Address ${grant.signerAddress} not authorized for writes`);
    }
    return grant;
  }

  /** A cached grant while the token is unexpired, else a full verification. */
  private async verified(address: string, authorization: string | undefined): Promise<AuthGrant> {
    const nowMs = this.now();
    const key = `${address} ${authorization ?? ''}`;
    const cached = this.cache.get(key);
    if (cached && cached.expiresAtMs >= nowMs) return cached;
    if (cached) this.cache.delete(key);

    const parsed = parseGaiaAuthHeader(authorization);
    if (!parsed.ok) throw new ValidationError(parsed.message);
    const result = verifyGaiaAuth(parsed, {
      address,
      challengeTexts: this.options.challengeTexts,
      nowMs,
      // Revocation is decided in authorize(), with the first-sight rule.
      oldestValidTokenTimestamp: 0,
      requireCorrectHubUrl: this.options.requireCorrectHubUrl,
      validHubUrls: this.options.validHubUrls,
    });
    if (!result.ok) throw new ValidationError(result.message);
    const iat = parsed.version === 'v1' ? parsed.payload.iat : undefined;
    const issuedAt = iat ? Number(iat) : await this.options.firstSight.firstSeen(address, tokenIdentity(parsed), Math.floor(nowMs / 1000));
    const grant: CachedGrant = {
      signerAddress: result.signerAddress,
      scopes: parseGaiaScopeValues(result.scopes),
      issuedAt: Number.isNaN(issuedAt) ? 0 : issuedAt,
      expiresAtMs: grantExpiryMs(parsed),
    };
    this.cache.set(key, grant);
    return grant;
  }
}
