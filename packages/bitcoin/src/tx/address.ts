import { decodeAddress, decodeSegwitAddress, hexToBytes, NETWORKS, type NetworkName } from '@bsk/crypto';
import { TransactionPlanError } from './errors.js';
import { OP } from './script.js';

/** scriptPubKey paying `address` on `network`: base58 P2PKH/P2SH or bech32 v0 (P2WPKH/P2WSH). */
export function addressToScript(address: string, network: NetworkName): Uint8Array {
  const params = NETWORKS[network];
  if (address.toLowerCase().startsWith(`${params.bech32}1`)) {
    const { prefix, program } = decodeSegwitAddress(address);
    if (prefix !== params.bech32) throw new TransactionPlanError('wrong_network', `${address} is not a ${network} address`);
    const bytes = hexToBytes(program);
    return Uint8Array.of(OP.OP_0, bytes.length, ...bytes);
  }
  const { version, hash } = decodeAddress(address);
  const bytes = hexToBytes(hash);
  if (version === params.p2pkh) return Uint8Array.of(OP.OP_DUP, OP.OP_HASH160, 20, ...bytes, OP.OP_EQUALVERIFY, OP.OP_CHECKSIG);
  if (version === params.p2sh) return Uint8Array.of(OP.OP_HASH160, 20, ...bytes, OP.OP_EQUAL);
  throw new TransactionPlanError('wrong_network', `${address} is not a ${network} address`);
}
