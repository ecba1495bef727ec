export { createDevnet, RPC_METHODS, type Devnet, type DevnetConfig, type DevnetLogger } from './devnet.js';
export { REGTEST, blockSubsidy, type ChainParams } from './consensus/params.js';
export { genesisBlock } from './consensus/genesis.js';
export { DevnetNode } from './node/node.js';
export { Chain, type IndexEntry, type TipChange } from './node/chain.js';
export { Mempool, type MempoolEntry, type AcceptResult } from './node/mempool.js';
export { Faucet, FaucetError, type FaucetPayment } from './node/faucet.js';
export { TxRejection } from './validation/rejection.js';
