import type { HDKey } from '@scure/bip32';
import { addressToNetwork, type NetworkName } from './address.js';
import { b58ToC32 } from './c32.js';
import { invalid } from './errors.js';
import {
  getAppsNode, getBitcoinPrivateKey, getBitcoinAddress, getGaiaBucketAddress, getIdentityAddressNode, getIdentitySalt,
  getLegacyAppPrivateKey, nodeAddress, nodePrivateKey,
} from './keychain.js';

/*
 * The key records the Node.js CLI prints (cli-and-scenarios.md §A.5 "Key management / keychain"):
 * private keys carry the `01` compressed flag, addresses are coerced to the CLI's network, and the
 * STACKS field is the c32check form of the BTC address (c32check `b58ToC32`).
 */

/** The identity-derivation version the CLI reports; the only one it derives. */
export const OWNER_KEY_VERSION = 'v0.10-current';
/** `-M` default: how many identity indexes `get_app_keys` scans for an ID-address. */
export const DEFAULT_MAX_ID_SEARCH_INDEX = 256;

export interface OwnerKeyInfo {
  readonly privateKey: string;
  readonly version: typeof OWNER_KEY_VERSION;
  readonly index: number;
  readonly idAddress: string;
}

export interface PaymentKeyInfo {
  readonly privateKey: string;
  readonly address: { readonly BTC: string; readonly STACKS: string };
  readonly index: 0;
}

export interface AppKeyInfo {
  /** The never-shipped derivation: the CLI prints the literal "TODO" for both fields. */
  readonly keyInfo: { readonly privateKey: 'TODO'; readonly address: 'TODO' };
  readonly legacyKeyInfo: { readonly privateKey: string; readonly address: string };
  readonly ownerKeyIndex: number;
}

/** ownerKeyInfo of `make_keychain` / `get_owner_keys`: identity node i, key with `01`. */
export function getOwnerKeyInfo(root: HDKey, index: number, network: NetworkName = 'mainnet'): OwnerKeyInfo {
  const node = getIdentityAddressNode(root, index);
  return {
    privateKey: `${nodePrivateKey(node)}01`,
    version: OWNER_KEY_VERSION,
    index,
    idAddress: `ID-${addressToNetwork(nodeAddress(node), network)}`,
  };
}

/** paymentKeyInfo of `make_keychain` / `get_payment_key`: bitcoin wallet key m/44'/0'/0'/0/0. */
export function getPaymentKeyInfo(root: HDKey, network: NetworkName = 'mainnet'): PaymentKeyInfo {
  const btc = addressToNetwork(getBitcoinAddress(root, 0), network);
  return { privateKey: getBitcoinPrivateKey(root, 0), address: { BTC: btc, STACKS: b58ToC32(btc) }, index: 0 };
}

/** The identity index of an `ID-<address>` (any network's version), or -1 within `maxIndex`. */
export function findIdentityIndex(root: HDKey, idAddress: string, maxIndex: number = DEFAULT_MAX_ID_SEARCH_INDEX): number {
  if (typeof idAddress !== 'string' || !idAddress.startsWith('ID-')) invalid('bad_id_address', 'Not an identity address');
  const wanted = addressToNetwork(idAddress.slice(3), 'mainnet');
  for (let i = 0; i < maxIndex; i++) {
    if (nodeAddress(getIdentityAddressNode(root, i)) === wanted) return i;
  }
  return -1;
}

/** `get_app_keys`: the legacy app key of the identity owning `idAddress`, for `appDomain`. */
export function getApplicationKeyInfo(root: HDKey, idAddress: string, appDomain: string, network: NetworkName = 'mainnet', maxIndex: number = DEFAULT_MAX_ID_SEARCH_INDEX): AppKeyInfo {
  const index = findIdentityIndex(root, idAddress, maxIndex);
  if (index < 0) invalid('unknown_identity', 'Identity address does not belong to this keychain');
  const appsNode = getAppsNode(getIdentityAddressNode(root, index));
  const privateKey = getLegacyAppPrivateKey(appsNode, getIdentitySalt(root), appDomain);
  return {
    keyInfo: { privateKey: 'TODO', address: 'TODO' },
    legacyKeyInfo: { privateKey, address: addressToNetwork(getGaiaBucketAddress(privateKey), network) },
    ownerKeyIndex: index,
  };
}
