import { afterEach, describe, expect, it } from 'vitest';
import * as nodeCrypto from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex, decryptECIES, encryptECIES, getPublicKeyFromPrivate, hexToBytes, signECDSA, verifyECDSA } from '@bsk/crypto';
import { curveBackend, detectCurveBackend, setCurveBackend, type CurveBackend, type PackageLoader } from '../src/backend/index.js';
import { createLibsecp256k1CurveBackend, isLibsecp256k1Module, type Libsecp256k1CurveBackend, type Libsecp256k1Module } from '../src/backend/libsecp256k1.js';
import { isNativeSecp256k1Module, type NativeEcdhCurveBackend, type NativeSecp256k1Module } from '../src/backend/native-ecdh.js';
import { createOpenSslCurveBackend, isNodeCryptoModule, type NodeCryptoModule, type OpenSslCurveBackend } from '../src/backend/node.js';
import { passesCurveSelfTest } from '../src/backend/self-test.js';
import { nobleCurveBackend } from '../src/backend/web.js';
import { sha256 } from '../src/hash.js';

// Which curve backend runs, and the OpenSSL backend's caches (backend/index.ts, backend/node.ts).

const requireHere = createRequire(import.meta.url);

function realLibsecp256k1(): Libsecp256k1Module {
  const module: unknown = requireHere('tiny-secp256k1');
  if (!isLibsecp256k1Module(module)) throw new Error('tiny-secp256k1 lacks a function the libsecp256k1 backend needs');
  return module;
}

/** A package loader that serves `module` for tiny-secp256k1. */
function loaderServing(module: unknown): PackageLoader {
  return (id) => {
    if (id !== 'tiny-secp256k1') throw new Error(`unexpected package ${id}`);
    return module;
  };
}

/** tiny-secp256k1 with some functions replaced. */
function libsecp256k1With(overrides: Partial<Libsecp256k1Module>): Libsecp256k1Module {
  const real = realLibsecp256k1();
  return {
    isPrivate: real.isPrivate, pointFromScalar: real.pointFromScalar, pointCompress: real.pointCompress, sign: real.sign, verify: real.verify,
    ...overrides,
  };
}

function realNodeCrypto(): NodeCryptoModule {
  if (!isNodeCryptoModule(nodeCrypto)) throw new Error('node:crypto lacks a function the OpenSSL backend needs');
  return nodeCrypto;
}

/** node:crypto with some functions replaced: a runtime whose crypto module differs from Node's. */
function nodeCryptoWith(overrides: Partial<NodeCryptoModule>): NodeCryptoModule {
  return { ...realNodeCrypto(), ...overrides };
}

/** Globals of a runtime whose process.getBuiltinModule returns `module` for node:crypto. */
function runtimeServing(module: unknown): { process: { getBuiltinModule: (id: string) => unknown } } {
  return { process: { getBuiltinModule: (id: string) => (id === 'node:crypto' ? module : undefined) } };
}

/** The i-th of a family of distinct valid private keys. */
function privateKeyNumber(i: number): Uint8Array {
  return hexToBytes((i + 1).toString(16).padStart(64, '0'));
}

afterEach(() => setCurveBackend(undefined));

