import { bytesToHex, equalBytes, hash160, hexToBytes, isValidPublicKey } from '@bsk/crypto';
import { classifyScript, hasPublicKeyShape } from './classify.js';
import { pushedData } from './script.js';
import type { ParsedInput } from './types.js';

/*
 * Finding the public key that spends an input. Two questions, kept apart:
 *  - `spendingPublicKey`: which key unlocks this input, judged against the script it spends
 *    (P2PKH scriptSig, P2WPKH witness, P2SH-P2WPKH, bare P2PK);
 *  - `senderPublicKey`: the naming protocol's `sender_pubkey` rule (bns.md §1.2), which scans the
 *    scriptSigs of all inputs for the sender's P2PKH hash.
 */

/** `<sig> <pubkey>`: exactly two pushes, the second a valid public key hashing to `keyHash`. */
function keyFromTwoPushes(items: readonly Uint8Array[] | null, keyHash: Uint8Array): string | null {
  if (items === null || items.length !== 2) return null;
  const key = items[1]!;
  if (!hasPublicKeyShape(key) || !equalBytes(hash160(key), keyHash)) return null;
  const hex = bytesToHex(key);
  return isValidPublicKey(hex) ? hex : null;
}

function witnessItems(input: Pick<ParsedInput, 'witness'>): Uint8Array[] {
  return input.witness.map((item) => hexToBytes(item));
}

/**
 * The public key (hex, compressed or not exactly as it appears) that spends `input`, given the
 * scriptPubKey of the output it spends; null when the spend does not reveal a single key
 * (multisig, other scripts, or a scriptSig/witness that does not match).
 */
export function spendingPublicKey(input: Pick<ParsedInput, 'scriptSig' | 'witness'>, spentScript: string | Uint8Array): string | null {
  const script = typeof spentScript === 'string' ? hexToBytes(spentScript) : spentScript;
  const spent = classifyScript(script);
  switch (spent.type) {
    case 'p2pkh':
      return keyFromTwoPushes(pushedData(hexToBytes(input.scriptSig)), spent.hash!);
    case 'p2wpkh': {
      const key = keyFromTwoPushes(witnessItems(input), spent.hash!);
      return key !== null && key.length === 66 ? key : null;
    }
    case 'p2sh':
      return nestedWitnessKey(input, spent.hash!);
    case 'p2pk':
      return isValidPublicKey(bytesToHex(spent.hash!)) ? bytesToHex(spent.hash!) : null;
    default:
      return null;
  }
}

/** P2SH-P2WPKH: scriptSig is one push of `0014{hash}` whose hash160 is the P2SH hash; witness `<sig> <key>`. */
function nestedWitnessKey(input: Pick<ParsedInput, 'scriptSig' | 'witness'>, scriptHash: Uint8Array): string | null {
  const pushes = pushedData(hexToBytes(input.scriptSig));
  if (pushes === null || pushes.length !== 1) return null;
  const redeem = pushes[0]!;
  if (!equalBytes(hash160(redeem), scriptHash)) return null;
  const inner = classifyScript(redeem);
  if (inner.type !== 'p2wpkh') return null;
  const key = keyFromTwoPushes(witnessItems(input), inner.hash!);
  return key !== null && key.length === 66 ? key : null;
}

/**
 * `sender_pubkey` (bns.md §1.2): only when the sender (the output spent by input 0) is P2PKH. Scans
 * every input's scriptSig in order; the first that is exactly two pushes whose second push is a
 * valid public key hashing to the sender's key hash supplies the key. Otherwise null.
 */
export function senderPublicKey(inputs: readonly Pick<ParsedInput, 'scriptSig'>[], senderScript: string | Uint8Array): string | null {
  const script = typeof senderScript === 'string' ? hexToBytes(senderScript) : senderScript;
  const sender = classifyScript(script);
  if (sender.type !== 'p2pkh') return null;
  for (const input of inputs) {
    const key = keyFromTwoPushes(pushedData(hexToBytes(input.scriptSig)), sender.hash!);
    if (key !== null) return key;
  }
  return null;
}
