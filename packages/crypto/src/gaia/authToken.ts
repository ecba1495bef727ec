import { randomBytes } from '@noble/hashes/utils.js';
import { base64 } from '@scure/base';
import { bytesToHex, utf8ToBytes } from '../bytes.js';
import { compactToDER, signDigest } from '../ecdsa.js';
import { invalid } from '../errors.js';
import { sha256 } from '../hash.js';
import { getPublicKeyFromPrivate } from '../keys.js';
import { signToken } from '../jwt.js';
import { isSignableGaiaChallenge } from './challenge.js';
import { validateGaiaScopes } from './scopes.js';
import type { GaiaScopeEntry } from './scopes.js';

/*
 * Making the token a client sends as `Authorization: bearer <token>` (auth-and-storage.md §4.4).
 * v1 = "v1:" + ES256K JWT signed by the bucket (app) key; v0/legacy = base64 JSON of the compressed
 * public key and a DER signature over SHA-256 of the challenge text.
 */

export interface V1GaiaAuthTokenPayload {
  gaiaChallenge: string;
  hubUrl: string;
  /** Compressed public key hex of the signer (not a DID, not an address). */
  iss: string;
  salt: string;
  associationToken?: string;
  scopes?: GaiaScopeEntry[];
  iat?: number;
  exp?: number;
}

export interface MakeV1GaiaAuthTokenOptions {
  /** Exactly the hub's `challenge_text` from /hub_info. */
  challengeText: string;
  /** The bucket key (app private key), hex. */
  privateKey: string;
  /** The hub URL the client talks to. */
  hubUrl: string;
  associationToken?: string;
  scopes?: GaiaScopeEntry[];
  /** Default 16 random bytes as hex. */
  salt?: string;
  /**
   * Seconds. Default now: unlike blockstack.js 21.x we send `iat` so that tokens keep working after
   * the user revokes older ones (§4.10, §8 point 3). `false` leaves it out, as 21.x does.
   */
  iat?: number | false;
  /** Seconds; omitted by default. */
  exp?: number;
}

/**
 * A `v1:` token, payload keys in blockstack.js's order {gaiaChallenge, hubUrl, iss, salt,
 * associationToken} followed by our optional scopes, iat, exp. Throws InvalidInputError for a bad key
 * or a scope list the hub would refuse.
 */
export function makeV1GaiaAuthToken(options: MakeV1GaiaAuthTokenOptions): string {
  const payload: V1GaiaAuthTokenPayload = {
    gaiaChallenge: options.challengeText,
    hubUrl: options.hubUrl,
    iss: getPublicKeyFromPrivate(options.privateKey),
    salt: options.salt ?? bytesToHex(randomBytes(16)),
  };
  if (options.associationToken !== undefined) payload.associationToken = options.associationToken;
  if (options.scopes !== undefined) {
    const problem = validateGaiaScopes(options.scopes);
    if (problem) invalid('bad_gaia_scopes', problem);
    payload.scopes = options.scopes;
  }
  const iat = options.iat ?? Math.floor(Date.now() / 1000);
  if (iat !== false) payload.iat = iat;
  if (options.exp !== undefined) payload.exp = options.exp;
  return `v1:${signToken(payload, options.privateKey)}`;
}

/**
 * A legacy (v0) token. As blockstack.js, refuses challenges that are not Gaia challenges, so that a
 * hub cannot obtain a signature over arbitrary text. Signatures are low-S, as bitcoinjs makes them.
 */
export function makeLegacyGaiaAuthToken(challengeText: string, privateKey: string): string {
  try {
    JSON.parse(challengeText);
  } catch {
    invalid('bad_gaia_challenge', 'Failed in parsing legacy challenge text from the gaia hub.');
  }
  if (!isSignableGaiaChallenge(challengeText)) {
    invalid('bad_gaia_challenge', 'Failed to connect to legacy gaia hub. If you operate this hub, please update.');
  }
  const signature = bytesToHex(compactToDER(signDigest(sha256(challengeText), privateKey)));
  const publickey = getPublicKeyFromPrivate(privateKey);
  return base64.encode(utf8ToBytes(JSON.stringify({ publickey, signature })));
}

/** The parts of /hub_info a client needs to authenticate. */
export interface GaiaHubInfo {
  challenge_text: string;
  latest_auth_version?: string;
}

/**
 * What blockstack.js does on connect: a v1 token when the hub advertises `latest_auth_version` ≥ v1,
 * else a legacy token.
 */
export function makeGaiaAuthTokenForHub(hubInfo: GaiaHubInfo, options: Omit<MakeV1GaiaAuthTokenOptions, 'challengeText'>): string {
  const version = hubInfo.latest_auth_version;
  const handlesV1 = typeof version === 'string' && parseInt(version.slice(1), 10) >= 1;
  if (!handlesV1) return makeLegacyGaiaAuthToken(hubInfo.challenge_text, options.privateKey);
  return makeV1GaiaAuthToken({ ...options, challengeText: hubInfo.challenge_text });
}