describe('choosing a curve backend', () => {
  it('uses libsecp256k1 in Node, with the native addon for ECDH (over OpenSSL), and leaves no self-test key behind', () => {
    expect(curveBackend().name).toBe('libsecp256k1');
    const detected = detectCurveBackend();
    expect(detected.name).toBe('libsecp256k1');
    const ecdh = (detected as Libsecp256k1CurveBackend).ecdhBackend;
    expect(ecdh.name).toBe('libsecp256k1-native');
    const base = (ecdh as NativeEcdhCurveBackend).base;
    expect(base.name).toBe('openssl');
    expect((base as OpenSslCurveBackend).cacheSizes()).toEqual({ verifyingKeys: 0, decryptionKeys: 0 });
    expect((detected as Libsecp256k1CurveBackend).cacheSizes()).toEqual({ verifyingKeys: 0 });
    expect(detectCurveBackend(runtimeServing(nodeCrypto), loaderServing(realLibsecp256k1())).name).toBe('libsecp256k1');
  });

  it('uses OpenSSL in Node when tiny-secp256k1 is missing, fails to load, is another API or gives wrong answers', () => {
    expect(detectCurveBackend(runtimeServing(nodeCrypto), undefined).name).toBe('openssl'); // no node:module, or a bundle without import.meta.url
    expect(detectCurveBackend(runtimeServing(nodeCrypto), () => { throw new Error('Cannot find module'); }).name).toBe('openssl');
    expect(detectCurveBackend(runtimeServing(nodeCrypto), loaderServing({ sign: () => new Uint8Array(64) })).name).toBe('openssl'); // tiny-secp256k1 1.x has no pointCompress… its API differs
    const real = realLibsecp256k1();
    const randomNonce = libsecp256k1With({ sign: (digest, key) => real.sign(digest, key.map((byte) => byte ^ 1)) });
    expect(detectCurveBackend(runtimeServing(nodeCrypto), loaderServing(randomNonce)).name).toBe('openssl');
    const strictVerify = libsecp256k1With({ verify: (digest, key, signature) => real.verify(digest, key, signature, true) }); // refuses high-S
    expect(detectCurveBackend(runtimeServing(nodeCrypto), loaderServing(strictVerify)).name).toBe('openssl');
    const wrongKeys = libsecp256k1With({ pointFromScalar: (key, compressed) => real.pointFromScalar(key.map((byte, i) => (i === 31 ? byte ^ 1 : byte)), compressed) });
    expect(detectCurveBackend(runtimeServing(nodeCrypto), loaderServing(wrongKeys)).name).toBe('openssl');
  });

  it('does ECDH on OpenSSL when the native addon is missing, is another API or gives wrong answers', () => {
    const tiny = realLibsecp256k1();
    const realNative: unknown = requireHere('secp256k1/bindings');
    if (!isNativeSecp256k1Module(realNative)) throw new Error('the secp256k1 addon lacks ecdh');
    const serving = (native: unknown): PackageLoader => (id) => (id === 'tiny-secp256k1' ? tiny : id === 'secp256k1/bindings' ? native : undefined);
    const ecdhOf = (backend: CurveBackend) => (backend as Libsecp256k1CurveBackend).ecdhBackend.name;
    expect(ecdhOf(detectCurveBackend(runtimeServing(nodeCrypto), serving(realNative)))).toBe('libsecp256k1-native');
    expect(ecdhOf(detectCurveBackend(runtimeServing(nodeCrypto), serving(undefined)))).toBe('openssl');
    expect(ecdhOf(detectCurveBackend(runtimeServing(nodeCrypto), serving({ sign: () => new Uint8Array(64) })))).toBe('openssl');
    const wrongX: NativeSecp256k1Module = { ecdh: (point, key, options, output) => realNative.ecdh(point, key.map((byte, i) => (i === 31 ? byte ^ 1 : byte)), options, output) };
    expect(ecdhOf(detectCurveBackend(runtimeServing(nodeCrypto), serving(wrongX)))).toBe('openssl');
  });

  it('pairs libsecp256k1 with noble’s ECDH when OpenSSL has no working secp256k1, or in a runtime without node:crypto', () => {
    const noSecp256k1 = nodeCryptoWith({ createPrivateKey: () => { throw new Error('Unsupported key curve'); } });
    for (const globals of [runtimeServing(noSecp256k1), runtimeServing(undefined), {}]) {
      const detected = detectCurveBackend(globals, loaderServing(realLibsecp256k1()));
      expect(detected.name).toBe('libsecp256k1');
      expect((detected as Libsecp256k1CurveBackend).ecdhBackend).toBe(nobleCurveBackend);
    }
  });

  it('uses OpenSSL when tiny-secp256k1 is not available (runtimeServing serves no node:module)', () => {
    const detected = detectCurveBackend(runtimeServing(nodeCrypto));
    expect(detected.name).toBe('openssl');
    expect((detected as OpenSslCurveBackend).cacheSizes()).toEqual({ verifyingKeys: 0, decryptionKeys: 0 }); // the self-test leaves nothing behind
  });

  it('uses noble in a runtime without process, without getBuiltinModule, or without node:crypto', () => {
    expect(detectCurveBackend({})).toBe(nobleCurveBackend); // a browser
    expect(detectCurveBackend({ process: {} })).toBe(nobleCurveBackend); // Node before 20.16
    expect(detectCurveBackend(runtimeServing(undefined))).toBe(nobleCurveBackend);
    expect(detectCurveBackend(runtimeServing({}))).toBe(nobleCurveBackend);
    const throwing = { process: { getBuiltinModule: () => { throw new Error('no such module'); } } };
    expect(detectCurveBackend(throwing)).toBe(nobleCurveBackend);
    expect(detectCurveBackend({}, () => { throw new Error('Cannot find module'); })).toBe(nobleCurveBackend);
  });

  it('uses noble when node:crypto lacks secp256k1 (a FIPS-only OpenSSL, BoringSSL) or gives wrong answers', () => {
    const noSecp256k1 = nodeCryptoWith({ createPrivateKey: () => { throw new Error('Unsupported key curve'); } });
    expect(detectCurveBackend(runtimeServing(noSecp256k1))).toBe(nobleCurveBackend);
    const refusesHighS = nodeCryptoWith({ verify: () => false });
    expect(detectCurveBackend(runtimeServing(refusesHighS))).toBe(nobleCurveBackend);
    const acceptsAnything = nodeCryptoWith({ verify: () => true });
    expect(detectCurveBackend(runtimeServing(acceptsAnything))).toBe(nobleCurveBackend);
    const real = realNodeCrypto();
    const unpaddedSecret = nodeCryptoWith({ diffieHellman: (keys) => real.diffieHellman(keys).subarray(1) });
    expect(detectCurveBackend(runtimeServing(unpaddedSecret))).toBe(nobleCurveBackend);
  });

  it('uses noble in a browser bundle, where decryption and verification give the same answers', async () => {
    const priv = bytesToHex(privateKeyNumber(7));
    const cipher = encryptECIES(getPublicKeyFromPrivate(priv), 'from node', true);
    const { signature, publicKey } = signECDSA(priv, 'from node');
    const bundle = await build({
      entryPoints: [fileURLToPath(new URL('../src/index.ts', import.meta.url))],
      bundle: true, platform: 'browser', format: 'iife', globalName: 'bsk', write: false, logLevel: 'silent',
    });
    // The WebAssembly backend is loaded at run time in Node only: the bundle holds none of it.
    expect(bundle.outputFiles[0]!.text).not.toMatch(/secp256k1\.wasm|WebAssembly|uint8array-tools/);
    const sandbox: Record<string, unknown> = { crypto: globalThis.crypto, TextEncoder, TextDecoder, input: { priv, cipher, signature, publicKey } };
    runInNewContext(`${bundle.outputFiles[0]!.text}
      this.result = {
        backend: bsk.curveBackend().name,
        plaintext: bsk.decryptECIES(input.priv, input.cipher),
        verified: bsk.verifyECDSA('from node', input.publicKey, input.signature),
        forged: bsk.verifyECDSA('from nodE', input.publicKey, input.signature),
      };`, sandbox);
    expect(sandbox['result']).toEqual({ backend: 'noble', plaintext: 'from node', verified: true, forged: false });
  });

  it('passes its own known-answer test on all three real backends, and a backend that errs fails it', () => {
    expect(passesCurveSelfTest(nobleCurveBackend)).toBe(true);
    const openssl = createOpenSslCurveBackend(realNodeCrypto());
    expect(passesCurveSelfTest(openssl)).toBe(true);
    expect(passesCurveSelfTest(createLibsecp256k1CurveBackend(realLibsecp256k1(), openssl, sha256))).toBe(true);
    const throwing: CurveBackend = { ...nobleCurveBackend, ecdhX: () => { throw new Error('boom'); } };
    expect(passesCurveSelfTest(throwing)).toBe(false);
    const highS: CurveBackend = { ...nobleCurveBackend, signDigest: (digest, key) => secp256k1.sign(digest, key, { prehash: false, lowS: false }) };
    expect(passesCurveSelfTest(highS)).toBe(false);
  });

  it('can be pinned to noble and unpinned, with the same results', () => {
    const priv = bytesToHex(privateKeyNumber(41));
    const cipher = encryptECIES(getPublicKeyFromPrivate(priv), 'pinned', true);
    const { signature, publicKey } = signECDSA(priv, 'pinned');
    setCurveBackend(nobleCurveBackend);
    expect(curveBackend()).toBe(nobleCurveBackend);
    expect(decryptECIES(priv, cipher)).toBe('pinned');
    expect(verifyECDSA('pinned', publicKey, signature)).toBe(true);
    setCurveBackend(undefined);
    expect(curveBackend().name).toBe('libsecp256k1');
    expect(decryptECIES(priv, cipher)).toBe('pinned');
    expect(verifyECDSA('pinned', publicKey, signature)).toBe(true);
  });
});

