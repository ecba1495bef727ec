import { InvalidInputError, invalid } from '../errors.js';
import { publicKeyToAddress } from '../address.js';
import { compressPublicKey, decompressPublicKey, isValidPublicKey } from '../keys.js';
import { decodeToken, verifyToken } from '../jwt.js';
import type { DecodedToken, JsonObject } from '../jwt.js';

/*
 * Profile token verification (auth-and-storage.md §5.2). The verifying value may be the issuer's
 * public key, the address of its compressed form, or the address of its UNCOMPRESSED form (names
 * registered before 2017 are owned by uncompressed addresses, vector §9.7). exp/iat are not checked,
 * exactly like the reference.
 *
 * The reference throws an Error; following STYLE.md (bad input is a value) `verifyProfileToken`
 * returns a result carrying the reference's message, and `extractProfile` — a parser — throws
 * InvalidInputError with that message.
 */

export type ProfileTokenFailure =
  | 'bad_token'
  | 'no_subject'
  | 'no_subject_public_key'
  | 'no_issuer'
  | 'no_issuer_public_key'
  | 'no_claim'
  | 'bad_issuer_public_key'
  | 'issuer_mismatch'
  | 'unsupported_algorithm'
  | 'bad_signature';

export type ProfileTokenVerification =
  | { readonly ok: true; readonly decodedToken: DecodedToken<JsonObject> }
  | { readonly ok: false; readonly error: ProfileTokenFailure; readonly message: string };

const fail = (error: ProfileTokenFailure, message: string): ProfileTokenVerification => ({ ok: false, error, message });

function has(value: unknown, key: string): boolean {
  return typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, key);
}

/** The addresses that may stand for `publicKey`: compressed and uncompressed forms (§0.1). */
function addressesOf(publicKey: string): string[] {
  return [publicKeyToAddress(compressPublicKey(publicKey)), publicKeyToAddress(decompressPublicKey(publicKey))];
}

/** blockstack.js `verifyProfileToken`, as a result value. Never throws. */
export function verifyProfileToken(token: string, publicKeyOrAddress: string): ProfileTokenVerification {
  let decodedToken: DecodedToken<JsonObject>;
  try {
    decodedToken = decodeToken(token);
  } catch (e) {
    return fail('bad_token', e instanceof InvalidInputError ? e.message : 'token does not decode');
  }
  const payload = decodedToken.payload;
  if (!has(payload, 'subject')) return fail('no_subject', "Token doesn't have a subject");
  if (!has(payload.subject, 'publicKey')) return fail('no_subject_public_key', "Token doesn't have a subject public key");
  if (!has(payload, 'issuer')) return fail('no_issuer', "Token doesn't have an issuer");
  if (!has(payload.issuer, 'publicKey')) return fail('no_issuer_public_key', "Token doesn't have an issuer public key");
  if (!has(payload, 'claim')) return fail('no_claim', "Token doesn't have a claim");

  const issuerPublicKey = (payload.issuer as JsonObject).publicKey;
  if (typeof issuerPublicKey !== 'string' || !isValidPublicKey(issuerPublicKey)) {
    return fail('bad_issuer_public_key', 'Token issuer public key is not a valid secp256k1 public key');
  }
  if (publicKeyOrAddress !== issuerPublicKey && !addressesOf(issuerPublicKey).includes(publicKeyOrAddress)) {
    return fail('issuer_mismatch', 'Token issuer public key does not match the verifying value');
  }
  // jsontokens picks the verifier from the header's alg (upper-cased) and knows only ES256K.
  const alg = decodedToken.header.alg;
  if (typeof alg !== 'string' || alg.toUpperCase() !== 'ES256K') return fail('unsupported_algorithm', 'invalid signing algorithm');
  if (!verifyToken(token, issuerPublicKey)) return fail('bad_signature', 'Token verification failed');
  return { ok: true, decodedToken };
}

/**
 * blockstack.js `extractProfile`: the token's claim, verified first when `publicKeyOrAddress` is
 * given. Throws InvalidInputError (code = the failure, message = the reference's) when it does not
 * decode or verify. A missing or non-object claim gives `{}`.
 */
export function extractProfile(token: string, publicKeyOrAddress: string | null = null): JsonObject {
  let payload: JsonObject;
  if (publicKeyOrAddress) {
    const verification = verifyProfileToken(token, publicKeyOrAddress);
    if (!verification.ok) invalid(verification.error, verification.message);
    payload = verification.decodedToken.payload;
  } else {
    payload = decodeToken(token).payload;
  }
  const claim = payload.claim;
  return typeof claim === 'object' && claim !== null && !Array.isArray(claim) ? (claim as JsonObject) : {};
}
