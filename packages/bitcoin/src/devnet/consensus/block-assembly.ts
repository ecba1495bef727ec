import { Block, script as bscript, opcodes, Transaction } from 'bitcoinjs-lib';
import { meetsTarget } from './pow.js';
import { blockSubsidy, REGTEST } from './params.js';

/**
 * Building a block as bitcoind's miner does (src/node/miner.cpp CreateNewBlock,
 * GenerateCoinbaseCommitment): a coinbase with the BIP34 height, the witness reserved value
 * and the BIP141 witness commitment, then a nonce that meets the target.
 */

/** Version bitcoind's miner sets on regtest (VERSIONBITS_TOP_BITS, nothing signalled). */
export const BLOCK_VERSION = 0x20000000;

const WITNESS_COMMITMENT_HEADER = Uint8Array.of(0xaa, 0x21, 0xa9, 0xed);

/** `CScript() << nHeight << OP_0`: heights 1..16 become OP_1..OP_16, as CScript does. */
export function coinbaseScriptSig(height: number): Uint8Array {
  const heightPush = height === 0 ? opcodes.OP_0 : bscript.number.encode(height);
  return bscript.compile([heightPush, opcodes.OP_0]);
}

export function buildCoinbase(height: number, payoutScript: Uint8Array, value: number): Transaction {
  const coinbase = new Transaction();
  coinbase.version = 2;
  coinbase.addInput(new Uint8Array(32), 0xffffffff, 0xffffffff, coinbaseScriptSig(height));
  coinbase.setWitness(0, [new Uint8Array(32)]);
  coinbase.addOutput(payoutScript, BigInt(value));
  return coinbase;
}

export interface BlockTemplate {
  readonly prevHash: Uint8Array;
  readonly height: number;
  readonly time: number;
  readonly payoutScript: Uint8Array;
  /** Transactions in block order, parents before children. */
  readonly transactions: readonly Transaction[];
  readonly fees: number;
}

/** Assembles the block and grinds its nonce until the header hash meets regtest's target. */
export function assembleBlock(template: BlockTemplate): Block {
  const subsidy = blockSubsidy(template.height);
  const coinbase = buildCoinbase(template.height, template.payoutScript, subsidy + template.fees);
  const transactions = [coinbase, ...template.transactions];
  // calculateMerkleRoot(…, true) hashes the witness root with the coinbase's reserved value.
  const commitment = Block.calculateMerkleRoot(transactions, true);
  coinbase.addOutput(bscript.compile([opcodes.OP_RETURN, concat(WITNESS_COMMITMENT_HEADER, commitment)]), 0n);
  const block = new Block();
  block.version = BLOCK_VERSION;
  block.prevHash = template.prevHash;
  block.timestamp = template.time;
  block.bits = REGTEST.powLimitBits;
  block.transactions = transactions;
  block.merkleRoot = Block.calculateMerkleRoot(transactions);
  block.nonce = 0;
  while (!meetsTarget(block.getHash(), block.bits)) block.nonce++;
  return block;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