describe('OpenSSL backend caches', () => {
  it('keeps one KeyObject per verifying key, at most 256, and verifies correctly after evicting', () => {
    const backend = createOpenSslCurveBackend(realNodeCrypto());
    const message = new TextEncoder().encode('cache');
    const digest = sha256(message);
    const keys = Array.from({ length: 257 }, (_, i) => privateKeyNumber(i));
    const signed = keys.map((key) => ({ publicKey: bytesToHex(secp256k1.getPublicKey(key, true)), signature: secp256k1.sign(digest, key, { prehash: false }) }));
    for (const { publicKey, signature } of signed) expect(backend.verifySha256(message, signature, publicKey, 'compact')).toBe(true);
    expect(backend.cacheSizes().verifyingKeys).toBe(256);
    // The first key was evicted: imported again, and still right; a key's signature never passes for another.
    expect(backend.verifySha256(message, signed[0]!.signature, signed[0]!.publicKey, 'compact')).toBe(true);
    expect(backend.verifySha256(message, signed[0]!.signature, signed[1]!.publicKey, 'compact')).toBe(false);
    expect(backend.verifySha256(message, signed[1]!.signature, hexToBytes(signed[1]!.publicKey), 'compact')).toBe(true);
    backend.clearCaches();
    expect(backend.cacheSizes()).toEqual({ verifyingKeys: 0, decryptionKeys: 0 });
  });

  it('does not cache keys that are not points', () => {
    const backend = createOpenSslCurveBackend(realNodeCrypto());
    const signature = new Uint8Array(64).fill(1);
    for (const bad of ['', 'zz', '02', `04${'00'.repeat(64)}`, `02${'ff'.repeat(32)}`, `06${'11'.repeat(64)}`]) {
      expect(backend.verifySha256(new Uint8Array(1), signature, bad, 'compact')).toBe(false);
    }
    expect(backend.cacheSizes().verifyingKeys).toBe(0);
  });

  it('keeps at most 16 decryption keys, each computing its own shared secret, also after eviction', () => {
    const backend = createOpenSslCurveBackend(realNodeCrypto());
    const peer = backend.uncompressedPoint(secp256k1.getPublicKey(privateKeyNumber(1000), true));
    const expected = (key: Uint8Array) => bytesToHex(secp256k1.getSharedSecret(key, peer, true).slice(1));
    const keys = Array.from({ length: 17 }, (_, i) => privateKeyNumber(i));
    for (const key of keys) expect(bytesToHex(backend.ecdhX(key, peer))).toBe(expected(key));
    expect(backend.cacheSizes().decryptionKeys).toBe(16);
    for (const key of [keys[0]!, keys[16]!, keys[0]!]) expect(bytesToHex(backend.ecdhX(key, peer))).toBe(expected(key));
  });
});

