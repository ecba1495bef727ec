/**
 * Why a transaction was refused, as bitcoind's TxValidationState carries it: a result class
 * (which decides the RPC error code), the reject reason, and an optional debug message.
 */
export type TxResult =
  | 'consensus'
  | 'not-standard'
  | 'missing-inputs'
  | 'premature-spend'
  | 'conflict'
  | 'mempool-policy'
  | 'reconsiderable'
  | 'input-not-standard'
  | 'witness-mutated';

export class TxRejection {
  constructor(
    readonly result: TxResult,
    readonly reason: string,
    readonly debug = '',
  ) {}

  /** TxValidationState::ToString: "reason" or "reason, debug". */
  toString(): string {
    return this.debug ? `${this.reason}, ${this.debug}` : this.reason;
  }
}

/** FormatMoney: BTC with at least two decimals and trailing zeros trimmed. */
export function formatMoney(satoshis: number): string {
  const sign = satoshis < 0 ? '-' : '';
  const abs = Math.abs(satoshis);
  let text = `${sign}${Math.floor(abs / 1e8)}.${String(abs % 1e8).padStart(8, '0')}`;
  while (text.endsWith('0') && text[text.length - 3] !== '.') text = text.slice(0, -1);
  return text;
}
