import { concatBytes } from '../bytes.js';
import { invalid } from '../errors.js';

/*
 * The little Bitcoin script a subdomain signature is: a scriptSig of data pushes
 * (bns.md §8.1, §8.2). Reading follows virtualchain's `btc_script_deserialize`: pushes
 * become bytes (cut short, not rejected, when the script ends early), OP_0 becomes null,
 * OP_1NEGATE/OP_RESERVED/OP_1…OP_16 become the numbers -1, 0, 1…16, other opcodes their
 * byte value.
 */

export type ScriptItem = Uint8Array | number | null;

const OP_PUSHDATA1 = 0x4c;
const OP_PUSHDATA2 = 0x4d;
const OP_PUSHDATA4 = 0x4e;
const OP_1 = 0x51;
const OP_16 = 0x60;
export const OP_CHECKMULTISIG = 0xae;

function littleEndian(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.length - 1; i >= 0; i--) n = n * 256 + (bytes[i] as number);
  return n;
}

export function readScript(script: Uint8Array): ScriptItem[] {
  const items: ScriptItem[] = [];
  let at = 0;
  while (at < script.length) {
    const code = script[at] as number;
    if (code === 0) {
      items.push(null);
      at += 1;
    } else if (code < OP_PUSHDATA1) {
      items.push(script.subarray(at + 1, at + 1 + code));
      at += 1 + code;
    } else if (code <= OP_PUSHDATA4) {
      const width = 2 ** (code - OP_PUSHDATA1);
      const size = littleEndian(script.subarray(at + 1, at + 1 + width));
      items.push(script.subarray(at + 1 + width, at + 1 + width + size));
      at += 1 + width + size;
    } else if (code <= OP_16) {
      items.push(code - 0x50);
      at += 1;
    } else {
      items.push(code);
      at += 1;
    }
  }
  return items;
}

/** Minimal push of one data item (direct up to 75 bytes, then PUSHDATA1/2). */
export function pushData(data: Uint8Array): Uint8Array {
  const n = data.length;
  if (n < OP_PUSHDATA1) return concatBytes(Uint8Array.of(n), data);
  if (n <= 0xff) return concatBytes(Uint8Array.of(OP_PUSHDATA1, n), data);
  if (n <= 0xffff) return concatBytes(Uint8Array.of(OP_PUSHDATA2, n & 0xff, n >> 8), data);
  return invalid('bad_script', 'push too large');
}

/** OP_1…OP_16 for a small number. */
export function smallNumberOpcode(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 16) invalid('bad_script', 'expected a number from 1 to 16');
  return OP_1 - 1 + n;
}
