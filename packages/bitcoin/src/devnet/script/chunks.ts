import { opcodes } from 'bitcoinjs-lib';

/** One script element as the interpreter sees it: an opcode, with the data it pushes if any. */
export interface Chunk {
  readonly op: number;
  readonly data?: Uint8Array;
}

export const OP = opcodes;

/**
 * Splits a script into opcodes and pushes exactly as written (CScript::GetOp): unlike
 * bitcoinjs-lib's `decompile`, pushes are not rewritten into small-integer opcodes, which the
 * asm printer needs. Returns null when a push runs past the end of the script.
 */
export function parseScript(script: Uint8Array): Chunk[] | null {
  const { chunks, complete } = parseScriptPrefix(script);
  return complete ? chunks : null;
}

/** The chunks before the first malformed push, and whether the whole script parsed. */
export function parseScriptPrefix(script: Uint8Array): { chunks: Chunk[]; complete: boolean } {
  const chunks: Chunk[] = [];
  let i = 0;
  while (i < script.length) {
    const op = script[i++]!;
    if (op > OP.OP_PUSHDATA4) {
      chunks.push({ op });
      continue;
    }
    let size = op;
    if (op === OP.OP_PUSHDATA1) {
      if (i + 1 > script.length) return { chunks, complete: false };
      size = script[i]!;
      i += 1;
    } else if (op === OP.OP_PUSHDATA2) {
      if (i + 2 > script.length) return { chunks, complete: false };
      size = script[i]! | (script[i + 1]! << 8);
      i += 2;
    } else if (op === OP.OP_PUSHDATA4) {
      if (i + 4 > script.length) return { chunks, complete: false };
      size = (script[i]! | (script[i + 1]! << 8) | (script[i + 2]! << 16) | (script[i + 3]! << 24)) >>> 0;
      i += 4;
    }
    if (i + size > script.length) return { chunks, complete: false };
    chunks.push({ op, data: script.subarray(i, i + size) });
    i += size;
  }
  return { chunks, complete: true };
}

/** CScript::IsPushOnly: OP_RESERVED and above are not pushes. */
export function isPushOnly(chunks: readonly Chunk[]): boolean {
  return chunks.every((c) => c.op <= OP.OP_16);
}

/** The small integer an OP_0/OP_1..OP_16 opcode stands for, or undefined. */
export function smallInt(op: number): number | undefined {
  if (op === OP.OP_0) return 0;
  if (op >= OP.OP_1 && op <= OP.OP_16) return op - (OP.OP_1 - 1);
  return undefined;
}

/** Witness program detection (CScript::IsWitnessProgram): version opcode + one 2..40-byte push. */
export function witnessProgram(script: Uint8Array): { version: number; program: Uint8Array } | null {
  if (script.length < 4 || script.length > 42) return null;
  const op = script[0]!;
  if (op !== OP.OP_0 && (op < OP.OP_1 || op > OP.OP_16)) return null;
  if (script[1]! + 2 !== script.length) return null;
  return { version: smallInt(op)!, program: script.subarray(2) };
}

export function isP2SH(script: Uint8Array): boolean {
  return script.length === 23 && script[0] === OP.OP_HASH160 && script[1] === 0x14 && script[22] === OP.OP_EQUAL;
}

/** Outputs nobody can spend never enter the UTXO set (CScript::IsUnspendable). */
export function isUnspendable(script: Uint8Array): boolean {
  return (script.length > 0 && script[0] === OP.OP_RETURN) || script.length > 10_000;
}
