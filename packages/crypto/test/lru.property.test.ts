import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LruCache } from '../src/lru.js';

// LruCache against a plain model: an array of [key, value], least recently used first.
describe('LruCache (linked recency)', () => {
  it('agrees with the model under random gets, sets, deletes and clears', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('get' as const), key: fc.integer({ min: 0, max: 9 }) }),
      fc.record({ kind: fc.constant('set' as const), key: fc.integer({ min: 0, max: 9 }), value: fc.integer() }),
      fc.record({ kind: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 9 }) }),
      fc.record({ kind: fc.constant('clear' as const) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.array(op, { maxLength: 120 }), (capacity, ops) => {
        const cache = new LruCache<number, number>(capacity);
        let model: [number, number][] = [];
        for (const step of ops) {
          if (step.kind === 'get') {
            const found = model.find(([key]) => key === step.key);
            expect(cache.get(step.key)).toBe(found?.[1]);
            if (found) model = [...model.filter(([key]) => key !== step.key), found];
          } else if (step.kind === 'set') {
            cache.set(step.key, step.value);
            model = [...model.filter(([key]) => key !== step.key), [step.key, step.value]];
            while (model.length > capacity) model.shift();
          } else if (step.kind === 'delete') {
            cache.delete(step.key);
            model = model.filter(([key]) => key !== step.key);
          } else {
            cache.clear();
            model = [];
          }
          expect(cache.size).toBe(model.length);
          expect([...cache.values()]).toEqual(model.map(([, value]) => value));
        }
      }),
    );
  });

  it('with a weigher, agrees with a model that evicts the least recently used until the weights fit', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('get' as const), key: fc.integer({ min: 0, max: 9 }) }),
      fc.record({ kind: fc.constant('set' as const), key: fc.integer({ min: 0, max: 9 }), value: fc.integer({ min: 0, max: 12 }) }),
      fc.record({ kind: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 9 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.array(op, { maxLength: 120 }), (capacity, ops) => {
        // The value is the entry's weight.
        const evicted: [number, number][] = [];
        const cache = new LruCache<number, number>(capacity, { weigh: (_key, value) => value, onEvict: (key, value) => evicted.push([key, value]) });
        let model: [number, number][] = [];
        const total = () => model.reduce((sum, [, value]) => sum + value, 0);
        for (const step of ops) {
          if (step.kind === 'get') {
            const found = model.find(([key]) => key === step.key);
            expect(cache.get(step.key)).toBe(found?.[1]);
            if (found) model = [...model.filter(([key]) => key !== step.key), found];
          } else if (step.kind === 'set') {
            evicted.length = 0;
            cache.set(step.key, step.value);
            model = [...model.filter(([key]) => key !== step.key), [step.key, step.value]];
            const pushedOut: [number, number][] = [];
            while (total() > capacity) pushedOut.push(model.shift()!);
            expect(evicted).toEqual(pushedOut);
          } else {
            cache.delete(step.key);
            model = model.filter(([key]) => key !== step.key);
          }
          expect([...cache.values()]).toEqual(model.map(([, value]) => value));
          expect(cache.weight).toBe(total());
          expect(cache.weight).toBeLessThanOrEqual(capacity);
        }
      }),
    );
  });

  it('stays bounded by its capacity', () => {
    const cache = new LruCache<string, number>(100);
    for (let i = 0; i < 10_000; i++) {
      cache.set(`k${i}`, i);
      cache.get(`k${i >> 1}`);
    }
    expect(cache.size).toBe(100);
  });
});
