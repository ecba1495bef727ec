import { makeZoneFile, signSubdomainRecord, signSubdomainRecordMultisig, splitSubdomainName, subdomainToTxtRecord } from '@bsk/crypto';
import type { SubdomainRecord as SubdomainOperation, ZoneFileJson } from '@bsk/crypto';

/*
 * The registrar's side of subdomains (bns.md §8.1, §8.6): making signed subdomain operations and
 * packing a queue of them into the domain's next zone file, within a size limit, in queue order.
 * The record codec and signatures are @bsk/crypto's; this only decides what goes in a batch.
 */

export interface NewSubdomainOperation {
  /** `label.domain.ns` */
  readonly fqn: string;
  /** The on-chain name whose zone file will carry the operation; defaults to the fqn's parent. */
  readonly domain?: string;
  readonly owner: string;
  readonly sequence: number;
  /** The subdomain's own zone file. */
  readonly zonefile: string | Uint8Array;
  /** Hex private key of the current (P2PKH) owner; an update or transfer needs this or `multisig` (§8.2). */
  readonly signingKey?: string;
  /** For a P2SH m-of-n owner: m private keys, in the order their public keys appear in the redeem script. */
  readonly multisig?: { readonly required: number; readonly publicKeys: readonly string[]; readonly privateKeys: readonly string[] };
}

/** A subdomain operation ready for a zone file, signed by the current owner when it is an update or transfer. */
export function makeSubdomainOperation(input: NewSubdomainOperation): SubdomainOperation {
  const parts = splitSubdomainName(input.fqn);
  if (parts === null) throw new RangeError(`not a fully-qualified subdomain name: ${JSON.stringify(input.fqn).slice(0, 80)}`);
  if (!Number.isSafeInteger(input.sequence) || input.sequence < 0) throw new RangeError(`sequence must be a non-negative integer, got ${input.sequence}`);
  const zonefile = typeof input.zonefile === 'string' ? new TextEncoder().encode(input.zonefile) : input.zonefile;
  const unsigned: SubdomainOperation = { fqn: input.fqn, domain: input.domain ?? parts.domain, owner: input.owner, sequence: input.sequence, zonefile, signature: null };
  if (input.multisig !== undefined) {
    const { required, publicKeys, privateKeys } = input.multisig;
    return { ...unsigned, signature: signSubdomainRecordMultisig(unsigned, privateKeys, required, publicKeys) };
  }
  if (input.signingKey !== undefined) return { ...unsigned, signature: signSubdomainRecord(unsigned, input.signingKey) };
  if (input.sequence > 0) throw new RangeError('an update or transfer (sequence > 0) must be signed by the current owner');
  return unsigned;
}

/** The registrar's default zone-file size limit (`zonefileSize`, bns.md §8.6); Atlas allows up to 40,960 bytes. */
export const DEFAULT_SUBDOMAIN_BATCH_BYTES = 4096;

export interface SubdomainBatchOptions {
  /** The on-chain name publishing the zone file (its `$ORIGIN`). */
  readonly domain: string;
  /** Queued operations, oldest first; each must have `domain` equal to the batch's domain. */
  readonly operations: readonly SubdomainOperation[];
  /** Largest zone file, in bytes (default 4096). */
  readonly maxBytes?: number;
  /** The registrar's resolver URL, published as the `_resolver` URI record (§8.4 redirects). */
  readonly resolverUrl?: string;
  readonly ttl?: number;
}

export interface SubdomainBatch {
  /** The domain's zone file carrying `included`. */
  readonly zonefile: string;
  readonly included: readonly SubdomainOperation[];
  /** Operations left for a later batch, in queue order. */
  readonly deferred: readonly SubdomainOperation[];
}

/** `$ORIGIN`, `$TTL`, URI, then TXT records: what parseZoneFileAsCore and the user-zone-file schema accept. */
const BATCH_TEMPLATE = '{$origin}\n{$ttl}\n{uri}\n{txt}\n';

function batchZonefile(options: SubdomainBatchOptions, operations: readonly SubdomainOperation[]): string {
  const zone: ZoneFileJson = { $origin: options.domain, $ttl: options.ttl ?? 3600, txt: operations.map(subdomainToTxtRecord) };
  if (options.resolverUrl !== undefined) zone.uri = [{ name: '_resolver', priority: 10, weight: 1, target: options.resolverUrl }];
  return makeZoneFile(zone, BATCH_TEMPLATE);
}

const byteLength = (text: string) => new TextEncoder().encode(text).length;

/** The bytes one operation's TXT line adds to the zone file. */
const lineBytes = (operation: SubdomainOperation) => byteLength(makeZoneFile({ txt: [subdomainToTxtRecord(operation)] }, '{txt}'));

/**
 * Packs operations into one zone file, in queue order, stopping at the first that does not fit
 * (later operations may depend on it). A second operation for an fqn already in the batch waits
 * for the next batch: a zone file keeps only one record per fqn (§8.1).
 */
export function packSubdomainBatch(options: SubdomainBatchOptions): SubdomainBatch {
  const maxBytes = options.maxBytes ?? DEFAULT_SUBDOMAIN_BATCH_BYTES;
  const included: SubdomainOperation[] = [];
  const fqns = new Set<string>();
  // Sizes add up line by line; the zone file is then made once and checked.
  let size = byteLength(batchZonefile(options, []));
  let stopped = false;
  for (const operation of options.operations) {
    if (operation.domain !== options.domain) throw new RangeError(`operation for ${operation.fqn} is carried by ${operation.domain}, not ${options.domain}`);
    if (stopped || fqns.has(operation.fqn)) continue;
    const added = lineBytes(operation);
    if (size + added > maxBytes) {
      stopped = true;
      continue;
    }
    included.push(operation);
    fqns.add(operation.fqn);
    size += added;
  }
  let zonefile = batchZonefile(options, included);
  while (included.length > 0 && byteLength(zonefile) > maxBytes) {
    included.pop();
    zonefile = batchZonefile(options, included);
  }
  const kept = new Set(included);
  const deferred = options.operations.filter((operation) => !kept.has(operation));
  return { zonefile, included, deferred };
}
