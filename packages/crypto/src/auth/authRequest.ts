import { publicKeyToAddress } from '../address.js';
import { makeDIDFromAddress } from '../did.js';
import { getPublicKeyFromPrivate } from '../keys.js';
import { signToken } from '../jwt.js';
import { DEFAULT_AUTH_SCOPES } from './scopes.js';
import { makeUUID4 } from './uuid.js';
import { AUTH_VERSION } from './version.js';

/*
 * The authRequest an app sends to the authenticator (auth-and-storage.md §1.2), signed with the app's
 * transit key. Payload key order matters for byte-identical tokens: the extra parameters come first
 * (they may add fields but never override the protocol's), then the fields below in table order.
 */

export interface AuthRequestPayload {
  jti: string;
  iat: number;
  exp: number;
  iss: string;
  public_keys: string[];
  domain_name: string;
  manifest_uri: string;
  redirect_uri: string;
  version: string;
  do_not_include_profile: boolean;
  supports_hub_url: boolean;
  scopes: string[];
  [extra: string]: unknown;
}

export interface MakeAuthRequestOptions {
  /** The app origin, e.g. `https://app.example.com` (no trailing slash). */
  appDomain: string;
  /** Default `<appDomain>/manifest.json`. */
  manifestURI?: string;
  /** Default `<appDomain>/` (the bare function's default; UserSession passes the plain origin). */
  redirectURI?: string;
  /** Default `["store_write"]`. */
  scopes?: readonly string[];
  /** Milliseconds since the epoch, as blockstack.js; default one month from now. */
  expiresAt?: number;
  /** Fields for non-standard authenticators (e.g. Connect's `appDetails`); placed first. */
  extraParams?: Record<string, unknown>;
  /** Fixed token id (reproducible tokens); default a fresh UUIDv4. */
  jti?: string;
  /** Fixed issue time in SECONDS; default now. */
  iat?: number;
}

/** `new Date()` one calendar month on, as blockstack.js `nextMonth()`. */
export function nextMonth(from: Date = new Date()): Date {
  const date = new Date(from.getTime());
  date.setMonth(date.getMonth() + 1);
  return date;
}

/** blockstack.js `makeAuthRequest`. Throws InvalidInputError for a bad transit key. */
export function makeAuthRequest(transitPrivateKey: string, options: MakeAuthRequestOptions): string {
  const publicKey = getPublicKeyFromPrivate(transitPrivateKey);
  const expiresAt = options.expiresAt ?? nextMonth().getTime();
  const protocolFields: AuthRequestPayload = {
    jti: options.jti ?? makeUUID4(),
    iat: options.iat ?? Math.floor(Date.now() / 1000),
    exp: Math.floor(expiresAt / 1000),
    iss: makeDIDFromAddress(publicKeyToAddress(publicKey)),
    public_keys: [publicKey],
    domain_name: options.appDomain,
    manifest_uri: options.manifestURI ?? `${options.appDomain}/manifest.json`,
    redirect_uri: options.redirectURI ?? `${options.appDomain}/`,
    version: AUTH_VERSION,
    do_not_include_profile: true,
    supports_hub_url: true,
    scopes: [...(options.scopes ?? DEFAULT_AUTH_SCOPES)],
  };
  // Object.assign keeps the extras' key positions and lets the protocol fields overwrite their values.
  const payload: AuthRequestPayload = Object.assign({}, options.extraParams ?? {}, protocolFields);
  return signToken(payload, transitPrivateKey);
}
