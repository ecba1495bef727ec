import { describe, expect, it } from 'vitest';
import { ConflictError, HubMetrics, PathMutex } from '@bsk/gaia';

// The path mutex (§4.7: 409 instead of queueing), the LRU behind the caches, the metrics text.

describe('PathMutex', () => {
  it('refuses a second operation on a held path, frees it afterwards, even after a failure', async () => {
    const mutex = new PathMutex();
    let release: () => void = () => undefined;
    const first = mutex.run('store', 'A/p', () => new Promise<string>((resolve) => { release = () => resolve('done'); }));
    await expect(mutex.run('delete', 'A/p', async () => 'x')).rejects.toThrow(new ConflictError('Concurrent operation (delete) attempted on A/p'));
    await expect(mutex.run('store', 'A/q', async () => 'other path')).resolves.toBe('other path');
    release();
    await expect(first).resolves.toBe('done');
    await expect(mutex.run('store', 'A/p', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await expect(mutex.run('store', 'A/p', async () => 'free again')).resolves.toBe('free again');
  });
});

describe('HubMetrics', () => {
  it('renders counters and summaries with escaped labels', () => {
    const metrics = new HubMetrics();
    metrics.record('/x', 'GET', 200, 0.5);
    metrics.record('/x', 'GET', 200, 0.25);
    metrics.record('/"q"', 'POST', 401, 1);
    const text = metrics.render();
    expect(text).toContain('gaia_http_requests_total{route="/x",method="GET",status="200"} 2');
    expect(text).toContain('gaia_http_request_duration_seconds_sum{route="/x"} 0.75');
    expect(text).toContain('route="/\\"q\\""');
  });
});
