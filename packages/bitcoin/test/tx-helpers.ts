import { Transaction } from 'bitcoinjs-lib';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex, hexToBytes } from '@bsk/crypto';
import { pushedData, type SpendableOutput, type UnspentOutput } from '../src/index.js';

/** Deterministic test keys: 32-byte scalars 0x…01, 0x…02, … */
export function testKey(n: number): string {
  return n.toString(16).padStart(64, '0');
}

let counter = 0;
/** An unspent output paying `script` with a fresh, made-up txid. */
export function fakeUtxo(script: Uint8Array | string, value: number): UnspentOutput {
  counter += 1;
  const txid = bytesToHex(secp256k1.getPublicKey(hexToBytes(testKey(1000 + counter)), true).subarray(1));
  return { txid, vout: counter % 4, value, script: typeof script === 'string' ? script : bytesToHex(script), height: 1 };
}

/** DER-without-sighash signature and key of a `<sig> <key>` pair, checked with noble over `digest`. */
export function verifyPair(signatureWithHashType: Uint8Array, publicKey: Uint8Array, digest: Uint8Array): boolean {
  if (signatureWithHashType[signatureWithHashType.length - 1] !== Transaction.SIGHASH_ALL) return false;
  const der = signatureWithHashType.subarray(0, -1);
  return secp256k1.verify(der, digest, publicKey, { prehash: false, format: 'der', lowS: true });
}

/**
 * Independently checks every input signature of a signed transaction we built, by recomputing the
 * sighash with bitcoinjs (legacy or BIP143) and verifying with noble.
 */
export function verifyAllInputs(hex: string, spent: readonly SpendableOutput[]): boolean {
  const tx = Transaction.fromHex(hex);
  return spent.every(({ utxo }, index) => {
    const input = tx.ins[index]!;
    const script = hexToBytes(utxo.script);
    if (input.witness.length === 2) {
      const [sig, key] = input.witness as [Uint8Array, Uint8Array];
      const keyHash = script.length === 22 ? script.subarray(2) : pushedData(input.script)![0]!.subarray(2);
      const scriptCode = Uint8Array.of(0x76, 0xa9, 20, ...keyHash, 0x88, 0xac);
      return verifyPair(sig, key, tx.hashForWitnessV0(index, scriptCode, BigInt(utxo.value), Transaction.SIGHASH_ALL));
    }
    const pushes = pushedData(input.script)!;
    if (script.length === 25) {
      return verifyPair(pushes[0]!, pushes[1]!, tx.hashForSignature(index, script, Transaction.SIGHASH_ALL));
    }
    // P2SH multisig: OP_0 <sig>... <redeem>; each signature must verify against some key, in order.
    const redeem = pushes[pushes.length - 1]!;
    const digest = tx.hashForSignature(index, redeem, Transaction.SIGHASH_ALL);
    const keys = pushedData(redeem.subarray(1, -2))!;
    let k = 0;
    for (const sig of pushes.slice(1, -1)) {
      while (k < keys.length && !verifyPair(sig, keys[k]!, digest)) k++;
      if (k === keys.length) return false;
      k++;
    }
    return pushes[0]!.length === 0;
  });
}
