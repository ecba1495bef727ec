import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAINNET,
  REGTEST,
  deriveParams,
  bucketExponent,
  nameDiscount,
  paysAtLeast,
  priceCeiling,
  priceName,
  priceNameStacks,
  priceNamespace,
  type PriceCurve,
} from '@bsk/bns';

/** `.id` (bns.md §5.3). */
const ID: PriceCurve = { version: 1, coeff: 250, base: 4, buckets: [6, 5, 4, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], nonalphaDiscount: 4, noVowelDiscount: 4 };
/** The scenario namespace `test` (cli-and-scenarios.md §B.3). */
const TEST: PriceCurve = { ...ID, nonalphaDiscount: 10, noVowelDiscount: 10 };

const EPOCH_HEIGHT = { 1: 400000, 2: 450000, 3: 500000, 4: 560000, 5: 600000 } as const;

describe('name prices: the worked examples of bns.md §5.4', () => {
  // name, float epochs 1–2, epoch 3, integer epochs 4–5, STX equivalent (µSTX) epoch 4+
  const table: [string, number, number, bigint, bigint][] = [
    ['a', 102400000.0, 10240000.0, 10240000n, 443733333n],
    ['muneeb', 100000.0, 10000.0, 10000n, 433333n],
    ['jude', 1600000.0, 160000.0, 160000n, 6933333n],
    ['j0hn', 400000.0, 40000.0, 40000n, 1733333n],
    ['bcd', 1600000.0, 160000.0, 160000n, 6933333n],
    ['b1', 6400000.0, 640000.0, 640000n, 27733333n],
    ['xyz', 6400000.0, 640000.0, 640000n, 27733333n],
    ['abcdefgh', 25000.0, 2500.0, 2500n, 108333n],
    ['abcdefghijklmnopq', 25000.0, 2500.0, 2500n, 108333n],
  ];
  for (const [name, early, epoch3, late, stx] of table) {
    it(`${name}.id`, () => {
      for (const epoch of [1, 2] as const) {
        expect(priceName(MAINNET, ID, name, EPOCH_HEIGHT[epoch])).toEqual({ kind: 'float', units: 'BTC', amount: early });
      }
      expect(priceName(MAINNET, ID, name, EPOCH_HEIGHT[3])).toEqual({ kind: 'float', units: 'BTC', amount: epoch3 });
      for (const epoch of [4, 5] as const) {
        expect(priceName(MAINNET, ID, name, EPOCH_HEIGHT[epoch])).toEqual({ kind: 'integer', units: 'BTC', amount: late });
        expect(priceNameStacks(MAINNET, ID, name, EPOCH_HEIGHT[epoch])).toEqual({ kind: 'integer', units: 'STACKS', amount: stx });
      }
    });
  }

  it('the REST example /v1/prices/names/muneeb.id is 100000 satoshis (epochs 1–2)', () => {
    expect(priceCeiling(priceName(MAINNET, ID, 'muneeb', EPOCH_HEIGHT[1]))).toBe(100000n);
  });

  it('foo.test costs 6,400,000 sat in epochs 1–2 and 640,000 sat in epoch 3 (rest_api_names, §B.3)', () => {
    const epoch3 = deriveParams(REGTEST, { epochs: { 1: { endBlock: 682 }, 2: { endBlock: 683 } } });
    expect(priceName(REGTEST, TEST, 'foo', 700).amount).toBe(6400000);
    expect(priceName(epoch3, TEST, 'foo', 700).amount).toBe(640000);
  });

  it('NAME_IMPORT op_fee 100000.0 for muneeb.id and 6250 for a discounted 8+-char preorder (§5.3 evidence)', () => {
    expect(priceName(MAINNET, ID, 'muneeb', 373601).amount).toBe(100000);
    expect(priceName(MAINNET, ID, 'abcdefg1', 373601).amount).toBe(6250);
  });
});

