import { zonefileHash } from '@bsk/crypto';
import type { SubdomainRecord as SubdomainOperation } from '@bsk/crypto';
import type { SubdomainRecord } from '../contracts.js';

/*
 * Rows of `subdomain_records` and the shapes the rest of the node reads them in: the contract's
 * SubdomainRecord, @bsk/crypto's record (for signature checks), and the reference's JSON for
 * `GET /v1/subdomains/{txid}` (bns.md §9.6).
 */

export interface SubdomainRow {
  fqn: string;
  entry_seq: number;
  parent: string;
  domain: string;
  sequence: number;
  owner: string;
  zonefile: Uint8Array;
  zonefile_hash: string;
  signature: string | null;
  block_height: number;
  vtxindex: number;
  txid: string;
  parent_zonefile_hash: string;
  zonefile_offset: number;
  missing: string;
  resolver: string | null;
  accepted: number;
}

/** One subdomain operation as the reference's `get_subdomain_ops_at_txid` lists it. */
export interface SubdomainOperationJson {
  accepted: number;
  block_height: number;
  domain: string;
  fully_qualified_subdomain: string;
  missing: string;
  owner: string;
  parent_zonefile_hash: string;
  /** The reference's 1-based inventory index (our chain entry `seq` + 1). */
  parent_zonefile_index: number;
  resolver: string | null;
  sequence: number;
  /** The reference stores `str(None)` for an absent signature, so the API shows "None". */
  signature: string;
  txid: string;
  zonefile_hash: string;
  zonefile_offset: number;
}

const utf8 = new TextDecoder();

export function rowToOperation(row: SubdomainRow): SubdomainOperation {
  return { fqn: row.fqn, domain: row.domain, owner: row.owner, sequence: row.sequence, zonefile: new Uint8Array(row.zonefile), signature: row.signature };
}

export function rowToRecord(row: SubdomainRow): SubdomainRecord {
  return {
    fqn: row.fqn,
    domain: row.domain,
    owner: row.owner,
    sequence: row.sequence,
    zonefileText: utf8.decode(row.zonefile),
    zonefileHash: row.zonefile_hash,
    blockHeight: row.block_height,
    txid: row.txid,
    vtxindex: row.vtxindex,
    signature: row.signature,
  };
}

export function rowToOperationJson(row: SubdomainRow): SubdomainOperationJson {
  return {
    accepted: row.accepted,
    block_height: row.block_height,
    domain: row.domain,
    fully_qualified_subdomain: row.fqn,
    missing: row.missing,
    owner: row.owner,
    parent_zonefile_hash: row.parent_zonefile_hash,
    parent_zonefile_index: row.entry_seq + 1,
    resolver: row.resolver,
    sequence: row.sequence,
    signature: row.signature ?? 'None',
    txid: row.txid,
    zonefile_hash: row.zonefile_hash,
    zonefile_offset: row.zonefile_offset,
  };
}

export function operationZonefileHash(operation: SubdomainOperation): string {
  return zonefileHash(operation.zonefile);
}
