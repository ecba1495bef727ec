import { address as baddress, script as bscript } from 'bitcoinjs-lib';
import { REGTEST } from '../consensus/params.js';
import { isPushOnly, OP, parseScript, smallInt, witnessProgram } from './chunks.js';

/** Output types with bitcoind's names (src/script/solver.cpp GetTxnOutputType). */
export type OutputType =
  | 'nonstandard'
  | 'pubkey'
  | 'pubkeyhash'
  | 'scripthash'
  | 'multisig'
  | 'nulldata'
  | 'witness_v0_keyhash'
  | 'witness_v0_scripthash'
  | 'witness_v1_taproot'
  | 'anchor'
  | 'witness_unknown';

export interface Solution {
  readonly type: OutputType;
  /** Public keys (pubkey, multisig) or hashes/programs (the other templates). */
  readonly solutions: Uint8Array[];
  /** multisig only: signatures required. */
  readonly required?: number;
}

function isValidPubKeySize(key: Uint8Array): boolean {
  return (key.length === 33 && (key[0] === 2 || key[0] === 3)) || (key.length === 65 && key[0] === 4);
}

const ANCHOR = Uint8Array.of(0x4e, 0x73);

/** Recognizes the standard output templates (Solver). */
export function solve(script: Uint8Array): Solution {
  const wp = witnessProgram(script);
  if (wp) {
    if (wp.version === 0 && wp.program.length === 20) return { type: 'witness_v0_keyhash', solutions: [wp.program] };
    if (wp.version === 0 && wp.program.length === 32) return { type: 'witness_v0_scripthash', solutions: [wp.program] };
    if (wp.version === 1 && wp.program.length === 32) return { type: 'witness_v1_taproot', solutions: [wp.program] };
    if (wp.version === 1 && wp.program.length === 2 && wp.program[0] === ANCHOR[0] && wp.program[1] === ANCHOR[1]) {
      return { type: 'anchor', solutions: [] };
    }
    if (wp.version !== 0) return { type: 'witness_unknown', solutions: [Uint8Array.of(wp.version), wp.program] };
    return { type: 'nonstandard', solutions: [] };
  }
  if (script.length === 23 && script[0] === OP.OP_HASH160 && script[1] === 20 && script[22] === OP.OP_EQUAL) {
    return { type: 'scripthash', solutions: [script.subarray(2, 22)] };
  }
  const chunks = parseScript(script);
  if (!chunks) return { type: 'nonstandard', solutions: [] };
  if (script.length >= 1 && script[0] === OP.OP_RETURN && isPushOnly(chunks.slice(1))) {
    return { type: 'nulldata', solutions: [] };
  }
  const [c0, c1, c2, c3, c4] = chunks;
  if (chunks.length === 2 && c0?.data && c1?.op === OP.OP_CHECKSIG && isValidPubKeySize(c0.data)) {
    return { type: 'pubkey', solutions: [c0.data] };
  }
  if (
    chunks.length === 5 && c0?.op === OP.OP_DUP && c1?.op === OP.OP_HASH160 && c2?.data?.length === 20 &&
    c3?.op === OP.OP_EQUALVERIFY && c4?.op === OP.OP_CHECKSIG
  ) {
    return { type: 'pubkeyhash', solutions: [c2.data] };
  }
  const multisig = solveMultisig(chunks);
  if (multisig) return multisig;
  return { type: 'nonstandard', solutions: [] };
}

function solveMultisig(chunks: ReturnType<typeof parseScript> & object): Solution | null {
  if (chunks.length < 4) return null;
  const last = chunks[chunks.length - 1]!;
  if (last.op !== OP.OP_CHECKMULTISIG) return null;
  const m = smallInt(chunks[0]!.op);
  const n = smallInt(chunks[chunks.length - 2]!.op);
  if (m === undefined || n === undefined || m < 1 || n < 1 || m > n) return null;
  const keys = chunks.slice(1, -2);
  if (keys.length !== n || !keys.every((k) => k.data && isValidPubKeySize(k.data))) return null;
  return { type: 'multisig', solutions: keys.map((k) => k.data!), required: m };
}

/** The address an output pays to, in regtest encoding, when it has one (ExtractDestination). */
export function scriptToAddress(script: Uint8Array): string | undefined {
  const { type, solutions } = solve(script);
  const { network } = REGTEST;
  switch (type) {
    case 'pubkeyhash':
      return baddress.toBase58Check(solutions[0]!, network.pubKeyHash);
    case 'scripthash':
      return baddress.toBase58Check(solutions[0]!, network.scriptHash);
    case 'witness_v0_keyhash':
    case 'witness_v0_scripthash':
    case 'witness_v1_taproot':
    case 'witness_unknown':
    case 'anchor': {
      const wp = witnessProgram(script)!;
      return baddress.toBech32(wp.program, wp.version, network.bech32);
    }
    default:
      return undefined;
  }
}

/**
 * The output script of a regtest address, or null when it is not one (DecodeDestination):
 * base58 P2PKH/P2SH, or bech32/bech32m witness programs of any version (taproot included).
 */
export function addressToScript(address: string): Uint8Array | null {
  const { network } = REGTEST;
  try {
    if (address.toLowerCase().startsWith(`${network.bech32}1`)) {
      const { version, prefix, data } = baddress.fromBech32(address);
      if (prefix !== network.bech32 || version > 16 || data.length < 2 || data.length > 40) return null;
      if (version === 0 && data.length !== 20 && data.length !== 32) return null;
      return bscript.compile([version === 0 ? OP.OP_0 : OP.OP_1 + version - 1, data]);
    }
    const { version, hash } = baddress.fromBase58Check(address);
    if (hash.length !== 20) return null;
    if (version === network.pubKeyHash) return bscript.compile([OP.OP_DUP, OP.OP_HASH160, hash, OP.OP_EQUALVERIFY, OP.OP_CHECKSIG]);
    if (version === network.scriptHash) return bscript.compile([OP.OP_HASH160, hash, OP.OP_EQUAL]);
    return null;
  } catch {
    return null;
  }
}
