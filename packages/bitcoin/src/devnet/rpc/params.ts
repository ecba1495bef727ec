import { RPC_ERROR, RpcError } from './errors.js';

/**
 * Method signatures and argument checking as RPCHelpMan does it: named or positional
 * arguments, a usage error (the help text, code -1) for a wrong count, code -3 "Wrong type
 * passed" for mismatched JSON types, and bitcoind's messages for hashes and amounts.
 */

export type ParamType = 'number' | 'string' | 'bool' | 'array' | 'object' | 'amount' | 'any';

export interface ParamSpec {
  readonly name: string;
  readonly type: ParamType;
  readonly required?: boolean;
}

export interface MethodSpec<C> {
  readonly name: string;
  readonly params: readonly ParamSpec[];
  readonly description: string;
  readonly handler: (args: unknown[], context: C) => unknown;
}

/** uvTypeName */
function jsonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  return typeof value === 'object' ? 'object' : typeof value;
}

export function usage<C>(spec: MethodSpec<C>): string {
  const args = spec.params.map((p) => (p.required ? p.name : `( ${p.name} )`)).join(' ');
  return `${spec.name}${args ? ` ${args}` : ''}\n\n${spec.description}\n`;
}

function matches(type: ParamType, value: unknown): boolean {
  switch (type) {
    case 'any':
      return true;
    case 'amount':
      return typeof value === 'number' || typeof value === 'string';
    case 'bool':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}

/** Positional arguments from a request's params (array, object of named args, or absent). */
export function resolveArgs<C>(spec: MethodSpec<C>, params: unknown): unknown[] {
  let args: unknown[];
  if (params === undefined || params === null) {
    args = [];
  } else if (Array.isArray(params)) {
    args = [...params];
  } else {
    const named = params as Record<string, unknown>;
    args = [];
    for (const key of Object.keys(named)) {
      const position = spec.params.findIndex((p) => p.name === key);
      if (position < 0) throw new RpcError(RPC_ERROR.INVALID_PARAMETER, `Unknown named parameter ${key}`);
      args[position] = named[key];
    }
    for (let i = 0; i < args.length; i++) if (!(i in args)) args[i] = null;
  }
  const required = spec.params.filter((p) => p.required).length;
  if (args.length > spec.params.length || args.length < required) throw new RpcError(RPC_ERROR.MISC_ERROR, usage(spec));
  const mismatches: string[] = [];
  spec.params.forEach((param, i) => {
    const value = args[i];
    if ((value === undefined || value === null) && !param.required) return;
    if (!matches(param.type, value)) {
      const expected = param.type === 'amount' ? 'number' : param.type;
      mismatches.push(`    "Position ${i + 1} (${param.name})": "JSON value of type ${jsonTypeName(value)} is not of expected type ${expected}"`);
    }
  });
  if (mismatches.length) throw new RpcError(RPC_ERROR.TYPE_ERROR, `Wrong type passed:\n{\n${mismatches.join(',\n')}\n}`);
  return args;
}

/** ParseHashV: 64 hex digits. */
export function parseHash(value: unknown, name: string): string {
  const text = String(value);
  if (text.length !== 64) throw new RpcError(RPC_ERROR.INVALID_PARAMETER, `${name} must be of length 64 (not ${text.length}, for '${text}')`);
  if (!/^[0-9a-fA-F]{64}$/.test(text)) throw new RpcError(RPC_ERROR.INVALID_PARAMETER, `${name} must be hexadecimal string (not '${text}')`);
  return text.toLowerCase();
}

/** AmountFromValue: a BTC amount (number or string) to satoshis, at most 8 decimals. */
export function parseAmount(value: unknown): number {
  if (typeof value !== 'number' && typeof value !== 'string') throw new RpcError(RPC_ERROR.TYPE_ERROR, 'Amount is not a number or string');
  const text = typeof value === 'number' ? numberToPlain(value) : value;
  const match = /^(-?)(\d{1,10})(?:\.(\d{1,8}))?$/.exec(text);
  if (!match) throw new RpcError(RPC_ERROR.TYPE_ERROR, 'Invalid amount');
  const [, sign, whole, fraction = ''] = match as unknown as [string, string, string, string?];
  const satoshis = Number(whole) * 1e8 + Number(fraction.padEnd(8, '0'));
  const amount = sign ? -satoshis : satoshis;
  if (amount < 0 || amount > 21_000_000 * 1e8) throw new RpcError(RPC_ERROR.TYPE_ERROR, 'Amount out of range');
  return amount;
}

function numberToPlain(value: number): string {
  if (!Number.isFinite(value)) return 'NaN';
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(8).replace(/\.?0+$/, '') : text;
}

/** Integer argument, as UniValue::getInt<int> reads it. */
export function intArg(value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new RpcError(RPC_ERROR.TYPE_ERROR, 'JSON integer out of range');
  return value;
}

/** A verbosity argument that may be a number or a boolean (ParseVerbosity). */
export function verbosityArg(value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw new RpcError(RPC_ERROR.TYPE_ERROR, `JSON value of type ${jsonTypeName(value)} is not of expected type number`);
}

export function boolArg(value: unknown, fallback: boolean): boolean {
  return value === undefined || value === null ? fallback : Boolean(value);
}
