import type { HubConfig } from '../config.js';
import { DiskDriver } from '../disk-driver.js';
import type { GaiaDriver } from '../driver.js';
import { AzureBlobDriver } from './azure-driver.js';
import { S3Driver } from './s3-driver.js';

export * from './s3-driver.js';
export * from './azure-driver.js';

/*
 * The driver the configuration names (auth-and-storage.md §4.11 `driver`): disk (the default), aws (S3
 * or S3-compatible) or azure. Objects in S3 and Azure carry the configured Cache-Control, as the
 * original, for readers that fetch from the bucket directly (`readURL`).
 */
export function createGaiaDriver(config: HubConfig): GaiaDriver {
  switch (config.driver) {
    case 'disk':
      return new DiskDriver({ storageRootDirectory: config.storageRootDirectory, fsync: config.fsync });
    case 'aws':
      return new S3Driver({
        bucket: config.bucket,
        region: config.s3Region,
        forcePathStyle: config.s3ForcePathStyle,
        cacheControl: config.cacheControl,
        ...(config.s3Endpoint ? { endpoint: config.s3Endpoint } : {}),
        ...(config.s3AccessKeyId && config.s3SecretAccessKey ? {
          credentials: {
            accessKeyId: config.s3AccessKeyId,
            secretAccessKey: config.s3SecretAccessKey,
            ...(config.s3SessionToken ? { sessionToken: config.s3SessionToken } : {}),
          },
        } : {}),
      });
    case 'azure':
      return new AzureBlobDriver({
        container: config.bucket,
        cacheControl: config.cacheControl,
        ...(config.azureConnectionString ? { connectionString: config.azureConnectionString } : {}),
        ...(config.azureAccountName ? { accountName: config.azureAccountName } : {}),
        ...(config.azureAccountKey ? { accountKey: config.azureAccountKey } : {}),
        ...(config.azureEndpoint ? { endpoint: config.azureEndpoint } : {}),
      });
  }
}
