import { bytesToHex, decodeAddress, hashToAddress, NETWORKS, invalid } from '@bsk/crypto';
import { NAMESPACE_VERSION, epochAt, type NetworkParams } from '../params.js';
import { encodeOperation } from './encode.js';
import type {
  Announce,
  NameImport,
  NamePreorder,
  NameRegistration,
  NameRenewal,
  NameRevoke,
  NameTransfer,
  NameUpdate,
  NamespacePreorder,
  NamespaceReady,
  NamespaceReveal,
} from './types.js';

/*
 * The ordered outputs of each operation's unsigned transaction, as blockstack.js built them
 * (src/operations/skeletons.ts and txbuild.ts; layout.ts describes the roles). The shape matches the
 * `PlannedOutput` of @bsk/bitcoin's transaction planner, which funds, adds inputs and signs:
 *   `nulldata` — the OP_RETURN data; `address` + `value` — a payment in satoshis;
 *   `change` — the payer's change (`keep` when the protocol needs the output to exist).
 */

export type NameTxOutput =
  | { readonly nulldata: Uint8Array }
  | { readonly address: string; readonly value: number }
  | { readonly change: string; readonly keep?: boolean };

/** Value of marker outputs (new owner, reveal address, zone-file hash) in blockstack.js. */
export const DUST_MINIMUM = 5500;

function opReturn(params: NetworkParams, op: Parameters<typeof encodeOperation>[0]): NameTxOutput {
  return { nulldata: encodeOperation(op, params.magicBytes) };
}

function pay(address: string, value: number): NameTxOutput {
  if (!Number.isSafeInteger(value) || value < 0) invalid('bad_amount', 'an output value must be a non-negative integer of satoshis');
  return { address, value };
}

/** NAME_PREORDER: payer change (must exist: exactly 3 outputs), then the fee to the burn address. */
export function namePreorderOutputs(
  params: NetworkParams,
  op: NamePreorder,
  parties: { readonly payer: string; readonly fee: number; readonly burnAddress?: string },
): NameTxOutput[] {
  return [opReturn(params, op), { change: parties.payer, keep: true }, pay(parties.burnAddress ?? params.burnAddress, parties.fee)];
}

/** NAME_REGISTRATION: the new owner gets a dust output; the preorder's payer pays (at most 3 outputs). */
export function nameRegistrationOutputs(params: NetworkParams, op: NameRegistration, parties: { readonly owner: string; readonly payer: string }): NameTxOutput[] {
  return [opReturn(params, op), pay(parties.owner, DUST_MINIMUM), { change: parties.payer }];
}

/**
 * NAME_RENEWAL: new owner (may be the current one), the current owner's input value back to it,
 * then the fee (burn address or, for young version-2 namespaces, the creator: see `nameFeeAddress`).
 */
export function nameRenewalOutputs(
  params: NetworkParams,
  op: NameRenewal,
  parties: { readonly newOwner: string; readonly owner: string; readonly ownerInputValue: number; readonly fee: number; readonly feeAddress: string; readonly payer: string },
): NameTxOutput[] {
  return [
    opReturn(params, op),
    pay(parties.newOwner, DUST_MINIMUM),
    pay(parties.owner, parties.ownerInputValue),
    pay(parties.feeAddress, parties.fee),
    { change: parties.payer },
  ];
}

/** NAME_UPDATE: the owner signs input 0 and gets its value back. */
export function nameUpdateOutputs(params: NetworkParams, op: NameUpdate, parties: { readonly owner: string; readonly ownerInputValue: number; readonly payer: string }): NameTxOutput[] {
  return [opReturn(params, op), pay(parties.owner, parties.ownerInputValue), { change: parties.payer }];
}

/** NAME_TRANSFER: the new owner at output 1, the old owner's input value back at output 2. */
export function nameTransferOutputs(
  params: NetworkParams,
  op: NameTransfer,
  parties: { readonly newOwner: string; readonly owner: string; readonly ownerInputValue: number; readonly payer: string },
): NameTxOutput[] {
  return [opReturn(params, op), pay(parties.newOwner, DUST_MINIMUM), pay(parties.owner, parties.ownerInputValue), { change: parties.payer }];
}

