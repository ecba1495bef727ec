import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources of every workspace package, so `npm test`
// needs no build step: each `@bsk/<name>` import resolves to `packages/<dir>/src/index.ts`.
const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));
const alias: Record<string, string> = {};
for (const dir of readdirSync(packagesDir)) {
  const manifest = `${packagesDir}${dir}/package.json`;
  const entry = `${packagesDir}${dir}/src/index.ts`;
  if (!existsSync(manifest) || !existsSync(entry)) continue;
  const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string };
  alias[name] = entry;
}

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
