import { compressPublicKey, hexToBytes, publicKeyToAddress } from '@bsk/crypto';
import { HDKey } from '@scure/bip32';
import type { NetworkParams } from '../params.js';

/*
 * The namespace import keychain (bns.md §4.11 step 3; blockstack-core `get_namespace_import_keychain`
 * via keychain-manager-py): BIP32 public derivation from the reveal key with an all-zero chain code
 * at depth 0, children 0…N−1 non-hardened, each as the p2pkh address of its compressed key; plus the
 * address of the reveal key itself, as it appeared in the transaction.
 */
export function importKeychain(params: NetworkParams, revealPublicKey: string): string[] {
  const root = new HDKey({ publicKey: hexToBytes(compressPublicKey(revealPublicKey)), chainCode: new Uint8Array(32), depth: 0, index: 0, parentFingerprint: 0 });
  const addresses: string[] = [];
  for (let index = 0; index < params.nameImportKeyringSize; index++) {
    const child = root.deriveChild(index);
    addresses.push(publicKeyToAddress(child.publicKey!, params.addressNetwork));
  }
  addresses.push(publicKeyToAddress(revealPublicKey, params.addressNetwork));
  return addresses;
}
