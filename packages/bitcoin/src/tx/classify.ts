import { encodeSegwitAddress, hashToAddress, hexToBytes, NETWORKS, type NetworkName } from '@bsk/crypto';
import { decodeScript, decodeSmallNumber, OP } from './script.js';

/**
 * Output script types, named as virtualchain's `bits.py` names them (bns.md §1.2). Outputs are never
 * classified as p2sh-p2wpkh or p2sh-p2wsh: that needs the redeem script, which only a spend reveals.
 */
export type ScriptType = 'p2pkh' | 'p2sh' | 'p2wpkh' | 'p2wsh' | 'nulldata' | 'multisig' | 'p2pk' | 'nonstandard';

export interface ClassifiedScript {
  readonly type: ScriptType;
  /** p2pkh/p2sh/p2wpkh: the 20-byte hash; p2wsh: the 32-byte hash; p2pk: the public key. */
  readonly hash?: Uint8Array;
  /** multisig: m, and the public keys in script order. */
  readonly required?: number;
  readonly publicKeys?: Uint8Array[];
}

/** bitcoind's `CPubKey::ValidSize` test: a 33-byte key with prefix 02/03 or 65 bytes with 04/06/07. */
export function hasPublicKeyShape(data: Uint8Array): boolean {
  if (data.length === 33) return data[0] === 0x02 || data[0] === 0x03;
  if (data.length === 65) return data[0] === 0x04 || data[0] === 0x06 || data[0] === 0x07;
  return false;
}

/** Classifies a scriptPubKey by its exact byte template (bns.md §1.2). Never throws. */
export function classifyScript(script: Uint8Array): ClassifiedScript {
  const n = script.length;
  // 76a914{20}88ac
  if (n === 25 && script[0] === OP.OP_DUP && script[1] === OP.OP_HASH160 && script[2] === 20 && script[23] === OP.OP_EQUALVERIFY && script[24] === OP.OP_CHECKSIG) {
    return { type: 'p2pkh', hash: script.slice(3, 23) };
  }
  // a914{20}87
  if (n === 23 && script[0] === OP.OP_HASH160 && script[1] === 20 && script[22] === OP.OP_EQUAL) {
    return { type: 'p2sh', hash: script.slice(2, 22) };
  }
  // 0014{20}
  if (n === 22 && script[0] === OP.OP_0 && script[1] === 20) return { type: 'p2wpkh', hash: script.slice(2) };
  // 0020{32}
  if (n === 34 && script[0] === OP.OP_0 && script[1] === 32) return { type: 'p2wsh', hash: script.slice(2) };
  // first opcode OP_RETURN
  if (n > 0 && script[0] === OP.OP_RETURN) return { type: 'nulldata' };
  return classifyKeyScript(script);
}

/** Bare pay-to-pubkey and bare m-of-n multisig, as bitcoind's `Solver` recognises them. */
function classifyKeyScript(script: Uint8Array): ClassifiedScript {
  const tokens = decodeScript(script);
  if (tokens === null || tokens.length < 2) return { type: 'nonstandard' };
  const last = tokens[tokens.length - 1]!;
  if (tokens.length === 2 && last.opcode === OP.OP_CHECKSIG) {
    const key = tokens[0]!.data;
    if (key !== undefined && hasPublicKeyShape(key) && tokens[0]!.opcode === key.length) return { type: 'p2pk', hash: key.slice() };
    return { type: 'nonstandard' };
  }
  if (last.opcode !== OP.OP_CHECKMULTISIG || tokens.length < 4) return { type: 'nonstandard' };
  const required = decodeSmallNumber(tokens[0]!.opcode);
  const total = decodeSmallNumber(tokens[tokens.length - 2]!.opcode);
  const keyTokens = tokens.slice(1, -2);
  if (required === null || total === null || keyTokens.length !== total || required > total) return { type: 'nonstandard' };
  const publicKeys: Uint8Array[] = [];
  for (const token of keyTokens) {
    if (token.data === undefined || token.opcode !== token.data.length || !hasPublicKeyShape(token.data)) return { type: 'nonstandard' };
    publicKeys.push(token.data.slice());
  }
  return { type: 'multisig', required, publicKeys };
}

/**
 * The address an output pays to: base58check for p2pkh/p2sh (bns.md §1.2: version 0x00/0x05 on
 * mainnet, 0x6f/0xc4 on testnet and regtest), bech32 for v0 witness programs. Other types have no
 * single address (null); the naming protocol only ever uses the base58 ones.
 */
export function scriptToAddress(script: Uint8Array, network: NetworkName): string | null {
  const classified = classifyScript(script);
  const params = NETWORKS[network];
  switch (classified.type) {
    case 'p2pkh':
      return hashToAddress(classified.hash!, params.p2pkh);
    case 'p2sh':
      return hashToAddress(classified.hash!, params.p2sh);
    case 'p2wpkh':
    case 'p2wsh':
      return encodeSegwitAddress(classified.hash!, 0, network);
    default:
      return null;
  }
}

/** Same as scriptToAddress for a hex script; bad hex is an InvalidInputError. */
export function scriptHexToAddress(scriptHex: string, network: NetworkName): string | null {
  return scriptToAddress(hexToBytes(scriptHex), network);
}
