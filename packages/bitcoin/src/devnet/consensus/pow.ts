/**
 * Proof of work as Bitcoin Core computes it (arith_uint256::SetCompact, GetBlockProof,
 * GetDifficulty). Regtest's target is so easy that about one nonce in two meets it.
 */

/** The 256-bit target a compact `bits` value encodes. */
export function bitsToTarget(bits: number): bigint {
  const exponent = bits >>> 24;
  const mantissa = BigInt(bits & 0x007fffff);
  if (exponent <= 3) return mantissa >> BigInt(8 * (3 - exponent));
  return mantissa << BigInt(8 * (exponent - 3));
}

/** Reads a block hash (internal byte order, little-endian) as a number. */
export function hashToBigInt(hash: Uint8Array): bigint {
  let value = 0n;
  for (let i = hash.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(hash[i]!);
  return value;
}

export function meetsTarget(hash: Uint8Array, bits: number): boolean {
  return hashToBigInt(hash) <= bitsToTarget(bits);
}

/** Expected number of hashes to find a block: 2^256 / (target + 1). */
export function blockWork(bits: number): bigint {
  const target = bitsToTarget(bits);
  return (1n << 256n) / (target + 1n);
}

/** getblockchaininfo/getblock "difficulty": the minimum-difficulty target over this one. */
export function difficulty(bits: number): number {
  let shift = (bits >>> 24) & 0xff;
  let diff = 0x0000ffff / (bits & 0x00ffffff);
  while (shift < 29) {
    diff *= 256.0;
    shift++;
  }
  while (shift > 29) {
    diff /= 256.0;
    shift--;
  }
  return diff;
}

/** "chainwork" as bitcoind prints it: 64 hex digits. */
export function chainworkHex(work: bigint): string {
  return work.toString(16).padStart(64, '0');
}
