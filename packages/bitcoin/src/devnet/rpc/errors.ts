import { RPC_ERROR } from '../../rpc/codes.js';

/** An error answered to the RPC caller with bitcoind's code and message (JSONRPCError). */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export { RPC_ERROR };

/** RPC_TRANSACTION_ERROR / RPC_TRANSACTION_REJECTED / RPC_TRANSACTION_ALREADY_IN_CHAIN. */
export const TRANSACTION_ERROR = RPC_ERROR.VERIFY_ERROR;
export const TRANSACTION_REJECTED = RPC_ERROR.VERIFY_REJECTED;
export const TRANSACTION_ALREADY_IN_CHAIN = RPC_ERROR.VERIFY_ALREADY_IN_CHAIN;
