import { bytesToHex, invalid, privateKeyToBytes } from '@bsk/crypto';
import { HDKey } from '@scure/bip32';

/*
 * The private keys behind a namespace's import keychain (bns.md §4.11 step 3): non-hardened BIP32
 * children of the reveal key with an all-zero chain code at depth 0. Private derivation gives the
 * same children as the public derivation the rules perform (state/import-keychain.ts).
 */

/**
 * Child `index` of the reveal key, as blockstack.js writes a compressed key: 64 hex characters and
 * the `01` suffix (keychain children are compressed; `keySignerFromBlockstackHex` reads it right).
 */
export function importKeychainPrivateKey(revealPrivateKey: string, index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= 0x80000000) invalid('bad_index', 'an import keychain index is a non-hardened child index (0 to 2^31 − 1)');
  const root = new HDKey({ privateKey: privateKeyToBytes(revealPrivateKey), chainCode: new Uint8Array(32), depth: 0, index: 0, parentFingerprint: 0 });
  return `${bytesToHex(root.deriveChild(index).privateKey!)}01`;
}
