/*
 * The Gaia hub's challenge text (auth-and-storage.md §4.3): the JSON text of
 * ["gaiahub", <span>, <serverName>, "blockstack_storage_please_sign"]. Span "0" is current; hubs
 * still accept the legacy spans "2018" and "2019".
 */

export const GAIA_CHALLENGE_HEADER = 'gaiahub';
export const GAIA_CHALLENGE_SUFFIX = 'blockstack_storage_please_sign';
export const GAIA_LEGACY_CHALLENGE_YEARS: readonly string[] = Object.freeze(['2018', '2019']);

/** `challenge_text` of a hub named `serverName` (the hub's `getChallengeText`). */
export function makeGaiaChallenge(serverName: string, year = '0'): string {
  return JSON.stringify([GAIA_CHALLENGE_HEADER, year, serverName, GAIA_CHALLENGE_SUFFIX]);
}

/** Every challenge text a hub named `serverName` accepts: the current one, then the legacy ones. */
export function getGaiaChallengeTexts(serverName: string): string[] {
  return [makeGaiaChallenge(serverName), ...GAIA_LEGACY_CHALLENGE_YEARS.map((year) => makeGaiaChallenge(serverName, year))];
}

/**
 * Whether a legacy (v0) client may sign this challenge: blockstack.js signs only JSON arrays with
 * `gaiahub` first and `blockstack_storage_please_sign` fourth (§4.4), so a hub cannot make it sign
 * arbitrary text.
 */
export function isSignableGaiaChallenge(challengeText: string): boolean {
  try {
    const parsed: unknown = JSON.parse(challengeText);
    return Array.isArray(parsed) && parsed[0] === GAIA_CHALLENGE_HEADER && parsed[3] === GAIA_CHALLENGE_SUFFIX;
  } catch {
    return false;
  }
}
