import { performance } from 'node:perf_hooks';

/*
 * Side-by-side throughput measurement: our implementation against a reference doing the same work
 * in the same process. The machine is small and shared (2 cores, often several other processes), so
 * the two sides are interleaved in short time slices and the order alternates every round. Other
 * processes can only ever slow a slice down, never speed it up, so each side's headline rate is its
 * BEST slice (the least disturbed one, the same reasoning as Python's `timeit`); the median slice is
 * reported too, as a check on how noisy the run was.
 */

/** One operation measured on both sides. A function may return a promise; it is awaited. */
export interface Comparison {
  readonly operation: string;
  readonly ours: () => unknown;
  readonly reference: () => unknown;
}

export interface MeasureOptions {
  /** Alternating rounds per row; each round runs both sides once. */
  readonly rounds: number;
  /** Wall-clock length of one side's slice in a round. */
  readonly sliceMs: number;
  /** Untimed run of each side before the first round (JIT, caches). */
  readonly warmupMs: number;
}

export interface RowResult {
  readonly operation: string;
  /** Operations per second in each side's best slice. */
  readonly ours: number;
  readonly reference: number;
  /** ours / reference, best slices. */
  readonly ratio: number;
  /** ours / reference, median slices: close to `ratio` when the run was quiet. */
  readonly medianRatio: number;
}

/** A positive number from the environment variable `name`, or `fallback` when it is unset or empty. */
export function positiveFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${JSON.stringify(raw)}`);
  return value;
}

/** Defaults sized so a six-row benchmark finishes in about half a minute; BSK_BENCH_* override. */
export function measureOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): MeasureOptions {
  const positive = (name: string, fallback: number): number => positiveFromEnv(env, name, fallback);
  return {
    rounds: Math.round(positive('BSK_BENCH_ROUNDS', 10)),
    sliceMs: positive('BSK_BENCH_SLICE_MS', 200),
    warmupMs: positive('BSK_BENCH_WARMUP_MS', 300),
  };
}

function isPromise(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** Runs `fn` back to back for `ms` milliseconds; returns operations per second. */
async function slice(fn: () => unknown, ms: number): Promise<number> {
  let count = 0;
  const start = performance.now();
  const end = start + ms;
  let now = start;
  do {
    const result = fn();
    if (isPromise(result)) await result;
    count++;
    now = performance.now();
  } while (now < end);
  return (count * 1000) / (now - start);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function measure(row: Comparison, options: MeasureOptions): Promise<RowResult> {
  await slice(row.ours, options.warmupMs);
  await slice(row.reference, options.warmupMs);
  const ours: number[] = [];
  const reference: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    // Alternate who goes first, so neither side always runs right after GC pressure from the other.
    if (round % 2 === 0) {
      ours.push(await slice(row.ours, options.sliceMs));
      reference.push(await slice(row.reference, options.sliceMs));
    } else {
      reference.push(await slice(row.reference, options.sliceMs));
      ours.push(await slice(row.ours, options.sliceMs));
    }
  }
  const oursBest = Math.max(...ours);
  const referenceBest = Math.max(...reference);
  return {
    operation: row.operation,
    ours: oursBest,
    reference: referenceBest,
    ratio: oursBest / referenceBest,
    medianRatio: median(ours) / median(reference),
  };
}

function formatRate(opsPerSecond: number): string {
  return opsPerSecond >= 100 ? Math.round(opsPerSecond).toLocaleString('en-US') : opsPerSecond.toFixed(1);
}

/**
 * Prints the rows as a table, then one line saying whether every row meets `target`
 * (ours ≥ target × reference). Returns that verdict.
 */
export function printTable(title: string, referenceName: string, rows: readonly RowResult[], target: number): boolean {
  const header = ['operation', 'ours ops/s', `${referenceName} ops/s`, 'ratio', `≥${target}x`, 'median ratio'];
  const body = rows.map((r) => [
    r.operation, formatRate(r.ours), formatRate(r.reference), `${r.ratio.toFixed(2)}x`, r.ratio >= target ? 'yes' : 'NO', `${r.medianRatio.toFixed(2)}x`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((line) => line[i]!.length)));
  const format = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n${title}`);
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of body) console.log(format(line));
  const missed = rows.filter((r) => r.ratio < target);
  console.log(
    missed.length === 0
      ? `RESULT: every row (${rows.length}) meets the ≥${target}x target.`
      : `RESULT: ${missed.length} of ${rows.length} rows miss the ≥${target}x target: ${missed.map((r) => r.operation).join(', ')}.`,
  );
  return missed.length === 0;
}

/** What every bench/<name>.ts exports as its default, so bench/run.ts can find and run it. */
export interface Benchmark {
  readonly description: string;
  /** Runs, prints its own report, and says whether it met its target. */
  run(options: MeasureOptions): Promise<boolean>;
}
