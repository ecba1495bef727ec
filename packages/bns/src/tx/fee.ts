import { invalid } from '@bsk/crypto';
import type { NetworkParams } from '../params.js';
import { priceCeiling, priceName, priceNamespace, type PriceCurve } from '../price.js';
import type { NamespaceRow } from '../state/types.js';
import { splitName } from '../wire/names.js';
import { DUST_MINIMUM, nameFeeAddress } from '../wire/outputs.js';

/*
 * What a client pays, and to whom (bns.md §4.13, §5): the protocol price rounded up to whole
 * satoshis and, as blockstack.js's `getNamePrice`/`getNamespacePrice` did, never below its
 * 5500-satoshi dust minimum. A fee at least the price is what the rules accept.
 */

/** The parts of a namespace that decide a name's price and where its fee goes. */
export interface NamespaceTerms extends PriceCurve {
  readonly revealBlock: number;
  /** The namespace preorderer's address: a version-2 namespace's fees go here for a while. */
  readonly address: string;
}

export function namespaceTerms(row: NamespaceRow): NamespaceTerms {
  return {
    version: row.version,
    coeff: row.coeff,
    base: row.base,
    buckets: row.buckets,
    nonalphaDiscount: row.nonalpha_discount,
    noVowelDiscount: row.no_vowel_discount,
    revealBlock: row.reveal_block,
    address: row.address,
  };
}

export interface NameFee {
  /** Satoshis. */
  readonly amount: number;
  /** The burn address, or a young version-2 namespace's creator. */
  readonly address: string;
}

function satoshis(amount: bigint): number {
  return Math.max(Number(amount), DUST_MINIMUM);
}

/**
 * The fee of a name registered (preorder) or renewed at `height` in a namespace with these terms.
 * Only BTC-priced namespaces (versions 1 and 2): paying in STACKS is epoch 4+, out of scope.
 */
export function nameFee(params: NetworkParams, namespace: NamespaceTerms, fqn: string, height: number): NameFee {
  const price = priceName(params, namespace, splitName(fqn).name, height);
  if (price.units !== 'BTC') invalid('stacks_price', `names of a version-${namespace.version} namespace are paid in STACKS, which is out of scope`);
  return { amount: satoshis(priceCeiling(price)), address: nameFeeAddress(params, namespace, height) };
}

/** The price of a namespace id preordered at `height`, in satoshis (burned). */
export function namespaceFee(params: NetworkParams, namespaceId: string, height: number): NameFee {
  const price = priceNamespace(params, namespaceId, height, 'BTC');
  if (price === null) invalid('no_price', `namespace ${JSON.stringify(namespaceId)} has no BTC price at block ${height}`);
  return { amount: satoshis(priceCeiling(price)), address: params.burnAddress };
}
