import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AzureBlobDriver, bodyOf, loadHubConfig } from '@bsk/gaia';
import type { HubConfig } from '@bsk/gaia';
import { describeDriverConformance, describeHubWhenServiceFails, describeHubWithReferenceClient } from './support/driver-conformance.js';

// The Azure Blob driver (auth-and-storage.md §4.7, §4.11 `driver: azure`) against Azurite's blob
// service, started in this process on an ephemeral loopback port over a temporary directory.

const require = createRequire(import.meta.url);
interface AzuriteBlobServer {
  start(): Promise<void>;
  close(): Promise<void>;
  readonly httpServer: { address(): { port: number } };
}
const { default: BlobServer } = require('azurite/dist/src/blob/BlobServer.js') as { default: new (configuration: object) => AzuriteBlobServer };
const { default: BlobConfiguration } = require('azurite/dist/src/blob/BlobConfiguration.js') as { default: new (...args: unknown[]) => object };
/** Azurite's well-known development account (public, the same in every Azurite). */
const { EMULATOR_ACCOUNT_NAME: ACCOUNT_NAME, EMULATOR_ACCOUNT_KEY_STR: ACCOUNT_KEY } = require('azurite/dist/src/blob/utils/constants.js') as { EMULATOR_ACCOUNT_NAME: string; EMULATOR_ACCOUNT_KEY_STR: string };

interface RunningAzurite {
  /** The blob service URL of the development account. */
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Azurite's blob service on 127.0.0.1 (`port` 0: any free port), persisting under `directory`. */
async function startAzurite(directory: string, port = 0): Promise<RunningAzurite> {
  const configuration = new BlobConfiguration(
    '127.0.0.1', port, undefined, join(directory, 'blob-db.json'), join(directory, 'extent-db.json'),
    [{ locationId: 'Default', locationPath: join(directory, 'data'), maxConcurrency: 1 }],
    false, undefined, false, undefined,
    true, // loose: accept headers Azurite does not implement
    true, // skipApiVersionCheck: the SDK may speak a newer API version than this Azurite
  );
  const server = new BlobServer(configuration);
  await server.start();
  const bound = server.httpServer.address().port;
  return { endpoint: `http://127.0.0.1:${bound}/${ACCOUNT_NAME}`, port: bound, stop: () => server.close() };
}

let directory: string;
let azurite: RunningAzurite;
let driver: AzureBlobDriver;
beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'bsk-azurite-'));
  azurite = await startAzurite(directory);
  // Small blocks, so the conformance suite's larger bodies are staged as several blocks.
  driver = new AzureBlobDriver({ container: 'conformance', accountName: ACCOUNT_NAME, accountKey: ACCOUNT_KEY, endpoint: azurite.endpoint, blockSize: 64 * 1024 });
});
afterAll(async () => {
  await azurite.stop();
  rmSync(directory, { recursive: true, force: true });
});

let hubContainers = 0;
/** The hub's config for Azurite, each hub in a fresh container (created by the driver). */
function azureHubConfig(endpoint: string): Partial<HubConfig> {
  hubContainers += 1;
  return { driver: 'azure', bucket: `hub-${hubContainers}-${process.pid}`, azureAccountName: ACCOUNT_NAME, azureAccountKey: ACCOUNT_KEY, azureEndpoint: endpoint };
}

describeDriverConformance('Azure', { driver: () => driver, readAfterOverwrite: 'error' });

describe('Azure blobs', () => {
  it('are block blobs <address>/<path> in the container, etag without quotes, with the cache control; a connection string works', async () => {
    const connectionString = `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT_NAME};AccountKey=${ACCOUNT_KEY};BlobEndpoint=${azurite.endpoint};`;
    const viaConnectionString = new AzureBlobDriver({ container: 'layout', connectionString, cacheControl: 'max-age=60' });
    const { etag } = await viaConnectionString.write({ bucket: 'A1', path: 'dir/file.txt', contentType: 'text/plain', body: bodyOf('hello') });
    expect(etag).toMatch(/^0x[0-9A-F]+$/);
    const blob = BlobServiceClient.fromConnectionString(connectionString).getContainerClient('layout').getBlobClient('A1/dir/file.txt');
    const properties = await blob.getProperties();
    expect(properties).toMatchObject({ blobType: 'BlockBlob', contentType: 'text/plain', cacheControl: 'max-age=60', etag: `"${etag}"` });
  });

  it('commits a many-block upload as one blob, byte for byte', async () => {
    const bytes = Buffer.alloc(64 * 1024 * 3 + 5).map((_, i) => (i * 31) % 251);
    const { etag } = await driver.write({ bucket: 'Blocks', path: 'big.bin', contentType: 'application/octet-stream', body: (async function* () { yield bytes.subarray(0, 100_000); yield bytes.subarray(100_000); })() });
    const opened = await driver.open('Blocks', 'big.bin');
    expect(opened?.stat).toMatchObject({ etag, contentLength: bytes.length });
    const chunks: Buffer[] = [];
    for await (const chunk of opened!.read()) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  });
});

describeHubWithReferenceClient('Azure', () => azureHubConfig(azurite.endpoint));

describeHubWhenServiceFails('Azure', { start: startAzurite, hubConfig: azureHubConfig });

describe('Azure configuration', () => {
  it("reads the original's bucket and azCredentials keys, GAIA_AZURE_* env, and asks for credentials", () => {
    const file = { driver: 'azure', bucket: 'container', azCredentials: { accountName: 'acct', accountKey: 'a2V5', endpoint: 'http://127.0.0.1:10000/acct' } };
    expect(loadHubConfig({ file })).toMatchObject({ driver: 'azure', bucket: 'container', azureAccountName: 'acct', azureAccountKey: 'a2V5', azureEndpoint: 'http://127.0.0.1:10000/acct' });
    const env = { GAIA_DRIVER: 'azure', GAIA_AZURE_CONNECTION_STRING: 'UseDevelopmentStorage=true' };
    expect(loadHubConfig({ env })).toMatchObject({ driver: 'azure', bucket: 'hub', azureConnectionString: 'UseDevelopmentStorage=true' });
    expect(() => loadHubConfig({ env: { GAIA_DRIVER: 'azure', GAIA_AZURE_ACCOUNT_NAME: 'acct' } })).toThrow('azureConnectionString, or azureAccountName and azureAccountKey');
  });
});
