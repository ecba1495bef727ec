import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { DiskDriver } from '@bsk/gaia';
import { describeDriverConformance, describeHubWithReferenceClient } from './support/driver-conformance.js';

// The driver conformance suite (auth-and-storage.md §4.7) and the reference-client run against the disk
// driver; s3-driver.test.ts and azure-driver.test.ts run the same against s3rver and Azurite.

let root: string;
let driver: DiskDriver;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'bsk-conformance-'));
  driver = new DiskDriver({ storageRootDirectory: root });
});
afterAll(async () => {
  await driver.close();
  rmSync(root, { recursive: true, force: true });
});

describeDriverConformance('disk', { driver: () => driver, readAfterOverwrite: 'old version' });

// startHub gives each hub its own temporary storage root.
describeHubWithReferenceClient('disk', () => ({ driver: 'disk' }));
