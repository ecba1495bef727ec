import { networks } from 'bitcoinjs-lib';

/**
 * Bitcoin Core's regtest consensus and policy parameters (src/kernel/chainparams.cpp,
 * src/policy/policy.h), the one table the devnet reads them from.
 */
export const REGTEST = Object.freeze({
  name: 'regtest',
  network: networks.regtest,
  genesis: Object.freeze({
    hash: '0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206',
    version: 1,
    time: 1296688602,
    bits: 0x207fffff,
    nonce: 2,
    // The coinbase of every Bitcoin genesis block: the Times headline and a pay-to-pubkey output.
    coinbaseScriptSig:
      '04ffff001d0104455468652054696d65732030332f4a616e2f32303039204368616e63656c6c6f72206f6e206272696e6b206f66207365636f6e64206261696c6f757420666f722062616e6b73',
    coinbaseScriptPubKey:
      '4104678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5fac',
  }),
  /** Minimum difficulty: the target every regtest block uses (no retargeting). */
  powLimitBits: 0x207fffff,
  coin: 100_000_000,
  maxMoney: 21_000_000 * 100_000_000,
  initialSubsidy: 50 * 100_000_000,
  subsidyHalvingInterval: 150,
  coinbaseMaturity: 100,
  maxBlockWeight: 4_000_000,
  /** Weight the miner keeps free for the coinbase (policy DEFAULT_BLOCK_RESERVED_WEIGHT). */
  blockReservedWeight: 8_000,
  /** BIP34, BIP65, BIP66, CSV and segwit are active from block 1 on regtest (v24+). */
  medianTimeSpan: 11,
  maxFutureBlockTime: 2 * 60 * 60,
  policy: Object.freeze({
    minRelayFeePerKvB: 1_000,
    incrementalRelayFeePerKvB: 1_000,
    dustRelayFeePerKvB: 3_000,
    maxStandardTxWeight: 400_000,
    minStandardTxNonWitnessSize: 65,
    maxStandardScriptSigSize: 1_650,
    maxOpReturnRelay: 83,
    maxStandardTxVersion: 2,
    maxStandardWitnessStackItemSize: 80,
    maxStandardP2wshScriptSize: 3_600,
    maxStandardP2wshStackItems: 100,
    /** Mempool package limits (src/policy/policy.h DEFAULT_ANCESTOR_LIMIT etc.). */
    ancestorLimit: 25,
    ancestorSizeLimitVBytes: 101_000,
    descendantLimit: 25,
    descendantSizeLimitVBytes: 101_000,
    /** sendrawtransaction/testmempoolaccept default maxfeerate: 0.10 BTC/kvB. */
    defaultMaxRawTxFeePerKvB: 10_000_000,
  }),
});

export type ChainParams = typeof REGTEST;

/** Block subsidy at a height: 50 BTC halving every 150 blocks on regtest (GetBlockSubsidy). */
export function blockSubsidy(height: number, params: ChainParams = REGTEST): number {
  const halvings = Math.floor(height / params.subsidyHalvingInterval);
  if (halvings >= 64) return 0;
  return Number(BigInt(params.initialSubsidy) >> BigInt(halvings));
}
