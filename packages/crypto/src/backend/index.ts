import { createOpenSslCurveBackend, isNodeCryptoModule } from './node.js';
import { passesCurveSelfTest } from './self-test.js';
import type { CurveBackend } from './types.js';
import { nobleCurveBackend } from './web.js';

export type { CurveBackend, EcdsaSignatureFormat } from './types.js';
export { nobleCurveBackend };

/*
 * Which curve backend runs: OpenSSL when this is Node (found at run time, so the package has no
 * static `node:` import and still bundles for browsers), noble otherwise or whenever OpenSSL is
 * missing anything or fails the known-answer self-test. Chosen once, on first use.
 */

/** Just enough of the global `process` to ask Node for a built-in module (Node ≥ 20.16). */
export interface NodeLikeGlobals {
  readonly process?: { readonly getBuiltinModule?: (id: string) => unknown };
}

/** node:crypto from the running Node, or undefined in a browser or another runtime. */
function builtinNodeCrypto(globals: NodeLikeGlobals): unknown {
  const runtime = globals.process;
  const getBuiltinModule = runtime?.getBuiltinModule;
  if (typeof getBuiltinModule !== 'function') return undefined;
  try {
    return getBuiltinModule.call(runtime, 'node:crypto');
  } catch {
    return undefined;
  }
}

/**
 * The OpenSSL backend if this runtime has a working one, else the noble backend. `globals` is
 * this runtime's global object (tests pass others).
 */
export function detectCurveBackend(globals: NodeLikeGlobals = globalThis as NodeLikeGlobals): CurveBackend {
  const nodeCrypto = builtinNodeCrypto(globals);
  if (!isNodeCryptoModule(nodeCrypto)) return nobleCurveBackend;
  const openssl = createOpenSslCurveBackend(nodeCrypto);
  if (!passesCurveSelfTest(openssl)) return nobleCurveBackend;
  openssl.clearCaches(); // the self-test's keys would only take up room
  return openssl;
}

let detected: CurveBackend | undefined;
let pinned: CurveBackend | undefined;

/** The backend that ECIES decryption and signature verification use. */
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
