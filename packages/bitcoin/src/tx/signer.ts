import { Transaction, script as bscript } from 'bitcoinjs-lib';
import {
  getPublicKeyFromPrivate,
  getUncompressedPublicKeyFromPrivate,
  hash160,
  hexToBytes,
  isCompressedPrivateKey,
  privateKeyToBytes,
  publicKeyToBytes,
  signDigest,
  bytesToHex,
} from '@bsk/crypto';
import { compactSizeLength } from './dust.js';
import { TransactionPlanError } from './errors.js';
import { encodePush, OP, smallNumberOpcode } from './script.js';

/**
 * Who can spend an output, and how. Private keys are hex (64 characters, or 66 with the `01`
 * compressed flag, which is stripped).
 *  - `p2pkh`: one key; `compressed` (default true) picks which public key the address commits to
 *    (old names are owned by uncompressed keys — see `keySignerFromBlockstackHex`).
 *  - `p2wpkh`, `p2sh-p2wpkh`: one key, always compressed (BIP143).
 *  - `p2sh-multisig`: an m-of-n redeem script over `publicKeys` (in script order), signed by at
 *    least m of `privateKeys`.
 */
export type InputSigner =
  | { readonly type: 'p2pkh'; readonly privateKey: string; readonly compressed?: boolean }
  | { readonly type: 'p2wpkh' | 'p2sh-p2wpkh'; readonly privateKey: string }
  | { readonly type: 'p2sh-multisig'; readonly required: number; readonly publicKeys: readonly string[]; readonly privateKeys: readonly string[] };

export type InputType = InputSigner['type'];

/** The largest DER signature with a low S (71 bytes) plus the sighash byte. */
const MAX_SIGNATURE_SIZE = 72;

/**
 * blockstack.js's `hexStringToECPair` convention: a 66-character key ending in `01` is compressed,
 * a 64-character key is *uncompressed* (auth-and-storage.md §0.1). Gives the P2PKH signer of the
 * address that convention implies.
 */
export function keySignerFromBlockstackHex(privateKeyHex: string): InputSigner {
  privateKeyToBytes(privateKeyHex);
  return { type: 'p2pkh', privateKey: privateKeyHex, compressed: isCompressedPrivateKey(privateKeyHex) };
}

function signerPublicKey(signer: Exclude<InputSigner, { type: 'p2sh-multisig' }>): Uint8Array {
  const compressed = signer.type !== 'p2pkh' || signer.compressed !== false;
  return hexToBytes(compressed ? getPublicKeyFromPrivate(signer.privateKey) : getUncompressedPublicKeyFromPrivate(signer.privateKey));
}

export function multisigRedeemScript(required: number, publicKeys: readonly string[]): Uint8Array {
  if (publicKeys.length < 1 || publicKeys.length > 15) throw new TransactionPlanError('bad_multisig', 'P2SH multisig takes 1 to 15 public keys');
  if (!Number.isInteger(required) || required < 1 || required > publicKeys.length) throw new TransactionPlanError('bad_multisig', `cannot require ${required} of ${publicKeys.length} signatures`);
  const keys = publicKeys.map((key) => publicKeyToBytes(key));
  const script = bscript.compile([smallNumberOpcode(required), ...keys, smallNumberOpcode(publicKeys.length), OP.OP_CHECKMULTISIG]);
  if (script.length > 520) throw new TransactionPlanError('bad_multisig', 'redeem script exceeds 520 bytes');
  return script;
}

function p2pkhScript(keyHash: Uint8Array): Uint8Array {
  return Uint8Array.of(OP.OP_DUP, OP.OP_HASH160, 20, ...keyHash, OP.OP_EQUALVERIFY, OP.OP_CHECKSIG);
}

function p2shScript(redeem: Uint8Array): Uint8Array {
  return Uint8Array.of(OP.OP_HASH160, 20, ...hash160(redeem), OP.OP_EQUAL);
}

function p2wpkhScript(keyHash: Uint8Array): Uint8Array {
  return Uint8Array.of(OP.OP_0, 20, ...keyHash);
}

/** The scriptPubKey this signer can spend. */
export function signerScript(signer: InputSigner): Uint8Array {
  switch (signer.type) {
    case 'p2pkh':
      return p2pkhScript(hash160(signerPublicKey(signer)));
    case 'p2wpkh':
      return p2wpkhScript(hash160(signerPublicKey(signer)));
    case 'p2sh-p2wpkh':
      return p2shScript(p2wpkhScript(hash160(signerPublicKey(signer))));
    case 'p2sh-multisig':
      return p2shScript(multisigRedeemScript(signer.required, signer.publicKeys));
  }
}

