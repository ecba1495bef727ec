import { hashName, invalid, nameConsensusHash, nameHash128 } from '@bsk/crypto';
import type { NetworkParams } from '../params.js';
import { isNameValid, isNamespaceIdValid } from './names.js';
import { addressToScriptHex } from './outputs.js';
import type { NamePreorder, NamespacePreorder, NameTransfer, NameUpdate } from './types.js';

/*
 * Operations from what a client knows (a name, addresses, the current consensus hash), computing
 * the hashes the wire carries the way blockstack.js's skeletons did (bns.md §2.2–§2.3).
 */

/** Tokens burned in epoch 4+ (out of scope for consensus, kept for wire compatibility). */
export interface TokenPayment {
  readonly amount: bigint;
  readonly units: string;
}

/**
 * NAME_PREORDER of `name` by `payer` for `registerAddress`: the preorder hash commits to the payer's
 * script and the register address text (the later NAME_REGISTRATION's owner output).
 */
export function makeNamePreorder(
  params: NetworkParams,
  args: { readonly name: string; readonly payer: string; readonly registerAddress: string; readonly consensusHash: string; readonly tokens?: TokenPayment },
): NamePreorder {
  if (!isNameValid(args.name)) invalid('bad_name', 'invalid name');
  return {
    type: 'name-preorder',
    preorderHash: hashName(args.name, addressToScriptHex(params, args.payer), args.registerAddress),
    consensusHash: args.consensusHash,
    tokenFee: args.tokens?.amount ?? null,
    tokenUnits: args.tokens?.units ?? null,
  };
}

/** NAMESPACE_PREORDER of `namespaceId` by `payer`, committing to the future reveal address. */
export function makeNamespacePreorder(
  params: NetworkParams,
  args: { readonly namespaceId: string; readonly payer: string; readonly revealAddress: string; readonly consensusHash: string; readonly stacks?: bigint },
): NamespacePreorder {
  if (!isNamespaceIdValid(args.namespaceId)) invalid('bad_namespace_id', 'invalid namespace id');
  return {
    type: 'namespace-preorder',
    preorderHash: hashName(args.namespaceId, addressToScriptHex(params, args.payer), args.revealAddress),
    consensusHash: args.consensusHash,
    tokenFee: args.stacks ?? null,
  };
}

/** NAME_UPDATE: the name is carried as hash128(name ‖ consensus-hash hex). */
export function makeNameUpdate(args: { readonly name: string; readonly consensusHash: string; readonly valueHash: string }): NameUpdate {
  if (!isNameValid(args.name)) invalid('bad_name', 'invalid name');
  return { type: 'name-update', nameConsensusHash: nameConsensusHash(args.name, args.consensusHash), valueHash: args.valueHash };
}

/** NAME_TRANSFER: the name is carried as hash128(name); the new owner is output 1. */
export function makeNameTransfer(args: { readonly name: string; readonly consensusHash: string; readonly keepData: boolean }): NameTransfer {
  if (!isNameValid(args.name)) invalid('bad_name', 'invalid name');
  return { type: 'name-transfer', keepData: args.keepData, nameHash128: nameHash128(args.name), consensusHash: args.consensusHash };
}
