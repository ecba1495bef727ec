import type { Transaction, TxOutput } from 'bitcoinjs-lib';
import { REGTEST } from '../consensus/params.js';
import { isPushOnly, isUnspendable, parseScript, witnessProgram, isP2SH } from '../script/chunks.js';
import { solve } from '../script/standard.js';
import type { Coin } from './coins.js';
import { TxRejection } from './rejection.js';
import { strippedSize } from './tx-util.js';

/** Relay policy of bitcoind v27 (src/policy/policy.cpp): what the mempool accepts beyond consensus. */

const { policy } = REGTEST;

function varIntSize(n: number): number {
  return n < 0xfd ? 1 : n <= 0xffff ? 3 : n <= 0xffffffff ? 5 : 9;
}

/** CFeeRate::GetFee: fee for a size at a per-kvB rate, rounded up. */
export function feeForSize(ratePerKvB: number, vsize: number): number {
  const fee = Math.ceil((ratePerKvB * vsize) / 1000);
  return fee === 0 && vsize !== 0 && ratePerKvB > 0 ? 1 : fee;
}

/** GetDustThreshold: what spending the output would cost at the dust relay fee. */
export function dustThreshold(output: { script: Uint8Array }): number {
  if (isUnspendable(output.script)) return 0;
  let size = 8 + varIntSize(output.script.length) + output.script.length;
  size += witnessProgram(output.script) ? 32 + 4 + 1 + Math.floor(107 / 4) + 4 : 32 + 4 + 1 + 107 + 4;
  return feeForSize(policy.dustRelayFeePerKvB, size);
}

export function isDust(output: TxOutput): boolean {
  return Number(output.value) < dustThreshold(output);
}

/** IsStandard for one output script; the multisig and OP_RETURN size limits included. */
function isStandardOutput(script: Uint8Array): boolean {
  const solution = solve(script);
  if (solution.type === 'nonstandard') return false;
  if (solution.type === 'multisig') {
    const n = solution.solutions.length;
    return n >= 1 && n <= 3 && solution.required! >= 1 && solution.required! <= n;
  }
  if (solution.type === 'nulldata') return script.length <= policy.maxOpReturnRelay;
  return true;
}

/** IsStandardTx. */
export function checkStandardTx(tx: Transaction): TxRejection | null {
  const reject = (reason: string): TxRejection => new TxRejection('not-standard', reason);
  if (tx.version > policy.maxStandardTxVersion || tx.version < 1) return reject('version');
  if (tx.weight() > policy.maxStandardTxWeight) return reject('tx-size');
  for (const input of tx.ins) {
    if (input.script.length > policy.maxStandardScriptSigSize) return reject('scriptsig-size');
    const chunks = parseScript(input.script);
    if (!chunks || !isPushOnly(chunks)) return reject('scriptsig-not-pushonly');
  }
  let dataOutputs = 0;
  for (const output of tx.outs) {
    if (!isStandardOutput(output.script)) return reject('scriptpubkey');
    if (solve(output.script).type === 'nulldata') dataOutputs++;
    else if (isDust(output)) return reject('dust');
  }
  if (dataOutputs > 1) return reject('multi-op-return');
  if (strippedSize(tx) < policy.minStandardTxNonWitnessSize) return reject('tx-size-small');
  return null;
}

/** The redeem script a P2SH scriptSig pushes last, if the scriptSig is push-only. */
function redeemScriptOf(scriptSig: Uint8Array): Uint8Array | undefined {
  const chunks = parseScript(scriptSig);
  if (!chunks || !isPushOnly(chunks) || chunks.length === 0) return undefined;
  return chunks[chunks.length - 1]!.data ?? new Uint8Array(0);
}

/** Legacy sigop count of a script, "accurate" for multisig (GetSigOpCount(true)). */
function sigOpCount(script: Uint8Array): number {
  const chunks = parseScript(script) ?? [];
  let count = 0;
  let lastOp = 0xff;
  for (const chunk of chunks) {
    if (chunk.op === 0xac || chunk.op === 0xad) count++;
    else if (chunk.op === 0xae || chunk.op === 0xaf) count += lastOp >= 0x51 && lastOp <= 0x60 ? lastOp - 0x50 : 20;
    lastOp = chunk.op;
  }
  return count;
}

/** AreInputsStandard: every spent output is a known template; P2SH redeem scripts ≤ 15 sigops. */
export function checkInputsStandard(tx: Transaction, spent: readonly Coin[]): TxRejection | null {
  for (let i = 0; i < tx.ins.length; i++) {
    const prev = spent[i]!.script;
    const type = solve(prev).type;
    if (type === 'nonstandard' || type === 'witness_unknown') {
      return new TxRejection('input-not-standard', 'bad-txns-nonstandard-inputs', `input ${i}: nonstandard script`);
    }
    if (type === 'scripthash') {
      const redeem = redeemScriptOf(tx.ins[i]!.script);
      if (redeem === undefined) return new TxRejection('input-not-standard', 'bad-txns-nonstandard-inputs', `input ${i}: P2SH scriptSig not push-only`);
      if (sigOpCount(redeem) > 15) return new TxRejection('input-not-standard', 'bad-txns-nonstandard-inputs', `input ${i}: P2SH redeemscript sigops exceed limit`);
    }
  }
  return null;
}

/** IsWitnessStandard: witness only where a witness program is spent, P2WSH size limits. */
export function checkWitnessStandard(tx: Transaction, spent: readonly Coin[]): TxRejection | null {
  const reject = (): TxRejection => new TxRejection('witness-mutated', 'bad-witness-nonstandard');
  for (let i = 0; i < tx.ins.length; i++) {
    const input = tx.ins[i]!;
    if (input.witness.length === 0) continue;
    let prev = spent[i]!.script;
    if (isP2SH(prev)) {
      const redeem = redeemScriptOf(input.script);
      if (redeem === undefined) return reject();
      prev = redeem;
    }
    const wp = witnessProgram(prev);
    if (!wp) return reject();
    if (wp.version === 0 && wp.program.length === 32) {
      const witnessScript = input.witness[input.witness.length - 1]!;
      if (witnessScript.length > policy.maxStandardP2wshScriptSize) return reject();
      if (input.witness.length - 1 > policy.maxStandardP2wshStackItems) return reject();
      if (input.witness.slice(0, -1).some((item) => item.length > policy.maxStandardWitnessStackItemSize)) return reject();
    }
  }
  return null;
}
