import type { Account, ImageObject, Person } from './person.js';

/*
 * Legacy v0.2 "openname" JSON profiles, found where a name's zone file does not parse
 * (auth-and-storage.md §5.5 point 3). Field rules follow blockstack.js `getPersonFromLegacyFormat`
 * (src/profiles/profileSchemas/personLegacy.ts); the output key order is the reference's, so a
 * converted profile serializes identically.
 */

type Loose = Record<string, unknown>;

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Loose)[key] : undefined;
}

/** Truthiness as the reference tests it (`if (profile.x && profile.x.y)`). */
function present(value: unknown): boolean {
  return Boolean(value);
}

function proofAccount(service: string, data: unknown): Account {
  const proofUrl = field(field(data, 'proof'), 'url');
  return {
    '@type': 'Account',
    service,
    identifier: field(data, 'username') as string,
    proofType: 'http',
    // The reference sets `proofUrl: undefined`, which JSON drops; leaving the key out is the same.
    ...(present(proofUrl) ? { proofUrl: proofUrl as string } : {}),
  };
}

/** blockstack.js `getPersonFromLegacyFormat`: the Person fields without `@context`. */
export function getPersonFromLegacyFormat(legacy: unknown): Person {
  const person: Person = { '@type': 'Person' };
  if (!present(legacy)) return person;
  const p = legacy as Loose;

  if (present(field(p.name, 'formatted'))) person.name = field(p.name, 'formatted') as string;
  if (present(p.bio)) person.description = p.bio as string;
  if (present(field(p.location, 'formatted'))) {
    person.address = { '@type': 'PostalAddress', addressLocality: field(p.location, 'formatted') as string };
  }

  const images: ImageObject[] = [];
  if (present(field(p.avatar, 'url'))) images.push({ '@type': 'ImageObject', name: 'avatar', contentUrl: field(p.avatar, 'url') as string });
  if (present(field(p.cover, 'url'))) images.push({ '@type': 'ImageObject', name: 'cover', contentUrl: field(p.cover, 'url') as string });
  if (images.length) person.image = images;

  if (present(p.website)) person.website = [{ '@type': 'WebSite', url: p.website as string }];

  const accounts: Account[] = [];
  if (present(field(p.bitcoin, 'address'))) {
    accounts.push({ '@type': 'Account', role: 'payment', service: 'bitcoin', identifier: field(p.bitcoin, 'address') as string });
  }
  for (const service of ['twitter', 'facebook', 'github']) {
    if (present(field(p[service], 'username'))) accounts.push(proofAccount(service, p[service]));
  }
  const firstAuth = Array.isArray(p.auth) && p.auth.length > 0 ? p.auth[0] : undefined;
  if (present(field(firstAuth, 'publicKeychain'))) {
    accounts.push({ '@type': 'Account', role: 'key', service: 'bip32', identifier: field(firstAuth, 'publicKeychain') as string });
  }
  if (present(field(p.pgp, 'url'))) {
    accounts.push({
      '@type': 'Account', role: 'key', service: 'pgp',
      identifier: field(p.pgp, 'fingerprint') as string, contentUrl: field(p.pgp, 'url') as string,
    });
  }
  person.account = accounts;
  return person;
}

/**
 * blockstack.js `Person.fromLegacyFormat(...).profile()`: the converted Person with `@type` first and
 * the `Profile` class's default context `http://schema.org/` second.
 */
export function personFromLegacyFormat(legacy: unknown): Person {
  const { '@type': type, ...rest } = getPersonFromLegacyFormat(legacy);
  return { '@type': type, '@context': 'http://schema.org/', ...rest };
}
