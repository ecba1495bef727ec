import { createLibsecp256k1CurveBackend, isLibsecp256k1Module } from './libsecp256k1.js';
import { createNativeEcdhCurveBackend, isNativeSecp256k1Module } from './native-ecdh.js';
import { createOpenSslCurveBackend, isNodeCryptoModule, type NodeCryptoModule } from './node.js';
import { passesCurveSelfTest } from './self-test.js';
import type { CurveBackend } from './types.js';
import { nobleCurveBackend } from './web.js';
import { sha256 } from '../hash.js';
import { builtinModule, type NodeLikeGlobals } from '../node-builtin.js';

export type { NodeLikeGlobals };

export type { CurveBackend, EcdsaSignatureFormat } from './types.js';
export { nobleCurveBackend };

/*
 * Which curve backend runs, chosen once, on first use. In Node: libsecp256k1 (WebAssembly, from the
 * tiny-secp256k1 package) for signing, public keys, verification and key decoding, with ECDH in
 * libsecp256k1's native addon (the secp256k1 package, constant-time secp256k1_ecdh) or else
 * OpenSSL's constant-time ladder. All are found at run time — node:crypto through
 * process.getBuiltinModule, the two packages through a require made by node:module — so the package
 * has no static `node:` import and still bundles for browsers, where noble does everything. Any
 * part that is missing, fails to load or fails the known-answer self-test is replaced by the next
 * one down: libsecp256k1 → OpenSSL → noble (for ECDH: native addon → OpenSSL → noble).
 */

/** How this module loads tiny-secp256k1: its CommonJS build reads and compiles the .wasm synchronously. */
export type PackageLoader = (id: string) => unknown;

/** A require() for packages next to this file, from node:module; undefined outside Node or in a bundle without a file URL. */
function nodeRequire(globals: NodeLikeGlobals): PackageLoader | undefined {
  const nodeModule = builtinModule(globals, 'node:module') as { createRequire?: (from: string) => PackageLoader } | undefined;
  const here = import.meta.url as string | undefined;
  if (typeof nodeModule?.createRequire !== 'function' || typeof here !== 'string') return undefined;
  try {
    return nodeModule.createRequire(here);
  } catch {
    return undefined;
  }
}

/** A package, or undefined when it is not installed or fails to load. */
function loadPackage(load: PackageLoader | undefined, id: string): unknown {
  if (load === undefined) return undefined;
  try {
    return load(id);
  } catch {
    return undefined;
  }
}

/** node:crypto's SHA-256, several times noble's on a large file. */
function nodeSha256(nodeCrypto: NodeCryptoModule): (message: Uint8Array) => Uint8Array {
  return (message) => nodeCrypto.createHash('sha256').update(message).digest();
}

/**
 * The fastest backend that works here (see the top of this file). `globals` is this runtime's
 * global object and `load` loads a package (tests pass others). One self-test runs in the usual
 * case: libsecp256k1's, which also checks the OpenSSL ECDH it relies on.
 */
export function detectCurveBackend(globals: NodeLikeGlobals = globalThis as NodeLikeGlobals, load: PackageLoader | undefined = nodeRequire(globals)): CurveBackend {
  const nodeCrypto = builtinModule(globals, 'node:crypto');
  const openssl = isNodeCryptoModule(nodeCrypto) ? createOpenSslCurveBackend(nodeCrypto) : undefined;
  const wasm = loadPackage(load, 'tiny-secp256k1');
  if (isLibsecp256k1Module(wasm)) {
    const hash = isNodeCryptoModule(nodeCrypto) ? nodeSha256(nodeCrypto) : sha256;
    // ECDH stays on a constant-time backend (libsecp256k1.ts): the native addon's
    // secp256k1_ecdh where it loads (its `bindings` entry fails rather than fall back to
    // JavaScript), else OpenSSL's ladder, else noble's.
    const native = loadPackage(load, 'secp256k1/bindings');
    const constantTime = openssl !== undefined ? [openssl, nobleCurveBackend] : [nobleCurveBackend];
    const ecdhCandidates = isNativeSecp256k1Module(native) ? [createNativeEcdhCurveBackend(native, constantTime[0]!), ...constantTime] : constantTime;
    for (const ecdh of ecdhCandidates) {
      const libsecp256k1 = createLibsecp256k1CurveBackend(wasm, ecdh, hash);
      if (passesCurveSelfTest(libsecp256k1)) {
        openssl?.clearCaches(); // the self-test's keys would only take up room
        libsecp256k1.clearCaches();
        return libsecp256k1;
      }
    }
  }
  if (openssl === undefined || !passesCurveSelfTest(openssl)) return nobleCurveBackend;
  openssl.clearCaches();
  return openssl;
}

let detected: CurveBackend | undefined;
let pinned: CurveBackend | undefined;

/** The backend that ECIES, signing, verification and key derivation use. */
export function curveBackend(): CurveBackend {
  if (pinned !== undefined) return pinned;
  detected ??= detectCurveBackend();
  return detected;
}

/**
 * Pins a backend (for example the noble one, to compare the two or to match a browser exactly);
 * `undefined` goes back to the detected one.
 */
export function setCurveBackend(backend: CurveBackend | undefined): void {
  pinned = backend;
}
