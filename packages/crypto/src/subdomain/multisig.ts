import { bytesToHex, concatBytes } from '../bytes.js';
import { invalid } from '../errors.js';
import { isValidPublicKey, publicKeyToBytes } from '../keys.js';
import { OP_CHECKMULTISIG, pushData, readScript, smallNumberOpcode } from './script.js';

/*
 * m-of-n redeem scripts `OP_m <pubkey>… OP_n OP_CHECKMULTISIG`, the owners of P2SH
 * subdomain addresses (bns.md §8.1, §8.2; virtualchain `make_multisig_script`,
 * `parse_multisig_redeemscript`).
 */

export function makeMultisigRedeemScriptBytes(required: number, publicKeys: readonly (string | Uint8Array)[]): Uint8Array {
  if (publicKeys.length < 1 || publicKeys.length > 16) invalid('bad_multisig', 'a multisig script has 1 to 16 public keys');
  if (required > publicKeys.length) invalid('bad_multisig', 'more signatures required than keys');
  return concatBytes(
    Uint8Array.of(smallNumberOpcode(required)),
    ...publicKeys.map((key) => pushData(publicKeyToBytes(key))),
    Uint8Array.of(smallNumberOpcode(publicKeys.length), OP_CHECKMULTISIG),
  );
}

export interface MultisigRedeemScript {
  /** Signatures required, as the script's first item says (the reference reads OP_RESERVED as 0). */
  readonly required: number;
  readonly publicKeys: readonly string[];
}

/** Reads a redeem script the way virtualchain does; null where it returns (None, None). */
export function parseMultisigRedeemScript(script: Uint8Array): MultisigRedeemScript | null {
  const items = readScript(script);
  if (items.length <= 2 || items[items.length - 1] !== OP_CHECKMULTISIG) return null;
  const count = items[items.length - 2];
  const required = items[0];
  if (typeof count !== 'number' || typeof required !== 'number') return null;
  const keys = items.slice(1, items.length - 2);
  if (keys.length !== Math.max(count, 0)) return null;
  const publicKeys: string[] = [];
  for (const key of keys) {
    if (!(key instanceof Uint8Array)) return null;
    const hex = bytesToHex(key);
    if (!isValidPublicKey(hex)) return null;
    publicKeys.push(hex);
  }
  return { required, publicKeys };
}