export function nameRevokeOutputs(params: NetworkParams, op: NameRevoke, parties: { readonly owner: string; readonly ownerInputValue: number; readonly payer: string }): NameTxOutput[] {
  return [opReturn(params, op), pay(parties.owner, parties.ownerInputValue), { change: parties.payer }];
}

/** NAME_IMPORT: recipient, then a p2pkh output whose hash is the zone-file hash; the importer key pays. */
export function nameImportOutputs(
  params: NetworkParams,
  op: NameImport,
  parties: { readonly recipient: string; readonly valueHash: string; readonly importer: string },
): NameTxOutput[] {
  return [opReturn(params, op), pay(parties.recipient, DUST_MINIMUM), pay(zonefileHashAddress(params, parties.valueHash), DUST_MINIMUM), { change: parties.importer }];
}

/** NAMESPACE_PREORDER: payer change (kept), then the price to the burn address. */
export function namespacePreorderOutputs(params: NetworkParams, op: NamespacePreorder, parties: { readonly payer: string; readonly fee: number }): NameTxOutput[] {
  return [opReturn(params, op), { change: parties.payer, keep: true }, pay(params.burnAddress, parties.fee)];
}

/** NAMESPACE_REVEAL: exactly 3 outputs, so the payer's change must exist. */
export function namespaceRevealOutputs(params: NetworkParams, op: NamespaceReveal, parties: { readonly revealAddress: string; readonly payer: string }): NameTxOutput[] {
  return [opReturn(params, op), pay(parties.revealAddress, DUST_MINIMUM), { change: parties.payer, keep: true }];
}

/** NAMESPACE_READY: sent (and paid) by the reveal key. */
export function namespaceReadyOutputs(params: NetworkParams, op: NamespaceReady, parties: { readonly revealer: string }): NameTxOutput[] {
  return [opReturn(params, op), { change: parties.revealer }];
}

export function announceOutputs(params: NetworkParams, op: Announce, parties: { readonly payer: string }): NameTxOutput[] {
  return [opReturn(params, op), { change: parties.payer }];
}

/** The p2pkh address carrying a zone-file hash in a NAME_IMPORT (blockstack.js toBase58Check(hash, pubKeyHash)). */
export function zonefileHashAddress(params: NetworkParams, valueHash: string): string {
  return hashToAddress(valueHash, NETWORKS[params.addressNetwork].p2pkh);
}

/** The scriptPubKey (hex) of a p2pkh or p2sh address of this network, e.g. for hash_name's sender script. */
export function addressToScriptHex(params: NetworkParams, address: string): string {
  const { version, hash } = decodeAddress(address);
  const network = NETWORKS[params.addressNetwork];
  if (version === network.p2pkh) return `76a914${hash}88ac`;
  if (version === network.p2sh) return `a914${hash}87`;
  return invalid('bad_address', `address version ${version} is not p2pkh or p2sh on ${params.addressNetwork}`);
}

/** The OP_RETURN script of some data: OP_RETURN and one minimal push (bitcoinjs payments.embed). */
export function nulldataScript(data: Uint8Array): Uint8Array {
  if (data.length === 0 || data.length > 0xff) invalid('bad_field', 'nulldata must be 1–255 bytes');
  const push = data.length <= 75 ? Uint8Array.of(data.length) : Uint8Array.of(0x4c, data.length);
  const script = new Uint8Array(1 + push.length + data.length);
  script[0] = 0x6a;
  script.set(push, 1);
  script.set(data, 1 + push.length);
  return script;
}

export function nulldataScriptHex(data: Uint8Array): string {
  return bytesToHex(nulldataScript(data));
}

/**
 * Where a registration or renewal fee goes (bns.md §4.13; register.py check_payment_v2): a
 * version-2 namespace's creator (`namespace.address`) while `reveal_block + receive-fees period ≥
 * height`, otherwise the burn address.
 */
export function nameFeeAddress(
  params: NetworkParams,
  namespace: { readonly version: number; readonly revealBlock: number; readonly address: string },
  height: number,
): string {
  const epoch = epochAt(params, height);
  const payCreator =
    namespace.version === NAMESPACE_VERSION.PAY_TO_CREATOR && epoch.features.includes('namespace_burn_to_creator') && namespace.revealBlock + epoch.receiveFeesPeriod >= height;
  return payCreator ? namespace.address : params.burnAddress;
}
