/*
 * Node's one-shot `crypto.hash` (Node ≥ 20.12), reached at run time so the package keeps no static
 * `node:` import and still bundles for browsers (as backend/index.ts reaches OpenSSL). OpenSSL's
 * SHA-256 costs more per call than sha256.ts's but less per block, so sha256.ts hands it the long
 * inputs only (serialized operations are a few hundred bytes). Anywhere else, or if the function
 * is missing or disagrees with a known answer, there is none and sha256.ts hashes everything.
 */

/** SHA-256 of `data` (a string as UTF-8) as a fresh byte array. */
export type NativeSha256 = (data: string | Uint8Array) => Uint8Array;

interface NodeHashModule {
  hash(algorithm: string, data: string | Uint8Array, outputEncoding: 'buffer'): Uint8Array;
}

interface NodeLikeGlobals {
  readonly process?: { readonly getBuiltinModule?: (id: string) => unknown };
}

/** FIPS 180-4's "abc" example. */
const ABC_DIGEST = [
  0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c,
  0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
];

/** The runtime's native SHA-256, or null. `globals` is this runtime's global object (tests pass others). */
export function findNativeSha256(globals: NodeLikeGlobals = globalThis as NodeLikeGlobals): NativeSha256 | null {
  const runtime = globals.process;
  const getBuiltinModule = runtime?.getBuiltinModule;
  if (typeof getBuiltinModule !== 'function') return null;
  let crypto: unknown;
  try {
    crypto = getBuiltinModule.call(runtime, 'node:crypto');
  } catch {
    return null;
  }
  if (typeof crypto !== 'object' || crypto === null || typeof (crypto as Partial<NodeHashModule>).hash !== 'function') return null;
  const module = crypto as NodeHashModule;
  const sha256: NativeSha256 = (data) => module.hash('sha256', data, 'buffer');
  try {
    const digest = sha256('abc');
    if (digest.length !== 32 || ABC_DIGEST.some((byte, i) => digest[i] !== byte)) return null;
  } catch {
    return null;
  }
  return sha256;
}
