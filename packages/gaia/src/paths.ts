import { randomInt } from 'node:crypto';
import { BadPathError } from './errors.js';

/*
 * Bucket and file path rules (auth-and-storage.md §4.8). The original disk driver refuses `..`
 * anywhere, a trailing `/`, more than 100 levels and over-long paths; we apply the same rules for every
 * driver and also refuse empty and `.` segments and NUL, which on disk would alias another file.
 */

/** Writer buckets: `[a-zA-Z0-9]+` (store, delete, list-files, revoke-all). */
export const BUCKET_ADDRESS_PATTERN = /^[a-zA-Z0-9]+$/;
/** What the reader serves: writer buckets and their `<address>-auth` revocation directory. */
export const READ_BUCKET_PATTERN = /^[a-zA-Z0-9_-]+$/;

export const MAX_PATH_LENGTH = 4096;
export const MAX_PATH_DEPTH = 100;
/** Bytes per segment: the usual file-system NAME_MAX. */
export const MAX_SEGMENT_BYTES = 255;

export function isBucketAddress(address: string): boolean {
  return BUCKET_ADDRESS_PATTERN.test(address);
}

/** The store and delete routes strip one trailing `/` (a write to `dir/sub/` stores `dir/sub`). */
export function stripTrailingSlash(path: string): string {
  return path.endsWith('/') ? path.slice(0, -1) : path;
}

/** Why `path` is not a storable file path, or null when it is. */
export function pathProblem(path: string): string | null {
  if (path.length === 0) return 'empty path';
  if (path.length > MAX_PATH_LENGTH) return 'path too long';
  if (path.includes('..')) return 'path contains ..';
  if (path.includes('\0')) return 'path contains NUL';
  const segments = path.split('/');
  if (segments.length > MAX_PATH_DEPTH) return 'path too deep';
  for (const segment of segments) {
    if (segment === '' || segment === '.') return 'empty path segment';
    if (Buffer.byteLength(segment) > MAX_SEGMENT_BYTES) return 'path segment too long';
  }
  return null;
}

/** Throws the hub's 403 "Invalid Path" when `path` breaks §4.8. */
export function assertValidPath(path: string): void {
  if (pathProblem(path) !== null) throw new BadPathError('Invalid Path');
}

function fileNameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

const UNIQUE_ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** 10 random alphanumerics, the shape of the original hub's `generateUniqueID`. */
function uniqueId(): string {
  return Array.from({ length: 10 }, () => UNIQUE_ID_ALPHABET[randomInt(UNIQUE_ID_ALPHABET.length)]).join('');
}

/** `<dir>/.history.<ms>.<uniqueId>.<name>`: where archival writes keep the previous version (§4.6). */
export function historicalPath(path: string, nowMs: number = Date.now()): string {
  const name = fileNameOf(path);
  return `${path.slice(0, path.length - name.length)}.history.${nowMs}.${uniqueId()}.${name}`;
}

export function isHistoricalFile(path: string): boolean {
  return fileNameOf(path).startsWith('.history.');
}
