import { addressToNetwork, extractProfileFromProfileJson, getTokenFileUrlFromZoneFile, parseZoneFileOrLegacy, personFromLegacyFormat, InvalidInputError } from '@bsk/crypto';

/*
 * Profile lookup as the node serves GET /v1/users/{name} (auth-and-storage.md §5.5; blockstack-core
 * resolve_profile): the name's zone file → the first URI record's target → fetch the profile file →
 * verify its first token against the name's owner → the token's claim. A zone file that is not a
 * zone file but a JSON object is a legacy (v0.2) profile and is converted to the Person form.
 * Every failure is a ProfileLookupError whose message the API returns with a 404.
 */

export class ProfileLookupError extends Error {
  override readonly name = 'ProfileLookupError';
}

export interface ProfileFetchOptions {
  /** Per fetch (default 10 s). */
  readonly timeoutMs?: number;
  /** Largest profile file read (default 1 MiB). */
  readonly maxBytes?: number;
  readonly fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BYTES = 1024 * 1024;

export async function fetchProfileFile(url: string, options: ProfileFetchOptions): Promise<string> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS), redirect: 'follow' });
  } catch (error) {
    throw new ProfileLookupError(`Failed to fetch profile from ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) throw new ProfileLookupError(`Failed to fetch profile from ${url}: HTTP ${response.status}`);
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > max) throw new ProfileLookupError(`Profile file at ${url} is larger than ${max} bytes`);
  const body = new Uint8Array(await response.arrayBuffer());
  if (body.length > max) throw new ProfileLookupError(`Profile file at ${url} is larger than ${max} bytes`);
  return new TextDecoder().decode(body);
}

/**
 * The profile a zone file points to, verified against `ownerAddress` (any network's form: profile
 * tokens are checked against the mainnet form of the address, as Gaia and the Browser write them).
 */
export async function resolveProfile(zonefileText: string, ownerAddress: string, options: ProfileFetchOptions = {}): Promise<Record<string, unknown>> {
  const parsed = parseZoneFileOrLegacy(zonefileText);
  if (parsed.kind === 'invalid') throw new ProfileLookupError(`Invalid zone file: ${parsed.reason}`);
  if (parsed.kind === 'legacy') return personFromLegacyFormat(parsed.profile) as unknown as Record<string, unknown>;
  const url = getTokenFileUrlFromZoneFile(parsed.zoneFile);
  if (url === null) return {};
  const text = await fetchProfileFile(url, options);
  let owner = ownerAddress;
  try {
    owner = addressToNetwork(ownerAddress, 'mainnet');
  } catch {
    // not a base58check address: compare as given
  }
  try {
    return extractProfileFromProfileJson(text, owner);
  } catch (error) {
    throw new ProfileLookupError(error instanceof InvalidInputError ? `Failed to verify profile: ${error.message}` : 'Failed to read profile');
  }
}
