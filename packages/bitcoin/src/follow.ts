import type { Block, ChainBackend, ChainTip, GetBlockOptions } from './backend.js';

/** A block joined the followed chain, or left it in a reorganisation (newest first). */
export type ChainEvent =
  | { readonly type: 'connect'; readonly block: Block }
  | { readonly type: 'disconnect'; readonly height: number; readonly hash: string };

/** A reorganisation reaches below the oldest block the follower remembers. */
export class ReorgTooDeepError extends Error {
  readonly code = 'reorg_too_deep';
  constructor(readonly height: number) {
    super(`chain reorganised below height ${height}, deeper than the blocks the follower remembers`);
    this.name = 'ReorgTooDeepError';
  }
}

export interface BlockFollowerOptions {
  /** First height to deliver when nothing has been processed yet. */
  readonly startHeight: number;
  /** Blocks already processed (ascending heights), e.g. restored from the indexer's database. */
  readonly processed?: readonly ChainTip[];
  /** Stay this many blocks behind the tip (the indexer lags NUM_CONFIRMATIONS − 1, bns.md §1.1). */
  readonly lag?: number;
  /** How many recent hashes to remember for finding fork points (default 144). */
  readonly memory?: number;
  readonly blockOptions?: GetBlockOptions;
}

/**
 * Follows a backend's best chain by comparing block hashes: blocks the follower holds but the
 * chain no longer has at their heights are disconnected newest first; then new blocks are
 * connected in height order, each checked to extend the previous one (a reorganisation in the
 * middle of a pass ends the pass; the next one sees it).
 */
export class BlockFollower {
  private readonly chain: ChainTip[];
  private readonly memory: number;

  constructor(
    private readonly backend: ChainBackend,
    private readonly options: BlockFollowerOptions,
  ) {
    this.memory = options.memory ?? 144;
    this.chain = [...(options.processed ?? [])].slice(-this.memory);
  }

  /** The last block delivered, or null before the first. */
  get tip(): ChainTip | null {
    return this.chain[this.chain.length - 1] ?? null;
  }

  /** One pass: the events that bring the follower to the backend's (lagged) tip. */
  async *sync(): AsyncGenerator<ChainEvent> {
    const tip = await this.backend.getTip();
    const target = tip.height - (this.options.lag ?? 0);
    yield* this.unwind(tip);
    let height = this.tip === null ? this.options.startHeight : this.tip.height + 1;
    for (; height <= target; height++) {
      const block = await this.backend.getBlock(await this.backend.getBlockHash(height), this.options.blockOptions);
      const previous = this.tip;
      if (previous !== null && block.previousBlockHash !== previous.hash) return;
      this.remember({ height: block.height, hash: block.hash });
      yield { type: 'connect', block };
    }
  }

  /** Polls forever (until `signal` aborts), yielding events as the chain moves. */
  async *follow(intervalMs: number, signal?: AbortSignal): AsyncGenerator<ChainEvent> {
    while (signal?.aborted !== true) {
      yield* this.sync();
      await sleep(intervalMs, signal);
    }
  }

  /** Disconnects held blocks the chain no longer has, newest first, down to the fork point. */
  private async *unwind(tip: ChainTip): AsyncGenerator<ChainEvent> {
    for (let held = this.tip; held !== null; held = this.tip) {
      if (held.height <= tip.height && (await this.backend.getBlockHash(held.height)) === held.hash) return;
      this.chain.pop();
      if (this.chain.length === 0 && held.height > this.options.startHeight) throw new ReorgTooDeepError(held.height);
      yield { type: 'disconnect', height: held.height, hash: held.hash };
    }
  }

  private remember(block: ChainTip): void {
    this.chain.push(block);
    if (this.chain.length > this.memory) this.chain.shift();
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
