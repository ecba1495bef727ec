import type { ByteRange } from '../driver.js';

/*
 * One `Range: bytes=…` request against a file of `size` bytes (RFC 9110 §14.1.2): `a-b`, `a-` and the
 * suffix form `-n`. Multi-range and malformed headers are ignored (the whole file is served, as the
 * RFC allows); a well-formed range entirely past the end is unsatisfiable (416).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (header === undefined) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  const [, first = '', last = ''] = match;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}
