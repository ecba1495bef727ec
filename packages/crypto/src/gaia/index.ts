export {
  GAIA_CHALLENGE_HEADER, GAIA_CHALLENGE_SUFFIX, GAIA_LEGACY_CHALLENGE_YEARS, getGaiaChallengeTexts, isSignableGaiaChallenge, makeGaiaChallenge,
} from './challenge.js';
export type { GaiaAuthScope, GaiaScopeEntry, GaiaScopeValues } from './scopes.js';
export { GAIA_AUTH_SCOPES, MAX_GAIA_AUTH_SCOPES, isGaiaAuthScope, normalizeGaiaScopes, parseGaiaScopeValues, validateGaiaScopes } from './scopes.js';
export type { GaiaAuthFailure, GaiaAuthFailureReason } from './failure.js';
export { GAIA_PARSE_FAILURE_MESSAGE } from './failure.js';
export type { AssociationTokenPayload, MakeAssociationTokenOptions, VerifiedAssociation } from './associationToken.js';
export { ASSOCIATION_TOKEN_LIFETIME_SECONDS, makeAssociationToken, verifyAssociationToken } from './associationToken.js';
export type { GaiaHubInfo, MakeV1GaiaAuthTokenOptions, V1GaiaAuthTokenPayload } from './authToken.js';
export { makeGaiaAuthTokenForHub, makeLegacyGaiaAuthToken, makeV1GaiaAuthToken } from './authToken.js';
export type { ParsedGaiaAuth, ParsedLegacyGaiaAuth, ParsedV1GaiaAuth } from './authHeader.js';
export { makeGaiaAuthHeader, parseGaiaAuthHeader } from './authHeader.js';
export type { GaiaAuthCheckOptions, GaiaAuthResult, GaiaAuthSuccess } from './verifyGaiaAuth.js';
export { validateGaiaAuthHeader, verifyGaiaAuth } from './verifyGaiaAuth.js';
