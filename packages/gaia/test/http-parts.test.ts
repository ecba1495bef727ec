import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PayloadTooLargeError, PreconditionFailedError, assertDeclaredLength, assertPreconditions, assertWellFormedPreconditions, declaredLength,
  limitSize, megabytesToBytes, needsCurrentEtag, parseRange, unquoteEtag,
} from '@bsk/gaia';

// Small pieces of the write and read paths: ranges, ETag preconditions (§4.7), size limits (§4.7).

describe('parseRange', () => {
  it('reads the three single-range forms and flags unsatisfiable ones', () => {
    expect(parseRange(undefined, 10)).toBeNull();
    expect(parseRange('bytes=2-5', 10)).toEqual({ start: 2, end: 5 });
    expect(parseRange('bytes=2-', 10)).toEqual({ start: 2, end: 9 });
    expect(parseRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange('bytes=-30', 10)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=5-100', 10)).toEqual({ start: 5, end: 9 });
    expect(parseRange('bytes=10-', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable');
    for (const ignored of ['bytes=5-2', 'bytes=1-2,4-5', 'items=1-2', 'bytes=-', 'bytes=a-b']) expect(parseRange(ignored, 10)).toBeNull();
  });

  it('always yields a range inside the file, or null, or unsatisfiable (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), fc.nat(1000), (header, size) => {
      const range = parseRange(header, size);
      if (range === null || range === 'unsatisfiable') return;
      expect(range.start).toBeGreaterThanOrEqual(0);
      expect(range.start).toBeLessThanOrEqual(range.end);
      expect(range.end).toBeLessThan(size);
    }));
    fc.assert(fc.property(fc.nat(1000), fc.nat(1000), fc.integer({ min: 1, max: 1000 }), (a, b, size) => {
      const range = parseRange(`bytes=${Math.min(a, b)}-${Math.max(a, b)}`, size);
      if (Math.min(a, b) >= size) expect(range).toBe('unsatisfiable');
      else expect(range).toEqual({ start: Math.min(a, b), end: Math.min(Math.max(a, b), size - 1) });
    }));
  });
});

describe('preconditions', () => {
  it('refuse both headers and a non-* If-None-Match up front', () => {
    expect(() => assertWellFormedPreconditions({ ifMatch: 'a', ifNoneMatch: '*' })).toThrow(PreconditionFailedError);
    expect(() => assertWellFormedPreconditions({ ifNoneMatch: 'abc' })).toThrow('Misuse of the if-none-match header. Expected to be * on write requests.');
    expect(() => assertWellFormedPreconditions({})).not.toThrow();
    expect(needsCurrentEtag({})).toBe(false);
    expect(needsCurrentEtag({ ifMatch: '*' })).toBe(false);
    expect(needsCurrentEtag({ ifMatch: 'x' })).toBe(true);
    expect(needsCurrentEtag({ ifNoneMatch: '*' })).toBe(true);
  });

  it('compare etags without quotes or W/', () => {
    expect(unquoteEtag('"abc"')).toBe('abc');
    expect(unquoteEtag('W/"abc"')).toBe('abc');
    expect(unquoteEtag('abc')).toBe('abc');
    expect(unquoteEtag('"')).toBe('"');
    expect(() => assertPreconditions({ ifMatch: '"abc"' }, 'abc')).not.toThrow();
    expect(() => assertPreconditions({ ifMatch: 'abc' }, '"abc"')).not.toThrow();
    expect(() => assertPreconditions({ ifMatch: 'abd' }, 'abc')).toThrow('The provided ETag does not match that of the resource on the server');
    expect(() => assertPreconditions({ ifMatch: 'abc' }, null)).toThrow(PreconditionFailedError);
    expect(() => assertPreconditions({ ifNoneMatch: '*' }, 'abc')).toThrow('The entity you are trying to create already exists');
    expect(() => assertPreconditions({ ifNoneMatch: '*' }, null)).not.toThrow();
  });
});

describe('size limits', () => {
  it('converts megabytes as MiB and refuses declared lengths over the limit', () => {
    expect(megabytesToBytes(1)).toBe(1048576);
    expect(megabytesToBytes(0.5)).toBe(524288);
    expect(declaredLength('12')).toBe(12);
    for (const bad of [undefined, '', '-1', '1e3', '12abc']) expect(declaredLength(bad)).toBeNull();
    expect(() => assertDeclaredLength(1048576, 1)).not.toThrow();
    expect(() => assertDeclaredLength(1048577, 1)).toThrow(PayloadTooLargeError);
    expect(() => assertDeclaredLength(null, 1)).not.toThrow();
  });

  it('passes bodies up to the limit unchanged and throws as soon as it is passed (property)', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }), async (chunks) => {
      const limitMB = 1000 / (1024 * 1024);
      async function* source() {
        yield* chunks;
      }
      const total = chunks.reduce((n, c) => n + c.length, 0);
      const received: Uint8Array[] = [];
      const outcome = await (async () => {
        for await (const chunk of limitSize(source(), limitMB)) received.push(chunk);
      })().then(() => 'ok', (e: unknown) => e);
      if (total <= megabytesToBytes(limitMB)) {
        expect(outcome).toBe('ok');
        expect(received).toEqual(chunks);
      } else {
        expect(outcome).toBeInstanceOf(PayloadTooLargeError);
        expect(received.reduce((n, c) => n + c.length, 0)).toBeLessThanOrEqual(megabytesToBytes(limitMB));
      }
    }));
  });
});
