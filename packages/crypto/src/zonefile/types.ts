/*
 * The JSON shape of a parsed zone file, exactly as the `zone-file` npm package 1.x (used by
 * blockstack.js and the subdomain registrar) produces and consumes it
 * (auth-and-storage.md §5.4; bns.md §8.1). Field order inside each record follows the
 * reference so that `JSON.stringify` output matches too.
 *
 * Numbers come from `parseInt`, so a malformed field is `NaN` rather than an error: the
 * reference never rejects a line it recognised, it only reads fewer or odder values.
 */

/** Present on every record line the parser reads; `ttl` only when the second token is numeric. */
export interface ZoneFileRecordBase {
  name: string;
  ttl?: number;
}

export interface SoaRecord {
  name: string;
  minimum: number;
  expire: number;
  retry: number;
  refresh: number;
  serial: number;
  rname: string;
  mname: string;
  ttl?: number | string;
}

export interface NsRecord extends ZoneFileRecordBase {
  host: string;
}

/** A and AAAA. */
export interface AddressRecord extends ZoneFileRecordBase {
  ip: string;
}

export interface CnameRecord extends ZoneFileRecordBase {
  alias: string;
}

export interface MxRecord extends ZoneFileRecordBase {
  preference: number;
  host: string;
}

export interface PtrRecord extends ZoneFileRecordBase {
  /** `name + '.' + $origin` as seen so far (the text "undefined" when there is no origin yet). */
  fullname: string;
  host: string;
}

/** A TXT record with several character-strings yields an array (bns.md §8.1). */
export interface TxtRecord extends ZoneFileRecordBase {
  txt: string | string[];
}

export interface SrvRecord extends ZoneFileRecordBase {
  target: string;
  priority: number;
  weight: number;
  port: number;
}

export interface SpfRecord extends ZoneFileRecordBase {
  data: string;
}

export interface UriRecord extends ZoneFileRecordBase {
  target: string;
  priority: number;
  weight: number;
}

export interface ZoneFileJson {
  $origin?: string;
  $ttl?: number;
  soa?: SoaRecord;
  ns?: NsRecord[];
  a?: AddressRecord[];
  aaaa?: AddressRecord[];
  cname?: CnameRecord[];
  mx?: MxRecord[];
  ptr?: PtrRecord[];
  txt?: TxtRecord[];
  srv?: SrvRecord[];
  spf?: SpfRecord[];
  uri?: UriRecord[];
}
