/** Coin selection could not cover the outputs and the fee with the spendable outputs given. */
export class InsufficientFundsError extends Error {
  readonly code = 'insufficient_funds';
  /** Satoshis the transaction needs (outputs + fee at the smallest size that could work). */
  readonly needed: number;
  /** Satoshis the given inputs hold together. */
  readonly available: number;
  constructor(needed: number, available: number) {
    super(`insufficient funds: need ${needed} satoshis, have ${available}`);
    this.name = 'InsufficientFundsError';
    this.needed = needed;
    this.available = available;
  }
}

/** A transaction plan that cannot be built as asked (bad output, dust, wrong key for an input, …). */
export class TransactionPlanError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'TransactionPlanError';
    this.code = code;
  }
}
