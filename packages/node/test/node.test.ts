import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { pino } from 'pino';
import { createNode } from '../src/index.js';
import { nodeConfig, startDevnetNode, tempDir, type DevnetNode } from './support/devnet-node.js';

/* The composition root on a real devnet chain: it starts, follows, answers, restarts where it stopped. */

describe('createNode on the devnet', () => {
  let net: DevnetNode;

  beforeAll(async () => {
    net = await startDevnetNode();
    net.devnet.mine(6);
    await net.synced();
  });

  afterAll(async () => {
    await net.stop();
  });

  it('answers ping and info with the indexer\'s progress', async () => {
    const ping = await fetch(`${net.node.apiUrl}/v1/node/ping`);
    expect(ping.status).toBe(200);
    expect(await ping.json()).toEqual({ status: 'alive', version: '21.0.0.5' });
    const info = (await (await fetch(`${net.node.apiUrl}/v1/info`)).json()) as Record<string, unknown>;
    expect(info).toMatchObject({ first_block: 4, last_block_processed: 6, server_alive: true, testnet: true, zonefile_count: 0 });
    expect(info.consensus).toMatch(/^[0-9a-f]{32}$/);
  });

  it('resumes after a restart and keeps following', async () => {
    const before = net.node.engine.consensusHashAt(6);
    await net.restart();
    expect(net.node.engine.tip()).toBe(6);
    expect(net.node.engine.consensusHashAt(6)).toBe(before);
    net.devnet.mine(2);
    await net.synced();
    expect(net.node.engine.tip()).toBe(8);
  });

  it('catches up a long stretch in groups and still follows the tip block by block', async () => {
    net.devnet.mine(200); // more than the 144 blocks a reorganisation may reach: the first ones are grouped
    await net.synced();
    expect(net.node.engine.tip()).toBe(208);
    const info = (await (await fetch(`${net.node.apiUrl}/v1/info`)).json()) as Record<string, unknown>;
    expect(info).toMatchObject({ last_block_processed: 208, last_block_seen: 208 });
    await net.restart();
    net.devnet.mine(1);
    await net.synced();
    expect(net.node.engine.tip()).toBe(209);
  });

  it('serves CORS, an OpenAPI document and Prometheus metrics', async () => {
    const preflight = await fetch(`${net.node.apiUrl}/v1/names/foo.id`, { method: 'OPTIONS', headers: { origin: 'http://app.example', 'access-control-request-method': 'GET' } });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    const openapi = (await (await fetch(`${net.node.apiUrl}/v1/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(openapi.openapi).toBe('3.0.3');
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/v1/names/{name}', '/v2/prices/names/{name}', '/v1/zonefile', '/v1/broadcast/registration', '/v1/users/{name}']));
    const metrics = await (await fetch(`${net.node.apiUrl}/metrics`)).text();
    expect(metrics).toContain('bsk_node_http_requests_total');
    expect(metrics).toMatch(/bsk_node_indexer_height 209/);
  });

  it('answers unknown routes with the original\'s 404', async () => {
    const response = await fetch(`${net.node.apiUrl}/v1/nothing/here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'No such endpoint' });
  });
});

describe('createNode when its port is taken', () => {
  it('fails with the bind error, closing what it opened; the data directory stays usable', async () => {
    const first = await startDevnetNode();
    try {
      const port = Number(new URL(first.node.apiUrl).port);
      const dataDir = tempDir('bsk-node-busy-');
      const config = nodeConfig(first.devnet, dataDir, { apiPort: port });
      await expect(createNode(config, { logger: pino({ level: 'silent' }) })).rejects.toThrow(/EADDRINUSE/);
      const second = await createNode({ ...config, apiPort: 0 }, { logger: pino({ level: 'silent' }) });
      await second.close();
      rmSync(dataDir, { recursive: true, force: true });
    } finally {
      await first.stop();
    }
  });
});
