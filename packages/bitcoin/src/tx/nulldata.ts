import { bytesToHex, hexToBytes } from '@bsk/crypto';
import { decodeScript, OP } from './script.js';
import type { ParsedOutput } from './types.js';

/**
 * The data of a script of the exact form `OP_RETURN <one data push>` (bns.md §1.1), or null.
 * `OP_RETURN` alone, a non-push token after it, more than one push, or a truncated push give null.
 */
export function nulldataPayload(script: Uint8Array): Uint8Array | null {
  if (script.length === 0 || script[0] !== OP.OP_RETURN) return null;
  const tokens = decodeScript(script.subarray(1));
  if (tokens === null || tokens.length !== 1) return null;
  return tokens[0]!.data ?? null;
}

/**
 * The OP_RETURN data of a transaction as the naming protocol reads it: every output of the exact
 * form above counts and the last one wins (bns.md §1.1); null when there is none. Only scripts
 * whose hex starts with OP_RETURN (`6a`, either case) are decoded: the others cannot qualify, and
 * the indexer asks this of every transaction.
 */
export function transactionNulldataBytes(outputs: readonly Pick<ParsedOutput, 'script'>[]): Uint8Array | null {
  let found: Uint8Array | null = null;
  for (const { script } of outputs) {
    if (script.charCodeAt(0) !== 0x36 || (script.charCodeAt(1) | 0x20) !== 0x61) continue; // "6a" or "6A"
    const data = nulldataPayload(hexToBytes(script));
    if (data !== null) found = data;
  }
  return found;
}

/** transactionNulldataBytes as hex. */
export function transactionNulldata(outputs: readonly Pick<ParsedOutput, 'script'>[]): string | null {
  const data = transactionNulldataBytes(outputs);
  return data === null ? null : bytesToHex(data);
}
