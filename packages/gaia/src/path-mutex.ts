import { ConflictError } from './errors.js';

/*
 * One write or delete per `<address>/<path>` at a time (auth-and-storage.md §4.7): a second one while
 * the first is in flight is refused with 409, as the original hub does, instead of queueing. Per
 * process, like the original; the disk driver's rename keeps the file whole regardless.
 */
export class PathMutex {
  private readonly held = new Set<string>();

  async run<T>(operation: 'store' | 'delete', endpoint: string, work: () => Promise<T>): Promise<T> {
    if (this.held.has(endpoint)) throw new ConflictError(`Concurrent operation (${operation}) attempted on ${endpoint}`);
    this.held.add(endpoint);
    try {
      return await work();
    } finally {
      this.held.delete(endpoint);
    }
  }
}
