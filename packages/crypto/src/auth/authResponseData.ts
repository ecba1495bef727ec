import { getAddressFromDID } from '../did.js';
import { invalid } from '../errors.js';
import { decodeToken } from '../jwt.js';
import type { JsonObject } from '../jwt.js';
import { decryptAppPrivateKey, decryptPrivateKey } from './privateKeyTransport.js';
import { isLaterVersion } from './version.js';

/*
 * What an app keeps from a (verified) authResponse — the offline part of blockstack.js
 * `handlePendingSignIn` (auth-and-storage.md §1.7 points 2, 4, 5, 7). Fetching `profile_url` when the
 * response carries no inline profile is left to the caller (no network in this package).
 */

export const DEFAULT_CORE_NODE = 'https://core.blockstack.org';
export const DEFAULT_GAIA_HUB_URL = 'https://hub.blockstack.org';
export const NAME_LOOKUP_PATH = '/v1/names';

export interface AuthResponseUserData {
  username: string | null;
  profile: unknown;
  email: string | null;
  decentralizedID: string;
  identityAddress: string | null;
  appPrivateKey: string | null;
  coreSessionToken: string | null;
  authResponseToken: string;
  hubUrl: string;
  /** The response's `blockstackAPIUrl`, as the reference stores it. */
  coreNode: string | null;
  gaiaAssociationToken: string | null;
  /** Where to fetch the signed profile when `profile` is empty. */
  profileUrl: string | null;
}

export interface ReadAuthResponseOptions {
  /** The transit private key the app made for this sign-in. */
  transitPrivateKey?: string | null;
  /** The app's configured Core node; default https://core.blockstack.org. */
  coreNode?: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * The Core API base for the username check: the response's `blockstackAPIUrl` when its version is
 * ≥ 1.3.0, else the app's configured node. Returns `<node>/v1/names`.
 */
export function getNameLookupURL(payload: JsonObject, coreNode: string | null = null): string {
  let node = coreNode ?? DEFAULT_CORE_NODE;
  if (isLaterVersion(payload.version, '1.3.0') && payload.blockstackAPIUrl != null) node = String(payload.blockstackAPIUrl);
  return `${node}${NAME_LOOKUP_PATH}`;
}

/**
 * Decrypts and collects the user data of an authResponse. Verify it first (checkAuthResponse).
 * Throws InvalidInputError (with the reference's LoginFailedError messages) when it cannot.
 */
export function readAuthResponse(token: string, options: ReadAuthResponseOptions = {}): AuthResponseUserData {
  const payload = decodeToken(token).payload;
  const version = payload.version;
  let appPrivateKey = text(payload.private_key);
  let coreSessionToken = text(payload.core_token);
  if (isLaterVersion(version, '1.1.0')) {
    const transitKey = options.transitPrivateKey;
    if (!transitKey) invalid('login_failed', 'Authenticating with protocol > 1.1.0 requires transit key, and none found.');
    if (appPrivateKey !== null) appPrivateKey = decryptAppPrivateKey(transitKey, appPrivateKey);
    if (coreSessionToken !== null) {
      try {
        coreSessionToken = decryptPrivateKey(transitKey, coreSessionToken);
      } catch {
        // As the reference: an undecryptable core token is used as given.
      }
    }
  }
  const hubUrl = isLaterVersion(version, '1.2.0') && payload.hubUrl != null ? String(payload.hubUrl) : DEFAULT_GAIA_HUB_URL;
  const gaiaAssociationToken = isLaterVersion(version, '1.3.0') && payload.associationToken != null ? String(payload.associationToken) : null;
  return {
    username: text(payload.username),
    profile: payload.profile ?? null,
    email: text(payload.email),
    decentralizedID: String(payload.iss),
    identityAddress: getAddressFromDID(payload.iss),
    appPrivateKey,
    coreSessionToken,
    authResponseToken: token,
    hubUrl,
    coreNode: text(payload.blockstackAPIUrl),
    gaiaAssociationToken,
    profileUrl: text(payload.profile_url),
  };
}
