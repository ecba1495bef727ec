import type { ZonefileResolver } from '../contracts.js';
import { URI_TYPE_CODE, zoneDefaultTtl, zoneRecords } from './zone-records.js';
import type { DnsRecord, DnsRecordType } from './zone-records.js';

/*
 * What the bridge answers for one question (issue 5 "DNS bridge"). The zone is the most specific
 * BNS name the question falls under — `sub.name.ns`, else `name.ns` — whose zone file resolves;
 * the question's name is then looked up among that zone file's records (zone-records.ts).
 *
 * - no BNS name with a zone file → NXDOMAIN
 * - the zone has no records at that name (and it is not the zone itself or an empty
 *   non-terminal) → NXDOMAIN, with the zone's SOA in the authority section
 * - records of the asked type → NOERROR with them
 * - a CNAME at the name → the CNAME, followed once when its target is in the same zone
 * - otherwise → NOERROR with no answers and the SOA (NODATA)
 */

export type ResponseCode = 'NOERROR' | 'NXDOMAIN';

/** A record as the wire layer encodes it, owned by `name`. */
export interface AnswerRecord {
  readonly name: string;
  readonly ttl: number;
  readonly record: DnsRecord | SoaRecord;
}

export interface SoaRecord {
  readonly type: 'SOA';
  readonly data: { mname: string; rname: string; serial: number; refresh: number; retry: number; expire: number; minimum: number };
}

export interface QuestionAnswer {
  readonly rcode: ResponseCode;
  readonly answers: readonly AnswerRecord[];
  readonly authorities: readonly AnswerRecord[];
}

/** The zone-file records of a zone, parsed once per zone-file text (the caller may cache). */
export type ZoneRecordsOf = (zonefileText: string, apex: string) => DnsRecord[];

const QUESTION_TYPES: ReadonlyMap<string, DnsRecordType> = new Map([
  ['A', 'A'],
  ['AAAA', 'AAAA'],
  ['CNAME', 'CNAME'],
  ['TXT', 'TXT'],
  ['MX', 'MX'],
  ['NS', 'NS'],
  ['SRV', 'SRV'],
  ['URI', 'URI'],
  [`UNKNOWN_${URI_TYPE_CODE}`, 'URI'],
]);

interface Zone {
  readonly apex: string;
  readonly zonefileText: string;
}

/** The most specific BNS name (`sub.name.ns`, then `name.ns`) under which `qname` falls and whose zone file resolves. */
function findZone(qname: string, resolveZonefile: ZonefileResolver): Zone | null {
  const labels = qname.split('.');
  for (const size of [3, 2]) {
    if (labels.length < size) continue;
    const apex = labels.slice(-size).join('.');
    const zonefileText = resolveZonefile(apex);
    if (zonefileText !== null) return { apex, zonefileText };
  }
  return null;
}

function soaOf(zone: Zone): AnswerRecord {
  const minimum = zoneDefaultTtl(zone.zonefileText);
  return {
    name: zone.apex,
    ttl: minimum,
    record: { type: 'SOA', data: { mname: zone.apex, rname: `hostmaster.${zone.apex}`, serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum } },
  };
}

const answer = (name: string, record: DnsRecord): AnswerRecord => ({ name, ttl: record.ttl, record });

/**
 * Answers one question. `qname` is compared case-insensitively; answers echo the question's own
 * spelling as owner. `qtype` is dns-packet's type name (URI arrives as `UNKNOWN_256`).
 */
export function answerQuestion(qname: string, qtype: string, resolveZonefile: ZonefileResolver, recordsOf: ZoneRecordsOf = zoneRecords): QuestionAnswer {
  const name = qname.toLowerCase().replace(/\.$/, '');
  const zone = findZone(name, resolveZonefile);
  if (zone === null) return { rcode: 'NXDOMAIN', answers: [], authorities: [] };
  const records = recordsOf(zone.zonefileText, zone.apex);
  const atName = records.filter((r) => r.owner === name);
  const exists = atName.length > 0 || name === zone.apex || records.some((r) => r.owner.endsWith(`.${name}`));
  if (!exists) return { rcode: 'NXDOMAIN', answers: [], authorities: [soaOf(zone)] };

  if (qtype === 'SOA' && name === zone.apex) return { rcode: 'NOERROR', answers: [{ ...soaOf(zone), name: qname }], authorities: [] };
  const wanted = QUESTION_TYPES.get(qtype);
  const matching = qtype === 'ANY' ? atName : atName.filter((r) => r.type === wanted);
  if (matching.length > 0) return { rcode: 'NOERROR', answers: matching.map((r) => answer(qname, r)), authorities: [] };

  const cname = atName.find((r) => r.type === 'CNAME');
  if (cname !== undefined && cname.type === 'CNAME') {
    const chased = records.filter((r) => r.owner === cname.data && r.type === wanted).map((r) => answer(cname.data, r));
    return { rcode: 'NOERROR', answers: [answer(qname, cname), ...chased], authorities: [] };
  }
  return { rcode: 'NOERROR', answers: [], authorities: [soaOf(zone)] };
}
