import { invalid } from '../errors.js';
import type { JsonObject } from '../jwt.js';
import { wrapProfileToken } from './profileToken.js';
import type { ProfileTokenRecord } from './profileToken.js';
import { extractProfile, verifyProfileToken } from './verifyProfileToken.js';

/*
 * The profile file (`profile.json`, auth-and-storage.md §5.2–§5.3) is a JSON ARRAY of wrapped tokens
 * `{token, decodedToken}`. The Browser writes one element, pretty-printed with two spaces; readers use
 * element [0].token. Historic 2016 files carry extra fields (`parentPublicKey`, `encrypted`), which
 * parsing keeps.
 */

export interface MakeProfileJsonOptions {
  /** JSON.stringify indentation; 2 as the Browser writes (`signProfileForUpload`), 0 for compact. */
  space?: number;
}

/** Wraps each token and serializes the array. Throws InvalidInputError when a token does not decode. */
export function makeProfileJson(tokens: readonly string[], options: MakeProfileJsonOptions = {}): string {
  const space = options.space ?? 2;
  return JSON.stringify(tokens.map(wrapProfileToken), null, space > 0 ? space : undefined);
}

/** A token-file element: `token` is guaranteed to be a string; anything else is passed through. */
export type ProfileTokenFileEntry = Partial<ProfileTokenRecord> & { token: string; [extra: string]: unknown };

/**
 * Parses a profile.json text. Throws InvalidInputError unless it is a JSON array whose elements are
 * objects with a string `token`. Tokens are not decoded or verified here.
 */
export function parseProfileJson(text: string): ProfileTokenFileEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    invalid('bad_profile_json', 'profile file is not JSON');
  }
  if (!Array.isArray(parsed)) invalid('bad_profile_json', 'profile file must be a JSON array of token records');
  return parsed.map((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry) || typeof (entry as JsonObject).token !== 'string') {
      invalid('bad_profile_json', `profile file element ${i} has no string token`);
    }
    return entry as ProfileTokenFileEntry;
  });
}

/**
 * The profile of a profile file as apps read it (blockstack.js `resolveZoneFileToProfile`):
 * `extractProfile([0].token, publicKeyOrAddress)`. Throws InvalidInputError for an empty file or a
 * token that does not verify.
 */
export function extractProfileFromProfileJson(text: string, publicKeyOrAddress: string | null = null): JsonObject {
  const entries = parseProfileJson(text);
  if (entries.length === 0) invalid('bad_profile_json', 'profile file holds no token');
  return extractProfile(entries[0]!.token, publicKeyOrAddress);
}

/**
 * The Browser's `getProfileFromTokens`: the shallow merge (later tokens win) of the claims of every
 * record that verifies against `publicKeyOrAddress`; records that do not verify are skipped.
 * (The Browser's own code, because of a bug, also merges claims whose verification failed; we don't.)
 */
export function getProfileFromTokens(records: readonly { token: string }[], publicKeyOrAddress: string): JsonObject {
  let profile: JsonObject = {};
  for (const record of records) {
    const verification = verifyProfileToken(record.token, publicKeyOrAddress);
    if (!verification.ok) continue;
    const claim = verification.decodedToken.payload.claim;
    if (typeof claim === 'object' && claim !== null && !Array.isArray(claim)) profile = { ...profile, ...claim };
  }
  return profile;
}
