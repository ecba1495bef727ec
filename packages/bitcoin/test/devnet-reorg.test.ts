import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { address as baddress, script as bscript } from 'bitcoinjs-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleBlock } from '../src/devnet/consensus/block-assembly.js';
import { createDevnet, type Devnet } from '../src/devnet/index.js';
import { addressOf, key, network, post, rpc, rpcError, spend, startDevnet } from './devnet-helpers.js';

const addressOutput = (address: string): Uint8Array => baddress.toOutputScript(address, network);

/*
 * Reorganisations on demand (invalidateblock/reconsiderblock) and restarts: the UTXO set must
 * follow the active chain exactly, which we check against snapshots taken on the way up and
 * against a fresh devnet fed the same blocks straight (submitblock).
 */

function utxoSet(devnet: Devnet): string[] {
  return devnet.node.chain
    .allCoins()
    .map((c) => `${c.txid}:${c.vout}:${c.value}:${Buffer.from(c.script).toString('hex')}:${c.height}:${c.coinbase}`)
    .sort();
}

const FEE = 1_000;

/** Mines `count` blocks, each with one transaction moving the key's coin along; snapshots each height. */
async function buildChain(devnet: Devnet, count: number, snapshots: Map<number, string[]>) {
  const k = key('reorg spender');
  const owner = { key: k, type: 'p2wpkh' as const };
  const paid = devnet.faucet.fund(addressOf(k, 'p2wpkh'), 1);
  let coin = { txid: paid.txid, vout: 0, value: 1e8 };
  for (let i = 0; i < count; i++) {
    const tx = spend([{ ...coin, owner }], [{ address: addressOf(k, 'p2wpkh'), value: coin.value - FEE }]);
    await rpc(devnet, 'sendrawtransaction', tx.toHex());
    await rpc(devnet, 'generatetoaddress', 1, addressOf(key('miner'), 'p2pkh'));
    coin = { txid: tx.getId(), vout: 0, value: coin.value - FEE };
    snapshots.set(devnet.node.chain.height(), utxoSet(devnet));
  }
}

describe('reorganisations', () => {
  let devnet: Devnet;
  let replay: Devnet;
  beforeAll(async () => {
    devnet = await startDevnet();
    replay = await startDevnet();
  });
  afterAll(async () => {
    await devnet.stop();
    await replay.stop();
  });

  /** Feeds the replay devnet the active chain's blocks it has not seen, straight. */
  async function replayActiveChain(): Promise<void> {
    const height = devnet.node.chain.height();
    for (let h = 1; h <= height; h++) {
      const hash = devnet.node.chain.atHeight(h)!.hash;
      if (replay.node.chain.get(hash)) continue;
      expect(await rpc(replay, 'submitblock', await rpc<string>(devnet, 'getblock', hash, 0))).toBeNull();
    }
  }

  for (let depth = 1; depth <= 10; depth++) {
    it(`replaces the last ${depth} block(s) with a longer branch and back`, async () => {
      const snapshots = new Map<number, string[]>();
      await buildChain(devnet, depth + 1, snapshots);
      const oldTip = await rpc<string>(devnet, 'getbestblockhash');
      const height = await rpc<number>(devnet, 'getblockcount');
      const forkBlock = await rpc<string>(devnet, 'getblockhash', height - depth + 1);
      const disconnectedTxs: string[] = [];
      for (let h = height - depth + 1; h <= height; h++) {
        const block = await rpc<{ tx: string[] }>(devnet, 'getblock', await rpc<string>(devnet, 'getblockhash', h));
        disconnectedTxs.push(...block.tx.slice(1));
      }

      const changes: { disconnected: number; connected: number }[] = [];
      const unsubscribe = devnet.node.onTipChange((change) => changes.push({ disconnected: change.disconnected.length, connected: change.connected.length }));
      await rpc(devnet, 'invalidateblock', forkBlock);
      unsubscribe();
      expect(changes).toEqual([{ disconnected: depth, connected: 0 }]);
      expect(await rpc(devnet, 'getblockcount')).toBe(height - depth);
      expect(utxoSet(devnet)).toEqual(snapshots.get(height - depth) ?? utxoAt(height - depth));
      expect((await rpc<string[]>(devnet, 'getrawmempool')).sort()).toEqual([...disconnectedTxs].sort());
      expect(await rpc(devnet, 'getblockheader', oldTip)).toMatchObject({ confirmations: -1 });

      // A longer branch: the returned transactions are mined again, on different blocks.
      const branch = await rpc<string[]>(devnet, 'generatetoaddress', depth + 1, addressOf(key('other miner'), 'p2wpkh'));
      expect(await rpc(devnet, 'getbestblockhash')).toBe(branch[branch.length - 1]);
      expect(await rpc<string[]>(devnet, 'getrawmempool')).toEqual([]);
      const newTipUtxos = utxoSet(devnet);

      // The same blocks fed straight to another chain give the same UTXO set.
      await replayActiveChain();
      expect(await rpc(replay, 'getbestblockhash')).toBe(branch[branch.length - 1]);
      expect(utxoSet(replay)).toEqual(newTipUtxos);

      const tips = await rpc<{ hash: string; status: string; branchlen: number }[]>(devnet, 'getchaintips');
      expect(tips).toContainEqual({ height: height + 1, hash: branch[branch.length - 1], branchlen: 0, status: 'active' });
      expect(tips).toContainEqual({ height, hash: oldTip, branchlen: depth, status: 'invalid' });

      // Reconsidering the old branch does not win over more work...
      await rpc(devnet, 'reconsiderblock', forkBlock);
      expect(await rpc(devnet, 'getchaintips')).toContainEqual({ height, hash: oldTip, branchlen: depth, status: 'valid-fork' });
      expect(await rpc(devnet, 'getbestblockhash')).toBe(branch[branch.length - 1]);
      // ...until the new branch is invalidated in turn.
      await rpc(devnet, 'invalidateblock', branch[0]);
      expect(await rpc(devnet, 'getbestblockhash')).toBe(oldTip);
      expect(utxoSet(devnet)).toEqual(snapshots.get(height));
      await rpc(devnet, 'reconsiderblock', branch[0]);
      expect(await rpc(devnet, 'getbestblockhash')).toBe(branch[branch.length - 1]);
      expect(utxoSet(devnet)).toEqual(newTipUtxos);
    });
  }

  /** UTXO snapshot before a scenario started (taken from the replay, which follows the same chain). */
  function utxoAt(height: number): string[] {
    expect(replay.node.chain.height()).toBe(height);
    return utxoSet(replay);
  }

  it('refuses a submitted block whose transaction signature does not verify', async () => {
    const k = key('bad block spender');
    const paid = devnet.faucet.fund(addressOf(k, 'p2pkh'), 1);
    const tx = spend([{ txid: paid.txid, vout: 0, value: 1e8, owner: { key: k, type: 'p2pkh' } }], [{ address: devnet.faucet.address, value: 1e8 - FEE }]);
    const [sig, pubkey] = bscript.decompile(tx.ins[0]!.script) as [Uint8Array, Uint8Array];
    const tampered = Uint8Array.from(sig);
    tampered[10] = tampered[10]! ^ 1;
    tx.setInputScript(0, bscript.compile([tampered, pubkey]));
    const tip = devnet.node.chain.tip();
    const block = assembleBlock({
      prevHash: Buffer.from(tip.hash, 'hex').reverse(),
      height: tip.height + 1,
      time: tip.time + 1,
      payoutScript: devnet.faucet.address ? addressOutput(devnet.faucet.address) : new Uint8Array(),
      transactions: [tx],
      fees: FEE,
    });
    expect(await rpc(devnet, 'submitblock', block.toHex())).toBe('invalid');
    expect(await rpc(devnet, 'getbestblockhash')).toBe(tip.hash);
    expect(await rpc(devnet, 'getblockheader', block.getId())).toMatchObject({ confirmations: -1 });
    expect(await rpc(devnet, 'submitblock', block.toHex())).toBe('duplicate-invalid');
    const error = await rpcError(devnet, 'submitblock', 'zz');
    expect([error.code, error.message]).toEqual([-22, 'Block decode failed']);
  });
});

