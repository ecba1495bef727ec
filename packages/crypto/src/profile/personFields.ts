import type { Account, Person } from './person.js';

/*
 * Read-only views of a Person as the reference's `Person` class offers them
 * (blockstack.js src/profiles/profileSchemas/personUtils.ts): what profile pages and app lists show.
 * Profiles are untrusted JSON, so every accessor tolerates wrong shapes and returns null instead.
 */

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** `name`, else `givenName familyName`. */
export function getPersonName(profile: Person): string | null {
  const name = str(profile.name);
  if (name) return name;
  const given = str(profile.givenName);
  const family = str(profile.familyName);
  if (!given && !family) return null;
  return `${given ?? ''}${family ? ` ${family}` : ''}`;
}

/** `givenName`, else every word of `name` but the last. */
export function getPersonGivenName(profile: Person): string | null {
  const given = str(profile.givenName);
  if (given) return given;
  const name = str(profile.name);
  return name === null ? null : name.split(' ').slice(0, -1).join(' ');
}

/** `familyName`, else the last word of `name`. */
export function getPersonFamilyName(profile: Person): string | null {
  const family = str(profile.familyName);
  if (family) return family;
  const name = str(profile.name);
  return name === null ? null : (name.split(' ').pop() ?? null);
}

/** The postal address parts that are present, joined with ", ". */
export function getPersonAddress(profile: Person): string | null {
  const address = profile.address as unknown;
  if (typeof address !== 'object' || address === null) return null;
  const parts = (['streetAddress', 'addressLocality', 'postalCode', 'addressCountry'] as const)
    .filter((key) => Object.prototype.hasOwnProperty.call(address, key))
    .map((key) => String((address as Record<string, unknown>)[key]));
  return parts.length ? parts.join(', ') : null;
}

/** One verification outcome of a social proof (§6), as the proof checker reports it. */
export interface ProofVerification {
  readonly service: string;
  readonly identifier: string;
  readonly valid: boolean;
  readonly proofUrl?: string;
  readonly proof_url?: string;
}

/**
 * The accounts that a valid verification confirms (same service and identifier), each with the
 * verification's proof URL — copies, the profile is not modified.
 */
export function getVerifiedAccounts(profile: Person, verifications: readonly ProofVerification[]): Account[] {
  const accounts = Array.isArray(profile.account) ? profile.account : [];
  const verified: Account[] = [];
  for (const account of accounts) {
    if (typeof account !== 'object' || account === null) continue;
    let proofUrl: string | null = null;
    for (const v of verifications) {
      const url = v.proofUrl ?? v.proof_url;
      if (v.valid && v.service === account.service && v.identifier === account.identifier && url) proofUrl = url;
    }
    if (proofUrl !== null) verified.push({ ...account, proofUrl });
  }
  return verified;
}
