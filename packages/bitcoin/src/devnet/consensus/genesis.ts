import { Block, Transaction } from 'bitcoinjs-lib';
import { REGTEST } from './params.js';

/** The regtest genesis block, rebuilt from its parameters (CreateGenesisBlock). */
export function genesisBlock(): Block {
  const { genesis } = REGTEST;
  const coinbase = new Transaction();
  coinbase.version = 1;
  coinbase.addInput(new Uint8Array(32), 0xffffffff, 0xffffffff, Buffer.from(genesis.coinbaseScriptSig, 'hex'));
  coinbase.addOutput(Buffer.from(genesis.coinbaseScriptPubKey, 'hex'), BigInt(REGTEST.initialSubsidy));
  const block = new Block();
  block.version = genesis.version;
  block.prevHash = new Uint8Array(32);
  block.timestamp = genesis.time;
  block.bits = genesis.bits;
  block.nonce = genesis.nonce;
  block.transactions = [coinbase];
  block.merkleRoot = Block.calculateMerkleRoot([coinbase]);
  return block;
}
