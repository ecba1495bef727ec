/*
 * Name and namespace-id syntax (bns.md §4.1; reference scripts.py is_name_valid / is_namespace_valid).
 * Names are lowercase base-40 characters; the `+` and `.` of the base-40 alphabet are not allowed
 * inside a label. One deliberate difference: Python's `$` also matches before a trailing "\n", so the
 * reference regex accepts "foo.id\n"; such a name cannot be hashed (b40 has no "\n") and every path
 * that reaches it in the reference either rejects it or crashes the node, so it is rejected here.
 */

const LABEL = /^[a-z0-9_-]+$/;

export const MAX_NAME_LENGTH = 37;
export const MAX_NAMESPACE_ID_LENGTH = 19;

export function isNamespaceIdValid(namespaceId: string): boolean {
  return typeof namespaceId === 'string' && namespaceId.length >= 1 && namespaceId.length <= MAX_NAMESPACE_ID_LENGTH && LABEL.test(namespaceId);
}

/** A fully-qualified `name.namespace`: exactly one dot, both labels valid, at most 37 characters. */
export function isNameValid(fqn: string): boolean {
  if (typeof fqn !== 'string' || fqn.length > MAX_NAME_LENGTH) return false;
  const parts = fqn.split('.');
  if (parts.length !== 2) return false;
  const [name, namespaceId] = parts as [string, string];
  return LABEL.test(name) && isNamespaceIdValid(namespaceId);
}

/** Splits a name at its last dot into label and namespace id (no dot: an empty namespace id). */
export function splitName(fqn: string): { readonly name: string; readonly namespaceId: string } {
  const dot = fqn.lastIndexOf('.');
  return dot < 0 ? { name: fqn, namespaceId: '' } : { name: fqn.slice(0, dot), namespaceId: fqn.slice(dot + 1) };
}
