import { hexToBytes } from '../bytes.js';
import { verifyDigest } from '../ecdsa.js';
import { sha256 } from '../hash.js';
import { verifyToken } from '../jwt.js';
import { verifyAssociationToken } from './associationToken.js';
import { parseGaiaAuthHeader } from './authHeader.js';
import type { ParsedGaiaAuth, ParsedLegacyGaiaAuth, ParsedV1GaiaAuth } from './authHeader.js';
import { gaiaFailure } from './failure.js';
import type { GaiaAuthFailure } from './failure.js';
import type { GaiaScopeEntry } from './scopes.js';

/*
 * Checking a parsed Gaia token against a write to bucket `address` (auth-and-storage.md §4.4 steps
 * 3–9, the hub's `isAuthenticationValid`), in the hub's order so that the first failure reported is
 * the hub's. Pure: the hub passes its own challenge texts, clock, revocation timestamp and hub URLs.
 */

export interface GaiaAuthCheckOptions {
  /** The bucket address in the request URL. */
  address: string;
  /** Every challenge text the hub accepts (see getGaiaChallengeTexts). */
  challengeTexts: readonly string[];
  /** Default Date.now(). */
  nowMs?: number;
  /** The bucket's revocation timestamp in seconds (`revoke-all`); 0 or absent = none. */
  oldestValidTokenTimestamp?: number;
  requireCorrectHubUrl?: boolean;
  /** Required with requireCorrectHubUrl; the hub adds `https://<serverName>` itself. */
  validHubUrls?: readonly string[];
}

export interface GaiaAuthSuccess {
  readonly ok: true;
  readonly version: 'v0' | 'v1';
  /**
   * The address the hub's whitelist is checked against: the association token's issuer when there is
   * one, else the bucket address.
   */
  readonly signerAddress: string;
  readonly scopes: readonly GaiaScopeEntry[];
}

export type GaiaAuthResult = GaiaAuthSuccess | GaiaAuthFailure;

function checkRevocation(parsed: ParsedV1GaiaAuth, oldest: number | undefined): GaiaAuthFailure | null {
  if (!oldest || !(oldest > 0)) return null;
  const iat = parsed.payload.iat;
  const prefix = `Gaia bucket requires auth token issued after ${oldest}`;
  if (!iat) return gaiaFailure('revoked', `${prefix} but this token has no creation timestamp. This token may have been revoked by the user.`);
  if (Number(iat) < oldest) return gaiaFailure('revoked', `${prefix} but this token was issued ${String(iat)}. This token may have been revoked by the user.`);
  return null;
}

function checkHubUrl(parsed: ParsedV1GaiaAuth, options: GaiaAuthCheckOptions): GaiaAuthFailure | null {
  if (!options.requireCorrectHubUrl) return null;
  let claimed = parsed.payload.hubUrl;
  if (!claimed) return gaiaFailure('hub_url', 'Authentication must provide a claimed hub. You may need to update blockstack.js.');
  claimed = String(claimed);
  if (claimed.endsWith('/')) claimed = claimed.slice(0, -1);
  if (!options.validHubUrls) return gaiaFailure('hub_url', 'Configuration error on the gaia hub. validHubUrls must be supplied.');
  if (!options.validHubUrls.includes(claimed)) {
    return gaiaFailure('hub_url', `Auth token's claimed hub url '${claimed}' not found in this hubs set: ${JSON.stringify(options.validHubUrls)}`);
  }
  return null;
}

function verifyV1(parsed: ParsedV1GaiaAuth, options: GaiaAuthCheckOptions): GaiaAuthResult {
  const nowMs = options.nowMs ?? Date.now();
  const { payload } = parsed;
  const revoked = checkRevocation(parsed, options.oldestValidTokenTimestamp);
  if (revoked) return revoked;
  if (parsed.address !== options.address) return gaiaFailure('address', 'Address not allowed to write on this path');
  const wrongHub = checkHubUrl(parsed, options);
  if (wrongHub) return wrongHub;
  if (!verifyToken(parsed.token, parsed.publicKey)) return gaiaFailure('signature', 'Failed to verify supplied authentication JWT');
  const challenge = payload.gaiaChallenge;
  if (typeof challenge !== 'string' || !options.challengeTexts.includes(challenge)) {
    return gaiaFailure('challenge', `Invalid gaiaChallenge text in supplied JWT: "${String(challenge)}" not found in ${JSON.stringify(options.challengeTexts)}`);
  }
  const exp = payload.exp;
  if (exp && Number(exp) < nowMs / 1000) return gaiaFailure('expired', `Expired authentication token: expire time of ${String(exp)} (secs since epoch)`);
  let signerAddress = options.address;
  if (payload.associationToken) {
    const association = verifyAssociationToken(String(payload.associationToken), options.address, nowMs);
    if (!association.ok) return association;
    signerAddress = association.signerAddress;
  }
  return { ok: true, version: 'v1', signerAddress, scopes: parsed.scopes };
}

function verifyLegacy(parsed: ParsedLegacyGaiaAuth, options: GaiaAuthCheckOptions): GaiaAuthResult {
  if (parsed.address !== options.address) return gaiaFailure('address', 'Address not allowed to write on this path');
  const signature = hexToBytes(parsed.signature);
  for (const challengeText of options.challengeTexts) {
    if (verifyDigest(sha256(challengeText), signature, parsed.publicKey, 'der')) {
      return { ok: true, version: 'v0', signerAddress: options.address, scopes: [] };
    }
  }
  return gaiaFailure('signature', 'Invalid signature or expired authentication token.');
}

/** Checks a parsed token; never throws. */
export function verifyGaiaAuth(parsed: ParsedGaiaAuth, options: GaiaAuthCheckOptions): GaiaAuthResult {
  return parsed.version === 'v1' ? verifyV1(parsed, options) : verifyLegacy(parsed, options);
}

/** parseGaiaAuthHeader then verifyGaiaAuth (the hub's `validateAuthorizationHeader`). Never throws. */
export function validateGaiaAuthHeader(header: unknown, options: GaiaAuthCheckOptions): GaiaAuthResult {
  const parsed = parseGaiaAuthHeader(header);
  return parsed.ok ? verifyGaiaAuth(parsed, options) : parsed;
}
