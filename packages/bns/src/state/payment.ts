import { NAMESPACE_VERSION, epochAt, epochHasFeature, type NetworkParams } from '../params.js';
import { paysAtLeast, priceName, type PriceCurve } from '../price.js';
import { splitName } from '../wire/names.js';
import type { NamespaceRow } from './types.js';

/*
 * Payment rules of registrations and renewals (bns.md §4.13), for the Bitcoin-paid epochs 1–3.
 * STACKS payments (epoch 4+, namespace version 3) are out of this project's scope and refused.
 */

export interface FeePayment {
  /** Satoshis of the fee output. */
  readonly fee: number;
  /** Address the fee output paid. */
  readonly paidTo: string;
  /** Height the price is taken at: the preorder's block (register) or the current block (renew). */
  readonly priceHeight: number;
}

export type PaymentVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: 'bad-payment' | 'fee-too-low' | 'tokens-out-of-scope'; readonly message: string };

/** Where a name's fee must go at block `height`: the burn address, or a young version-2 namespace's creator. */
export function feeRecipient(params: NetworkParams, namespace: NamespaceRow, height: number): string {
  if (namespace.version === NAMESPACE_VERSION.PAY_TO_CREATOR) {
    const period = epochAt(params, height).receiveFeesPeriod;
    // The creator is the namespace record's `address`: whoever paid for the namespace preorder.
    if (namespace.reveal_block + period >= height) return namespace.address;
  }
  return params.burnAddress;
}

export function checkNamePayment(params: NetworkParams, namespace: NamespaceRow, fqn: string, payment: FeePayment, height: number): PaymentVerdict {
  if (namespace.version === NAMESPACE_VERSION.PAY_WITH_STACKS) {
    return { ok: false, reason: 'tokens-out-of-scope', message: 'names of version-3 namespaces are paid in STACKS (epoch 4+, out of scope)' };
  }
  if (namespace.version === NAMESPACE_VERSION.PAY_TO_CREATOR && !epochHasFeature(params, height, 'namespace_burn_to_creator')) {
    return { ok: false, reason: 'bad-payment', message: 'pay-to-creator namespaces need epoch 3' };
  }
  const recipient = feeRecipient(params, namespace, height);
  if (payment.paidTo !== recipient) return { ok: false, reason: 'bad-payment', message: `fee must be paid to ${recipient}` };
  const price = priceName(params, curveOf(namespace), splitName(fqn).name, payment.priceHeight);
  if (!paysAtLeast(payment.fee, price)) return { ok: false, reason: 'fee-too-low', message: `fee ${payment.fee} is below the price ${String(price.amount)}` };
  return { ok: true };
}

/** The price curve a namespace row carries (its reveal's parameters, bns.md §3.10). */
export function curveOf(namespace: NamespaceRow): PriceCurve {
  return {
    version: namespace.version,
    coeff: namespace.coeff,
    base: namespace.base,
    buckets: namespace.buckets,
    nonalphaDiscount: namespace.nonalpha_discount,
    noVowelDiscount: namespace.no_vowel_discount,
  };
}
