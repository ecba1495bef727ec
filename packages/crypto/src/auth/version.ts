/*
 * Auth protocol versions (auth-and-storage.md §1.2, §1.6, §1.8). Requests and responses carry
 * "1.3.1"; behaviour gates on `isLaterVersion(version, X)`.
 */

/** The request and response version blockstack.js 21.x emits; an authenticator must answer with it. */
export const AUTH_VERSION = '1.3.1';

/**
 * blockstack.js `isLaterVersion(v1, v2)`, "v1 ≥ v2", quirks and all (§1.8): it returns false as soon
 * as ANY component of v1 is smaller than v2's, so `2.0.0 ≥ 1.3.0` is false. It loops over the
 * character length of v2, and components that are missing or not numbers never compare smaller.
 * An absent (or non-string) version counts as "0.0.0".
 */
export function isLaterVersion(v1: unknown, v2: unknown): boolean {
  const left = typeof v1 === 'string' ? v1 : '0.0.0';
  const right = typeof v2 === 'string' ? v2 : '0.0.0';
  const leftTuple = left.split('.').map((x) => parseInt(x, 10));
  const rightTuple = right.split('.').map((x) => parseInt(x, 10));
  for (let index = 0; index < right.length; index++) {
    if (index >= left.length) rightTuple.push(0);
    const a = leftTuple[index];
    const b = rightTuple[index];
    // `undefined < n` and `NaN < n` are false in JS; only two real numbers can make it fail.
    if (a !== undefined && b !== undefined && a < b) return false;
  }
  return true;
}
