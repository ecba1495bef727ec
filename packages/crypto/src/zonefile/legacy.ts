import { parseZoneFile } from './parse.js';
import type { ZoneFileJson } from './types.js';

/*
 * Before DNS-style zone files, names stored their whole profile as JSON (the v0.2 "openname"
 * format) where the zone file goes. blockstack.js `resolveZoneFileToProfile` tells them
 * apart by parsing as a zone file first: with a `$origin` it is a zone file, otherwise the
 * text must be JSON (auth-and-storage.md §5.5 step 3).
 */

export type ZoneFileOrLegacy =
  | { readonly kind: 'zonefile'; readonly zoneFile: ZoneFileJson }
  | { readonly kind: 'legacy'; readonly profile: Record<string, unknown> }
  | { readonly kind: 'invalid'; readonly reason: string };

export function parseZoneFileOrLegacy(text: string): ZoneFileOrLegacy {
  if (typeof text !== 'string') return { kind: 'invalid', reason: 'zone file is not a string' };
  const zoneFile = parseZoneFile(text);
  // The reference checks `hasOwnProperty('$origin')`: a bare `$ORIGIN` line is enough.
  if (Object.hasOwn(zoneFile, '$origin')) return { kind: 'zonefile', zoneFile };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'invalid', reason: 'neither a zone file with $ORIGIN nor JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { kind: 'invalid', reason: 'legacy zone file JSON is not an object' };
  }
  return { kind: 'legacy', profile: json as Record<string, unknown> };
}
