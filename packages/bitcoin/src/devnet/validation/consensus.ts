import type { Transaction } from 'bitcoinjs-lib';
import { REGTEST } from '../consensus/params.js';
import { MANDATORY_FLAGS, SCRIPT_ERRORS, STANDARD_FLAGS } from '../script/errors.js';
import { verifyScript } from '../script/interpreter.js';
import type { Coin } from './coins.js';
import { formatMoney, TxRejection } from './rejection.js';
import { TxSignatureChecker } from './signature-checker.js';
import { isNullPrevout, prevoutTxid, strippedSize } from './tx-util.js';

/** Consensus rules for a transaction (src/consensus/tx_check.cpp, tx_verify.cpp). */

const consensus = (reason: string, debug = ''): TxRejection => new TxRejection('consensus', reason, debug);

/** CheckTransaction: rules that need no context. */
export function checkTransaction(tx: Transaction): TxRejection | null {
  if (tx.ins.length === 0) return consensus('bad-txns-vin-empty');
  if (tx.outs.length === 0) return consensus('bad-txns-vout-empty');
  if (strippedSize(tx) * 4 > REGTEST.maxBlockWeight) return consensus('bad-txns-oversize');
  let total = 0n;
  for (const output of tx.outs) {
    if (output.value < 0n) return consensus('bad-txns-vout-negative');
    if (output.value > BigInt(REGTEST.maxMoney)) return consensus('bad-txns-vout-toolarge');
    total += output.value;
    if (total > BigInt(REGTEST.maxMoney)) return consensus('bad-txns-txouttotal-toolarge');
  }
  const seen = new Set<string>();
  for (const input of tx.ins) {
    const key = `${prevoutTxid(input)}:${input.index}`;
    if (seen.has(key)) return consensus('bad-txns-inputs-duplicate');
    seen.add(key);
  }
  if (tx.isCoinbase()) {
    const length = tx.ins[0]!.script.length;
    if (length < 2 || length > 100) return consensus('bad-cb-length');
  } else if (tx.ins.some(isNullPrevout)) {
    return consensus('bad-txns-prevout-null');
  }
  return null;
}

const LOCKTIME_THRESHOLD = 500_000_000;

/** IsFinalTx at the given next-block height and median time past. */
export function isFinalTx(tx: Transaction, height: number, medianTimePast: number): boolean {
  if (tx.locktime === 0) return true;
  const limit = tx.locktime < LOCKTIME_THRESHOLD ? height : medianTimePast;
  if (tx.locktime < limit) return true;
  return tx.ins.every((input) => input.sequence === 0xffffffff);
}

/** Consensus::CheckTxInputs: maturity and amounts. Returns the fee when valid. */
export function checkTxInputs(tx: Transaction, spent: readonly Coin[], spendHeight: number): TxRejection | number {
  let valueIn = 0;
  for (const coin of spent) {
    if (coin.coinbase && spendHeight - coin.height < REGTEST.coinbaseMaturity) {
      return new TxRejection(
        'premature-spend',
        'bad-txns-premature-spend-of-coinbase',
        `tried to spend coinbase at depth ${spendHeight - coin.height}`,
      );
    }
    valueIn += coin.value;
    if (coin.value < 0 || coin.value > REGTEST.maxMoney || valueIn > REGTEST.maxMoney) {
      return consensus('bad-txns-inputvalues-outofrange');
    }
  }
  const valueOut = tx.outs.reduce((sum, o) => sum + Number(o.value), 0);
  if (valueIn < valueOut) {
    return consensus('bad-txns-in-belowout', `value in (${formatMoney(valueIn)}) < value out (${formatMoney(valueOut)})`);
  }
  return valueIn - valueOut;
}

/**
 * Script checks as the mempool runs them: first with the standard flags; on failure, again
 * with only the mandatory ones to tell a policy failure from an invalid transaction
 * (CheckInputScripts in src/validation.cpp).
 */
export function checkInputScripts(tx: Transaction, spent: readonly Coin[], flags = STANDARD_FLAGS): TxRejection | null {
  for (let i = 0; i < tx.ins.length; i++) {
    const input = tx.ins[i]!;
    const checker = new TxSignatureChecker(tx, i, spent);
    const error = verifyScript(input.script, spent[i]!.script, input.witness, flags, checker);
    if (!error) continue;
    if (flags !== MANDATORY_FLAGS) {
      const mandatoryError = verifyScript(input.script, spent[i]!.script, input.witness, MANDATORY_FLAGS, checker);
      if (!mandatoryError) {
        return new TxRejection('not-standard', `non-mandatory-script-verify-flag (${SCRIPT_ERRORS[error]})`);
      }
      return consensus(`mandatory-script-verify-flag-failed (${SCRIPT_ERRORS[mandatoryError]})`);
    }
    return consensus(`mandatory-script-verify-flag-failed (${SCRIPT_ERRORS[error]})`);
  }
  return null;
}