/** Weight units an input of this signer adds at most (outpoint, sequence, scriptSig, witness). */
export function inputWeight(signer: InputSigner): { base: number; witness: number } {
  const scriptSigSize = maxScriptSigSize(signer);
  const base = 32 + 4 + 4 + compactSizeLength(scriptSigSize) + scriptSigSize;
  // witness: item count, then <sig> <33-byte key>, each with its length byte
  const witness = signer.type === 'p2wpkh' || signer.type === 'p2sh-p2wpkh' ? 1 + 1 + MAX_SIGNATURE_SIZE + 1 + 33 : 0;
  return { base: base * 4, witness };
}

function maxScriptSigSize(signer: InputSigner): number {
  switch (signer.type) {
    case 'p2pkh':
      return 1 + MAX_SIGNATURE_SIZE + 1 + signerPublicKey(signer).length;
    case 'p2wpkh':
      return 0;
    case 'p2sh-p2wpkh':
      return 1 + 22;
    case 'p2sh-multisig': {
      const redeem = multisigRedeemScript(signer.required, signer.publicKeys);
      return 1 + signer.required * (1 + MAX_SIGNATURE_SIZE) + encodePush(redeem).length;
    }
  }
}

function signatureFor(digest: Uint8Array, privateKey: string): Uint8Array {
  return bscript.signature.encode(signDigest(digest, privateKey), Transaction.SIGHASH_ALL);
}

/**
 * Signs input `index` of `tx` (SIGHASH_ALL) and sets its scriptSig and witness. `spentScript` and
 * `value` describe the output it spends; they must be what this signer can spend.
 */
export function signInput(tx: Transaction, index: number, signer: InputSigner, spentScript: Uint8Array, value: number): void {
  const expected = signerScript(signer);
  if (bytesToHex(expected) !== bytesToHex(spentScript)) throw new TransactionPlanError('signer_mismatch', `input ${index}: the key given cannot spend script ${bytesToHex(spentScript)}`);
  switch (signer.type) {
    case 'p2pkh': {
      const digest = tx.hashForSignature(index, spentScript, Transaction.SIGHASH_ALL);
      tx.setInputScript(index, bscript.compile([signatureFor(digest, signer.privateKey), signerPublicKey(signer)]));
      return;
    }
    case 'p2wpkh':
    case 'p2sh-p2wpkh': {
      const key = signerPublicKey(signer);
      // BIP143: the scriptCode of a P2WPKH program is the P2PKH script of its key hash.
      const digest = tx.hashForWitnessV0(index, p2pkhScript(hash160(key)), BigInt(value), Transaction.SIGHASH_ALL);
      if (signer.type === 'p2sh-p2wpkh') tx.setInputScript(index, encodePush(p2wpkhScript(hash160(key))));
      tx.setWitness(index, [signatureFor(digest, signer.privateKey), key]);
      return;
    }
    case 'p2sh-multisig': {
      const redeem = multisigRedeemScript(signer.required, signer.publicKeys);
      const digest = tx.hashForSignature(index, redeem, Transaction.SIGHASH_ALL);
      const signatures = multisigSignatures(signer, digest);
      // OP_0 first: CHECKMULTISIG pops one extra item (the historical off-by-one).
      tx.setInputScript(index, bscript.compile([OP.OP_0, ...signatures, redeem]));
      return;
    }
  }
}

/** m signatures, in the order of the public keys in the redeem script (CHECKMULTISIG requires it). */
function multisigSignatures(signer: Extract<InputSigner, { type: 'p2sh-multisig' }>, digest: Uint8Array): Uint8Array[] {
  const keyOf = new Map<string, string>();
  for (const privateKey of signer.privateKeys) {
    keyOf.set(getPublicKeyFromPrivate(privateKey), privateKey);
    keyOf.set(getUncompressedPublicKeyFromPrivate(privateKey), privateKey);
  }
  const signatures: Uint8Array[] = [];
  for (const publicKey of signer.publicKeys) {
    const privateKey = keyOf.get(publicKey.toLowerCase());
    if (privateKey !== undefined && signatures.length < signer.required) signatures.push(signatureFor(digest, privateKey));
  }
  if (signatures.length < signer.required) throw new TransactionPlanError('bad_multisig', `need ${signer.required} private keys of the redeem script, got ${signatures.length}`);
  return signatures;
}
