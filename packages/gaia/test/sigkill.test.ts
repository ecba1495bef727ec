import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { DiskDriver } from '@bsk/gaia';
import { APP_ADDRESS, APP_KEY, SERVER_NAME, v1Header } from './support/hub.js';
import { filesUnder } from './support/files.js';

// Killing the hub (SIGKILL) during 500 concurrent writes leaves no torn or partial file: every stored
// file is exactly one version some client sent, its metadata agrees with its bytes, every write the
// hub acknowledged is there, and a restarted hub clears the abandoned temporary files.

const BIN = fileURLToPath(new URL('../bin/gaia-hub.ts', import.meta.url));
const md5 = (data: Uint8Array | string) => createHash('md5').update(data).digest('hex');

/** A body that proves its own integrity: the MD5 hex of the payload, then the payload. */
function selfChecking(size: number): Buffer {
  const payload = randomBytes(size);
  return Buffer.concat([Buffer.from(md5(payload)), payload]);
}

function isWhole(content: Buffer): boolean {
  return content.length >= 32 && content.subarray(0, 32).toString() === md5(content.subarray(32));
}

async function startHubProcess(root: string): Promise<{ url: string; kill: () => void; exited: Promise<unknown> }> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', BIN, '--port', '0', '--storage-root-directory', root, '--server-name', SERVER_NAME, '--log-level', 'silent'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}`)));
  });
  const { url } = JSON.parse(line) as { url: string };
  return { url, kill: () => child.kill('SIGKILL'), exited };
}

/**
 * The body in two halves, the second sent `3 × i` ms later: uploads finish spread over a second and
 * a half, so the kill (at the 60th acknowledged write) lands while hundreds are half-received,
 * however fast the hub is.
 */
function staggered(body: Uint8Array, i: number): ReadableStream<Uint8Array> {
  const half = body.length >> 1;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(body.slice(0, half));
      await new Promise((resolve) => setTimeout(resolve, 3 * i));
      controller.enqueue(body.slice(half));
      controller.close();
    },
  });
}

describe('SIGKILL during 500 concurrent writes', () => {
  it('leaves only whole files, consistent metadata, and every acknowledged write', async () => {
    const root = mkdtempSync(join(tmpdir(), 'bsk-sigkill-'));
    try {
      const hub = await startHubProcess(root);
      const authorization = v1Header(APP_KEY);
      const sent = new Map<string, Set<string>>();
      const acknowledged = new Set<string>();

      let killed = false;
      let cutOff = 0;
      const writes = Array.from({ length: 500 }, async (_, i) => {
        // 400 paths: 100 of them written twice at once (one 409 or a replacement).
        const path = `dir${i % 10}/file${i % 400}.bin`;
        const body = selfChecking(64 * 1024 + ((i * 7919) % (192 * 1024)));
        let versions = sent.get(path);
        if (!versions) sent.set(path, (versions = new Set()));
        versions.add(md5(body));
        try {
          const response = await fetch(`${hub.url}/store/${APP_ADDRESS}/${path}`, { method: 'POST', headers: { authorization, 'content-type': 'application/octet-stream' }, body: staggered(body, i), duplex: 'half' } as RequestInit);
          await response.arrayBuffer();
          if (response.status === 202) acknowledged.add(path);
        } catch {
          // The hub was killed under this request.
          cutOff++;
        }
        if (acknowledged.size >= 60 && !killed) {
          killed = true;
          hub.kill();
        }
      });
      await Promise.all(writes);
      if (!killed) hub.kill();
      await hub.exited;
      expect(acknowledged.size).toBeGreaterThanOrEqual(60);
      // The kill landed mid-flight: some writes never got an answer.
      expect(cutOff).toBeGreaterThan(0);

      const bucketFiles = filesUnder(join(root, APP_ADDRESS));
      for (const path of acknowledged) expect(bucketFiles).toContain(path);
      const driver = new DiskDriver({ storageRootDirectory: root });
      for (const path of bucketFiles) {
        const content = readFileSync(join(root, APP_ADDRESS, ...path.split('/')));
        expect(isWhole(content), path).toBe(true);
        expect(sent.get(path)?.has(md5(content))).toBe(true);
        expect((await driver.stat(APP_ADDRESS, path))?.etag).toBe(md5(content));
      }
      // A hub started on the same root clears the partial uploads the killed one abandoned.
      await driver.write({ bucket: APP_ADDRESS, path: 'after-restart', body: (async function* () { yield Buffer.from('ok'); })(), contentType: 'text/plain' });
      expect(filesUnder(join(root, '.gaia-tmp'))).toEqual([]);
      await driver.close();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});
