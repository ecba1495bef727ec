import type { Faucet } from '../node/faucet.js';
import type { DevnetNode } from '../node/node.js';
import type { WatchOnlyWallet } from '../node/wallet.js';
import type { MethodSpec } from './params.js';

/** What RPC handlers work on. */
export interface RpcContext {
  readonly node: DevnetNode;
  readonly wallet: WatchOnlyWallet;
  readonly faucet: Faucet;
  /** Unix seconds when the devnet started (uptime). */
  readonly startedAt: number;
}

export type RpcMethod = MethodSpec<RpcContext>;
