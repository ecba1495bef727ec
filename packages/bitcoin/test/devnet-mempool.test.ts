import * as btcSigner from '@scure/btc-signer';
import * as ecc from '@bitcoinerlab/secp256k1';
import { payments, script as bscript, Transaction } from 'bitcoinjs-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../src/devnet/index.js';
import { addressOf, fund, key, multisig, network, rpc, rpcError, spend, startDevnet, type KeyType } from './devnet-helpers.js';

/*
 * The devnet's mempool and mining through its RPC: what a bitcoind regtest node accepts, it
 * accepts; what it rejects, it rejects with the same code and reason.
 */

let devnet: Devnet;
beforeAll(async () => {
  devnet = await startDevnet();
});
afterAll(async () => {
  await devnet.stop();
});

const FEE = 2_000;
const CURVE_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

async function mine(count = 1): Promise<string[]> {
  return rpc<string[]>(devnet, 'generatetoaddress', count, devnet.faucet.address);
}

describe('build, sign, broadcast, mine and spend', () => {
  for (const type of ['p2pkh', 'p2wpkh', 'p2sh-p2wpkh'] as KeyType[]) {
    it(`spends ${type} outputs twice over`, async () => {
      const k = key(`spender ${type}`);
      const coin = await fund(devnet, addressOf(k, type), 2);
      const first = spend([{ ...coin, owner: { key: k, type } }], [{ address: addressOf(k, type), value: coin.value - FEE }]);
      expect(await rpc(devnet, 'sendrawtransaction', first.toHex())).toBe(first.getId());
      expect(await rpc<string[]>(devnet, 'getrawmempool')).toContain(first.getId());
      const [blockHash] = await mine();
      const confirmed = await rpc<{ blockhash: string; confirmations: number }>(devnet, 'getrawtransaction', first.getId(), true);
      expect(confirmed.blockhash).toBe(blockHash);
      expect(confirmed.confirmations).toBe(1);
      const second = spend(
        [{ txid: first.getId(), vout: 0, value: coin.value - FEE, owner: { key: k, type } }],
        [{ address: devnet.faucet.address, value: coin.value - 2 * FEE }],
      );
      expect(await rpc(devnet, 'sendrawtransaction', second.toHex())).toBe(second.getId());
      await mine();
      expect(await rpc(devnet, 'gettxout', first.getId(), 0)).toBeNull();
      const out = await rpc<{ confirmations: number; value: number }>(devnet, 'gettxout', second.getId(), 0);
      expect(out).toMatchObject({ confirmations: 1, value: (coin.value - 2 * FEE) / 1e8 });
    });
  }

  it('spends a P2SH 2-of-3 multisig output', async () => {
    const owner = multisig(2, [key('ms a'), key('ms b'), key('ms c')]);
    const coin = await fund(devnet, owner.address, 3);
    const tx = spend([{ ...coin, owner }], [{ address: owner.address, value: coin.value - FEE }]);
    expect(await rpc(devnet, 'sendrawtransaction', tx.toHex())).toBe(tx.getId());
    await mine();
    expect(await rpc(devnet, 'gettxout', tx.getId(), 0)).toMatchObject({ scriptPubKey: { type: 'scripthash', address: owner.address } });
  });

  it('spends P2SH-P2WSH and P2WSH 2-of-3 multisig outputs, and other sighash types', async () => {
    const keys = [key('wsh a'), key('wsh b'), key('wsh c')];
    const p2ms = payments.p2ms({ m: 2, pubkeys: keys.map((k) => k.publicKey), network });
    const p2wsh = payments.p2wsh({ redeem: p2ms, network });
    const nested = payments.p2sh({ redeem: p2wsh, network });
    for (const [payment, wrapped] of [[nested, true], [p2wsh, false]] as const) {
      const coin = await fund(devnet, payment.address!, 1);
      const tx = new Transaction();
      tx.version = 2;
      tx.addInput(Buffer.from(coin.txid, 'hex').reverse(), coin.vout, 0xfffffffd);
      tx.addOutput(payment.output!, BigInt(coin.value - FEE));
      const hashTypes = [Transaction.SIGHASH_ALL, Transaction.SIGHASH_SINGLE | Transaction.SIGHASH_ANYONECANPAY];
      const sigs = hashTypes.map((hashType, i) => {
        const digest = tx.hashForWitnessV0(0, p2ms.output!, BigInt(coin.value), hashType);
        return bscript.signature.encode(ecc.sign(digest, keys[i]!.privateKey), hashType);
      });
      tx.setWitness(0, [new Uint8Array(0), ...sigs, p2ms.output!]);
      if (wrapped) tx.setInputScript(0, bscript.compile([p2wsh.output!]));
      expect(await rpc(devnet, 'sendrawtransaction', tx.toHex())).toBe(tx.getId());
    }
    await mine();
  });

  it('accepts a transaction built and signed by @scure/btc-signer', async () => {
    const k = key('scure spender');
    const coin = await fund(devnet, addressOf(k, 'p2wpkh'), 1);
    const regtest = { bech32: 'bcrt', pubKeyHash: 0x6f, scriptHash: 0xc4, wif: 0xef };
    const payment = btcSigner.p2wpkh(k.publicKey, regtest);
    const tx = new btcSigner.Transaction();
    tx.addInput({ txid: coin.txid, index: coin.vout, witnessUtxo: { script: payment.script, amount: BigInt(coin.value) } });
    tx.addOutputAddress(addressOf(key('scure receiver'), 'p2pkh'), BigInt(coin.value - FEE), regtest);
    tx.sign(k.privateKey);
    tx.finalize();
    expect(await rpc(devnet, 'sendrawtransaction', tx.hex)).toBe(tx.id);
    await mine();
    expect(await rpc(devnet, 'getrawtransaction', tx.id, 1)).toMatchObject({ txid: tx.id, confirmations: 1 });
  });

  it('accepts a taproot key-path spend signed by @scure/btc-signer, and refuses a forged one', async () => {
    const k = key('taproot spender');
    const regtest = { bech32: 'bcrt', pubKeyHash: 0x6f, scriptHash: 0xc4, wif: 0xef };
    const payment = btcSigner.p2tr(k.publicKey.subarray(1), undefined, regtest);
    const coin = await fund(devnet, payment.address!, 1);
    const build = () => {
      const tx = new btcSigner.Transaction();
      tx.addInput({ txid: coin.txid, index: coin.vout, witnessUtxo: { script: payment.script, amount: BigInt(coin.value) }, tapInternalKey: k.publicKey.subarray(1) });
      tx.addOutputAddress(devnet.faucet.address, BigInt(coin.value - FEE), regtest);
      tx.sign(k.privateKey);
      tx.finalize();
      return tx;
    };
    const forged = Transaction.fromHex(build().hex);
    const witness = forged.ins[0]!.witness;
    witness[0]![5] = witness[0]![5]! ^ 1;
    forged.setWitness(0, witness);
    const error = await rpcError(devnet, 'sendrawtransaction', forged.toHex());
    expect([error.code, error.message]).toEqual([-26, 'mandatory-script-verify-flag-failed (Invalid Schnorr signature)']);
    const tx = build();
    expect(await rpc(devnet, 'sendrawtransaction', tx.hex)).toBe(tx.id);
    await mine();
    expect(await rpc(devnet, 'getrawtransaction', tx.id, 1)).toMatchObject({ confirmations: 1 });
  });

  it('fills blocks by ancestor fee rate with parents before children', async () => {
    const k = key('fee ordering');
    const a = await fund(devnet, addressOf(k, 'p2wpkh'), 1);
    const b = await fund(devnet, addressOf(k, 'p2wpkh'), 1);
    const owner = { key: k, type: 'p2wpkh' as const };
    const parent = spend([{ ...a, owner }], [{ address: addressOf(k, 'p2wpkh'), value: a.value - 200 }]);
    const child = spend([{ txid: parent.getId(), vout: 0, value: a.value - 200, owner }], [{ address: addressOf(k, 'p2wpkh'), value: a.value - 200 - 50_000 }]);
    const middle = spend([{ ...b, owner }], [{ address: addressOf(k, 'p2wpkh'), value: b.value - 5_000 }]);
    for (const tx of [parent, middle, child]) await rpc(devnet, 'sendrawtransaction', tx.toHex());
    const verbose = await rpc<Record<string, { depends: string[]; ancestorcount: number }>>(devnet, 'getrawmempool', true);
    expect(verbose[child.getId()]).toMatchObject({ depends: [parent.getId()], ancestorcount: 2 });
    const [hash] = await mine();
    const block = await rpc<{ tx: string[] }>(devnet, 'getblock', hash, 1);
    expect(block.tx.slice(1)).toEqual([parent.getId(), child.getId(), middle.getId()]);
  });
});

