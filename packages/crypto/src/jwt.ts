import { base64urlnopad } from '@scure/base';
import { bytesToUtf8, utf8ToBytes } from './bytes.js';
import { invalid, InvalidInputError } from './errors.js';
import { sha256 } from './hash.js';
import { signDigest, verifySha256Message } from './ecdsa.js';

/*
 * ES256K compact JWS as jsontokens 3.x makes them (auth-and-storage.md §0.3):
 * base64url(header) . base64url(payload) . base64url(r‖s), no padding, SHA-256 of the signing input.
 * Header and payload are JSON.stringify in insertion order; verification recomputes the hash over the
 * segments as received and accepts high-S.
 */

export const JWT_HEADER = Object.freeze({ typ: 'JWT', alg: 'ES256K' });

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json | undefined };

export interface DecodedToken<P = JsonObject> {
  header: JsonObject;
  payload: P;
  signature: string;
}

function encodeSegment(value: unknown): string {
  return base64urlnopad.encode(utf8ToBytes(JSON.stringify(value)));
}

function decodeSegment(segment: string, what: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytesToUtf8(base64urlnopad.decode(segment)));
  } catch {
    invalid('bad_token', `token ${what} is not base64url JSON`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) invalid('bad_token', `token ${what} is not a JSON object`);
  return parsed as JsonObject;
}

/** Signs a payload with a hex private key (64 or 66 chars); the signature is low-S. */
export function signToken(payload: object, privateKeyHex: string, header: object = JWT_HEADER): string {
  const signingInput = `${encodeSegment(header)}.${encodeSegment(payload)}`;
  const signature = signDigest(sha256(signingInput), privateKeyHex);
  return `${signingInput}.${base64urlnopad.encode(signature)}`;
}

/** Decodes without verifying. Throws InvalidInputError for anything that is not a compact JWS. */
export function decodeToken<P = JsonObject>(token: string): DecodedToken<P> {
  if (typeof token !== 'string') invalid('bad_token', 'token must be a string');
  const parts = token.split('.');
  if (parts.length !== 3) invalid('bad_token', 'token must have three dot-separated segments');
  return {
    header: decodeSegment(parts[0]!, 'header'),
    payload: decodeSegment(parts[1]!, 'payload') as P,
    signature: parts[2]!,
  };
}

/** True when the token's ES256K signature verifies with the public key; false for anything else. */
export function verifyToken(token: string, publicKeyHex: string): boolean {
  if (typeof token !== 'string') return false;
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  let signature: Uint8Array;
  try {
    signature = base64urlnopad.decode(parts[2]!);
  } catch {
    return false;
  }
  return verifySha256Message(utf8ToBytes(`${parts[0]}.${parts[1]}`), signature, publicKeyHex, 'compact');
}

/** decodeToken that returns null instead of throwing. */
export function tryDecodeToken<P = JsonObject>(token: unknown): DecodedToken<P> | null {
  try {
    return decodeToken<P>(token as string);
  } catch (e) {
    if (e instanceof InvalidInputError) return null;
    throw e;
  }
}
