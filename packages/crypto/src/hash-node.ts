/*
 * Node's one-shot `crypto.hash` (Node ≥ 20.12: OpenSSL's SHA-256 and RIPEMD-160 without a hasher
 * object per call), reached at run time so the package keeps no static `node:` import and still
 * bundles for browsers (as backend/index.ts reaches OpenSSL). The protocol hashes millions of short
 * inputs (names, scripts, serialized operations, Merkle nodes), where a streaming hasher's per-call
 * set-up costs more than the hashing: this is about half of noble's time per call on 64 bytes.
 * Anywhere else, or if the function is missing or disagrees with a known answer, there is none and
 * hash.ts uses @noble/hashes.
 */

import { bytesToHex } from './bytes.js';
import { builtinModule, type NodeLikeGlobals } from './node-builtin.js';

export type NativeHashAlgorithm = 'sha256' | 'ripemd160';

/**
 * The digest of `data` (a string as UTF-8) as a fresh byte array; `hex`, where present, gives the
 * same digest as lowercase hex in one native call (no byte array, no conversion in JavaScript).
 */
export type NativeHash = ((algorithm: NativeHashAlgorithm, data: string | Uint8Array) => Uint8Array) & {
  readonly hex?: (algorithm: NativeHashAlgorithm, data: string | Uint8Array) => string;
};

interface NodeHashModule {
  hash(algorithm: string, data: string | Uint8Array, outputEncoding: 'buffer' | 'hex'): Uint8Array | string;
}

/** The digests of "abc" (FIPS 180-4's example; the RIPEMD-160 paper's). */
const KNOWN_ANSWERS: Readonly<Record<NativeHashAlgorithm, string>> = {
  sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  ripemd160: '8eb208f7e05d987a9b044a8e98c6b087f15a0bfc',
};

/**
 * The runtime's native one-shot hash, or null when it lacks one that gives both known answers (an
 * OpenSSL without RIPEMD-160 counts as none). `globals` is this runtime's global object (tests pass others).
 */
export function findNativeHash(globals: NodeLikeGlobals = globalThis as NodeLikeGlobals): NativeHash | null {
  const crypto = builtinModule(globals, 'node:crypto');
  if (typeof crypto !== 'object' || crypto === null || typeof (crypto as Partial<NodeHashModule>).hash !== 'function') return null;
  const module = crypto as NodeHashModule;
  // A plain Uint8Array of its own, as noble returns (a Buffer's slice() shares its memory).
  const bytes = (algorithm: NativeHashAlgorithm, data: string | Uint8Array): Uint8Array => new Uint8Array(module.hash(algorithm, data, 'buffer') as Uint8Array);
  const hex = (algorithm: NativeHashAlgorithm, data: string | Uint8Array): string => module.hash(algorithm, data, 'hex') as string;
  try {
    for (const [algorithm, digest] of Object.entries(KNOWN_ANSWERS) as [NativeHashAlgorithm, string][]) {
      if (bytesToHex(bytes(algorithm, 'abc')) !== digest || hex(algorithm, 'abc') !== digest) return null;
    }
  } catch {
    return null;
  }
  return Object.assign(bytes, { hex });
}
