import { publicKeyToAddress } from '../address.js';
import { makeDIDFromAddress } from '../did.js';
import { getPublicKeyFromPrivate } from '../keys.js';
import { signToken } from '../jwt.js';
import { nextMonth } from './authRequest.js';
import { encryptPrivateKey } from './privateKeyTransport.js';
import { makeUUID4 } from './uuid.js';
import { AUTH_VERSION } from './version.js';

/*
 * The authResponse the authenticator returns to the app (auth-and-storage.md §1.6), signed with the
 * identity key. Base fields first; the "additional" fields (email … version) only when an app private
 * key is sent — without one it is a legacy (pre-1.0) response with no version at all.
 */

export interface AuthResponsePayload {
  jti: string;
  iat: number;
  exp: number;
  iss: string;
  private_key: string | null;
  public_keys: string[];
  profile: unknown;
  username: string | null;
  core_token: string | null;
  email?: string | null;
  profile_url?: string | null;
  hubUrl?: string | null;
  blockstackAPIUrl?: string | null;
  associationToken?: string | null;
  version?: string;
  [extra: string]: unknown;
}

export interface AuthMetadata {
  email?: string | null;
  profileUrl?: string | null;
}

export interface MakeAuthResponseOptions {
  /** The profile object, or null when the request said `do_not_include_profile`. Default `{}`. */
  profile?: unknown;
  /** The registered name that the identity address owns, else null. */
  username?: string | null;
  /** blockstack.js's metadata argument; `email`/`profileUrl` below take precedence. */
  metadata?: AuthMetadata;
  email?: string | null;
  profileUrl?: string | null;
  coreToken?: string | null;
  appPrivateKey?: string | null;
  /** Milliseconds since the epoch; default one month from now. */
  expiresAt?: number;
  /** The app's transit public key (`public_keys[0]` of the request); secrets are encrypted to it. */
  transitPublicKey?: string | null;
  hubUrl?: string | null;
  blockstackAPIUrl?: string | null;
  associationToken?: string | null;
  /** Fixed token id; default a fresh UUIDv4. */
  jti?: string;
  /** Fixed issue time in SECONDS; default now. */
  iat?: number;
}

/**
 * blockstack.js `makeAuthResponse`. Synchronous (our ECIES is); `await` on it still works. Throws
 * InvalidInputError for a bad identity key or transit public key.
 */
export function makeAuthResponse(identityPrivateKey: string, options: MakeAuthResponseOptions = {}): string {
  const publicKey = getPublicKeyFromPrivate(identityPrivateKey);
  const appPrivateKey = options.appPrivateKey ?? null;
  const transitPublicKey = options.transitPublicKey ?? null;
  const coreToken = options.coreToken ?? null;
  const encrypt = (secret: string | null): string | null =>
    secret !== null && transitPublicKey !== null ? encryptPrivateKey(transitPublicKey, secret) : secret;

  const payload: AuthResponsePayload = {
    jti: options.jti ?? makeUUID4(),
    iat: options.iat ?? Math.floor(Date.now() / 1000),
    exp: Math.floor((options.expiresAt ?? nextMonth().getTime()) / 1000),
    iss: makeDIDFromAddress(publicKeyToAddress(publicKey)),
    // As the reference: secrets are encrypted only in a versioned response (one with an app key).
    private_key: appPrivateKey === null ? null : encrypt(appPrivateKey),
    public_keys: [publicKey],
    profile: options.profile === undefined ? {} : options.profile,
    username: options.username ?? null,
    core_token: appPrivateKey === null ? coreToken : encrypt(coreToken),
  };
  if (appPrivateKey !== null) {
    const email = options.email ?? options.metadata?.email;
    const profileUrl = options.profileUrl ?? options.metadata?.profileUrl;
    Object.assign(payload, {
      email: email ? email : null,
      profile_url: profileUrl ? profileUrl : null,
      hubUrl: options.hubUrl ?? null,
      blockstackAPIUrl: options.blockstackAPIUrl ?? null,
      associationToken: options.associationToken ?? null,
      version: AUTH_VERSION,
    });
  }
  return signToken(payload, identityPrivateKey);
}
