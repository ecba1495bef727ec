import * as nodeCrypto from 'node:crypto';
import { pathToFileURL } from 'node:url';
import {
  decryptECIES, encryptECIES, getPublicKeyFromPrivate, signECDSA, signToken, verifyECDSA, verifyToken,
} from '../packages/crypto/src/index.js';
import { curveBackend, setCurveBackend, type CurveBackend } from '../packages/crypto/src/backend/index.js';
import { createOpenSslCurveBackend, isNodeCryptoModule } from '../packages/crypto/src/backend/node.js';
import { nobleCurveBackend } from '../packages/crypto/src/backend/web.js';
import { ec, jsontokens } from '../packages/interop/src/reference.js';
import { measure, measureOptionsFromEnv, printTable, type Benchmark, type Comparison, type MeasureOptions, type RowResult } from './harness.js';

/*
 * The client-side crypto hot paths, ours next to blockstack@21.1.1 (with jsontokens@3.0.0) doing the
 * same work on the same inputs: ECIES of a 1 KiB file (every encrypted putFile/getFile), ES256K
 * tokens (auth requests/responses, Gaia tokens), DER ECDSA (signed putFile). Target: ours ≥ 1.5x,
 * on the curve backend a Node app gets by default (libsecp256k1 WASM, with OpenSSL's ECDH). Every
 * row's curve work goes through the backend, so all rows are then measured again, with half the
 * rounds, on the OpenSSL backend (the previous default: a before/after in the same run) and on the
 * noble backend (what browsers get); those figures are printed for information, not judged.
 */

const TARGET = 1.5;
const PRIVATE_KEY = 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229';
const PUBLIC_KEY = getPublicKeyFromPrivate(PRIVATE_KEY);

/** A realistic token payload: the shape of an authRequest (auth-and-storage.md §1.2). */
const AUTH_REQUEST_PAYLOAD = {
  jti: '00000000-0000-4000-8000-000000000000',
  iat: 1577836800,
  exp: 4102444800,
  iss: 'did:btc-addr:1NZNxhoxobqwsNvTb16pdeiqvFvce3Yg8U',
  public_keys: [PUBLIC_KEY],
  domain_name: 'http://localhost:3000',
  manifest_uri: 'http://localhost:3000/manifest.json',
  redirect_uri: 'http://localhost:3000',
  version: '1.3.1',
  do_not_include_profile: true,
  supports_hub_url: true,
  scopes: ['store_write', 'publish_data'],
};

function assert(condition: boolean, what: string): void {
  if (!condition) throw new Error(`benchmark input check failed: ${what}`);
}

/**
 * Builds the rows. Each verify/decrypt row feeds both sides the same input, made by the other
 * side where possible, so the numbers also re-check that the two interoperate.
 */
