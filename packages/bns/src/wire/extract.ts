import { hashToAddress, NETWORKS } from '@bsk/crypto';
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

/** Script classification of virtualchain `btc_script_classify`, as far as BNS can tell types apart. */
export function classifyOutputScript(scriptHex: string): ScriptType | 'p2wpkh' | 'p2wsh' | 'other' {
  const script = scriptHex.toLowerCase();
  if (/^76a914[0-9a-f]{40}88ac$/.test(script)) return 'p2pkh';
  if (/^a914[0-9a-f]{40}87$/.test(script)) return 'p2sh';
  if (/^0014[0-9a-f]{40}$/.test(script)) return 'p2wpkh';
  if (/^0020[0-9a-f]{64}$/.test(script)) return 'p2wsh';
  if (script.startsWith('6a')) return 'nulldata';
  return 'other';
}

/** `script_hex_to_address`: the base58check address of a p2pkh or p2sh script, else null. */
export function outputScriptAddress(params: NetworkParams, scriptHex: string): string | null {
  const network = NETWORKS[params.addressNetwork];
  const type = classifyOutputScript(scriptHex);
  if (type === 'p2pkh') return hashToAddress(scriptHex.slice(6, 46), network.p2pkh);
  if (type === 'p2sh') return hashToAddress(scriptHex.slice(4, 44), network.p2sh);
  return null;
}

export function readOperationOutputs(params: NetworkParams, height: number, type: OperationType, outputs: readonly TxOutputView[]): OperationOutputs | Rejection {
  const opcode = OPCODE_OF[type];
  if (!outputCountFits(type, outputs.length)) return reject(opcode, 'bad-outputs', `${type} cannot have ${outputs.length} outputs`);
  const layout = OUTPUT_LAYOUTS[type];
  const allowed: readonly string[] = epochAt(params, height).outputScriptTypes;
  for (const output of outputs.slice(0, layout.typeChecked)) {
    if (!allowed.includes(classifyOutputScript(output.script))) return reject(opcode, 'bad-outputs', 'an output script type is not allowed in this epoch');
  }
  const read = (index: number | undefined): AddressedOutput | null | undefined => {
    if (index === undefined) return null;
    const output = outputs[index]!;
    const address = outputScriptAddress(params, output.script);
    return address === null ? undefined : { script: output.script.toLowerCase(), address, value: output.value };
  };
  const { reads } = layout;
  const owner = read(reads.owner);
  const revealAddress = read(reads['reveal-address']);
  const burn = read(reads.burn);
  const fee = read(reads.fee);
  const zonefile = read(reads['zonefile-hash']);
  if (owner === undefined || revealAddress === undefined || burn === undefined || fee === undefined || zonefile === undefined) {
    return reject(opcode, 'bad-outputs', 'an output the operation reads has no address');
  }
  return { owner, revealAddress, burn, fee, zonefileHash: zonefile && hashOfScript(zonefile.script) };
}

function hashOfScript(script: string): string {
  return classifyOutputScript(script) === 'p2pkh' ? script.slice(6, 46) : script.slice(4, 44);
}
