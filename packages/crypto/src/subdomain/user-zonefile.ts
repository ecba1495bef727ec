import type { CoreZoneFileJson } from '../zonefile/core-parse.js';

/*
 * The "user zone file" schema a domain's zone file must satisfy before its subdomain
 * records are read (bns.md §8.1; `USER_ZONEFILE_SCHEMA` in blockstack-core `schemas.py`):
 * `$origin` a name, `$ttl` an integer in [0, 2^31-1], TXT names URL-safe, URI records with
 * 16-bit priority/weight and a plain URL target. Other record kinds are allowed.
 */

const NAME_PATTERN = /^[a-z0-9\-_+]{1,37}\.[a-z0-9\-_.+]{1,19}$/;
const URLENCODED_PATTERN = /^[a-zA-Z0-9\-_.~%/]+$/;
const URI_TARGET_PATTERN = /^[a-z0-9+]+:\/\/[a-zA-Z0-9\-_.~%#?&\\:/=]+$/;
const URI_TARGET_NOSCHEME_PATTERN = /^[a-zA-Z0-9\-_.~%#?&\\:/=]+$/;

function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isUserTxtRecord(record: unknown): boolean {
  if (!isObject(record)) return false;
  const { name, txt } = record;
  return typeof name === 'string' && URLENCODED_PATTERN.test(name) && (typeof txt === 'string' || Array.isArray(txt));
}

function isUserUriRecord(record: unknown): boolean {
  if (!isObject(record)) return false;
  const { name, priority, weight, target } = record;
  return (
    typeof name === 'string' &&
    isIntegerIn(priority, 0, 65535) &&
    isIntegerIn(weight, 0, 65535) &&
    typeof target === 'string' &&
    (URI_TARGET_PATTERN.test(target) || URI_TARGET_NOSCHEME_PATTERN.test(target))
  );
}

function isListOf(value: unknown, check: (item: unknown) => boolean): boolean {
  return value === undefined || (Array.isArray(value) && value.every(check));
}

export function isUserZoneFile(zone: CoreZoneFileJson): boolean {
  if (!isObject(zone)) return false;
  return (
    typeof zone.$origin === 'string' &&
    NAME_PATTERN.test(zone.$origin) &&
    isIntegerIn(zone.$ttl, 0, 2147483647) &&
    isListOf(zone.txt, isUserTxtRecord) &&
    isListOf(zone.uri, isUserUriRecord)
  );
}
