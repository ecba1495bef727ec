import { describe, expect, it } from 'vitest';
import { BlockFollower, ReorgTooDeepError, type Block, type ChainBackend, type ChainEvent } from '../src/index.js';

/** A chain of hashes in memory, enough of a backend to drive the follower. */
class MemoryChain implements ChainBackend {
  readonly network = 'regtest' as const;
  hashes: string[] = ['genesis'];
  blockCalls = 0;
  /** Called after each getBlock, to change the chain in the middle of a pass. */
  onGetBlock: (() => void) | null = null;

  mine(count: number, branch = 'a'): void {
    for (let i = 0; i < count; i++) this.hashes.push(`${branch}${this.hashes.length}`);
  }
  /** Replace the last `depth` blocks with `length` blocks of another branch. */
  reorg(depth: number, length: number, branch: string): void {
    this.hashes.length -= depth;
    this.mine(length, branch);
  }
  async getTip() {
    return { height: this.hashes.length - 1, hash: this.hashes[this.hashes.length - 1]! };
  }
  async getBlockHash(height: number) {
    const hash = this.hashes[height];
    if (hash === undefined) throw new Error('Block height out of range');
    return hash;
  }
  async getBlockHeader(hashOrHeight: string | number) {
    const height = typeof hashOrHeight === 'number' ? hashOrHeight : this.hashes.indexOf(hashOrHeight);
    return { hash: this.hashes[height]!, height, previousBlockHash: height === 0 ? null : this.hashes[height - 1]!, time: height };
  }
  async getBlock(hashOrHeight: string | number): Promise<Block> {
    this.blockCalls++;
    const header = await this.getBlockHeader(hashOrHeight);
    if (header.height < 0) throw new Error('Block not found');
    const block = { ...header, transactions: [] };
    this.onGetBlock?.();
    return block;
  }
  getTransaction(): never {
    throw new Error('not used');
  }
  broadcast(): never {
    throw new Error('not used');
  }
  getUnspentOutputs(): never {
    throw new Error('not used');
  }
  async getFeeRate() {
    return 1;
  }
}

async function drain(follower: BlockFollower): Promise<string[]> {
  const events: string[] = [];
  for await (const event of follower.sync()) events.push(describe_(event));
  return events;
}

function describe_(event: ChainEvent): string {
  return event.type === 'connect' ? `+${event.block.height}:${event.block.hash}` : `-${event.height}:${event.hash}`;
}

describe('BlockFollower', () => {
  it('connects blocks from the start height to the tip, then nothing until the chain grows', async () => {
    const chain = new MemoryChain();
    chain.mine(5);
    const follower = new BlockFollower(chain, { startHeight: 3 });
    expect(await drain(follower)).toEqual(['+3:a3', '+4:a4', '+5:a5']);
    expect(await drain(follower)).toEqual([]);
    chain.mine(1);
    expect(await drain(follower)).toEqual(['+6:a6']);
    expect(follower.tip).toEqual({ height: 6, hash: 'a6' });
  });

  it.each([1, 2, 5, 10])('notices a reorganisation of depth %i: disconnects newest first, then connects the new branch', async (depth) => {
    const chain = new MemoryChain();
    chain.mine(20);
    const follower = new BlockFollower(chain, { startHeight: 1 });
    await drain(follower);
    chain.reorg(depth, depth + 1, 'b');
    const events = await drain(follower);
    const disconnects = Array.from({ length: depth }, (_, i) => `-${20 - i}:a${20 - i}`);
    const connects = Array.from({ length: depth + 1 }, (_, i) => `+${21 - depth + i}:b${21 - depth + i}`);
    expect(events).toEqual([...disconnects, ...connects]);
  });

  it('handles a reorganisation to a shorter chain', async () => {
    const chain = new MemoryChain();
    chain.mine(8);
    const follower = new BlockFollower(chain, { startHeight: 1 });
    await drain(follower);
    chain.reorg(3, 1, 'c');
    expect(await drain(follower)).toEqual(['-8:a8', '-7:a7', '-6:a6', '+6:c6']);
  });

  it('stays `lag` blocks behind the tip', async () => {
    const chain = new MemoryChain();
    chain.mine(10);
    const follower = new BlockFollower(chain, { startHeight: 1, lag: 5 });
    expect((await drain(follower)).at(-1)).toBe('+5:a5');
    chain.mine(2);
    expect(await drain(follower)).toEqual(['+6:a6', '+7:a7']);
  });

  it('resumes from processed blocks, undoing those the chain lost while it was away', async () => {
    const chain = new MemoryChain();
    chain.mine(10);
    const processed = [7, 8, 9].map((height) => ({ height, hash: `a${height}` }));
    chain.reorg(2, 2, 'd');
    const follower = new BlockFollower(chain, { startHeight: 1, processed });
    expect(await drain(follower)).toEqual(['-9:a9', '+9:d9', '+10:d10']);
  });

  it('throws ReorgTooDeepError when the fork is older than what it remembers', async () => {
    const chain = new MemoryChain();
    chain.mine(10);
    const follower = new BlockFollower(chain, { startHeight: 1, memory: 3 });
    await drain(follower);
    chain.reorg(5, 5, 'e');
    const events: string[] = [];
    const error = await (async () => {
      for await (const event of follower.sync()) events.push(describe_(event));
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReorgTooDeepError);
    expect(events).toEqual(['-10:a10', '-9:a9']);
  });

  it('ends a pass when the chain reorganises under it, and repairs on the next', async () => {
    const chain = new MemoryChain();
    chain.mine(4);
    const follower = new BlockFollower(chain, { startHeight: 1 });
    await drain(follower);
    chain.mine(4);
    let calls = 0;
    chain.onGetBlock = () => {
      calls++;
      if (calls === 2) chain.reorg(3, 3, 'f'); // replaces 6..8 while 6 is being read
    };
    const first = await drain(follower);
    chain.onGetBlock = null;
    const second = await drain(follower);
    // Replaying both passes must leave the follower exactly on the chain.
    const held = new Map<number, string>([1, 2, 3, 4].map((h) => [h, `a${h}`]));
    for (const event of [...first, ...second]) {
      const [, sign, height, hash] = /^([+-])(\d+):(.+)$/.exec(event)!;
      if (sign === '+') held.set(Number(height), hash!);
      else held.delete(Number(height));
    }
    expect([...held.entries()].sort((a, b) => a[0] - b[0]).map(([, hash]) => hash)).toEqual(chain.hashes.slice(1));
  });

  it('follows until aborted', async () => {
    const chain = new MemoryChain();
    chain.mine(2);
    const follower = new BlockFollower(chain, { startHeight: 1 });
    const controller = new AbortController();
    const seen: string[] = [];
    setTimeout(() => chain.mine(1), 30);
    for await (const event of follower.follow(10, controller.signal)) {
      seen.push(describe_(event));
      if (seen.length === 3) controller.abort();
    }
    expect(seen).toEqual(['+1:a1', '+2:a2', '+3:a3']);
  });
});
