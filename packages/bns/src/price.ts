import { NAMESPACE_VERSION, epochAt, type NetworkParams, type PriceUnits } from './params.js';

/*
 * Name and namespace prices, exactly as the reference computes them (bns.md §5; blockstack-core
 * `scripts.py` price_name / price_name_stacks / price_namespace).
 *
 * Epochs without `int_division` (1–3) priced in IEEE doubles, and those doubles are consensus
 * (they are compared with fees and NAME_IMPORT records one as `op_fee`), so they stay `number`
 * and every operation happens in the reference's order. Epochs with `int_division` (4+) use
 * unbounded integers: `bigint`.
 */

export type Price =
  | { readonly kind: 'float'; readonly units: PriceUnits; readonly amount: number }
  | { readonly kind: 'integer'; readonly units: PriceUnits; readonly amount: bigint };

/** The price curve a NAMESPACE_REVEAL sets (bns.md §3.10). */
export interface PriceCurve {
  readonly version: number;
  readonly coeff: number;
  readonly base: number;
  /** 16 bucket exponents, one per name length 1…16+ (0–15 each). */
  readonly buckets: readonly number[];
  readonly nonalphaDiscount: number;
  readonly noVowelDiscount: number;
}

const VOWELS = /[aeiouy]/;
const NON_ALPHA = /[0-9_-]/;

/** Bucket exponent of a name (without its namespace) of this length (§5.1 step 1). */
export function bucketExponent(curve: PriceCurve, nameLength: number): number {
  const { buckets } = curve;
  // Python's buckets[len - 1]: a zero length reads buckets[-1], the last bucket.
  const index = nameLength < buckets.length ? (nameLength - 1 + buckets.length) % buckets.length : buckets.length - 1;
  return buckets[index] ?? 0;
}

/** Discount of a name (§5.1 step 2): the larger applicable discount, never their product. */
export function nameDiscount(curve: PriceCurve, name: string): number {
  const lower = name.toLowerCase();
  let discount = 1;
  if (!VOWELS.test(lower)) discount = Math.max(discount, curve.noVowelDiscount);
  if (NON_ALPHA.test(lower)) discount = Math.max(discount, curve.nonalphaDiscount);
  return discount;
}

/**
 * `price_name(name, namespace, height)`: the price of `name` (without `.namespace`) in a namespace
 * with this curve, at this block height. Units: satoshis, or micro-STX for version-3 namespaces.
 */
export function priceName(params: NetworkParams, curve: PriceCurve, name: string, height: number): Price {
  const epoch = epochAt(params, height);
  const units: PriceUnits = curve.version === NAMESPACE_VERSION.PAY_WITH_STACKS ? 'STACKS' : 'BTC';
  const costUnit = units === 'STACKS' ? params.nameCostUnitStacks : params.nameCostUnit;
  const exponent = bucketExponent(curve, name.length);
  const discount = nameDiscount(curve, name);
  const basePrice = BigInt(curve.coeff) * BigInt(curve.base) ** BigInt(exponent);

  if (epoch.features.includes('int_division')) {
    const divisor = units === 'BTC' ? epoch.priceDivisor : epoch.priceDivisorStacks;
    if (divisor === null) throw new RangeError(`epoch ${epoch.number} has int_division but no price divisor`);
    let price = (basePrice * BigInt(costUnit)) / BigInt(Math.trunc(discount));
    if (price < BigInt(costUnit)) price = BigInt(costUnit);
    return { kind: 'integer', units, amount: price / BigInt(divisor) };
  }

  const multiplier = units === 'BTC' ? epoch.priceMultiplier : epoch.priceMultiplierStacks;
  if (multiplier === null) throw new RangeError(`epoch ${epoch.number} has no price multiplier`);
  // (float(coeff · base^exp) / float(discount)) · cost_unit, floored at cost_unit, times the multiplier.
  let price = (Number(basePrice) / discount) * costUnit;
  if (price < costUnit) price = costUnit;
  return { kind: 'float', units, amount: price * multiplier };
}

/**
 * `price_name_stacks`: what a name costs when paid in STACKS (epoch 4+, §5.2). Version-3 curves are
 * already in micro-STX; BTC prices are truncated to whole satoshis and converted at 650/15.
 */
export function priceNameStacks(params: NetworkParams, curve: PriceCurve, name: string, height: number): Price {
  const price = priceName(params, curve, name, height);
  if (curve.version === NAMESPACE_VERSION.PAY_WITH_STACKS) return price;
  const satoshis = price.kind === 'integer' ? price.amount : BigInt(Math.trunc(price.amount));
  const { numerator, denominator } = params.microStacksPerSatoshi;
  return { kind: 'integer', units: 'STACKS', amount: (satoshis * BigInt(numerator)) / BigInt(denominator) };
}

/**
 * `price_namespace(id, height, units)`: the price of a namespace id by its length, or null when the
 * epoch has no table in these units or the length is 0 or beyond the table (§5.5).
 */
export function priceNamespace(params: NetworkParams, namespaceId: string, height: number, units: PriceUnits): Price | null {
  const epoch = epochAt(params, height);
  const table = units === 'BTC' ? epoch.namespacePrices : epoch.namespacePricesStacks;
  if (table === null || namespaceId.length === 0 || namespaceId.length >= table.length) return null;
  const amount = table[namespaceId.length];
  if (amount === undefined || amount === null) return null;
  return units === 'BTC' ? { kind: 'float', units, amount } : { kind: 'integer', units, amount: BigInt(amount) };
}

/**
 * Whether `paid` covers `price`, compared exactly (JavaScript compares bigint with number by
 * mathematical value, as Python compares int with float).
 */
export function paysAtLeast(paid: bigint | number, price: Price): boolean {
  return paid >= price.amount;
}

/** What the REST "cost" endpoints report: ceil(price) as an integer (§5.1 step 6). */
export function priceCeiling(price: Price): bigint {
  return price.kind === 'integer' ? price.amount : BigInt(Math.ceil(price.amount));
}