async function comparisons(): Promise<Comparison[]> {
  const file = new Uint8Array(nodeCrypto.randomBytes(1024));
  const fileBuffer = Buffer.from(file);

  const cipherObject = await ec.encryptECIES(PUBLIC_KEY, fileBuffer, false);
  const decrypted = decryptECIES(PRIVATE_KEY, cipherObject);
  assert(decrypted instanceof Uint8Array && Buffer.from(decrypted).equals(fileBuffer), 'ours decrypts the reference’s cipher object');
  assert(Buffer.from((await ec.decryptECIES(PRIVATE_KEY, encryptECIES(PUBLIC_KEY, file, false))) as Buffer).equals(fileBuffer), 'the reference decrypts ours');

  const token = new jsontokens.TokenSigner('ES256K', PRIVATE_KEY).sign(AUTH_REQUEST_PAYLOAD);
  assert(verifyToken(token, PUBLIC_KEY), 'ours verifies the jsontokens token');
  assert(new jsontokens.TokenVerifier('ES256K', PUBLIC_KEY).verify(signToken(AUTH_REQUEST_PAYLOAD, PRIVATE_KEY)), 'jsontokens verifies ours');

  const { signature } = ec.signECDSA(PRIVATE_KEY, fileBuffer);
  assert(verifyECDSA(file, PUBLIC_KEY, signature), 'ours verifies the reference’s DER signature');
  assert(ec.verifyECDSA(fileBuffer, PUBLIC_KEY, signECDSA(PRIVATE_KEY, file).signature), 'the reference verifies ours');

  return [
    {
      operation: 'ECIES encrypt 1 KiB',
      ours: () => encryptECIES(PUBLIC_KEY, file, false),
      reference: () => ec.encryptECIES(PUBLIC_KEY, fileBuffer, false),
    },
    {
      operation: 'ECIES decrypt 1 KiB',
      ours: () => decryptECIES(PRIVATE_KEY, cipherObject),
      reference: () => ec.decryptECIES(PRIVATE_KEY, cipherObject),
    },
    {
      operation: 'JWT sign (ES256K)',
      ours: () => signToken(AUTH_REQUEST_PAYLOAD, PRIVATE_KEY),
      reference: () => new jsontokens.TokenSigner('ES256K', PRIVATE_KEY).sign(AUTH_REQUEST_PAYLOAD),
    },
    {
      operation: 'JWT verify (ES256K)',
      ours: () => verifyToken(token, PUBLIC_KEY),
      reference: () => new jsontokens.TokenVerifier('ES256K', PUBLIC_KEY).verify(token),
    },
    {
      operation: 'ECDSA sign 1 KiB (DER)',
      ours: () => signECDSA(PRIVATE_KEY, file),
      reference: () => ec.signECDSA(PRIVATE_KEY, fileBuffer),
    },
    {
      operation: 'ECDSA verify 1 KiB (DER)',
      ours: () => verifyECDSA(file, PUBLIC_KEY, signature),
      reference: () => ec.verifyECDSA(fileBuffer, PUBLIC_KEY, signature),
    },
  ];
}

/** `fn` run with `backend` pinned (our functions are synchronous, so the pin covers them). */
function pinned(backend: CurveBackend, fn: () => unknown): () => unknown {
  return () => {
    setCurveBackend(backend);
    try {
      return fn();
    } finally {
      setCurveBackend(undefined);
    }
  };
}

function formatRate(opsPerSecond: number): string {
  return Math.round(opsPerSecond).toLocaleString('en-US');
}

/** Every row again with `backend` pinned, half the rounds. Printed, not judged. */
async function measureOn(backend: CurveBackend, what: string, rows: readonly Comparison[], options: MeasureOptions): Promise<void> {
  console.log(`\nThe same rows on the ${backend.name} backend (${what}; half the rounds; for information, not judged):`);
  for (const row of rows) {
    const result = await measure({ ...row, ours: pinned(backend, row.ours) }, { ...options, rounds: Math.max(2, Math.ceil(options.rounds / 2)) });
    console.log(`  ${result.operation.padEnd(24)}  ${formatRate(result.ours).padStart(6)} ops/s  ${result.ratio.toFixed(2)}x the reference (median ${result.medianRatio.toFixed(2)}x)`);
  }
}

async function run(options: MeasureOptions): Promise<boolean> {
  const rows = await comparisons();
  const results: RowResult[] = [];
  for (const row of rows) results.push(await measure(row, options));
  const title = `@bsk/crypto (${curveBackend().name} curve backend) vs blockstack@21.1.1 (jsontokens@3.0.0)`;
  const met = printTable(title, 'blockstack', results, TARGET);
  if (curveBackend().name === 'libsecp256k1' && isNodeCryptoModule(nodeCrypto)) {
    await measureOn(createOpenSslCurveBackend(nodeCrypto), 'the default before libsecp256k1: noble signs, OpenSSL verifies and does ECDH', rows, options);
  }
  await measureOn(nobleCurveBackend, 'browsers, and runtimes without OpenSSL or WebAssembly', rows, options);
  return met;
}

const benchmark: Benchmark = {
  description: 'ECIES, ES256K tokens and ECDSA: @bsk/crypto next to blockstack@21.1.1',
  run,
};
export default benchmark;

// Also runnable on its own: node --conditions=source --import tsx bench/crypto.ts
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = (await run(measureOptionsFromEnv())) ? 0 : 1;
}
