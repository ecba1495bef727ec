import { RPC_ERROR } from './codes.js';

/**
 * Errors of the bitcoind JSON-RPC client, one class per family. Every error carries the RPC
 * `method`, and errors that bitcoind itself returned carry its `code` and `rpcMessage`
 * (src/rpc/protocol.h), so callers can branch on families with `instanceof` and on details by code.
 */
export class RpcError extends Error {
  /** bitcoind's error code, or null when the failure happened before bitcoind answered. */
  readonly code: number | null;
  readonly method: string;
  /** bitcoind's own message (without the method prefix this error's message adds). */
  readonly rpcMessage: string;
  constructor(method: string, code: number | null, rpcMessage: string, options?: { cause?: unknown }) {
    super(`${method}: ${rpcMessage}${code === null ? '' : ` (code ${code})`}`, options);
    this.name = new.target.name;
    this.method = method;
    this.code = code;
    this.rpcMessage = rpcMessage;
  }
}

/** The node could not be reached or the connection broke (refused, reset, DNS). Transient. */
export class RpcConnectionError extends RpcError {
  constructor(method: string, message: string, cause?: unknown) {
    super(method, null, message, { cause });
  }
}

/** No answer within the client's timeout. */
export class RpcTimeoutError extends RpcError {
  constructor(method: string, readonly timeoutMs: number) {
    super(method, null, `no answer within ${timeoutMs} ms`);
  }
}

/** HTTP 401/403: wrong user/password or cookie (bitcoind answers with an empty body). */
export class RpcAuthError extends RpcError {
  constructor(method: string, readonly status: number) {
    super(method, null, `authorization failed (HTTP ${status}); check rpcuser/rpcpassword or the .cookie file`);
  }
}

/** An HTTP answer that is not a JSON-RPC reply (e.g. 503 "work queue depth exceeded"). */
export class RpcHttpError extends RpcError {
  constructor(method: string, readonly status: number, body: string) {
    super(method, null, `HTTP ${status}${body.trim() === '' ? '' : `: ${body.trim().slice(0, 200)}`}`);
  }
}

/** JSON-RPC level: parse error, invalid request, method not found, invalid params, internal error. */
export class RpcRequestError extends RpcError {}

/** -3 type error, -8 invalid parameter (e.g. "Block height out of range"). */
export class RpcInvalidParameterError extends RpcError {}

/** -5: unknown address, key, block or transaction ("No such mempool or blockchain transaction"). */
export class RpcNotFoundError extends RpcError {}

/** -22: a raw transaction or block that does not decode. */
export class RpcDeserializationError extends RpcError {}

/** -25 verify error, -26 rejected by policy or consensus, -27 already in the chain. */
export class RpcVerifyError extends RpcError {
  get alreadyInChain(): boolean {
    return this.code === RPC_ERROR.VERIFY_ALREADY_IN_CHAIN;
  }
}

/** -28: the node is still starting up (loading blocks, verifying). Transient. */
export class RpcWarmupError extends RpcError {}

/** Wallet errors (-4, -6, -18 and the other wallet codes -11…-19, -35, -36). */
export class RpcWalletError extends RpcError {}

/** Anything else bitcoind reports (-1 misc, -7 out of memory, -20 database, -32 deprecated, …). */
export class RpcMiscError extends RpcError {}

const WALLET_CODES = new Set([-4, -6, -11, -12, -13, -14, -15, -16, -17, -18, -19, -35, -36]);

/** The typed error for an RPC error object `{code, message}` that bitcoind returned for `method`. */
export function rpcErrorFromReply(method: string, code: number, message: string): RpcError {
  if (code <= -32000 && code >= -32768) return new RpcRequestError(method, code, message);
  switch (code) {
    case RPC_ERROR.TYPE_ERROR:
    case RPC_ERROR.INVALID_PARAMETER:
      return new RpcInvalidParameterError(method, code, message);
    case RPC_ERROR.INVALID_ADDRESS_OR_KEY:
      return new RpcNotFoundError(method, code, message);
    case RPC_ERROR.DESERIALIZATION_ERROR:
      return new RpcDeserializationError(method, code, message);
    case RPC_ERROR.VERIFY_ERROR:
    case RPC_ERROR.VERIFY_REJECTED:
    case RPC_ERROR.VERIFY_ALREADY_IN_CHAIN:
      return new RpcVerifyError(method, code, message);
    case RPC_ERROR.IN_WARMUP:
      return new RpcWarmupError(method, code, message);
    default:
      return WALLET_CODES.has(code) ? new RpcWalletError(method, code, message) : new RpcMiscError(method, code, message);
  }
}

/** Failures worth retrying: the node is unreachable, overloaded, or warming up. */
export function isTransient(error: unknown): boolean {
  return error instanceof RpcConnectionError || error instanceof RpcWarmupError || (error instanceof RpcHttpError && error.status >= 500);
}
