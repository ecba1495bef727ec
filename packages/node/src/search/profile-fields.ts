/*
 * The profile fields search looks at (auth-and-storage.md §5.1, §5.5): the person's name, their
 * description and the identifiers of their social accounts (`account[].identifier`), read from a
 * Person profile or a legacy (v0.2 "openname") one — the original search read `name.formatted`
 * and `twitter.username` from those (api/search/basic_index.py). An OpenBazaar account's
 * identifier is returned separately, as the original's `openbazaar` field.
 */

export interface ProfileSearchFields {
  readonly fullName: string;
  readonly description: string;
  readonly accounts: readonly string[];
  readonly openbazaar: string | null;
}

/** Longest text kept per field: enough for any real profile, bounded for hostile ones. */
const FIELD_LIMIT = 1024;
const ACCOUNT_LIMIT = 64;
const LEGACY_SERVICES = ['twitter', 'facebook', 'github', 'instagram', 'linkedin', 'hackernews', 'reddit'];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value.slice(0, FIELD_LIMIT) : '');

function fullNameOf(profile: Record<string, unknown>): string {
  if (typeof profile.name === 'string') return text(profile.name);
  if (isObject(profile.name)) return text(profile.name.formatted);
  return [text(profile.givenName), text(profile.familyName)].filter(Boolean).join(' ');
}

function accountsOf(profile: Record<string, unknown>): { identifiers: string[]; openbazaar: string | null } {
  const identifiers: string[] = [];
  let openbazaar: string | null = null;
  const accounts = Array.isArray(profile.account) ? profile.account.slice(0, ACCOUNT_LIMIT) : [];
  for (const account of accounts) {
    if (!isObject(account)) continue;
    const identifier = text(account.identifier);
    if (identifier === '') continue;
    if (account.service === 'openbazaar') openbazaar ??= identifier;
    identifiers.push(identifier);
  }
  for (const service of LEGACY_SERVICES) {
    const legacy = profile[service];
    if (isObject(legacy) && text(legacy.username) !== '') identifiers.push(text(legacy.username));
  }
  return { identifiers, openbazaar };
}

export function profileSearchFields(profile: unknown): ProfileSearchFields {
  if (!isObject(profile)) return { fullName: '', description: '', accounts: [], openbazaar: null };
  const { identifiers, openbazaar } = accountsOf(profile);
  return { fullName: fullNameOf(profile), description: text(profile.description) || text(profile.bio), accounts: identifiers, openbazaar };
}
