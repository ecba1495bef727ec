import * as ecc from '@bitcoinerlab/secp256k1';
import type { Transaction } from 'bitcoinjs-lib';
import type { ScriptError } from '../script/errors.js';
import type { SigVersion, SignatureChecker } from '../script/interpreter.js';
import { derToCompact } from '../script/signature-encoding.js';
import type { Coin } from './coins.js';

/**
 * Signatures already found valid (bitcoind's signature cache): a reorganisation or a restart
 * re-validates the same transactions, and ECDSA costs milliseconds here. Only successes are
 * kept; the key binds digest, public key and signature.
 */
const verified = new Set<string>();
const MAX_CACHED = 100_000;

function cacheKey(digest: Uint8Array, pubkey: Uint8Array, sig: Uint8Array): string {
  return `${Buffer.from(digest).toString('hex')}${Buffer.from(pubkey).toString('hex')}${Buffer.from(sig).toString('hex')}`;
}

function remember(key: string): void {
  if (verified.size >= MAX_CACHED) verified.delete(verified.values().next().value!);
  verified.add(key);
}

/**
 * Verifies one input's signatures (TransactionSignatureChecker): legacy sighash for base
 * scripts, BIP143 for witness v0, BIP341 for taproot key-path spends. Bad keys or signatures
 * make a check false, never an exception.
 */
export class TxSignatureChecker implements SignatureChecker {
  constructor(
    private readonly tx: Transaction,
    private readonly index: number,
    private readonly spent: readonly Coin[],
  ) {}

  checkECDSA(sig: Uint8Array, pubkey: Uint8Array, scriptCode: Uint8Array, sigversion: SigVersion): boolean {
    try {
      const hashType = sig[sig.length - 1]!;
      const compact = derToCompact(sig.subarray(0, sig.length - 1));
      if (!compact) return false;
      const digest =
        sigversion === 'base'
          ? this.tx.hashForSignature(this.index, scriptCode, hashType)
          : this.tx.hashForWitnessV0(this.index, scriptCode, BigInt(this.spent[this.index]!.value), hashType);
      const key = cacheKey(digest, pubkey, compact);
      if (verified.has(key)) return true;
      const valid = ecc.verify(digest, pubkey, compact, false);
      if (valid) remember(key);
      return valid;
    } catch {
      return false;
    }
  }

  checkSchnorrKeyPath(sig: Uint8Array, outputKey: Uint8Array, annex: Uint8Array | undefined): ScriptError | null {
    let hashType = 0;
    if (sig.length === 65) {
      hashType = sig[64]!;
      if (hashType === 0) return 'SCHNORR_SIG_HASHTYPE';
    } else if (sig.length !== 64) {
      return 'SCHNORR_SIG_SIZE';
    }
    const base = hashType & 0x7f;
    if (hashType > 0x83 || (hashType & 0x7c) !== 0 || (hashType !== 0 && (base < 1 || base > 3))) return 'SCHNORR_SIG_HASHTYPE';
    if ((hashType & 3) === 3 && this.index >= this.tx.outs.length) return 'SCHNORR_SIG_HASHTYPE';
    try {
      const digest = this.tx.hashForWitnessV1(
        this.index,
        this.spent.map((c) => c.script),
        this.spent.map((c) => BigInt(c.value)),
        hashType,
        undefined,
        annex,
      );
      const key = cacheKey(digest, outputKey, sig.subarray(0, 64));
      if (verified.has(key)) return null;
      if (!ecc.verifySchnorr(digest, outputKey, sig.subarray(0, 64))) return 'SCHNORR_SIG';
      remember(key);
      return null;
    } catch {
      return 'SCHNORR_SIG';
    }
  }
}
