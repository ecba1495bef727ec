import type { JsonObject } from '../jwt.js';
import {
  checkAppUris, checkExpiration, checkIssuance, checkIssuer, checkSignature, checkSigned, checkUsername, decodeAuthToken,
  singlePublicKey,
} from './authChecks.js';
import type { AuthCheckFailure, CheckOutcome, NameLookup } from './authChecks.js';

/*
 * Verifying auth tokens (auth-and-storage.md §1.4 for requests, §1.7 point 3 for responses). The
 * `check…` functions return the first failed check (in the reference's order) or the payload; the
 * `verify…` wrappers return booleans like blockstack.js — but never throw where it does (an unsigned
 * token or several public keys are simply `false`).
 */

export interface AuthVerificationSuccess {
  readonly ok: true;
  readonly payload: JsonObject;
}

export type AuthVerification = AuthVerificationSuccess | AuthCheckFailure;

export interface VerifyAuthOptions {
  /** The clock, ms since the epoch; default Date.now(). */
  now?: number;
}

export interface VerifyAuthResponseOptions extends VerifyAuthOptions {
  /** Used only when the response claims a username; without it such a response fails. */
  nameLookup?: NameLookup;
}

/** The checks both token kinds share: signed, exp, iat, one public key, signature, issuer. */
function checkCommon(token: string, options: VerifyAuthOptions, requireSigned: boolean): AuthVerification {
  const decoded = decodeAuthToken(token);
  if ('ok' in decoded) return decoded;
  const { payload } = decoded;
  const now = options.now ?? Date.now();
  const publicKey = singlePublicKey(payload);
  const outcomes: (() => CheckOutcome)[] = [
    () => (requireSigned ? checkSigned(decoded) : null),
    () => checkExpiration(payload, now),
    () => checkIssuance(payload, now),
    () => (typeof publicKey === 'string' ? checkSignature(token, publicKey) : publicKey),
    () => (typeof publicKey === 'string' ? checkIssuer(payload, publicKey) : publicKey),
  ];
  for (const outcome of outcomes) {
    const failure = outcome();
    if (failure) return failure;
  }
  return { ok: true, payload };
}

/** Every check of blockstack.js `verifyAuthRequest`. Never throws. */
export function checkAuthRequest(token: string, options: VerifyAuthOptions = {}): AuthVerification {
  const common = checkCommon(token, options, true);
  if (!common.ok) return common;
  return checkAppUris(common.payload) ?? common;
}

/** blockstack.js `verifyAuthRequest` as a boolean. */
export function verifyAuthRequest(token: string, options: VerifyAuthOptions = {}): boolean {
  return checkAuthRequest(token, options).ok;
}

/** Every check of blockstack.js `verifyAuthResponse`, the username one through `nameLookup`. Never rejects. */
export async function checkAuthResponse(token: string, options: VerifyAuthResponseOptions = {}): Promise<AuthVerification> {
  const common = checkCommon(token, options, false);
  if (!common.ok) return common;
  return (await checkUsername(common.payload, options.nameLookup)) ?? common;
}

/** blockstack.js `verifyAuthResponse` as a boolean promise. */
export async function verifyAuthResponse(token: string, options: VerifyAuthResponseOptions = {}): Promise<boolean> {
  return (await checkAuthResponse(token, options)).ok;
}
