import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Driver, loadHubConfig } from '@bsk/gaia';
import type { HubConfig } from '@bsk/gaia';
import { describeDriverConformance, describeHubWhenServiceFails, describeHubWithReferenceClient } from './support/driver-conformance.js';

// The S3 driver (auth-and-storage.md §4.7, §4.11 `driver: aws`) against s3rver, a real S3-compatible
// server started in this process on an ephemeral loopback port over a temporary directory.

interface KoaContext {
  readonly headers: Record<string, string | string[] | undefined>;
}
interface S3rverInstance {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
  /** Koa's middleware list (s3rver is a Koa application). */
  readonly middleware: ((context: KoaContext, next: () => Promise<void>) => Promise<void>)[];
}
const S3rver = createRequire(import.meta.url)('s3rver') as new (options: object) => S3rverInstance;

/** s3rver's fixed account (lib/models/account.js). */
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

interface RunningS3 {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** s3rver on 127.0.0.1 (`port` 0: any free port) over `directory`. */
async function startS3rver(directory: string, port = 0): Promise<RunningS3> {
  const server = new S3rver({ address: '127.0.0.1', port, silent: true, directory });
  // s3rver decodes x-amz-copy-source with decodeURI, which leaves %2B, %23, %3F … encoded, so copies of
  // keys with reserved characters miss; S3 percent-decodes the whole header. Re-encoding it for decodeURI
  // makes s3rver decode as S3 does; the driver sends what S3 documents (each key segment URL-encoded).
  server.middleware.unshift(async (context, next) => {
    const source = context.headers['x-amz-copy-source'];
    if (typeof source === 'string') context.headers['x-amz-copy-source'] = encodeURI(decodeURIComponent(source));
    await next();
  });
  const address = await server.run();
  return { endpoint: `http://127.0.0.1:${address.port}`, port: address.port, stop: () => server.close() };
}

let directory: string;
let s3: RunningS3;
let driver: S3Driver;
beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'bsk-s3rver-'));
  s3 = await startS3rver(directory);
  driver = new S3Driver({ bucket: 'conformance', endpoint: s3.endpoint, forcePathStyle: true, credentials: CREDENTIALS });
});
afterAll(async () => {
  await driver.close();
  await s3.stop();
  rmSync(directory, { recursive: true, force: true });
});

let hubBuckets = 0;
/** The hub's config for s3rver, each hub in a fresh S3 bucket (created by the driver). */
function s3HubConfig(endpoint: string): Partial<HubConfig> {
  hubBuckets += 1;
  return {
    driver: 'aws', bucket: `hub-${hubBuckets}-${process.pid}`, s3Endpoint: endpoint, s3ForcePathStyle: true,
    s3AccessKeyId: CREDENTIALS.accessKeyId, s3SecretAccessKey: CREDENTIALS.secretAccessKey,
  };
}

describeDriverConformance('S3', { driver: () => driver, readAfterOverwrite: 'error' });

describe('S3 objects', () => {
  it("are named <address>/<path> in the configured bucket, with S3's quoted MD5 etag and the cache control", async () => {
    const cached = new S3Driver({ bucket: 'layout', endpoint: s3.endpoint, forcePathStyle: true, credentials: CREDENTIALS, cacheControl: 'max-age=60' });
    try {
      const { etag } = await cached.write({ bucket: 'A1', path: 'dir/file.txt', contentType: 'text/plain', body: (async function* () { yield Buffer.from('hello'); })() });
      expect(etag).toBe('"5d41402abc4b2a76b9719d911017c592"');
      const direct = await fetch(`${s3.endpoint}/layout/A1/dir/file.txt`);
      expect(direct.status).toBe(200);
      expect(direct.headers.get('cache-control')).toBe('max-age=60');
      expect(await direct.text()).toBe('hello');
    } finally {
      await cached.close();
    }
  });
});

describeHubWithReferenceClient('S3', () => s3HubConfig(s3.endpoint));

describeHubWhenServiceFails('S3', { start: startS3rver, hubConfig: s3HubConfig });

describe('S3 configuration', () => {
  it("reads the original's bucket and awsCredentials keys, GAIA_S3_* env, and the s3 alias", () => {
    const file = { driver: 'aws', bucket: 'my-hub', awsCredentials: { accessKeyId: 'AK', secretAccessKey: 'SK', endpoint: 'minio.local:9000', region: 'eu-west-1' } };
    expect(loadHubConfig({ file })).toMatchObject({ driver: 'aws', bucket: 'my-hub', s3AccessKeyId: 'AK', s3SecretAccessKey: 'SK', s3Endpoint: 'minio.local:9000', s3Region: 'eu-west-1', s3ForcePathStyle: false });
    const env = { GAIA_DRIVER: 's3', GAIA_BUCKET_NAME: 'env-hub', GAIA_S3_ACCESS_KEY_ID: 'EK', BSK_GAIA_S3_SECRET_ACCESS_KEY: 'ES', GAIA_S3_FORCE_PATH_STYLE: 'true' };
    expect(loadHubConfig({ env })).toMatchObject({ driver: 'aws', bucket: 'env-hub', s3AccessKeyId: 'EK', s3SecretAccessKey: 'ES', s3ForcePathStyle: true });
    expect(loadHubConfig({ argv: ['--driver', 'aws'] })).toMatchObject({ driver: 'aws', bucket: 'hub', s3Region: 'us-east-1' });
    expect(() => loadHubConfig({ env: { GAIA_DRIVER: 'aws', GAIA_S3_ACCESS_KEY_ID: 'only-the-id' } })).toThrow('s3AccessKeyId and s3SecretAccessKey together');
  });
});
