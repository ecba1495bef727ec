import { hashToAddress, NETWORKS, type LruCache } from '@bsk/crypto';
import { epochAt, type NetworkParams, type ScriptType } from '../params.js';
import { reject } from './bytes.js';
import { OPCODE_OF } from './encode.js';
import { OUTPUT_LAYOUTS, outputCountFits } from './layout.js';
import type { OperationType, Rejection } from './types.js';

/*
 * Reading an operation's parties from its transaction's outputs, as the reference's tx_extract
 * functions do (bns.md §1.2, §3.x "outputs"): the output count must fit, the leading outputs must
 * be of the epoch's allowed script types, and every output the operation reads must be a p2pkh or
 * p2sh script with an address.
 */

export interface TxOutputView {
  /** scriptPubKey, hex. */
  readonly script: string;
  /** Satoshis. */
  readonly value: number;
}

export interface AddressedOutput {
  readonly script: string;
  readonly address: string;
  readonly value: number;
}

/** The outputs an operation reads, by role (absent roles are null). */
export interface OperationOutputs {
  /** New owner / recipient (output 1 of registrations, renewals, transfers and imports). */
  readonly owner: AddressedOutput | null;
  /** NAMESPACE_REVEAL's reveal address (output 1). */
  readonly revealAddress: AddressedOutput | null;
  /** Preorder fee output (output 2): its address is the `burn_address`, its value the `op_fee`. */
  readonly burn: AddressedOutput | null;
  /** Renewal fee output (output 3). */
  readonly fee: AddressedOutput | null;
  /** NAME_IMPORT zone-file hash: the 20-byte hash of output 2's address, hex. */
  readonly zonefileHash: string | null;
}

/**
 * Addresses by output script (hex as given), kept across blocks by the engine: the same wallets
 * send and receive operation after operation, and each address is a base58check encoding. One
 * cache per network.
 */
export type ScriptAddressCache = LruCache<string, string | null>;

/**
 * Script classification of virtualchain `btc_script_classify`, as far as BNS can tell types apart.
 * Hex of either case; the checks are by character, as this runs for every input and output.
 */
export function classifyOutputScript(scriptHex: string): ScriptType | 'p2wpkh' | 'p2wsh' | 'other' {
  const length = scriptHex.length;
  if (length === 50 && startsWithHex(scriptHex, '76a914') && startsWithHex(scriptHex, '88ac', 46) && isHexBetween(scriptHex, 6, 46)) return 'p2pkh';
  if (length === 46 && startsWithHex(scriptHex, 'a914') && startsWithHex(scriptHex, '87', 44) && isHexBetween(scriptHex, 4, 44)) return 'p2sh';
  if (length === 44 && startsWithHex(scriptHex, '0014') && isHexBetween(scriptHex, 4, 44)) return 'p2wpkh';
  if (length === 68 && startsWithHex(scriptHex, '0020') && isHexBetween(scriptHex, 4, 68)) return 'p2wsh';
  if (startsWithHex(scriptHex, '6a')) return 'nulldata';
  return 'other';
}

/** Whether `text` has the lowercase hex `prefix` at `at`, in either case. */
function startsWithHex(text: string, prefix: string, at = 0): boolean {
  for (let i = 0; i < prefix.length; i++) {
    const code = text.charCodeAt(at + i);
    // Setting bit 0x20 lowercases A–F and leaves digits alone; check it only maps what it should.
    const lowered = code >= 0x41 && code <= 0x46 ? code | 0x20 : code;
    if (lowered !== prefix.charCodeAt(i)) return false;
  }
  return true;
}

/** Whether every character of `text` in [from, to) is a hex digit of either case. */
function isHexBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    const isDigit = code >= 0x30 && code <= 0x39;
    const isLetter = (code >= 0x61 && code <= 0x66) || (code >= 0x41 && code <= 0x46);
    if (!isDigit && !isLetter) return false;
  }
  return true;
}

/** `script_hex_to_address`: the base58check address of a p2pkh or p2sh script, else null. */
export function outputScriptAddress(params: NetworkParams, scriptHex: string, cache?: ScriptAddressCache): string | null {
  if (cache === undefined) return scriptAddress(params, scriptHex);
  let address = cache.get(scriptHex);
  if (address === undefined) {
    address = scriptAddress(params, scriptHex);
    cache.set(scriptHex, address);
  }
  return address;
}

function scriptAddress(params: NetworkParams, scriptHex: string): string | null {
  const network = NETWORKS[params.addressNetwork];
  const type = classifyOutputScript(scriptHex);
  if (type === 'p2pkh') return hashToAddress(scriptHex.slice(6, 46), network.p2pkh);
  if (type === 'p2sh') return hashToAddress(scriptHex.slice(4, 44), network.p2sh);
  return null;
}

export function readOperationOutputs(
  params: NetworkParams,
  height: number,
  type: OperationType,
  outputs: readonly TxOutputView[],
  addresses?: ScriptAddressCache,
): OperationOutputs | Rejection {
  const opcode = OPCODE_OF[type];
  if (!outputCountFits(type, outputs.length)) return reject(opcode, 'bad-outputs', `${type} cannot have ${outputs.length} outputs`);
  const layout = OUTPUT_LAYOUTS[type];
  const allowed: readonly string[] = epochAt(params, height).outputScriptTypes;
  const checked = Math.min(layout.typeChecked, outputs.length);
  for (let i = 0; i < checked; i++) {
    if (!allowed.includes(classifyOutputScript(outputs[i]!.script))) return reject(opcode, 'bad-outputs', 'an output script type is not allowed in this epoch');
  }
  const { reads } = layout;
  const owner = readOutput(params, outputs, reads.owner, addresses);
  const revealAddress = readOutput(params, outputs, reads['reveal-address'], addresses);
  const burn = readOutput(params, outputs, reads.burn, addresses);
  const fee = readOutput(params, outputs, reads.fee, addresses);
  const zonefile = readOutput(params, outputs, reads['zonefile-hash'], addresses);
  if (owner === undefined || revealAddress === undefined || burn === undefined || fee === undefined || zonefile === undefined) {
    return reject(opcode, 'bad-outputs', 'an output the operation reads has no address');
  }
  return { owner, revealAddress, burn, fee, zonefileHash: zonefile && hashOfScript(zonefile.script) };
}

/** The output at `index` with its address; null when the operation reads no such role, undefined when it has no address. */
function readOutput(params: NetworkParams, outputs: readonly TxOutputView[], index: number | undefined, addresses?: ScriptAddressCache): AddressedOutput | null | undefined {
  if (index === undefined) return null;
  const output = outputs[index]!;
  const address = outputScriptAddress(params, output.script, addresses);
  return address === null ? undefined : { script: output.script.toLowerCase(), address, value: output.value };
}

function hashOfScript(script: string): string {
  return classifyOutputScript(script) === 'p2pkh' ? script.slice(6, 46) : script.slice(4, 44);
}