describe('name price rules (§5.1)', () => {
  it('discounts take the larger one, never the product; y is a vowel; + and . are not non-alpha', () => {
    expect(nameDiscount(TEST, 'b1')).toBe(10);
    expect(nameDiscount({ ...TEST, nonalphaDiscount: 3, noVowelDiscount: 7 }, 'b1')).toBe(7);
    expect(nameDiscount({ ...TEST, nonalphaDiscount: 9, noVowelDiscount: 7 }, 'b1')).toBe(9);
    expect(nameDiscount(TEST, 'xyz')).toBe(1);
    expect(nameDiscount(TEST, 'bcd')).toBe(10);
    expect(nameDiscount({ ...TEST, noVowelDiscount: 1 }, 'b+c')).toBe(1);
    expect(nameDiscount(TEST, 'a-b')).toBe(10);
    expect(nameDiscount(TEST, 'a_b')).toBe(10);
  });

  it('bucket exponents: length − 1, the last bucket from 16 characters on', () => {
    const curve = { ...ID, buckets: [15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0] };
    expect(bucketExponent(curve, 1)).toBe(15);
    expect(bucketExponent(curve, 15)).toBe(1);
    expect(bucketExponent(curve, 16)).toBe(0);
    expect(bucketExponent(curve, 30)).toBe(0);
    expect(bucketExponent(curve, 0)).toBe(0); // Python buckets[-1]
  });

  it('never below one unit: 100 sat (× epoch multiplier), 1733 µSTX in version-3 namespaces', () => {
    const cheap: PriceCurve = { ...ID, coeff: 0 };
    expect(priceName(MAINNET, cheap, 'abcdefgh', EPOCH_HEIGHT[1])).toEqual({ kind: 'float', units: 'BTC', amount: 100 });
    expect(priceName(MAINNET, cheap, 'abcdefgh', EPOCH_HEIGHT[3])).toEqual({ kind: 'float', units: 'BTC', amount: 10 });
    expect(priceName(MAINNET, cheap, 'abcdefgh', EPOCH_HEIGHT[4])).toEqual({ kind: 'integer', units: 'BTC', amount: 10n });
    const stacks: PriceCurve = { ...cheap, version: 3 };
    expect(priceName(MAINNET, stacks, 'abcdefgh', EPOCH_HEIGHT[5])).toEqual({ kind: 'integer', units: 'STACKS', amount: 1733n });
    expect(priceNameStacks(MAINNET, stacks, 'abcdefgh', EPOCH_HEIGHT[5])).toEqual({ kind: 'integer', units: 'STACKS', amount: 1733n });
  });

  it('version-3 namespaces price in micro-STX without the BTC divisor', () => {
    const curve: PriceCurve = { ...ID, version: 3 };
    expect(priceName(MAINNET, curve, 'muneeb', EPOCH_HEIGHT[5])).toEqual({ kind: 'integer', units: 'STACKS', amount: 250n * 4n * 1733n });
  });

  it('keeps float division in the float epochs (fractional prices) and floors in the integer ones', () => {
    const curve: PriceCurve = { ...ID, nonalphaDiscount: 3 };
    expect(priceName(MAINNET, curve, 'abcdefg1', EPOCH_HEIGHT[1]).amount).toBe((250 / 3) * 100);
    expect(priceName(MAINNET, curve, 'abcdefg1', EPOCH_HEIGHT[4]).amount).toBe(833n); // 25000 // 3 // 10
  });

  it('huge curves stay exact in integer epochs and IEEE-rounded in float epochs', () => {
    const huge: PriceCurve = { version: 1, coeff: 255, base: 255, buckets: Array(16).fill(15), nonalphaDiscount: 1, noVowelDiscount: 1 };
    expect(priceName(MAINNET, huge, 'a', EPOCH_HEIGHT[4]).amount).toBe((255n * 255n ** 15n * 100n) / 10n);
    expect(priceName(MAINNET, huge, 'a', EPOCH_HEIGHT[1]).amount).toBe(Number(255n * 255n ** 15n) * 100);
  });

  it('price functions are total over valid curves (property)', () => {
    const curve = fc.record({
      version: fc.constantFrom(1, 2, 3),
      coeff: fc.integer({ min: 0, max: 255 }),
      base: fc.integer({ min: 0, max: 255 }),
      buckets: fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 16, maxLength: 16 }),
      nonalphaDiscount: fc.integer({ min: 1, max: 15 }),
      noVowelDiscount: fc.integer({ min: 1, max: 15 }),
    });
    const name = fc.stringMatching(/^[a-z0-9_-]{1,34}$/);
    fc.assert(
      fc.property(curve, name, fc.constantFrom(...Object.values(EPOCH_HEIGHT)), (c, n, h) => {
        const price = priceName(MAINNET, c, n, h);
        const unit = c.version === 3 ? 1733 : 100;
        const multiplier = h >= EPOCH_HEIGHT[4] ? (c.version === 3 ? 1 : 0.1) : h >= EPOCH_HEIGHT[3] && c.version !== 3 ? 0.1 : 1;
        expect(Number(price.amount)).toBeGreaterThanOrEqual(Math.floor(unit * multiplier));
        expect(paysAtLeast(priceCeiling(price), price)).toBe(true);
        expect(paysAtLeast(priceCeiling(price) - 1n, price)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('namespace prices: bns.md §5.5', () => {
  it('table A (BTC) in epochs 1–2, divided by 10 in epoch 3', () => {
    const btc = (id: string, h: number) => priceNamespace(MAINNET, id, h, 'BTC')?.amount;
    expect(btc('a', EPOCH_HEIGHT[1])).toBe(40000000000);
    expect(btc('id', EPOCH_HEIGHT[2])).toBe(4000000000); // docs: /v1/prices/namespaces/id → 4000000000
    expect(btc('abc', EPOCH_HEIGHT[1])).toBe(4000000000);
    expect(btc('abcd', EPOCH_HEIGHT[1])).toBe(400000000);
    expect(btc('abcdefg', EPOCH_HEIGHT[1])).toBe(400000000);
    expect(btc('abcdefgh', EPOCH_HEIGHT[1])).toBe(40000000);
    expect(btc('abcdefghijklmnopqrs', EPOCH_HEIGHT[1])).toBe(40000000);
    expect(btc('a', EPOCH_HEIGHT[3])).toBe(4000000000);
    expect(btc('id', EPOCH_HEIGHT[3])).toBe(400000000); // §B.3: /v1/prices/namespaces/id → 400,000,000 in epoch 3
    expect(btc('abcd', EPOCH_HEIGHT[3])).toBe(40000000);
    expect(btc('abcdefgh', EPOCH_HEIGHT[3])).toBe(4000000);
  });

  it('table B (STACKS) in epochs 4–5, and no BTC table there', () => {
    const stx = (id: string, h: number) => priceNamespace(MAINNET, id, h, 'STACKS');
    expect(stx('a', EPOCH_HEIGHT[4])).toEqual({ kind: 'integer', units: 'STACKS', amount: 640000000000n });
    expect(stx('ab', EPOCH_HEIGHT[5])?.amount).toBe(64000000000n);
    expect(stx('abcd', EPOCH_HEIGHT[5])?.amount).toBe(6400000000n);
    expect(stx('abcdefgh', EPOCH_HEIGHT[5])?.amount).toBe(640000000n);
    expect(priceNamespace(MAINNET, 'id', EPOCH_HEIGHT[4], 'BTC')).toBeNull();
    expect(priceNamespace(MAINNET, 'id', EPOCH_HEIGHT[3], 'STACKS')).toBeNull();
  });

  it('invalid lengths have no price', () => {
    expect(priceNamespace(MAINNET, '', EPOCH_HEIGHT[1], 'BTC')).toBeNull();
    expect(priceNamespace(MAINNET, 'abcdefghijklmnopqrst', EPOCH_HEIGHT[1], 'BTC')).toBeNull();
    expect(priceNamespace(MAINNET, '', EPOCH_HEIGHT[5], 'STACKS')).toBeNull();
  });

  it('test mode makes one-character namespaces cost 41 BTC (§B.3)', () => {
    expect(priceNamespace(REGTEST, 'a', 700, 'BTC')?.amount).toBe(41e8);
  });
});
