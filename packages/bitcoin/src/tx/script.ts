import { InvalidInputError } from '@bsk/crypto';

/** Opcodes this package reasons about (Bitcoin's script.h). */
export const OP = Object.freeze({
  OP_0: 0x00,
  OP_PUSHDATA1: 0x4c,
  OP_PUSHDATA2: 0x4d,
  OP_PUSHDATA4: 0x4e,
  OP_1: 0x51,
  OP_16: 0x60,
  OP_RETURN: 0x6a,
  OP_DUP: 0x76,
  OP_EQUAL: 0x87,
  OP_EQUALVERIFY: 0x88,
  OP_HASH160: 0xa9,
  OP_CHECKSIG: 0xac,
  OP_CHECKMULTISIG: 0xae,
} as const);

/**
 * One element of a script: an opcode, and for push opcodes (0x00–0x4e) the bytes it pushes.
 * `OP_0` is a push of zero bytes, as bitcoind's interpreter treats it.
 */
export interface ScriptToken {
  readonly opcode: number;
  readonly data?: Uint8Array;
}

/**
 * Splits a script into tokens exactly as bitcoind's `GetScriptOp` reads it, without rewriting
 * minimal pushes into small-number opcodes (bitcoinjs `decompile` does that, which would hide
 * what the bytes really say). Returns null when a push runs past the end of the script.
 */
export function decodeScript(script: Uint8Array): ScriptToken[] | null {
  const tokens: ScriptToken[] = [];
  let offset = 0;
  while (offset < script.length) {
    const opcode = script[offset++]!;
    if (opcode > OP.OP_PUSHDATA4) {
      tokens.push({ opcode });
      continue;
    }
    let size: number;
    if (opcode < OP.OP_PUSHDATA1) {
      size = opcode;
    } else {
      const width = opcode === OP.OP_PUSHDATA1 ? 1 : opcode === OP.OP_PUSHDATA2 ? 2 : 4;
      if (offset + width > script.length) return null;
      size = 0;
      for (let i = width - 1; i >= 0; i--) size = size * 256 + script[offset + i]!;
      offset += width;
    }
    if (offset + size > script.length) return null;
    tokens.push({ opcode, data: script.subarray(offset, offset + size) });
    offset += size;
  }
  return tokens;
}

/** The data of every token when all of them are pushes (a standard scriptSig), else null. */
export function pushedData(script: Uint8Array): Uint8Array[] | null {
  const tokens = decodeScript(script);
  if (tokens === null) return null;
  const data: Uint8Array[] = [];
  for (const token of tokens) {
    if (token.data === undefined) return null;
    data.push(token.data);
  }
  return data;
}

/** Minimal push of `data` (bitcoind's `CScript << data` for non-empty data). */
export function encodePush(data: Uint8Array): Uint8Array {
  const n = data.length;
  let header: number[];
  if (n < OP.OP_PUSHDATA1) header = [n];
  else if (n <= 0xff) header = [OP.OP_PUSHDATA1, n];
  else if (n <= 0xffff) header = [OP.OP_PUSHDATA2, n & 0xff, n >> 8];
  else throw new InvalidInputError('push_too_large', 'pushes above 65535 bytes are not supported');
  const out = new Uint8Array(header.length + n);
  out.set(header, 0);
  out.set(data, header.length);
  return out;
}

/** The small-number opcode for 1..16 (OP_1..OP_16). */
export function smallNumberOpcode(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new InvalidInputError('bad_number', `${n} is not a small number (1..16)`);
  return OP.OP_1 + n - 1;
}

/** 1..16 for OP_1..OP_16, else null. */
export function decodeSmallNumber(opcode: number): number | null {
  return opcode >= OP.OP_1 && opcode <= OP.OP_16 ? opcode - OP.OP_1 + 1 : null;
}
