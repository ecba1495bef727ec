import { HDKey, HARDENED_OFFSET } from '@scure/bip32';
import { bytesToHex, hexToBytes } from './bytes.js';
import { invalid } from './errors.js';
import { sha256 } from './hash.js';
import { getPublicKeyFromPrivate } from './keys.js';
import { publicKeyToAddress } from './address.js';
import { makeDIDFromAddress } from './did.js';

/*
 * The Blockstack keychain derivations (auth-and-storage.md §2, vectors §9.4), as the Browser, the
 * CLI and the 2020 Connect keychain all compute them:
 *   identity keychain  m/888'/0'            (888 = identity keychain, 0 = Blockstack on Bitcoin)
 *   identity i         m/888'/0'/i'
 *   apps node          m/888'/0'/i'/0'
 *   app key (legacy)   apps node / hashCode(sha256hex(appDomain + salt))'
 *   bitcoin wallet     m/44'/0'/0'/{0,1}/k
 */

export const IDENTITY_KEYCHAIN = 888;
export const BLOCKSTACK_ON_BITCOIN = 0;
export const APPS_NODE_INDEX = 0;
const BITCOIN_BIP44_PURPOSE = 44;
const BITCOIN_COIN_TYPE = 0;
const BITCOIN_ACCOUNT_INDEX = 0;

export type BitcoinChain = 'external' | 'change';

function hardened(index: number): number {
  if (!Number.isInteger(index) || index < 0 || index >= HARDENED_OFFSET) invalid('bad_index', 'a hardened index is an integer in 0..2^31-1');
  return index + HARDENED_OFFSET;
}

/** Root node from a BIP39 seed (16–64 bytes, hex or bytes). */
export function rootFromSeed(seed: Uint8Array | string): HDKey {
  const bytes = typeof seed === 'string' ? hexToBytes(seed) : seed;
  if (bytes.length < 16 || bytes.length > 64) invalid('bad_seed', 'a BIP32 seed is 16 to 64 bytes');
  return HDKey.fromMasterSeed(bytes);
}

/** A node from its base58 xprv/xpub; throws InvalidInputError on anything malformed. */
export function nodeFromBase58(extendedKey: string): HDKey {
  try {
    return HDKey.fromExtendedKey(extendedKey);
  } catch {
    return invalid('bad_extended_key', 'not a valid BIP32 extended key');
  }
}

/** The 32-byte private key of a node as 64 hex characters (no `01` flag). */
export function nodePrivateKey(node: HDKey): string {
  if (!node.privateKey) invalid('no_private_key', 'this node has no private key');
  return bytesToHex(node.privateKey);
}

/** The compressed public key of a node, hex. */
export function nodePublicKey(node: HDKey): string {
  return bytesToHex(node.publicKey!);
}

/** P2PKH address of the node's compressed public key (bitcoinjs `payments.p2pkh`). */
export function nodeAddress(node: HDKey): string {
  return publicKeyToAddress(node.publicKey!);
}

/** m/888'/0' */
export function getIdentityPrivateKeychain(root: HDKey): HDKey {
  return root.deriveChild(hardened(IDENTITY_KEYCHAIN)).deriveChild(hardened(BLOCKSTACK_ON_BITCOIN));
}

/** The neutered m/888'/0' as xpub: the account's "identityPublicKeychain". */
export function getIdentityPublicKeychain(root: HDKey): string {
  return getIdentityPrivateKeychain(root).publicExtendedKey;
}

/** m/888'/0'/i' — the owner node of identity i. */
export function getIdentityAddressNode(root: HDKey, identityIndex: number): HDKey {
  return getIdentityPrivateKeychain(root).deriveChild(hardened(identityIndex));
}

/** identity node / 0' */
export function getAppsNode(identityNode: HDKey): HDKey {
  return identityNode.deriveChild(hardened(APPS_NODE_INDEX));
}

/**
 * hex(SHA-256 of the UTF-8 bytes of the lowercase HEX TEXT of m/888'/0''s compressed public key).
 * The reference hashes the text, not the key bytes (§2); one salt serves every identity.
 */
export function getIdentitySalt(root: HDKey): string {
  return bytesToHex(sha256(nodePublicKey(getIdentityPrivateKeychain(root))));
}

export interface IdentityKeyInfo {
  readonly index: number;
  /** 64 hex, as the Browser keeps it. */
  readonly privateKey: string;
  readonly publicKey: string;
  readonly address: string;
  readonly did: string;
  /** xprv of the apps node m/888'/0'/i'/0'. */
  readonly appsNodeKey: string;
  readonly salt: string;
}

