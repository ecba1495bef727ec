/*
 * Scopes an app may ask for in an auth request (auth-and-storage.md §1.2). The Browser refuses
 * anything else except collection scopes (`collection.<name>`).
 */

export const AUTH_SCOPES = Object.freeze(['store_write', 'publish_data', 'email'] as const);

export type AuthScope = (typeof AUTH_SCOPES)[number];

/** What `makeAuthRequest` asks for when the app names no scopes. */
export const DEFAULT_AUTH_SCOPES: readonly AuthScope[] = Object.freeze(['store_write']);

/** Whether an authenticator should accept this requested scope, as the Browser decides. */
export function isValidAuthScope(scope: unknown): boolean {
  return typeof scope === 'string' && ((AUTH_SCOPES as readonly string[]).includes(scope) || scope.startsWith('collection.'));
}
