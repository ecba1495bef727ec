import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/*
 * `npm start` as a person runs it: the real bin in a child process (node + tsx, from the sources),
 * its table read from stdout, the endpoints it prints answering, SIGINT stopping everything with
 * exit code 0; and a taken port turning into one line and exit code 1.
 */

vi.setConfig({ testTimeout: 180_000, hookTimeout: 60_000 });

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = 'packages/devnet/bin/start.ts';
const EPHEMERAL = ['--chain-port', '0', '--api-port', '0', '--dns-port', '0', '--hub-port', '0', '--reader-port', '0', '--mine-every', '0'];

let workDir: string;
const children: ChildProcess[] = [];

interface Run {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  readonly exited: Promise<number | null>;
}

function start(args: readonly string[]): Run {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const run: Run = {
    child,
    stdout: '',
    stderr: '',
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  };
  child.stdout!.on('data', (chunk: Buffer) => (run.stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (run.stderr += chunk.toString('utf8')));
  return run;
}

/** Resolves once stdout matches `pattern`; rejects if the process exits first. */
async function waitFor(run: Run, pattern: RegExp): Promise<void> {
  let exitCode: number | null | undefined;
  void run.exited.then((code) => (exitCode = code));
  while (!pattern.test(run.stdout)) {
    if (exitCode !== undefined) throw new Error(`start exited with ${exitCode} before ${pattern}: ${run.stderr}`);
    await new Promise((wake) => setTimeout(wake, 100));
  }
}

/** The value of a table row, e.g. `node API`. */
function rowOf(table: string, label: string): string {
  const match = new RegExp(`^  ${label} +(.+)$`, 'm').exec(table);
  if (match === null) throw new Error(`no '${label}' row in:\n${table}`);
  return match[1]!;
}

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'bsk-start-bin-'));
});

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(workDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('prints the table of endpoints and the funded key, serves them, and stops on SIGINT with exit code 0', async () => {
    const run = start(['--data-dir', join(workDir, 'net'), ...EPHEMERAL]);
    await waitFor(run, /^ready at block \d+; Ctrl-C stops everything$/m);
    const table = run.stdout;
    expect(rowOf(table, 'chain RPC')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ {2}user blockstack {2}password blockstacksystem$/);
    expect(rowOf(table, 'DNS')).toMatch(/^127\.0\.0\.1:\d+ \(UDP and TCP\)$/);
    expect(rowOf(table, 'namespaces')).toBe('id, test');
    expect(rowOf(table, 'private key')).toMatch(/^[0-9a-f]{64}01$/);
    expect(rowOf(table, 'address')).toMatch(/^[mn][1-9A-HJ-NP-Za-km-z]{25,34}$/);
    expect(rowOf(table, 'balance')).toBe('100 BTC');

    const namespaces = await fetch(`${rowOf(table, 'node API')}/v1/namespaces`);
    expect(await namespaces.json()).toEqual(['id', 'test']);
    const hubInfo = (await (await fetch(`${rowOf(table, 'Gaia hub')}/hub_info`)).json()) as { read_url_prefix: string };
    expect(hubInfo.read_url_prefix).toBe(rowOf(table, 'Gaia read'));

    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    await expect(fetch(`${rowOf(table, 'node API')}/v1/namespaces`)).rejects.toThrow();
  });

  it('a port in use: one line naming the port and its flag, exit code 1', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = start(['--data-dir', join(workDir, 'blocked'), ...EPHEMERAL, '--api-port', String(port)]);
      expect(await run.exited).toBe(1);
      expect(run.stderr).toBe(`bsk start: port ${port} on 127.0.0.1 (node API) is already in use; choose another with --api-port <port>\n`);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
