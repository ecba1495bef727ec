import { invalid } from '../errors.js';
import { makeZoneFile } from './make.js';
import { PROFILE_ZONE_FILE_TEMPLATE } from './template.js';
import type { ZoneFileJson } from './types.js';

/*
 * The zone file of a name whose profile lives in Gaia, and the way clients find that
 * profile again (auth-and-storage.md §5.4, §5.5, §9.8).
 */

/**
 * blockstack.js `makeProfileZoneFile(origin, tokenFileUrl)`:
 * `$ORIGIN <origin>\n$TTL 3600\n_http._tcp\tIN\tURI\t10\t1\t"<url>"\n\n`.
 *
 * The URL must contain `://`. The reference rebuilds it as `scheme://host/path` from the
 * pieces between the first and second `://`, so anything from a second `://` on is dropped
 * and a bare host gains a trailing `/`; we do the same so the zone file (and its hash) match.
 */
export function makeProfileZoneFile(origin: string, tokenFileUrl: string): string {
  if (typeof tokenFileUrl !== 'string' || !tokenFileUrl.includes('://')) invalid('bad_token_file_url', 'Invalid token file url');
  const [scheme, afterScheme] = tokenFileUrl.split('://') as [string, string];
  const [host, ...path] = afterScheme.split('/');
  const zone: ZoneFileJson = {
    $origin: origin,
    $ttl: 3600,
    uri: [{ name: '_http._tcp', priority: 10, weight: 1, target: `${scheme}://${host}/${path.join('/')}` }],
  };
  return makeZoneFile(zone, PROFILE_ZONE_FILE_TEMPLATE);
}

/**
 * blockstack.js `getTokenFileUrl`: the target of the *first* URI record, with `https://`
 * put in front when it does not start with `http`; null when there is no usable URI record.
 */
export function getTokenFileUrlFromZoneFile(zone: ZoneFileJson): string | null {
  const uri: unknown = zone?.uri;
  if (!Array.isArray(uri) || uri.length < 1) return null;
  const first: unknown = uri[0];
  if (typeof first !== 'object' || first === null || !Object.hasOwn(first, 'target')) return null;
  const target = (first as { target: unknown }).target;
  if (typeof target !== 'string') return null;
  return target.startsWith('http') ? target : `https://${target}`;
}
