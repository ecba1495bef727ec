import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';

// Layer 1 must run in browsers: bundle it for the browser platform (which fails on any Node
// built-in) and run the bundle in a context that has only web globals.
const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));

describe('@bsk/crypto in a browser', () => {
  it('bundles for the browser platform and works with only web globals', async () => {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      globalName: 'bsk',
      write: false,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const code = result.outputFiles[0]!.text;
    const sandbox: Record<string, unknown> = {
      crypto: globalThis.crypto,
      TextEncoder,
      TextDecoder,
    };
    runInNewContext(`${code}\nthis.result = bsk.getPublicKeyFromPrivate(bsk.makeECPrivateKey()).length;`, sandbox);
    expect(sandbox.result).toBe(66);
    expect(Object.keys(sandbox)).not.toContain('Buffer');
  });
});
