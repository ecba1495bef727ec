import { dustThreshold } from './dust.js';
import { InsufficientFundsError } from './errors.js';
import type { SpendableOutput } from './plan.js';
import { estimateVsize } from './size.js';

export interface SelectionRequest {
  /** Inputs spent whatever happens, in order. */
  readonly fixed: readonly SpendableOutput[];
  /** Candidates, tried largest first. */
  readonly candidates: readonly SpendableOutput[];
  /** Scripts of every output except change. */
  readonly outputScripts: readonly Uint8Array[];
  /** Satoshis those outputs pay. */
  readonly paid: number;
  /** Change script, or null when the plan has no change output. */
  readonly changeScript: Uint8Array | null;
  /** Keep the change output even when that means spending more inputs. */
  readonly keepChange: boolean;
  readonly feeRate: number;
  readonly dustRelayFeeRate: number;
}

export interface Selection {
  readonly inputs: readonly SpendableOutput[];
  readonly fee: number;
  /** Change value, or null when the change output is omitted. */
  readonly change: number | null;
}

/** Candidates by value, largest first; ties by txid then output index, so selection is deterministic. */
export function largestFirst(candidates: readonly SpendableOutput[]): SpendableOutput[] {
  return [...candidates].sort(
    (a, b) => b.utxo.value - a.utxo.value || (a.utxo.txid < b.utxo.txid ? -1 : a.utxo.txid > b.utxo.txid ? 1 : 0) || a.utxo.vout - b.utxo.vout,
  );
}

function feeFor(inputs: readonly SpendableOutput[], scripts: readonly Uint8Array[], feeRate: number): number {
  return Math.ceil(estimateVsize(inputs.map((input) => input.signer), scripts) * feeRate);
}

/**
 * Largest-first coin selection. After each added input it checks whether the inputs cover the
 * outputs and the fee: with a change output when the change would not be dust, without one
 * (the remainder going to the fee) when change is optional.
 */
export function selectCoins(request: SelectionRequest): Selection {
  const chosen: SpendableOutput[] = [...request.fixed];
  const queue = largestFirst(request.candidates.filter((c) => !request.fixed.some((f) => f.utxo.txid === c.utxo.txid && f.utxo.vout === c.utxo.vout)));
  let total = chosen.reduce((sum, input) => sum + input.utxo.value, 0);
  for (;;) {
    if (chosen.length > 0) {
      const outcome = settle(request, chosen, total);
      if (outcome !== null) return outcome;
    }
    const next = queue.shift();
    if (next === undefined) break;
    chosen.push(next);
    total += next.utxo.value;
  }
  throw new InsufficientFundsError(minimumNeeded(request, chosen), total);
}

/** What the chosen inputs would have had to hold: outputs, fee, and kept change at the dust limit. */
function minimumNeeded(request: SelectionRequest, chosen: readonly SpendableOutput[]): number {
  if (request.keepChange && request.changeScript !== null) {
    const fee = feeFor(chosen, [...request.outputScripts, request.changeScript], request.feeRate);
    return request.paid + fee + dustThreshold(request.changeScript, request.dustRelayFeeRate);
  }
  return request.paid + feeFor(chosen, request.outputScripts, request.feeRate);
}

function settle(request: SelectionRequest, chosen: readonly SpendableOutput[], total: number): Selection | null {
  if (request.changeScript !== null) {
    const fee = feeFor(chosen, [...request.outputScripts, request.changeScript], request.feeRate);
    const change = total - request.paid - fee;
    if (change >= dustThreshold(request.changeScript, request.dustRelayFeeRate)) return { inputs: [...chosen], fee, change };
    if (request.keepChange) return null;
  }
  const fee = feeFor(chosen, request.outputScripts, request.feeRate);
  if (total - request.paid < fee) return null;
  return { inputs: [...chosen], fee: total - request.paid, change: null };
}
