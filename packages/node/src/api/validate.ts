import { isNameValid, isNamespaceIdValid } from '@bsk/bns';
import { isSubdomainName, isValidAddress } from '@bsk/crypto';
import { badRequest } from './errors.js';

/*
 * The original's argument checks (blockstack-core rpc.py: check_name, check_subdomain,
 * check_namespace, check_address, page parsing), each with the original's error message.
 */

export const isOnChainName = (name: string): boolean => isNameValid(name);
export const isNameOrSubdomain = (name: string): boolean => isNameValid(name) || isSubdomainName(name);

export function requireNameOrSubdomain(name: string): void {
  if (!isNameOrSubdomain(name)) throw badRequest('Invalid name or subdomain');
}

export function requireNamespaceId(namespaceId: string): void {
  if (!isNamespaceIdValid(namespaceId)) throw badRequest('Invalid namespace');
}

export function requireAddress(address: string): void {
  if (!isValidAddress(address)) throw badRequest('Invalid address');
}

/** `page=` of the listing routes: required, a non-negative integer (rpc.py GET_names). */
export function requirePage(page: string | undefined): number {
  if (page === undefined) throw badRequest('page= argument required');
  if (!/^[0-9]{1,9}$/.test(page.trim())) throw badRequest('Invalid page= value');
  return Number(page);
}

/** `page=` of the history route: optional (default 0), under 10 digits (rpc.py GET_name_history). */
export function historyPage(page: string | undefined): number {
  if (page === undefined) return 0;
  if (!/^[0-9]{1,9}$/.test(page)) throw badRequest('Invalid page');
  return Number(page);
}

/** `all=1` / `all=true` (any case). */
export const flagSet = (value: string | undefined): boolean => value !== undefined && ['1', 'true'].includes(value.toLowerCase());
