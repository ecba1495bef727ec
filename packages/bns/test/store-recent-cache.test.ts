import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecentCache } from '../src/store/recent-cache.js';

describe('RecentCache (two generations)', () => {
  it('never answers a stale value: a hit is the last value set, a miss is a key deleted, never set or pushed out', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.oneof(fc.tuple(fc.constant('set' as const), fc.nat(9), fc.nat()), fc.tuple(fc.constant('get' as const), fc.nat(9)), fc.tuple(fc.constant('delete' as const), fc.nat(9))), { maxLength: 80 }),
        (generation, steps) => {
          const cache = new RecentCache<number, number>(generation);
          const model = new Map<number, number>();
          for (const step of steps) {
            if (step[0] === 'set') {
              cache.set(step[1], step[2]);
              model.set(step[1], step[2]);
            } else if (step[0] === 'delete') {
              cache.delete(step[1]);
              model.delete(step[1]);
            } else {
              const value = cache.get(step[1]);
              if (value !== undefined) expect(value).toBe(model.get(step[1]));
            }
          }
        },
      ),
    );
  });

  it('keeps at least the last `generationSize − 1` keys set', () => {
    const cache = new RecentCache<number, number>(4);
    for (let i = 0; i < 20; i++) cache.set(i, i * 10);
    for (let i = 17; i < 20; i++) expect(cache.get(i)).toBe(i * 10);
    expect(cache.get(0)).toBeUndefined();
  });
});
