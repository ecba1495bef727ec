import { Transaction } from 'bitcoinjs-lib';
import { hexToBytes, isHex } from '@bsk/crypto';
import { addressToScript } from './address.js';
import { DUST_RELAY_FEE_RATE, dustThreshold } from './dust.js';
import { TransactionPlanError } from './errors.js';
import type { BuiltTransaction, PlannedOutput, SpendableOutput, TransactionPlan } from './plan.js';
import { encodePush, OP } from './script.js';
import { selectCoins } from './select.js';
import { signerScript, signInput } from './signer.js';

/** bitcoind's default -datacarriersize allows 80 bytes of OP_RETURN data (bns.md §3.1: max 80). */
export const MAX_NULLDATA_SIZE = 80;

/** blockstack.js's transaction version (bns.md §3.14). */
export const DEFAULT_TX_VERSION = 1;

interface ResolvedOutput {
  readonly script: Uint8Array;
  readonly value: number;
}

/** `OP_RETURN <data>` (data as hex or bytes): the one form the naming protocol reads (bns.md §1.1). */
export function nulldataScript(data: string | Uint8Array): Uint8Array {
  const bytes = typeof data === 'string' ? hexToBytes(data) : data;
  if (bytes.length > MAX_NULLDATA_SIZE) throw new TransactionPlanError('nulldata_too_large', `OP_RETURN data is ${bytes.length} bytes; at most ${MAX_NULLDATA_SIZE} are relayed`);
  const push = encodePush(bytes);
  const script = new Uint8Array(1 + push.length);
  script[0] = OP.OP_RETURN;
  script.set(push, 1);
  return script;
}

function checkAmount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new TransactionPlanError('bad_amount', `${what} must be a non-negative whole number of satoshis, got ${value}`);
}

function resolvePayment(output: PlannedOutput, plan: TransactionPlan, dustRate: number): ResolvedOutput {
  if ('nulldata' in output) return { script: nulldataScript(output.nulldata), value: 0 };
  if ('change' in output) throw new TransactionPlanError('bad_output', 'change is not a payment');
  const script = 'address' in output ? addressToScript(output.address, plan.network) : hexToBytes(output.script);
  checkAmount(output.value, 'output value');
  const dust = dustThreshold(script, dustRate);
  if (output.value < dust) throw new TransactionPlanError('dust_output', `output of ${output.value} satoshis is below the dust threshold ${dust}`);
  return { script, value: output.value };
}

/** Where change goes: the planned `change` output, else the funding signer's own script, last. */
function resolveChange(plan: TransactionPlan): { index: number; script: Uint8Array; keep: boolean } | null {
  const index = plan.outputs.findIndex((o) => 'change' in o);
  if (index >= 0) {
    const output = plan.outputs[index] as { change: string; keep?: boolean };
    return { index, script: addressToScript(output.change, plan.network), keep: output.keep === true };
  }
  if (plan.funding !== undefined) return { index: plan.outputs.length, script: signerScript(plan.funding.signer), keep: false };
  return null;
}

function checkPlanShape(plan: TransactionPlan): void {
  if (!Number.isFinite(plan.feeRate) || plan.feeRate < 0) throw new TransactionPlanError('bad_fee_rate', `fee rate must be a non-negative number of sat/vB, got ${plan.feeRate}`);
  const nulldata = plan.outputs.filter((o) => 'nulldata' in o).length;
  if (nulldata > 1) throw new TransactionPlanError('too_many_nulldata', 'a transaction carries at most one OP_RETURN output');
  if (plan.outputs.filter((o) => 'change' in o).length > 1) throw new TransactionPlanError('too_many_change', 'a transaction has at most one change output');
  for (const input of plan.inputs ?? []) checkAmount(input.utxo.value, 'input value');
  for (const utxo of plan.funding?.utxos ?? []) checkAmount(utxo.value, 'input value');
}

/**
 * Builds and signs a transaction: outputs in the planned order, the fixed inputs first, then
 * funding inputs chosen largest-first until outputs and fee are covered, the fee being
 * ceil(vsize × feeRate) with every signature counted at its largest. Without an explicit change
 * output, change goes to the funding signer's own script, appended last.
 * Throws InsufficientFundsError or TransactionPlanError.
 */
export function buildTransaction(plan: TransactionPlan): BuiltTransaction {
  checkPlanShape(plan);
  const dustRate = plan.dustRelayFeeRate ?? DUST_RELAY_FEE_RATE;
  const change = resolveChange(plan);
  const payments = plan.outputs.filter((o) => !('change' in o)).map((o) => resolvePayment(o, plan, dustRate));
  const selection = selectCoins({
    fixed: plan.inputs ?? [],
    candidates: (plan.funding?.utxos ?? []).map((utxo) => ({ utxo, signer: plan.funding!.signer })),
    outputScripts: payments.map((p) => p.script),
    paid: payments.reduce((sum, p) => sum + p.value, 0),
    changeScript: change?.script ?? null,
    keepChange: change?.keep ?? false,
    feeRate: plan.feeRate,
    dustRelayFeeRate: dustRate,
  });
  const finalOutputs = [...payments];
  const changeIndex = selection.change !== null && change !== null ? change.index : null;
  if (changeIndex !== null) finalOutputs.splice(changeIndex, 0, { script: change!.script, value: selection.change! });
  const tx = assemble(plan, selection.inputs, finalOutputs);
  return { hex: tx.toHex(), txid: tx.getId(), fee: selection.fee, vsize: tx.virtualSize(), inputs: selection.inputs, changeIndex };
}

function assemble(plan: TransactionPlan, inputs: readonly SpendableOutput[], outputs: readonly ResolvedOutput[]): Transaction {
  const tx = new Transaction();
  tx.version = plan.version ?? DEFAULT_TX_VERSION;
  tx.locktime = plan.locktime ?? 0;
  for (const { utxo } of inputs) {
    if (!isHex(utxo.txid) || utxo.txid.length !== 64) throw new TransactionPlanError('bad_input', `bad txid ${utxo.txid}`);
    tx.addInput(hexToBytes(utxo.txid).reverse(), utxo.vout);
  }
  for (const output of outputs) tx.addOutput(output.script, BigInt(output.value));
  inputs.forEach(({ utxo, signer }, index) => signInput(tx, index, signer, hexToBytes(utxo.script), utxo.value));
  return tx;
}
