import { invalid } from '../errors.js';
import type { TxtRecord } from '../zonefile/types.js';
import { encodeBase64 } from './base64.js';
import {
  SUBDOMAIN_OWNER_KEY,
  SUBDOMAIN_PARTS_KEY,
  SUBDOMAIN_SEQUENCE_KEY,
  SUBDOMAIN_SIGNATURE_KEY,
  SUBDOMAIN_ZONEFILE_PIECE_LENGTH,
  subdomainZonefilePieceKey,
} from './constants.js';
import { splitSubdomainName } from './names.js';
import { isIndependentSubdomainRecord } from './record.js';
import type { SubdomainRecord } from './record.js';

/*
 * A subdomain record as TXT character-strings, and the plaintext its owner signs
 * (bns.md §8.1, §8.2; `pack_subdomain`, `get_plaintext_to_sign`, `txt_encode_key_value`).
 */

/** `=` inside a value is written `\=`, so each string splits unambiguously at its first `=`. */
export function escapeSubdomainValue(value: string): string {
  return value.replace(/=/g, '\\=');
}

export function unescapeSubdomainValue(value: string): string {
  return value.replace(/\\=/g, '=');
}

function keyValue(key: string, value: string): string {
  return `${key}=${escapeSubdomainValue(value)}`;
}

/** The zone file as base64 cut into 250-character pieces; none for an empty zone file. */
export function splitSubdomainZonefile(zonefile: Uint8Array): string[] {
  const encoded = encodeBase64(zonefile);
  const pieces: string[] = [];
  for (let at = 0; at < encoded.length; at += SUBDOMAIN_ZONEFILE_PIECE_LENGTH) {
    pieces.push(encoded.slice(at, at + SUBDOMAIN_ZONEFILE_PIECE_LENGTH));
  }
  return pieces;
}

/** The record's name as written in the zone file: the label, or the fqn when independent. */
export function subdomainRecordName(record: Pick<SubdomainRecord, 'fqn' | 'domain'>): string {
  if (isIndependentSubdomainRecord(record)) return record.fqn;
  const parts = splitSubdomainName(record.fqn);
  if (!parts) invalid('bad_subdomain', `not a fully-qualified subdomain name: ${JSON.stringify(record.fqn).slice(0, 80)}`);
  return parts.label;
}

function ownedStrings(record: SubdomainRecord): string[] {
  const pieces = splitSubdomainZonefile(record.zonefile);
  return [
    keyValue(SUBDOMAIN_OWNER_KEY, record.owner),
    keyValue(SUBDOMAIN_SEQUENCE_KEY, `${record.sequence}`),
    keyValue(SUBDOMAIN_PARTS_KEY, `${pieces.length}`),
    ...pieces.map((piece, i) => keyValue(subdomainZonefilePieceKey(i), piece)),
  ];
}

/**
 * The plaintext the owner signs: name, owner, seqn, parts and pieces, comma-joined, always
 * re-encoded from the record's values (never the strings as they were written), without sig.
 */
export function subdomainSigningPlaintext(record: SubdomainRecord): string {
  return [subdomainRecordName(record), ...ownedStrings(record)].join(',');
}

/** The TXT record to put in the domain's zone file (feed it to makeZoneFile). */
export function subdomainToTxtRecord(record: SubdomainRecord): TxtRecord {
  const strings = ownedStrings(record);
  if (record.signature !== null) strings.push(keyValue(SUBDOMAIN_SIGNATURE_KEY, record.signature));
  return { name: subdomainRecordName(record), txt: strings };
}
