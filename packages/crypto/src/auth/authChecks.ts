import { publicKeyToAddress } from '../address.js';
import { getAddressFromDID } from '../did.js';
import { isValidPublicKey } from '../keys.js';
import { tryDecodeToken, verifyToken } from '../jwt.js';
import type { DecodedToken, JsonObject } from '../jwt.js';
import { isSameOriginAbsoluteUrl } from './urls.js';

/*
 * The individual checks of blockstack.js `verifyAuthRequest` / `verifyAuthResponse`
 * (auth-and-storage.md §1.4, §1.7 point 3), each a small pure function over the decoded token.
 * The reference runs them all and throws for a few malformed cases; here each failure is a value
 * naming the check, so an authenticator can say why it refused.
 */

export type AuthCheck =
  | 'decode'
  | 'signed'
  | 'expiration'
  | 'issuance'
  | 'public_keys'
  | 'signature'
  | 'issuer'
  | 'manifest_uri'
  | 'redirect_uri'
  | 'username';

export interface AuthCheckFailure {
  readonly ok: false;
  readonly check: AuthCheck;
  readonly message: string;
}

export type CheckOutcome = AuthCheckFailure | null;

export function authFailure(check: AuthCheck, message: string): AuthCheckFailure {
  return { ok: false, check, message };
}

export function decodeAuthToken(token: unknown): DecodedToken<JsonObject> | AuthCheckFailure {
  return tryDecodeToken<JsonObject>(token) ?? authFailure('decode', 'Token is not a decodable JWT');
}

/** `verifyAuthRequest` refuses unsigned tokens first of all. */
export function checkSigned(decoded: DecodedToken<JsonObject>): CheckOutcome {
  return decoded.header.alg === 'none' ? authFailure('signed', 'Token must be signed in order to be verified') : null;
}

/** Seconds → ms through Date, as the reference (so absurd values become an Invalid Date, i.e. NaN). */
function secondsToMs(seconds: number): number {
  return new Date(seconds * 1000).getTime();
}

/** `isExpirationDateValid`: a truthy exp must be a number and not before now. No clock-skew allowance. */
export function checkExpiration(payload: JsonObject, nowMs: number): CheckOutcome {
  const exp = payload.exp;
  if (!exp) return null;
  if (typeof exp !== 'number') return authFailure('expiration', 'exp is not a number');
  return nowMs > secondsToMs(exp) ? authFailure('expiration', 'Token has expired') : null;
}

/** `isIssuanceDateValid`: a truthy iat must be a number and not after now. */
export function checkIssuance(payload: JsonObject, nowMs: number): CheckOutcome {
  const iat = payload.iat;
  if (!iat) return null;
  if (typeof iat !== 'number') return authFailure('issuance', 'iat is not a number');
  return nowMs < secondsToMs(iat) ? authFailure('issuance', 'Token was issued in the future') : null;
}

/** The single public key of `public_keys`, or the failure the reference throws for. */
export function singlePublicKey(payload: JsonObject): string | AuthCheckFailure {
  const keys = payload.public_keys;
  if (!Array.isArray(keys) || keys.length !== 1) return authFailure('public_keys', 'Multiple public keys are not supported');
  const key = keys[0];
  return typeof key === 'string' && isValidPublicKey(key) ? key : authFailure('public_keys', 'public_keys[0] is not a valid public key');
}

/** `doSignaturesMatchPublicKeys`: ES256K over the token as received; high-S accepted. */
export function checkSignature(token: string, publicKey: string): CheckOutcome {
  return verifyToken(token, publicKey) ? null : authFailure('signature', 'Signature does not match public_keys[0]');
}

/** `doPublicKeysMatchIssuer`: the address of the key must be the address in the `iss` DID. */
export function checkIssuer(payload: JsonObject, publicKey: string): CheckOutcome {
  return publicKeyToAddress(publicKey) === getAddressFromDID(payload.iss)
    ? null
    : authFailure('issuer', 'iss is not the did:btc-addr of public_keys[0]');
}

/** `isManifestUriValid` and `isRedirectUriValid`: same origin as domain_name, and absolute. */
export function checkAppUris(payload: JsonObject): CheckOutcome {
  if (!isSameOriginAbsoluteUrl(payload.domain_name, payload.manifest_uri)) {
    return authFailure('manifest_uri', 'manifest_uri is not an absolute URL of the same origin as domain_name');
  }
  if (!isSameOriginAbsoluteUrl(payload.domain_name, payload.redirect_uri)) {
    return authFailure('redirect_uri', 'redirect_uri is not an absolute URL of the same origin as domain_name');
  }
  return null;
}

/**
 * Looks up a name and returns its record as the Core API `GET /v1/names/<name>` does (only `address`
 * is used). It may throw or reject; that counts as "not owned".
 */
export type NameLookup = (username: string) => Promise<unknown>;

/** `doPublicKeysMatchUsername`: a claimed username must be owned by the `iss` address. */
export async function checkUsername(payload: JsonObject, nameLookup: NameLookup | undefined): Promise<CheckOutcome> {
  const username = payload.username;
  if (!username) return null;
  const fail = (message: string): AuthCheckFailure => authFailure('username', message);
  if (!nameLookup) return fail('No name lookup available to check the username');
  let record: unknown;
  try {
    record = await nameLookup(String(username));
  } catch {
    return fail('Name lookup failed');
  }
  if (typeof record !== 'object' || record === null || !Object.prototype.hasOwnProperty.call(record, 'address')) {
    return fail('Name record has no address');
  }
  return (record as { address: unknown }).address === getAddressFromDID(payload.iss)
    ? null
    : fail(`The name ${String(username)} is not owned by the issuer`);
}
