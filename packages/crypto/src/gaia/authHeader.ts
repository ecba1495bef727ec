import { base64 } from '@scure/base';
import { bytesToUtf8, hexToBytes, isHex } from '../bytes.js';
import { derToCompact } from '../ecdsa.js';
import { publicKeyToAddress } from '../address.js';
import { isValidPublicKey } from '../keys.js';
import { tryDecodeToken } from '../jwt.js';
import type { JsonObject } from '../jwt.js';
import { GAIA_PARSE_FAILURE_MESSAGE, gaiaFailure } from './failure.js';
import type { GaiaAuthFailure } from './failure.js';
import { normalizeGaiaScopes, validateGaiaScopes } from './scopes.js';
import type { GaiaScopeEntry } from './scopes.js';

/*
 * Parsing an `Authorization` header value (auth-and-storage.md §4.4, the hub's `parseAuthHeader`):
 * "bearer" in any case, one separator character, then either `v1:<jwt>` or, when there is no `:` at
 * all, a legacy base64 JSON {publickey, signature}. Every failure is the hub's single message
 * "Failed to parse authentication header.". Nothing here checks signatures; see verifyGaiaAuth.
 */

export interface ParsedV1GaiaAuth {
  readonly ok: true;
  readonly version: 'v1';
  /** The JWT without the `v1:` prefix. */
  readonly token: string;
  readonly payload: JsonObject;
  /** `iss`: the signer's public key hex. */
  readonly publicKey: string;
  /** Address of `publicKey` as given: the bucket this token may write. */
  readonly address: string;
  readonly scopes: readonly GaiaScopeEntry[];
}

export interface ParsedLegacyGaiaAuth {
  readonly ok: true;
  readonly version: 'v0';
  readonly publicKey: string;
  readonly address: string;
  /** DER hex (as sent) of the ECDSA signature over SHA-256(challenge text). */
  readonly signature: string;
  readonly scopes: readonly GaiaScopeEntry[];
}

export type ParsedGaiaAuth = ParsedV1GaiaAuth | ParsedLegacyGaiaAuth;

const parseFailure = (): GaiaAuthFailure => gaiaFailure('parse', GAIA_PARSE_FAILURE_MESSAGE);

/** Node's Buffer base64 decoder is lenient: either alphabet, optional padding, whitespace ignored. */
function decodeLenientBase64(text: string): Uint8Array | null {
  let normalized = text.replace(/\s+/g, '').replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  if (normalized.length % 4 === 1) return null;
  normalized += '='.repeat((4 - (normalized.length % 4)) % 4);
  try {
    return base64.decode(normalized);
  } catch {
    return null;
  }
}

function parseLegacy(authPart: string): ParsedLegacyGaiaAuth | GaiaAuthFailure {
  const bytes = decodeLenientBase64(authPart);
  if (!bytes) return parseFailure();
  let decoded: unknown;
  try {
    decoded = JSON.parse(bytesToUtf8(bytes));
  } catch {
    return parseFailure();
  }
  if (typeof decoded !== 'object' || decoded === null) return parseFailure();
  const { publickey, signature } = decoded as { publickey?: unknown; signature?: unknown };
  if (typeof publickey !== 'string' || !isValidPublicKey(publickey) || !isHex(signature)) return parseFailure();
  try {
    // Strict DER, as the hub's bitcoinjs decoder.
    derToCompact(hexToBytes(signature));
  } catch {
    return parseFailure();
  }
  return { ok: true, version: 'v0', publicKey: publickey, address: publicKeyToAddress(publickey), signature, scopes: [] };
}

function parseV1(authPart: string): ParsedV1GaiaAuth | GaiaAuthFailure {
  const token = authPart.slice('v1:'.length);
  const decoded = tryDecodeToken(token);
  if (!decoded) return parseFailure();
  const { iss, scopes } = decoded.payload;
  // The hub only requires a truthy iss here and fails later on a non-key; we refuse it up front.
  if (typeof iss !== 'string' || !isValidPublicKey(iss)) return parseFailure();
  if (scopes && validateGaiaScopes(scopes) !== null) return parseFailure();
  return {
    ok: true,
    version: 'v1',
    token,
    payload: decoded.payload,
    publicKey: iss,
    address: publicKeyToAddress(iss),
    scopes: Array.isArray(scopes) ? normalizeGaiaScopes(scopes) : [],
  };
}

/** Parses an Authorization header value. Never throws. */
export function parseGaiaAuthHeader(header: unknown): ParsedGaiaAuth | GaiaAuthFailure {
  if (typeof header !== 'string' || !header.toLowerCase().startsWith('bearer')) return parseFailure();
  const authPart = header.slice('bearer '.length);
  const versionIndex = authPart.indexOf(':');
  if (versionIndex < 0) return parseLegacy(authPart);
  return authPart.slice(0, versionIndex) === 'v1' ? parseV1(authPart) : parseFailure();
}

/** The header value a client sends for a token made by makeV1GaiaAuthToken / makeLegacyGaiaAuthToken. */
export function makeGaiaAuthHeader(token: string): string {
  return `bearer ${token}`;
}

