import { readdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { measureOptionsFromEnv, type Benchmark } from './harness.js';

/*
 * `npm run bench` runs every benchmark in bench/; `npm run bench -- crypto` runs the named ones.
 * A benchmark is any bench/<name>.ts whose default export is a Benchmark (see harness.ts).
 * The exit code is 1 when a benchmark misses its target, so a run can gate a release by hand;
 * benchmarks are not part of `npm test` because timings are not test assertions.
 */

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const NOT_BENCHMARKS = new Set(['run', 'harness']);

function availableBenchmarks(): string[] {
  return readdirSync(benchDir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.endsWith('.test.ts'))
    .map((file) => basename(file, '.ts'))
    .filter((name) => !NOT_BENCHMARKS.has(name))
    .sort();
}

async function load(name: string): Promise<Benchmark> {
  const module = (await import(pathToFileURL(`${benchDir}${name}.ts`).href)) as { default?: Partial<Benchmark> };
  const benchmark = module.default;
  if (!benchmark || typeof benchmark.run !== 'function') throw new Error(`bench/${name}.ts has no default-exported Benchmark`);
  return benchmark as Benchmark;
}

async function main(args: readonly string[]): Promise<number> {
  const available = availableBenchmarks();
  const unknown = args.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ')}`);
    return 2;
  }
  const selected = args.length > 0 ? args : available;
  const options = measureOptionsFromEnv();
  console.log(`node ${process.version}, ${process.platform}/${process.arch}, ${availableParallelism()} CPUs, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}; ${options.rounds} rounds of ${options.sliceMs} ms per side`);
  let allMet = true;
  for (const name of selected) {
    const benchmark = await load(name);
    console.log(`\n== ${name}: ${benchmark.description}`);
    const met = await benchmark.run(options);
    allMet &&= met;
  }
  return allMet ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
