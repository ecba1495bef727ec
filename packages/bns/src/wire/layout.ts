import type { OperationType } from './types.js';

/*
 * The output layout of each operation's transaction (bns.md §3.2–§3.12 "outputs", §3.14): what the
 * reference reads (counts, which outputs are type-checked, which index is the owner, the fee, …)
 * and the order in which blockstack.js fills the outputs. A pure description: the rules read it to
 * extract an operation's parties, and the builders in outputs.ts follow it.
 */

export type OutputRole =
  | 'op-return' // the operation itself
  | 'owner' // receives the name: new owner, recipient
  | 'reveal-address' // NAMESPACE_REVEAL: the address committed in the namespace preorder hash
  | 'burn' // preorder fee (op_fee) to the burn address
  | 'fee' // NAME_RENEWAL fee: the burn address, or a version-2 namespace's creator
  | 'owner-refund' // blockstack.js returns the owner's funding input to the owner here
  | 'zonefile-hash' // NAME_IMPORT: an address whose 20-byte hash is the zone-file hash
  | 'change'; // the payer's change

export interface OutputLayout {
  /** Fewest outputs the reference accepts. */
  readonly minOutputs: number;
  /** Most outputs the reference accepts; null = no limit. */
  readonly maxOutputs: number | null;
  /** Leading outputs whose script types must be in the epoch's allow-list. */
  readonly typeChecked: number;
  /** Indices the reference reads, by role (each must be a p2pkh/p2sh output with an address). */
  readonly reads: Readonly<Partial<Record<OutputRole, number>>>;
  /** The outputs in the order blockstack.js emits them. */
  readonly roles: readonly OutputRole[];
}

const layout = (value: OutputLayout): OutputLayout => Object.freeze({ ...value, reads: Object.freeze(value.reads), roles: Object.freeze(value.roles) });

export const OUTPUT_LAYOUTS: Readonly<Record<OperationType, OutputLayout>> = Object.freeze({
  // preorder.py: exactly 3 outputs, the burn output is the third (get_preorder_burn_info).
  'name-preorder': layout({ minOutputs: 3, maxOutputs: 3, typeChecked: 3, reads: { burn: 2 }, roles: ['op-return', 'change', 'burn'] }),
  // register.py: the owner is the second output; 4 or more outputs make it a renewal.
  'name-registration': layout({ minOutputs: 2, maxOutputs: 3, typeChecked: 2, reads: { owner: 1 }, roles: ['op-return', 'owner', 'change'] }),
  // register.py get_renew_burn_info: the fee is the fourth output; output 2 is not inspected.
  'name-renewal': layout({ minOutputs: 4, maxOutputs: null, typeChecked: 2, reads: { owner: 1, fee: 3 }, roles: ['op-return', 'owner', 'owner-refund', 'fee', 'change'] }),
  // update.py: no output requirements (the name is found by its hash, the owner is the sender).
  'name-update': layout({ minOutputs: 1, maxOutputs: null, typeChecked: 0, reads: {}, roles: ['op-return', 'owner-refund', 'change'] }),
  // transfer.py: the new owner is the second output.
  'name-transfer': layout({ minOutputs: 2, maxOutputs: null, typeChecked: 2, reads: { owner: 1 }, roles: ['op-return', 'owner', 'owner-refund', 'change'] }),
  'name-revoke': layout({ minOutputs: 1, maxOutputs: null, typeChecked: 0, reads: {}, roles: ['op-return', 'owner-refund', 'change'] }),
  // nameimport.py: recipient second, zone-file hash third.
  'name-import': layout({ minOutputs: 3, maxOutputs: null, typeChecked: 3, reads: { owner: 1, 'zonefile-hash': 2 }, roles: ['op-return', 'owner', 'zonefile-hash', 'change'] }),
  // namespacepreorder.py: at least 3 outputs, the burn output is the third.
  'namespace-preorder': layout({ minOutputs: 3, maxOutputs: null, typeChecked: 3, reads: { burn: 2 }, roles: ['op-return', 'change', 'burn'] }),
  // namespacereveal.py get_reveal_recipient_from_outputs: exactly 3 outputs.
  'namespace-reveal': layout({ minOutputs: 3, maxOutputs: 3, typeChecked: 2, reads: { 'reveal-address': 1 }, roles: ['op-return', 'reveal-address', 'change'] }),
  'namespace-ready': layout({ minOutputs: 1, maxOutputs: null, typeChecked: 0, reads: {}, roles: ['op-return', 'change'] }),
  'announce': layout({ minOutputs: 1, maxOutputs: null, typeChecked: 0, reads: {}, roles: ['op-return', 'change'] }),
});

/** Whether a transaction with `count` outputs can carry this operation. */
export function outputCountFits(type: OperationType, count: number): boolean {
  const { minOutputs, maxOutputs } = OUTPUT_LAYOUTS[type];
  return count >= minOutputs && (maxOutputs === null || count <= maxOutputs);
}