describe('rejections, with bitcoind codes and reasons', () => {
  const k = key('rejections');
  const owner = { key: k, type: 'p2pkh' as const };
  let coin: { txid: string; vout: number; value: number };
  beforeAll(async () => {
    coin = await fund(devnet, addressOf(k, 'p2pkh'), 5);
  });

  function withScriptSigSignature(tx: Transaction, edit: (der: Uint8Array) => Uint8Array): Transaction {
    const copy = tx.clone();
    const [sig, pubkey] = bscript.decompile(copy.ins[0]!.script) as [Uint8Array, Uint8Array];
    const edited = edit(sig.subarray(0, sig.length - 1));
    copy.setInputScript(0, bscript.compile([Uint8Array.from([...edited, sig[sig.length - 1]!]), pubkey]));
    return copy;
  }

  it('rejects a tampered signature as invalid (-26 mandatory-script-verify-flag-failed)', async () => {
    const tx = spend([{ ...coin, owner }], [{ address: devnet.faucet.address, value: coin.value - FEE }]);
    const tampered = withScriptSigSignature(tx, (der) => {
      const copy = Uint8Array.from(der);
      copy[10] = copy[10]! ^ 0x01; // inside r: still strict DER, no longer a valid signature
      return copy;
    });
    const error = await rpcError(devnet, 'sendrawtransaction', tampered.toHex());
    expect(error.code).toBe(-26);
    expect(error.message).toBe(
      'mandatory-script-verify-flag-failed (Script evaluated without error but finished with a false/empty top stack element)',
    );
    const [result] = await rpc<{ allowed: boolean; 'reject-reason': string }[]>(devnet, 'testmempoolaccept', [tampered.toHex()]);
    expect(result).toMatchObject({ allowed: false, 'reject-reason': error.message });
  });

  it('rejects a high-S signature by policy only (-26 non-mandatory-script-verify-flag)', async () => {
    const tx = spend([{ ...coin, owner }], [{ address: devnet.faucet.address, value: coin.value - FEE }]);
    const highS = withScriptSigSignature(tx, (der) => {
      const sig = bscript.signature.decode(Uint8Array.from([...der, 1])).signature;
      const s = BigInt(`0x${Buffer.from(sig.subarray(32)).toString('hex')}`);
      const flipped = Buffer.from((CURVE_ORDER - s).toString(16).padStart(64, '0'), 'hex');
      const compact = Uint8Array.from([...sig.subarray(0, 32), ...flipped]);
      const encoded = bscript.signature.encode(compact, 1);
      return encoded.subarray(0, encoded.length - 1);
    });
    const error = await rpcError(devnet, 'sendrawtransaction', highS.toHex());
    expect(error.code).toBe(-26);
    expect(error.message).toBe('non-mandatory-script-verify-flag (Non-canonical signature: S value is unnecessarily high)');
  });

  it('rejects double spends: in the mempool (-26) and of confirmed spends (-25)', async () => {
    const first = spend([{ ...coin, owner }], [{ address: devnet.faucet.address, value: coin.value - FEE }]);
    const second = spend([{ ...coin, owner }], [{ address: addressOf(k, 'p2wpkh'), value: coin.value - FEE }]);
    await rpc(devnet, 'sendrawtransaction', first.toHex());
    expect(await rpc(devnet, 'sendrawtransaction', first.toHex())).toBe(first.getId());
    const conflict = await rpcError(devnet, 'sendrawtransaction', second.toHex());
    expect([conflict.code, conflict.message]).toEqual([-26, 'txn-mempool-conflict']);
    await mine();
    const spent = await rpcError(devnet, 'sendrawtransaction', second.toHex());
    expect([spent.code, spent.message]).toEqual([-25, 'bad-txns-inputs-missingorspent']);
    const [result] = await rpc<{ 'reject-reason': string }[]>(devnet, 'testmempoolaccept', [second.toHex()]);
    expect(result!['reject-reason']).toBe('missing-inputs');
    const again = await rpcError(devnet, 'sendrawtransaction', first.toHex());
    expect([again.code, again.message]).toEqual([-27, 'Transaction already in block chain']);
  });

  it('rejects spending an immature coinbase', async () => {
    const miner = key('young miner');
    const [hash] = await rpc<string[]>(devnet, 'generatetoaddress', 1, addressOf(miner, 'p2wpkh'));
    const block = await rpc<{ tx: string[] }>(devnet, 'getblock', hash);
    const coinbase = await rpc<{ vout: { value: number }[] }>(devnet, 'getrawtransaction', block.tx[0], 1);
    const value = Math.round(coinbase.vout[0]!.value * 1e8);
    const tx = spend([{ txid: block.tx[0]!, vout: 0, value, owner: { key: miner, type: 'p2wpkh' } }], [{ address: devnet.faucet.address, value: value - FEE }]);
    const error = await rpcError(devnet, 'sendrawtransaction', tx.toHex());
    expect([error.code, error.message]).toEqual([-26, 'bad-txns-premature-spend-of-coinbase, tried to spend coinbase at depth 1']);
  });

  it('rejects overspending, dust, oversized and repeated OP_RETURNs, low fees and absurd fees', async () => {
    const fresh = await fund(devnet, addressOf(k, 'p2pkh'), 1);
    const send = async (outputs: { address?: string; script?: Uint8Array; value: number }[]) =>
      rpcError(devnet, 'sendrawtransaction', spend([{ ...fresh, owner }], outputs).toHex());
    const to = devnet.faucet.address;
    expect(await send([{ address: to, value: 2e8 }])).toMatchObject({ code: -26, message: 'bad-txns-in-belowout, value in (1.00) < value out (2.00)' });
    expect(await send([{ address: to, value: fresh.value - FEE - 293 }, { address: to, value: 293 }])).toMatchObject({ code: -26, message: 'dust' });
    const opReturn = (n: number) => bscript.compile([bscript.OPS.OP_RETURN, new Uint8Array(n).fill(7)]);
    expect(await send([{ address: to, value: fresh.value - FEE }, { script: opReturn(81), value: 0 }])).toMatchObject({ code: -26, message: 'scriptpubkey' });
    expect(
      await send([{ address: to, value: fresh.value - FEE }, { script: opReturn(10), value: 0 }, { script: opReturn(10), value: 0 }]),
    ).toMatchObject({ code: -26, message: 'multi-op-return' });
    expect(await send([{ address: to, value: fresh.value - 10 }])).toMatchObject({ code: -26, message: expect.stringMatching(/^min relay fee not met, 10 < \d+$/) });
    expect(await send([{ address: to, value: 1e7 }])).toMatchObject({
      code: -25,
      message: 'Fee exceeds maximum configured by user (e.g. -maxtxfee, maxfeerate)',
    });
    const ok = spend([{ ...fresh, owner }], [{ address: to, value: fresh.value - FEE }, { script: opReturn(80), value: 0 }]);
    expect(await rpc(devnet, 'sendrawtransaction', ok.toHex())).toBe(ok.getId());
  });

  it('limits chains of unconfirmed transactions to 25 (-26 too-long-mempool-chain)', async () => {
    const chainKey = key('long chain');
    const chainOwner = { key: chainKey, type: 'p2wpkh' as const };
    let coin = await fund(devnet, addressOf(chainKey, 'p2wpkh'), 1);
    for (let i = 0; i < 26; i++) {
      const tx = spend([{ ...coin, owner: chainOwner }], [{ address: addressOf(chainKey, 'p2wpkh'), value: coin.value - 500 }]);
      if (i < 25) {
        await rpc(devnet, 'sendrawtransaction', tx.toHex());
      } else {
        const error = await rpcError(devnet, 'sendrawtransaction', tx.toHex());
        expect([error.code, error.message]).toEqual([-26, 'too-long-mempool-chain, too many unconfirmed ancestors [limit: 25]']);
      }
      coin = { txid: tx.getId(), vout: 0, value: coin.value - 500 };
    }
    // Many faucet payments in a row stay within the limits.
    for (let i = 0; i < 30; i++) await rpc(devnet, 'faucet', addressOf(chainKey, 'p2pkh'), 0.001, 0);
    await mine();
    expect(await rpc<string[]>(devnet, 'getrawmempool')).toEqual([]);
  });

  it('rejects undecodable transactions with -22', async () => {
    for (const hex of ['', 'zz', '00', '0100000000']) {
      const error = await rpcError(devnet, 'sendrawtransaction', hex);
      expect([error.code, error.message]).toEqual([-22, 'TX decode failed. Make sure the tx has at least one input.']);
    }
  });

  it('reports accepted transactions from testmempoolaccept without adding them', async () => {
    const fresh = await fund(devnet, addressOf(k, 'p2pkh'), 1);
    const tx = spend([{ ...fresh, owner }], [{ address: addressOf(k, 'p2pkh'), value: fresh.value - FEE }]);
    const [result] = await rpc<Record<string, unknown>[]>(devnet, 'testmempoolaccept', [tx.toHex()]);
    expect(result).toEqual({
      txid: tx.getId(),
      wtxid: tx.getId(),
      allowed: true,
      vsize: tx.virtualSize(),
      fees: { base: FEE / 1e8, 'effective-feerate': Math.round((FEE * 1000) / tx.virtualSize()) / 1e8, 'effective-includes': [tx.getId()] },
    });
    expect(await rpc<string[]>(devnet, 'getrawmempool')).not.toContain(tx.getId());
    expect(network.bech32).toBe('bcrt');

    // Several at once: a child may spend its parent; nothing stays in the mempool.
    const child = spend([{ txid: tx.getId(), vout: 0, value: fresh.value - FEE, owner: { key: k, type: 'p2pkh' } }], [{ address: devnet.faucet.address, value: fresh.value - 2 * FEE }]);
    const pair = await rpc<{ txid: string; allowed: boolean }[]>(devnet, 'testmempoolaccept', [tx.toHex(), child.toHex()]);
    expect(pair.map((r) => [r.txid, r.allowed])).toEqual([[tx.getId(), true], [child.getId(), true]]);
    const reversed = await rpc<{ allowed: boolean; 'reject-reason'?: string }[]>(devnet, 'testmempoolaccept', [child.toHex(), tx.toHex()]);
    expect(reversed.map((r) => r['reject-reason'] ?? r.allowed)).toEqual(['missing-inputs', true]);
    expect(await rpc<string[]>(devnet, 'getrawmempool')).not.toContain(tx.getId());
  });
});
