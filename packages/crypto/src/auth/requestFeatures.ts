import type { JsonObject } from '../jwt.js';
import { isValidAuthScope } from './scopes.js';
import { isLaterVersion } from './version.js';

/*
 * What an authenticator may put in its response, decided from the (verified) request the way the
 * Blockstack Browser does (blockstack-browser app/js/auth/index.js and utils.js, auth-and-storage.md
 * §1.6): every later field is gated on the request's version, so that old apps are not sent fields
 * they cannot use.
 */

function requestVersion(payload: JsonObject): unknown {
  return Object.prototype.hasOwnProperty.call(payload, 'version') ? payload.version : '0';
}

/** The Browser's `appRequestSupportsDirectHub`: version ≥ 1.2.0 or `supports_hub_url`. */
export function appRequestSupportsDirectHub(payload: JsonObject): boolean {
  return isLaterVersion(requestVersion(payload), '1.2.0') || Boolean(payload.supports_hub_url);
}

/**
 * The Browser's `validateScopes`: a missing list is refused, an empty one accepted, otherwise every
 * scope must be known or a `collection.` scope.
 */
export function validateAuthScopes(scopes: unknown): boolean {
  if (!scopes) return false;
  if (!Array.isArray(scopes)) return false;
  return scopes.every(isValidAuthScope);
}

export interface AuthRequestFeatures {
  /** The key to encrypt `private_key` to: `public_keys[0]` when the version is ≥ 1.1.0, else null (sent in clear). */
  readonly transitPublicKey: string | null;
  /** False when the request set `do_not_include_profile`: send `profile: null` and rely on `profile_url`. */
  readonly includeProfile: boolean;
  /** Send `hubUrl`. */
  readonly sendHubUrl: boolean;
  /** Send `blockstackAPIUrl` and an `associationToken` (version ≥ 1.3.0). */
  readonly sendBlockstackAPIUrl: boolean;
  readonly sendAssociationToken: boolean;
  readonly scopesValid: boolean;
  readonly wantsEmail: boolean;
  readonly wantsPublishData: boolean;
  readonly wantsStoreWrite: boolean;
}

/** Reads the response-shaping features of a decoded authRequest payload. Never throws. */
export function getAuthRequestFeatures(payload: JsonObject): AuthRequestFeatures {
  const version = requestVersion(payload);
  const keys = payload.public_keys;
  const firstKey = Array.isArray(keys) && typeof keys[0] === 'string' ? keys[0] : null;
  const scopes = Array.isArray(payload.scopes) ? payload.scopes : [];
  const modern = isLaterVersion(version, '1.3.0');
  return {
    transitPublicKey: isLaterVersion(version, '1.1.0') ? firstKey : null,
    includeProfile: !payload.do_not_include_profile,
    sendHubUrl: appRequestSupportsDirectHub(payload),
    sendBlockstackAPIUrl: modern,
    sendAssociationToken: modern,
    scopesValid: validateAuthScopes(payload.scopes),
    wantsEmail: scopes.includes('email'),
    wantsPublishData: scopes.includes('publish_data'),
    wantsStoreWrite: scopes.includes('store_write'),
  };
}
