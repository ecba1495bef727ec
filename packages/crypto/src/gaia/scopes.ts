/*
 * Scopes inside a v1 Gaia token, `scopes: [{scope, domain}]` (auth-and-storage.md §4.6): they narrow
 * what the token may write or delete to exact paths or path prefixes. At most 8; an unknown scope
 * makes the whole header unparseable.
 */

export const GAIA_AUTH_SCOPES = Object.freeze([
  'putFile', 'putFilePrefix', 'deleteFile', 'deleteFilePrefix', 'putFileArchival', 'putFileArchivalPrefix',
] as const);

export type GaiaAuthScope = (typeof GAIA_AUTH_SCOPES)[number];

export const MAX_GAIA_AUTH_SCOPES = 8;

export interface GaiaScopeEntry {
  scope: string;
  domain: string;
}

/** The scope entries sorted by kind, as the hub's `AuthScopeValues`. */
export interface GaiaScopeValues {
  writePrefixes: string[];
  writePaths: string[];
  deletePrefixes: string[];
  deletePaths: string[];
  writeArchivalPrefixes: string[];
  writeArchivalPaths: string[];
}

export function isGaiaAuthScope(scope: unknown): scope is GaiaAuthScope {
  return typeof scope === 'string' && (GAIA_AUTH_SCOPES as readonly string[]).includes(scope);
}

/** null when the list is acceptable, else the hub's reason. Never throws. */
export function validateGaiaScopes(scopes: unknown): string | null {
  if (!Array.isArray(scopes)) return 'Authentication scopes must be an array';
  if (scopes.length > MAX_GAIA_AUTH_SCOPES) return 'Too many authentication scopes';
  for (const entry of scopes) {
    const scope: unknown = typeof entry === 'object' && entry !== null ? (entry as { scope?: unknown }).scope : undefined;
    if (!isGaiaAuthScope(scope)) return `Unrecognized scope ${String(scope)}`;
  }
  return null;
}

/** Entries as the hub reads them: `scope` and `domain` coerced with String(). */
export function normalizeGaiaScopes(scopes: readonly unknown[]): GaiaScopeEntry[] {
  return scopes.map((entry) => {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as { scope?: unknown; domain?: unknown };
    return { scope: String(e.scope), domain: String(e.domain) };
  });
}

export function parseGaiaScopeValues(scopes: readonly GaiaScopeEntry[]): GaiaScopeValues {
  const values: GaiaScopeValues = {
    writePrefixes: [], writePaths: [], deletePrefixes: [], deletePaths: [], writeArchivalPrefixes: [], writeArchivalPaths: [],
  };
  const bucketOf: Record<GaiaAuthScope, keyof GaiaScopeValues> = {
    putFile: 'writePaths',
    putFilePrefix: 'writePrefixes',
    deleteFile: 'deletePaths',
    deleteFilePrefix: 'deletePrefixes',
    putFileArchival: 'writeArchivalPaths',
    putFileArchivalPrefix: 'writeArchivalPrefixes',
  };
  for (const { scope, domain } of scopes) if (isGaiaAuthScope(scope)) values[bucketOf[scope]].push(domain);
  return values;
}