describe('libsecp256k1 backend cache', () => {
  it('keeps one uncompressed point per verifying key, at most 256, never an invalid key, and verifies correctly after evicting', () => {
    const backend = createLibsecp256k1CurveBackend(realLibsecp256k1(), nobleCurveBackend, sha256);
    const message = new TextEncoder().encode('cache');
    const digest = sha256(message);
    const signature = new Uint8Array(64).fill(1);
    for (const bad of ['', 'zz', '02', `04${'00'.repeat(64)}`, `02${'ff'.repeat(32)}`, `06${'11'.repeat(64)}`]) {
      expect(backend.verifySha256(message, signature, bad, 'compact')).toBe(false);
    }
    expect(backend.cacheSizes().verifyingKeys).toBe(0);
    const keys = Array.from({ length: 257 }, (_, i) => privateKeyNumber(i));
    const signed = keys.map((key) => ({ publicKey: bytesToHex(secp256k1.getPublicKey(key, true)), signature: secp256k1.sign(digest, key, { prehash: false }) }));
    for (const { publicKey, signature: good } of signed) expect(backend.verifySha256(message, good, publicKey, 'compact')).toBe(true);
    expect(backend.cacheSizes().verifyingKeys).toBe(256);
    expect(backend.verifySha256(message, signed[0]!.signature, signed[0]!.publicKey, 'compact')).toBe(true); // evicted, decoded again
    expect(backend.verifySha256(message, signed[0]!.signature, signed[1]!.publicKey, 'compact')).toBe(false);
    expect(backend.verifySha256(message, signed[1]!.signature, hexToBytes(signed[1]!.publicKey), 'compact')).toBe(true);
    backend.clearCaches();
    expect(backend.cacheSizes()).toEqual({ verifyingKeys: 0 });
  });
});
