
/*
 * The schema.org Person that a profile token claims (auth-and-storage.md §5.1). Every field but
 * `@type` is optional and unknown fields are kept: profiles written by other tools carry extras
 * (`apps`, `api`, `stxAddress`, …) that must survive a read-modify-sign cycle.
 */

export interface ImageObject {
  '@type': 'ImageObject' | string;
  name?: 'avatar' | 'cover' | string;
  contentUrl?: string;
}

export interface WebSite {
  '@type': 'WebSite' | string;
  url?: string;
}

export interface Account {
  '@type': 'Account' | string;
  service?: string;
  identifier?: string;
  proofType?: string;
  proofUrl?: string;
  proofMessage?: string;
  proofSignature?: string;
  role?: string;
  contentUrl?: string;
}

export interface PostalAddress {
  '@type': 'PostalAddress' | string;
  streetAddress?: string;
  addressLocality?: string;
  postalCode?: string;
  addressCountry?: string;
}

export interface Person {
  '@type': 'Person' | string;
  '@context'?: string;
  '@id'?: string;
  name?: string;
  givenName?: string;
  familyName?: string;
  description?: string;
  birthDate?: string;
  taxID?: string;
  image?: ImageObject[];
  website?: WebSite[];
  account?: Account[];
  worksFor?: { '@type': string; '@id'?: string }[];
  knows?: { '@type': string; '@id'?: string }[];
  address?: PostalAddress;
  /** app origin (the auth `domain_name`) → that app's bucket URL with trailing slash. */
  apps?: Record<string, string>;
  [extra: string]: unknown;
}

/** The context the Browser writes; the reference `Profile` class defaults to `http://schema.org/`. */
export const SCHEMA_ORG_CONTEXT = 'http://schema.org';

/** A new empty profile as the Browser creates it (`DEFAULT_PROFILE`). */
export function makeDefaultProfile(): Person {
  return { '@type': 'Person', '@context': SCHEMA_ORG_CONTEXT };
}

/** The avatar is the image entry named `avatar` (the last one wins, as in the reference). */
export function getAvatarUrl(profile: Person): string | null {
  let url: string | null = null;
  for (const image of Array.isArray(profile.image) ? profile.image : []) {
    if (isObject(image) && image.name === 'avatar' && typeof image.contentUrl === 'string') url = image.contentUrl;
  }
  return url;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