describe('mining on a timer', () => {
  it('mines a block every N seconds when asked to', async () => {
    const devnet = await createDevnet({ datadir: ':memory:', rpc: { port: 0, user: 'u', password: 'p' }, mineEvery: 1 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 2_300));
      expect(devnet.node.chain.height()).toBeGreaterThanOrEqual(2);
    } finally {
      await devnet.stop();
    }
  });
});

describe('persistence', () => {
  it('keeps the chain, the mempool and watched addresses across a restart', async () => {
    const datadir = mkdtempSync(join(tmpdir(), 'bsk-devnet-'));
    try {
      const k = key('restart');
      const first = await startDevnet(datadir);
      const paid = first.faucet.fund(addressOf(k, 'p2pkh'), 2);
      await rpc(first, 'importaddress', addressOf(k, 'p2wpkh'), 'watched', false);
      const [discarded] = await rpc<string[]>(first, 'generatetoaddress', 1, first.faucet.address);
      await rpc(first, 'invalidateblock', discarded);
      const pending = spend([{ txid: paid.txid, vout: 0, value: 2e8, owner: { key: k, type: 'p2pkh' } }], [{ address: addressOf(k, 'p2wpkh'), value: 2e8 - FEE }]);
      await rpc(first, 'sendrawtransaction', pending.toHex());
      const tip = await rpc<string>(first, 'getbestblockhash');
      const height = await rpc<number>(first, 'getblockcount');
      const coins = utxoSet(first);
      await first.stop();

      const second = await startDevnet(datadir);
      try {
        // bitcoind-style cookie authentication, a new cookie each run.
        const cookie = readFileSync(second.cookieFile!, 'utf8');
        expect(cookie).toMatch(/^__cookie__:[0-9a-f]{64}$/);
        expect(JSON.parse((await post(second.url, '{"id":1,"method":"getblockcount"}', cookie)).text).result).toBe(height);
        expect(await rpc(second, 'getbestblockhash')).toBe(tip);
        expect(await rpc(second, 'getblockcount')).toBe(height);
        expect(utxoSet(second)).toEqual(coins);
        expect(await rpc(second, 'getchaintips')).toContainEqual({ height: height + 1, hash: discarded, branchlen: 1, status: 'invalid' });
        expect(await rpc(second, 'getrawmempool')).toEqual([pending.getId()]);
        expect(await rpc(second, 'listunspent', 0)).toMatchObject([{ txid: pending.getId(), confirmations: 0, label: 'watched' }]);
        await rpc(second, 'generatetoaddress', 1, second.faucet.address);
        expect(await rpc(second, 'getrawtransaction', pending.getId(), true)).toMatchObject({ confirmations: 1 });
      } finally {
        await second.stop();
      }
      expect(existsSync(join(datadir, '.cookie'))).toBe(false);
    } finally {
      rmSync(datadir, { recursive: true, force: true });
    }
  });
});
