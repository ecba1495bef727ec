import type { GaiaScopeValues } from '@bsk/crypto';
import { ValidationError } from './errors.js';

/*
 * Enforcing a token's scopes on one path (auth-and-storage.md §4.6), as the original hub: a kind of
 * scope restricts only when the token lists at least one scope of that kind; paths match exactly,
 * prefixes with startsWith.
 */

function matches(path: string, paths: readonly string[], prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => path.startsWith(prefix)) || paths.includes(path);
}

export function assertMayWrite(address: string, path: string, scopes: GaiaScopeValues): void {
  if (scopes.writePaths.length + scopes.writePrefixes.length === 0) return;
  if (!matches(path, scopes.writePaths, scopes.writePrefixes)) {
    throw new ValidationError(`Address ${address} not authorized to write to ${path} by scopes`);
  }
}

export function assertMayDelete(address: string, path: string, scopes: GaiaScopeValues): void {
  if (scopes.deletePaths.length + scopes.deletePrefixes.length === 0) return;
  if (!matches(path, scopes.deletePaths, scopes.deletePrefixes)) {
    throw new ValidationError(`Address ${address} not authorized to delete from ${path} by scopes`);
  }
}

/** Archival tokens may only write what their archival scopes name, and never destroy a version. */
export function isArchivalRestricted(scopes: GaiaScopeValues): boolean {
  return scopes.writeArchivalPaths.length + scopes.writeArchivalPrefixes.length > 0;
}

/** Whether writes and deletes of `path` must archive the previous version; throws outside the scopes. */
export function archivalRequired(address: string, path: string, scopes: GaiaScopeValues): boolean {
  if (!isArchivalRestricted(scopes)) return false;
  if (!matches(path, scopes.writeArchivalPaths, scopes.writeArchivalPrefixes)) {
    throw new ValidationError(`Address ${address} not authorized to modify ${path} by scopes`);
  }
  return true;
}
