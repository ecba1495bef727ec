import type { RpcContext, RpcMethod } from './context.js';
import { RPC_ERROR, RpcError } from './errors.js';
import { resolveArgs } from './params.js';

/**
 * JSON-RPC request handling as bitcoind does it (src/rpc/request.cpp JSONRPCRequest::parse,
 * src/httprpc.cpp): legacy 1.0 replies always carry result, error and id; "jsonrpc":"2.0"
 * requests get 2.0 replies, and notifications (no id) get none.
 */

export interface RpcReply {
  /** The reply object, or undefined for a JSON-RPC 2.0 notification. */
  readonly body?: Record<string, unknown>;
  readonly error?: { code: number; message: string };
  readonly legacy: boolean;
}

interface ParsedRequest {
  readonly id: RequestId;
  readonly legacy: boolean;
  readonly notification: boolean;
  readonly method: string;
  readonly params: unknown;
}

/** The request's id, absent (undefined) when it has no "id" member: then the reply has none either. */
type RequestId = { readonly value: unknown } | undefined;

/** JSONRPCReplyObj (v28): 1.0 replies carry result and error, 2.0 only the one that applies. */
function reply(result: unknown, error: { code: number; message: string } | null, id: RequestId, legacy: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = legacy ? { result: error ? null : result, error } : error ? { jsonrpc: '2.0', error } : { jsonrpc: '2.0', result };
  if (id) body.id = id.value ?? null;
  return body;
}

function requestId(value: unknown): RequestId {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('id' in value)) return undefined;
  return { value: (value as { id: unknown }).id };
}

function parseRequest(value: unknown): ParsedRequest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RpcError(RPC_ERROR.INVALID_REQUEST, 'Invalid Request object');
  }
  const request = value as Record<string, unknown>;
  let legacy = true;
  if ('jsonrpc' in request && request.jsonrpc !== null) {
    if (typeof request.jsonrpc !== 'string') throw new RpcError(RPC_ERROR.INVALID_REQUEST, 'jsonrpc field must be a string');
    if (request.jsonrpc === '2.0') legacy = false;
    else if (request.jsonrpc !== '1.0' && request.jsonrpc !== '1.1') throw new RpcError(RPC_ERROR.INVALID_REQUEST, 'JSON-RPC version not supported');
  }
  const method = request.method;
  if (method === undefined || method === null) throw new RpcError(RPC_ERROR.INVALID_REQUEST, 'Missing method');
  if (typeof method !== 'string') throw new RpcError(RPC_ERROR.INVALID_REQUEST, 'Method must be a string');
  const params = request.params;
  if (params !== undefined && params !== null && typeof params !== 'object') {
    throw new RpcError(RPC_ERROR.INVALID_REQUEST, 'Params must be an array or object');
  }
  return { id: requestId(request), legacy, notification: !legacy && !('id' in request), method, params };
}

export class RpcDispatcher {
  private readonly methods: ReadonlyMap<string, RpcMethod>;

  constructor(
    methods: readonly RpcMethod[],
    private readonly context: RpcContext,
    private readonly onInternalError: (error: unknown) => void = () => {},
  ) {
    this.methods = new Map(methods.map((m) => [m.name, m]));
  }

  get methodNames(): string[] {
    return [...this.methods.keys()].sort();
  }

  /**
   * Executes one request object; never throws. A request that does not parse is answered in
   * the 1.0 shape when alone (HTTP status by code), in its own version inside a batch.
   */
  execute(value: unknown, inBatch = false): RpcReply {
    const id = requestId(value);
    let parsed: ParsedRequest;
    try {
      parsed = parseRequest(value);
    } catch (e) {
      const error = toError(e, this.onInternalError);
      const legacy = !inBatch || (value as { jsonrpc?: unknown } | null)?.jsonrpc !== '2.0';
      return { body: reply(null, error, id, legacy), error, legacy };
    }
    try {
      const method = this.methods.get(parsed.method);
      if (!method) throw new RpcError(RPC_ERROR.METHOD_NOT_FOUND, 'Method not found');
      const args = resolveArgs(method, parsed.params);
      const result = method.handler(args, this.context);
      return parsed.notification ? { legacy: false } : { body: reply(result ?? null, null, parsed.id, parsed.legacy), legacy: parsed.legacy };
    } catch (e) {
      const error = toError(e, this.onInternalError);
      return parsed.notification ? { legacy: false, error } : { body: reply(null, error, parsed.id, parsed.legacy), error, legacy: parsed.legacy };
    }
  }
}

function toError(e: unknown, onInternalError: (error: unknown) => void): { code: number; message: string } {
  if (e instanceof RpcError) return { code: e.code, message: e.message };
  onInternalError(e);
  return { code: RPC_ERROR.MISC_ERROR, message: e instanceof Error ? e.message : String(e) };
}
