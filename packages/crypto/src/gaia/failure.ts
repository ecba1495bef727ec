/*
 * Why a Gaia auth token was refused. Every reason maps to HTTP 401 at the hub; `revoked` is the
 * hub's AuthTokenTimestampValidationError, all others its ValidationError. Messages are the hub's own
 * (gaia hub/src/server/authentication.ts), because clients show them.
 */
export type GaiaAuthFailureReason =
  | 'parse'
  | 'revoked'
  | 'address'
  | 'hub_url'
  | 'signature'
  | 'challenge'
  | 'expired'
  | 'association';

export interface GaiaAuthFailure {
  readonly ok: false;
  readonly error: GaiaAuthFailureReason;
  readonly message: string;
}

export function gaiaFailure(error: GaiaAuthFailureReason, message: string): GaiaAuthFailure {
  return { ok: false, error, message };
}

/** The hub answers every unparseable header with this one message. */
export const GAIA_PARSE_FAILURE_MESSAGE = 'Failed to parse authentication header.';
