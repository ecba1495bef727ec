import { RpcAuth, type RpcCredentials } from './auth.js';
import { isTransient, RpcAuthError, RpcConnectionError, RpcHttpError, RpcRequestError, RpcTimeoutError, rpcErrorFromReply, type RpcError } from './errors.js';

export interface RpcTransportOptions {
  /** e.g. http://127.0.0.1:18443/ (bitcoind's regtest port) */
  readonly url: string;
  readonly credentials?: RpcCredentials;
  /** Per HTTP request (default 30 s). */
  readonly timeoutMs?: number;
  /** Retries after a transient failure (default 4). */
  readonly retries?: number;
  /** First backoff delay; it doubles on each retry (default 100 ms). */
  readonly backoffMs?: number;
  /** Largest backoff delay (default 5 s). */
  readonly maxBackoffMs?: number;
}

export interface RpcCall {
  readonly method: string;
  readonly params: readonly unknown[];
}

/** The outcome of one call of a batch. */
export type RpcOutcome<T = unknown> = { readonly ok: true; readonly result: T } | { readonly ok: false; readonly error: RpcError };

interface Reply {
  readonly result?: unknown;
  readonly error?: { readonly code?: unknown; readonly message?: unknown } | null;
  readonly id?: unknown;
}

/**
 * JSON-RPC 1.0 over HTTP POST, as bitcoin-cli speaks it: single calls and batches (a JSON array,
 * answered by an array), HTTP basic auth, a timeout per request, and retries with exponential
 * backoff for transient failures (unreachable node, HTTP 5xx without an RPC reply, -28 warmup).
 */
export class RpcTransport {
  private readonly auth: RpcAuth;
  private nextId = 1;

  constructor(private readonly options: RpcTransportOptions) {
    this.auth = new RpcAuth(options.credentials);
  }

  async call<T = unknown>(method: string, params: readonly unknown[] = []): Promise<T> {
    return this.withRetries(method, async () => {
      const id = this.nextId++;
      const body = await this.post(method, { jsonrpc: '1.0', id, method, params });
      const reply = body.json as Reply | null;
      if (reply === null || typeof reply !== 'object' || Array.isArray(reply)) throw new RpcHttpError(method, body.status, body.text);
      if (reply.error !== null && reply.error !== undefined) throw replyError(method, reply.error);
      if (body.status !== 200 || !('result' in reply)) throw new RpcHttpError(method, body.status, body.text);
      return reply.result as T;
    });
  }

  /**
   * Sends all calls in one HTTP request. Each call succeeds or fails on its own; the batch as a
   * whole is retried on transient failures, including any call answering -28 (warming up).
   */
  async batch(calls: readonly RpcCall[]): Promise<RpcOutcome[]> {
    if (calls.length === 0) return [];
    const label = `batch(${calls[0]!.method}${calls.length > 1 ? `, … ×${calls.length}` : ''})`;
    return this.withRetries(label, async () => {
      const first = this.nextId;
      this.nextId += calls.length;
      const body = await this.post(label, calls.map((call, i) => ({ jsonrpc: '1.0', id: first + i, method: call.method, params: call.params })));
      if (!Array.isArray(body.json)) {
        const reply = body.json as Reply | null;
        if (reply !== null && typeof reply === 'object' && reply.error) throw replyError(label, reply.error);
        throw new RpcHttpError(label, body.status, body.text);
      }
      const byId = new Map<unknown, Reply>();
      for (const reply of body.json as Reply[]) if (reply !== null && typeof reply === 'object') byId.set(reply.id, reply);
      const outcomes = calls.map((call, i): RpcOutcome => {
        const reply = byId.get(first + i);
        if (reply === undefined) return { ok: false, error: new RpcRequestError(call.method, null, 'no reply in the batch answer') };
        if (reply.error !== null && reply.error !== undefined) return { ok: false, error: replyError(call.method, reply.error) };
        return { ok: true, result: reply.result };
      });
      const warming = outcomes.find((o) => !o.ok && isTransient(o.error));
      if (warming !== undefined && !warming.ok) throw warming.error;
      return outcomes;
    });
  }

  private async withRetries<T>(method: string, attempt: () => Promise<T>): Promise<T> {
    const retries = this.options.retries ?? 4;
    let delay = this.options.backoffMs ?? 100;
    for (let tried = 0; ; tried++) {
      try {
        return await attempt();
      } catch (error) {
        if (error instanceof RpcAuthError && this.auth.usesCookie && tried === 0) {
          // bitcoind writes a new cookie at every start: read it again once.
          this.auth.refresh();
          continue;
        }
        if (!isTransient(error) || tried >= retries) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, this.options.maxBackoffMs ?? 5_000);
      }
    }
  }

  private async post(method: string, payload: unknown): Promise<{ status: number; text: string; json: unknown }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    let authorization: string | null;
    try {
      authorization = await this.auth.authorization();
    } catch (error) {
      throw new RpcConnectionError(method, `cannot read credentials: ${(error as Error).message}`, error);
    }
    if (authorization !== null) headers.authorization = authorization;
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    let response: Response;
    let text: string;
    try {
      response = await fetch(this.options.url, { method: 'POST', headers, body: JSON.stringify(payload), signal: AbortSignal.timeout(timeoutMs) });
      text = await response.text();
    } catch (error) {
      if (isAbort(error)) throw new RpcTimeoutError(method, timeoutMs);
      throw new RpcConnectionError(method, describeNetworkError(error), error);
    }
    if (response.status === 401 || response.status === 403) throw new RpcAuthError(method, response.status);
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: response.status, text, json };
  }
}

function replyError(method: string, error: { readonly code?: unknown; readonly message?: unknown }): RpcError {
  const code = typeof error.code === 'number' ? error.code : -1;
  return rpcErrorFromReply(method, code, typeof error.message === 'string' ? error.message : JSON.stringify(error));
}

function isAbort(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code !== undefined) return `${cause.code}${cause.message ? `: ${cause.message}` : ''}`;
  return (error as Error).message ?? String(error);
}
