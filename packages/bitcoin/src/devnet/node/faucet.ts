import * as ecc from '@bitcoinerlab/secp256k1';
import { crypto as bcrypto, payments, script as bscript, Transaction } from 'bitcoinjs-lib';
import { REGTEST } from '../consensus/params.js';
import { addressToScript } from '../script/standard.js';
import { hexToReversed } from '../validation/tx-util.js';
import type { DevnetNode } from './node.js';

export interface FaucetPayment {
  readonly txid: string;
  readonly vout: number;
  readonly address: string;
  readonly amount: number;
  /** Hashes of the blocks mined to confirm it (empty when left in the mempool). */
  readonly blocks: string[];
}

export class FaucetError extends Error {}

interface FaucetCoin {
  readonly txid: string;
  readonly vout: number;
  readonly value: number;
}

/** Fee rate of faucet payments, sat/vB. */
const FAUCET_FEE_RATE = 2;
const INPUT_VSIZE = 68;
const OUTPUT_VSIZE = 43;
const OVERHEAD_VSIZE = 11;

/**
 * Funds any address from a key only the devnet holds: coinbases of blocks it mines to
 * itself, spent once mature (coinbase maturity 100), with change back to itself. It mines
 * whatever it needs first, like the original test harness's bootstrap (cli-and-scenarios.md §B.1).
 */
export class Faucet {
  private readonly privateKey = bcrypto.sha256(new TextEncoder().encode('bsk devnet faucet'));
  private readonly publicKey = ecc.pointFromScalar(this.privateKey, true)!;
  readonly payment = payments.p2wpkh({ pubkey: this.publicKey, network: REGTEST.network });
  readonly address = this.payment.address!;
  readonly script = this.payment.output!;

  constructor(private readonly node: DevnetNode) {}

  /** Faucet coins a new transaction may spend: mature, and not already spent in the mempool. */
  private spendableCoins(): FaucetCoin[] {
    const { chain, mempool } = this.node;
    const nextHeight = chain.height() + 1;
    const confirmed = chain
      .coinsForScript(this.script)
      .filter((c) => !c.coinbase || nextHeight - c.height >= REGTEST.coinbaseMaturity)
      .filter((c) => !mempool.spenderOf(c.txid, c.vout));
    const unconfirmed: FaucetCoin[] = [];
    for (const entry of mempool.all()) {
      entry.tx.outs.forEach((out, vout) => {
        if (Buffer.compare(Buffer.from(out.script), Buffer.from(this.script)) === 0 && !mempool.spenderOf(entry.txid, vout)) {
          unconfirmed.push({ txid: entry.txid, vout, value: Number(out.value) });
        }
      });
    }
    // Confirmed coins first: unconfirmed change makes chains the mempool limits to 25.
    return [...confirmed.sort((a, b) => b.value - a.value), ...unconfirmed.sort((a, b) => b.value - a.value)];
  }

  private select(amount: number): { coins: FaucetCoin[]; fee: number } | null {
    const coins: FaucetCoin[] = [];
    let total = 0;
    for (const coin of this.spendableCoins()) {
      coins.push(coin);
      total += coin.value;
      const fee = FAUCET_FEE_RATE * (OVERHEAD_VSIZE + INPUT_VSIZE * coins.length + 2 * OUTPUT_VSIZE);
      if (total >= amount + fee) return { coins, fee };
    }
    return null;
  }

  /** Mines blocks to the faucet until it can pay `amount` satoshis. */
  private ensureFunds(amount: number): { coins: FaucetCoin[]; fee: number } {
    for (let mined = 0; ; mined++) {
      const selection = this.select(amount);
      if (selection) return selection;
      if (mined > 20_000) throw new FaucetError('Faucet cannot mine enough funds');
      this.node.mine(1, this.script);
    }
  }

  /** Pays `amount` satoshis to `address`, then mines `confirmations` blocks. */
  fund(address: string, amount: number, confirmations = 1): FaucetPayment {
    const target = addressToScript(address);
    if (!target) throw new FaucetError('Invalid address');
    if (!Number.isInteger(amount) || amount <= 0) throw new FaucetError('Invalid amount');
    const { coins, fee } = this.ensureFunds(amount);
    const tx = new Transaction();
    tx.version = 2;
    for (const coin of coins) tx.addInput(hexToReversed(coin.txid), coin.vout, 0xfffffffd);
    tx.addOutput(target, BigInt(amount));
    const change = coins.reduce((sum, c) => sum + c.value, 0) - amount - fee;
    if (change > 1_000) tx.addOutput(this.script, BigInt(change));
    this.sign(tx, coins);
    const result = this.node.submit(tx);
    if (!result.accepted && result.rejection.reason === 'too-long-mempool-chain') {
      // Its change chain grew too long: confirm what is pending and pay again.
      this.node.mine(1, this.script);
      return this.fund(address, amount, confirmations);
    }
    if (!result.accepted) throw new FaucetError(`Faucet transaction rejected: ${result.rejection.toString()}`);
    const blocks = confirmations > 0 ? this.node.mine(confirmations, this.script) : [];
    return { txid: result.txid, vout: 0, address, amount, blocks };
  }

  private sign(tx: Transaction, coins: readonly FaucetCoin[]): void {
    const scriptCode = payments.p2pkh({ hash: this.payment.hash!, network: REGTEST.network }).output!;
    coins.forEach((coin, i) => {
      const digest = tx.hashForWitnessV0(i, scriptCode, BigInt(coin.value), Transaction.SIGHASH_ALL);
      const signature = bscript.signature.encode(ecc.sign(digest, this.privateKey), Transaction.SIGHASH_ALL);
      tx.setWitness(i, [signature, this.publicKey]);
    });
  }

  /** Spendable balance in satoshis (mature and unconfirmed change). */
  balance(): number {
    return this.spendableCoins().reduce((sum, c) => sum + c.value, 0);
  }
}