/** Everything about identity i that the Browser and the authenticator need. */
export function getIdentityKeyInfo(root: HDKey, identityIndex: number): IdentityKeyInfo {
  const node = getIdentityAddressNode(root, identityIndex);
  const address = nodeAddress(node);
  return {
    index: identityIndex,
    privateKey: nodePrivateKey(node),
    publicKey: nodePublicKey(node),
    address,
    did: makeDIDFromAddress(address),
    appsNodeKey: getAppsNode(node).privateExtendedKey,
    salt: getIdentitySalt(root),
  };
}

/** Java `String.hashCode` (int32 wrap-around of h·31 + charCode), then `& 0x7fffffff`. */
export function javaStringHashCode(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash & 0x7fffffff;
}

/** hex(SHA-256(appDomain + salt)): the app's hash that both app-key derivations start from. */
export function appDomainHash(appDomain: string, salt: string): string {
  return bytesToHex(sha256(`${appDomain}${salt}`));
}

/** The single hardened index of an app's legacy key. */
export function legacyAppIndex(appDomain: string, salt: string): number {
  return javaStringHashCode(appDomainHash(appDomain, salt));
}

function appsNodeOf(appsNode: HDKey | string): HDKey {
  return typeof appsNode === 'string' ? nodeFromBase58(appsNode) : appsNode;
}

/** The app node everyone actually used (Browser, CLI, Connect): one hardened step from the apps node. */
export function getLegacyAppNode(appsNode: HDKey | string, salt: string, appDomain: string): HDKey {
  return appsNodeOf(appsNode).deriveChild(hardened(legacyAppIndex(appDomain, salt)));
}

/** The production app private key, 64 hex (blockstack.js `BlockstackWallet.getLegacyAppPrivateKey`). */
export function getLegacyAppPrivateKey(appsNode: HDKey | string, salt: string, appDomain: string): string {
  return nodePrivateKey(getLegacyAppNode(appsNode, salt, appDomain));
}

/**
 * blockstack.js `BlockstackWallet.getAppPrivateKey`, which never shipped: the app hash in 11
 * chunks of 6 hex characters (the last has 4), each a hardened step. Kept for completeness only.
 */
export function getUnusedNewAppPrivateKey(appsNode: HDKey | string, salt: string, appDomain: string): string {
  const hash = appDomainHash(appDomain, salt);
  let node = appsNodeOf(appsNode);
  for (let i = 0; i < 11; i++) node = node.deriveChild(hardened(parseInt(hash.slice(i * 6, i * 6 + 6), 16)));
  return nodePrivateKey(node);
}

/** The Gaia bucket address of an app key: address of its COMPRESSED public key (§0.1). */
export function getGaiaBucketAddress(appPrivateKey: string): string {
  return publicKeyToAddress(getPublicKeyFromPrivate(appPrivateKey));
}

/** m/44'/0'/0' */
export function getBitcoinPrivateKeychain(root: HDKey): HDKey {
  return root.deriveChild(hardened(BITCOIN_BIP44_PURPOSE)).deriveChild(hardened(BITCOIN_COIN_TYPE)).deriveChild(hardened(BITCOIN_ACCOUNT_INDEX));
}

export function getBitcoinPublicKeychain(root: HDKey): string {
  return getBitcoinPrivateKeychain(root).publicExtendedKey;
}

/** m/44'/0'/0'/0/k (external, the receive address the Browser shows for k=0) or …/1/k (change). */
export function getBitcoinNode(root: HDKey, addressIndex: number, chain: BitcoinChain = 'external'): HDKey {
  if (!Number.isInteger(addressIndex) || addressIndex < 0 || addressIndex >= HARDENED_OFFSET) invalid('bad_index', 'an address index is an integer in 0..2^31-1');
  return getBitcoinPrivateKeychain(root).deriveChild(chain === 'change' ? 1 : 0).deriveChild(addressIndex);
}

export function getBitcoinAddress(root: HDKey, addressIndex: number, chain: BitcoinChain = 'external'): string {
  return nodeAddress(getBitcoinNode(root, addressIndex, chain));
}

/** 66 hex with the `01` compressed flag, as blockstack.js `getBitcoinPrivateKey` returns it. */
export function getBitcoinPrivateKey(root: HDKey, addressIndex: number, chain: BitcoinChain = 'external'): string {
  return `${nodePrivateKey(getBitcoinNode(root, addressIndex, chain))}01`;
}
