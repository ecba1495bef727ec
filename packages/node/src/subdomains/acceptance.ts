import { isValidInitialSubdomainRecord, isValidSubdomainTransition } from '@bsk/crypto';
import type { SubdomainRecord as SubdomainOperation } from '@bsk/crypto';

/*
 * Which of a subdomain's records are accepted (bns.md §8.3; `make_new_subdomain_history`,
 * `check_initial_subdomain` and `check_subdomain_transition` in blockstack-core `subdomains.py`).
 *
 * The records of one fqn are walked in (sequence, chain position of the carrying zone file)
 * order. The first must be a valid creation — otherwise nothing is accepted, as in the reference —
 * and each later record is accepted iff it is a valid transition from the last accepted one. So
 * among records with the same sequence the earliest on chain wins, and the outcome depends only on
 * which zone files are present, never on the order they arrived in.
 */

/** Accepted flags for records already sorted by (sequence, chain position). */
export function walkSubdomainHistory(records: readonly SubdomainOperation[]): boolean[] {
  const accepted = records.map(() => false);
  const first = records[0];
  if (first === undefined || !isValidInitialSubdomainRecord(first)) return accepted;
  accepted[0] = true;
  let last = first;
  for (let i = 1; i < records.length; i++) {
    const record = records[i] as SubdomainOperation;
    if (!isValidSubdomainTransition(last, record)) continue;
    accepted[i] = true;
    last = record;
  }
  return accepted;
}

/**
 * The walk's verdict on a record that sorts after every other record of its fqn: it continues
 * from the accepted tip, or — when nothing was ever accepted — it must be the fqn's only record
 * and a valid creation.
 */
export function acceptsAtTip(tip: SubdomainOperation | null, hasOtherRecords: boolean, record: SubdomainOperation): boolean {
  if (tip !== null) return isValidSubdomainTransition(tip, record);
  return !hasOtherRecords && isValidInitialSubdomainRecord(record);
}
