import { opcodes, script as bscript } from 'bitcoinjs-lib';
import { isUnspendable, parseScriptPrefix } from './chunks.js';
import { isDefinedHashtype, isValidSignatureEncoding } from './signature-encoding.js';

/** Opcode names as GetOpName prints them (src/script/script.cpp). */
const OP_NAMES: ReadonlyMap<number, string> = (() => {
  const names = new Map<number, string>();
  const skip = new Set(['OP_FALSE', 'OP_TRUE', 'OP_NOP2', 'OP_NOP3', 'OP_PUBKEYHASH', 'OP_PUBKEY']);
  for (const [name, code] of Object.entries(opcodes)) {
    // A numeric enum maps both ways; keep the name → code direction.
    if (typeof code === 'number' && !skip.has(name)) names.set(code, name);
  }
  names.set(opcodes.OP_0, '0');
  names.set(opcodes.OP_1NEGATE, '-1');
  for (let n = 1; n <= 16; n++) names.set(opcodes.OP_1 + n - 1, String(n));
  names.set(0xb1, 'OP_CHECKLOCKTIMEVERIFY');
  names.set(0xb2, 'OP_CHECKSEQUENCEVERIFY');
  names.set(0xba, 'OP_CHECKSIGADD');
  return names;
})();

const SIGHASH_NAMES: ReadonlyMap<number, string> = new Map([
  [0x01, 'ALL'],
  [0x81, 'ALL|ANYONECANPAY'],
  [0x02, 'NONE'],
  [0x82, 'NONE|ANYONECANPAY'],
  [0x03, 'SINGLE'],
  [0x83, 'SINGLE|ANYONECANPAY'],
]);

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

function pushToAsm(data: Uint8Array, attemptSighashDecode: boolean): string {
  if (data.length <= 4) return String(bscript.number.decode(data, 4, false));
  if (attemptSighashDecode && isValidSignatureEncoding(data) && isDefinedHashtype(data)) {
    const name = SIGHASH_NAMES.get(data[data.length - 1]!);
    if (name) return `${hex(data.subarray(0, data.length - 1))}[${name}]`;
  }
  return hex(data);
}

/**
 * ScriptToAsmStr (src/core_write.cpp): small pushes as numbers, opcodes by name, and for
 * scriptSigs the signatures' sighash byte spelled out as "[ALL]".
 */
export function scriptToAsm(script: Uint8Array, attemptSighashDecode = false): string {
  const decodeSighash = attemptSighashDecode && !isUnspendable(script);
  const { chunks, complete } = parseScriptPrefix(script);
  const parts = chunks.map((c) => (c.data ? pushToAsm(c.data, decodeSighash) : (OP_NAMES.get(c.op) ?? 'OP_UNKNOWN')));
  if (!complete) parts.push('[error]');
  return parts.join(' ');
}
