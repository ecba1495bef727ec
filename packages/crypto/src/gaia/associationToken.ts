import { randomBytes } from '@noble/hashes/utils.js';
import { bytesToHex } from '../bytes.js';
import { publicKeyToAddress } from '../address.js';
import { getPublicKeyFromPrivate, isValidPublicKey } from '../keys.js';
import { signToken, tryDecodeToken, verifyToken } from '../jwt.js';
import { gaiaFailure } from './failure.js';
import type { GaiaAuthFailure } from './failure.js';

/*
 * Association tokens (auth-and-storage.md §4.5): the identity key authorizes an app key ("child") to
 * write with the identity's authority, so a private hub can whitelist identity addresses only.
 * Payload {childToAssociate, iss, exp, iat, salt}; keys compressed hex; times in (fractional) seconds.
 */

export interface AssociationTokenPayload {
  childToAssociate: string;
  iss: string;
  exp: number;
  iat: number;
  salt: string;
}

export interface MakeAssociationTokenOptions {
  /** Seconds; default now + 365 days, fractional like the Browser's. */
  exp?: number;
  /** Seconds; default now, fractional like the Browser's. */
  iat?: number;
  /** Default 16 random bytes as hex. */
  salt?: string;
}

export const ASSOCIATION_TOKEN_LIFETIME_SECONDS = 365 * 24 * 3600;

/** Signs an association token for `childPublicKey` (compressed hex of the app key). */
export function makeAssociationToken(identityPrivateKey: string, childPublicKey: string, options: MakeAssociationTokenOptions = {}): string {
  const nowSeconds = Date.now() / 1000;
  const payload: AssociationTokenPayload = {
    childToAssociate: childPublicKey,
    iss: getPublicKeyFromPrivate(identityPrivateKey),
    exp: options.exp ?? nowSeconds + ASSOCIATION_TOKEN_LIFETIME_SECONDS,
    iat: options.iat ?? nowSeconds,
    salt: options.salt ?? bytesToHex(randomBytes(16)),
  };
  return signToken(payload, identityPrivateKey);
}

export interface VerifiedAssociation {
  readonly ok: true;
  /** Address of the association token's issuer: the address the hub's whitelist is checked against. */
  readonly signerAddress: string;
  readonly issuerPublicKey: string;
  readonly childPublicKey: string;
}

/**
 * The hub's `checkAssociationToken`: the token must be signed by its `iss`, not expired at `nowMs`,
 * and its child key's address must be `bearerAddress` (the bucket being written). Never throws.
 */
export function verifyAssociationToken(token: string, bearerAddress: string, nowMs: number = Date.now()): VerifiedAssociation | GaiaAuthFailure {
  const fail = (message: string): GaiaAuthFailure => gaiaFailure('association', message);
  const decoded = tryDecodeToken(token);
  if (!decoded) return fail('checkAssociationToken: Failed to decode association token in JWT');
  const { iss, childToAssociate, exp } = decoded.payload;
  if (!iss) return fail('Must provide `iss` claim in association JWT.');
  if (!childToAssociate) return fail('Must provide `childToAssociate` claim in association JWT.');
  if (!exp) return fail('Must provide `exp` claim in association JWT.');
  if (typeof iss !== 'string' || !verifyToken(token, iss)) return fail('Failed to verify association JWT: invalid issuer');
  // Number() is exactly the coercion the hub's JS `<` applies to a JSON value (a non-numeric exp passes).
  if (Number(exp) < nowMs / 1000) return fail(`Expired association token: expire time of ${String(exp)} (secs since epoch)`);
  const childAddress = typeof childToAssociate === 'string' && isValidPublicKey(childToAssociate) ? publicKeyToAddress(childToAssociate) : null;
  if (childAddress !== bearerAddress) return fail(`Association token child key ${String(childToAssociate)} does not match ${bearerAddress}`);
  return { ok: true, signerAddress: publicKeyToAddress(iss), issuerPublicKey: iss, childPublicKey: childToAssociate as string };
}
