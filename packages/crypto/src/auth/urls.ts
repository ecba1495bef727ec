/*
 * URL helpers of the auth flow (auth-and-storage.md §0.4, §1.3). They use the WHATWG URL and
 * URLSearchParams globals, which browsers and Node share.
 */

/** The `blockstack:` custom-protocol prefix the native Browser apps hand over (§1.3 point 5). */
export const BLOCKSTACK_HANDLER = 'blockstack';

function effectivePort(url: URL): number {
  // As the reference: an empty or zero port means the scheme's default.
  return (parseInt(url.port || '0', 10) | 0) || (url.protocol === 'https:' ? 443 : 80);
}

/**
 * blockstack.js `isSameOriginAbsoluteUrl`: same scheme, host name and effective port, and both
 * strings contain `http://` or `https://` somewhere (so relative URLs fail). Never throws.
 */
export function isSameOriginAbsoluteUrl(uri1: unknown, uri2: unknown): boolean {
  if (typeof uri1 !== 'string' || typeof uri2 !== 'string') return false;
  let a: URL;
  let b: URL;
  try {
    a = new URL(uri1);
    b = new URL(uri2);
  } catch {
    return false;
  }
  const isAbsolute = (uri: string): boolean => uri.includes('http://') || uri.includes('https://');
  return a.protocol === b.protocol && a.hostname === b.hostname && effectivePort(a) === effectivePort(b) && isAbsolute(uri1) && isAbsolute(uri2);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * blockstack.js `updateQueryStringParameter`: replaces `key=…` when present (key matched
 * case-insensitively), else appends `?key=value` or `&key=value`. The value is NOT URL-encoded (JWTs
 * are URL-safe). Unlike the reference, `$` sequences in the value are inserted literally.
 */
export function updateQueryStringParameter(uri: string, key: string, value: string): string {
  const re = new RegExp(`([?&])${escapeRegExp(key)}=.*?(&|$)`, 'i');
  if (re.test(uri)) return uri.replace(re, (_match, before: string, after: string) => `${before}${key}=${value}${after}`);
  return `${uri}${uri.includes('?') ? '&' : '?'}${key}=${value}`;
}

/**
 * blockstack.js `getAuthRequestFromURL`, given the URL (or just its `?query`) instead of reading
 * `window.location`: the `authRequest` query parameter with every `blockstack:` removed, or null.
 */
export function getAuthRequestFromURL(url: string): string | null {
  const queryStart = url.indexOf('?');
  const query = (queryStart >= 0 ? url.slice(queryStart + 1) : url).split('#')[0]!;
  const authRequest = new URLSearchParams(query).get('authRequest');
  return authRequest ? authRequest.split(`${BLOCKSTACK_HANDLER}:`).join('') : null;
}
