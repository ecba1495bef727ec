import { invalid } from '../errors.js';
import { getPublicKeyFromPrivate } from '../keys.js';
import { decodeToken, signToken } from '../jwt.js';
import type { DecodedToken, JsonObject } from '../jwt.js';
import { makeUUID4 } from '../auth/uuid.js';

/*
 * Profile tokens (auth-and-storage.md §5.2): an ES256K JWT signed by the identity key whose payload is
 * {jti, iat, exp, subject:{publicKey}, issuer:{publicKey}, claim} in that key order, with ISO-8601
 * string timestamps (not the numeric seconds of auth tokens).
 */

export interface ProfileTokenParty {
  publicKey: string;
  [extra: string]: unknown;
}

export interface ProfileTokenPayload {
  jti: string;
  iat: string;
  exp: string;
  subject: ProfileTokenParty;
  issuer: ProfileTokenParty;
  claim: object;
}

/** `{token, decodedToken}`: one element of the profile.json array. */
export interface ProfileTokenRecord {
  token: string;
  decodedToken: DecodedToken<JsonObject>;
}

export interface SignProfileTokenOptions {
  /** Fixed token id, for reproducible tokens (test vector §9.7); default a fresh UUIDv4. */
  jti?: string;
}

/** `new Date()` one calendar year on, as blockstack.js `nextYear()`. */
export function nextYear(from: Date = new Date()): Date {
  const date = new Date(from.getTime());
  date.setFullYear(date.getFullYear() + 1);
  return date;
}

/**
 * blockstack.js `signProfileToken`. subject and issuer default to `{publicKey: <compressed key>}`.
 * Throws InvalidInputError for a bad key, an algorithm other than ES256K, or an invalid date.
 * Our signature is low-S; the reference's may be high-S, and both verify (§0.3).
 */
export function signProfileToken(
  profile: object,
  privateKeyHex: string,
  subject?: ProfileTokenParty | null,
  issuer?: ProfileTokenParty | null,
  signingAlgorithm = 'ES256K',
  issuedAt: Date = new Date(),
  expiresAt: Date = nextYear(),
  options: SignProfileTokenOptions = {},
): string {
  if (signingAlgorithm !== 'ES256K') invalid('unsupported_algorithm', 'Signing algorithm not supported');
  if (Number.isNaN(issuedAt.getTime()) || Number.isNaN(expiresAt.getTime())) invalid('bad_date', 'issuedAt and expiresAt must be valid dates');
  const publicKey = getPublicKeyFromPrivate(privateKeyHex);
  const payload: ProfileTokenPayload = {
    jti: options.jti ?? makeUUID4(),
    iat: issuedAt.toISOString(),
    exp: expiresAt.toISOString(),
    subject: subject ?? { publicKey },
    issuer: issuer ?? { publicKey },
    claim: profile,
  };
  return signToken(payload, privateKeyHex);
}

/** blockstack.js `wrapProfileToken`. Throws InvalidInputError when the token does not decode. */
export function wrapProfileToken(token: string): ProfileTokenRecord {
  return { token, decodedToken: decodeToken(token) };
}
