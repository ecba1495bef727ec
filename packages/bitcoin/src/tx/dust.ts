import { OP } from './script.js';

/** bitcoind's default -dustrelayfee: 3000 sat/kvB, i.e. 3 sat/vB (policy/policy.h). */
export const DUST_RELAY_FEE_RATE = 3;

/** bitcoind's MAX_SCRIPT_SIZE: longer scripts are unspendable. */
const MAX_SCRIPT_SIZE = 10_000;

/** Bytes of a serialized output: 8-byte value, compact-size script length, script. */
export function outputSize(script: Uint8Array): number {
  return 8 + compactSizeLength(script.length) + script.length;
}

export function compactSizeLength(n: number): number {
  return n < 0xfd ? 1 : n <= 0xffff ? 3 : n <= 0xffffffff ? 5 : 9;
}

/** bitcoind's `CScript::IsWitnessProgram`: a version opcode then one 2..40-byte push, nothing else. */
export function isWitnessProgram(script: Uint8Array): boolean {
  if (script.length < 4 || script.length > 42) return false;
  const version = script[0]!;
  if (version !== OP.OP_0 && (version < OP.OP_1 || version > OP.OP_16)) return false;
  return script[1]! + 2 === script.length;
}

/**
 * bitcoind's `GetDustThreshold` at a dust relay fee rate (policy/policy.cpp): the cost, at that
 * rate, of the output plus the smallest input that could spend it (148 bytes for legacy scripts,
 * 67 vbytes for witness programs). Unspendable outputs (OP_RETURN, oversized) are never dust.
 * At 3 sat/vB: P2PKH 546, P2SH 540, P2WPKH 294, P2WSH and P2TR 330.
 */
export function dustThreshold(script: Uint8Array, dustRelayFeeRate: number = DUST_RELAY_FEE_RATE): number {
  if ((script.length > 0 && script[0] === OP.OP_RETURN) || script.length > MAX_SCRIPT_SIZE) return 0;
  const spendSize = isWitnessProgram(script) ? 32 + 4 + 1 + Math.floor(107 / 4) + 4 : 32 + 4 + 1 + 107 + 4;
  return Math.ceil((outputSize(script) + spendSize) * dustRelayFeeRate);
}

export function isDust(value: number, script: Uint8Array, dustRelayFeeRate: number = DUST_RELAY_FEE_RATE): boolean {
  return value < dustThreshold(script, dustRelayFeeRate);
}
