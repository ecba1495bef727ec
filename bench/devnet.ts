import * as ecc from '@bitcoinerlab/secp256k1';
import { crypto as bcrypto, opcodes, payments, script as bscript, Transaction } from 'bitcoinjs-lib';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDevnet, REGTEST, type Devnet } from '../packages/bitcoin/src/devnet/index.js';
import type { Benchmark } from './harness.js';

/*
 * bench/devnet: the devnet chain under load, through its JSON-RPC like any client.
 *
 * Phase 1 mines BSK_BENCH_DEVNET_BLOCKS blocks (default 2,000) carrying BSK_BENCH_DEVNET_TXS
 * transactions (default 50,000): chains of spends from one funded output per chain, each block
 * taking the next spend of every chain (sendrawtransaction in one JSON-RPC batch, then
 * generatetoaddress). Phase 2 reads every block back with getblock verbosity 2.
 *
 * ECDSA verification costs ~11 ms per signature on the 2-core development machine, so fully
 * signed traffic would be bounded by the curve library, not by the devnet. Most chains therefore
 * spend P2WSH(OP_TRUE) outputs (fully validated: witness program hash, script execution, policy,
 * no signature), and BSK_BENCH_DEVNET_SIGNED_CHAINS of them (default 1) are signed P2WPKH chains.
 * There is no reference to compare with (bitcoind cannot be installed here); the run "meets its
 * target" when everything it mined reads back intact.
 */

const BLOCKS = Number(process.env.BSK_BENCH_DEVNET_BLOCKS ?? 2_000);
const TXS = Number(process.env.BSK_BENCH_DEVNET_TXS ?? 50_000);
const SIGNED_CHAINS = Number(process.env.BSK_BENCH_DEVNET_SIGNED_CHAINS ?? 1);
const READ_BATCH = 20;
const FEE = 300;
const network = REGTEST.network;

const anyoneScript = bscript.compile([opcodes.OP_TRUE]);
const anyone = payments.p2wsh({ redeem: { output: anyoneScript }, network });
const benchKey = bcrypto.sha256(new TextEncoder().encode('bsk devnet bench key'));
const benchPub = ecc.pointFromScalar(benchKey, true)!;
const signed = payments.p2wpkh({ pubkey: benchPub, network });
const signedScriptCode = payments.p2pkh({ hash: signed.hash!, network }).output!;

/** A minimal JSON-RPC client over one kept-alive connection (node:http; fetch costs more per call). */
class Rpc {
  private id = 0;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  constructor(
    private readonly url: string,
    private readonly auth: string,
  ) {}

  private post(body: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const headers = { Authorization: this.auth, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) };
      const req = request(this.url, { method: 'POST', agent: this.agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }

  async batch(calls: [string, unknown[]][]): Promise<unknown[]> {
    const body = JSON.stringify(calls.map(([method, params]) => ({ jsonrpc: '1.0', id: this.id++, method, params })));
    const replies = JSON.parse(await this.post(body)) as { result: unknown; error: { code: number; message: string } | null }[];
    return replies.map((r) => {
      if (r.error) throw new Error(`RPC ${r.error.code}: ${r.error.message}`);
      return r.result;
    });
  }

  async call<T>(method: string, ...params: unknown[]): Promise<T> {
    return (await this.batch([[method, params]]))[0] as T;
  }
}

function reversed(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, 'hex').reverse());
}

/** Pre-builds every spend of one chain: step i spends step i-1's only output. */
function buildChain(start: { txid: string; value: number }, steps: number, isSigned: boolean): string[] {
  const txs: string[] = [];
  let prev = start;
  for (let i = 0; i < steps; i++) {
    const tx = new Transaction();
    tx.version = 2;
    tx.addInput(reversed(prev.txid), 0, 0xfffffffd);
    const value = prev.value - FEE;
    tx.addOutput(isSigned ? signed.output! : anyone.output!, BigInt(value));
    if (isSigned) {
      const digest = tx.hashForWitnessV0(0, signedScriptCode, BigInt(prev.value), Transaction.SIGHASH_ALL);
      tx.setWitness(0, [bscript.signature.encode(ecc.sign(digest, benchKey), Transaction.SIGHASH_ALL), benchPub]);
    } else {
      tx.setWitness(0, [anyoneScript]);
    }
    txs.push(tx.toHex());
    prev = { txid: tx.getId(), value };
  }
  return txs;
}

/** Funds one output per chain with a fan-out transaction signed by the bench key. */
async function fundChains(devnet: Devnet, rpc: Rpc, chains: number, perChain: number): Promise<{ txid: string; value: number }[]> {
  const total = chains * perChain + 100_000;
  const paid = devnet.faucet.fund(signed.address!, total / 1e8, 1);
  const fanout = new Transaction();
  fanout.version = 2;
  fanout.addInput(reversed(paid.txid), paid.vout, 0xfffffffd);
  for (let j = 0; j < chains; j++) fanout.addOutput(j < SIGNED_CHAINS ? signed.output! : anyone.output!, BigInt(perChain));
  const digest = fanout.hashForWitnessV0(0, signedScriptCode, BigInt(total), Transaction.SIGHASH_ALL);
  fanout.setWitness(0, [bscript.signature.encode(ecc.sign(digest, benchKey), Transaction.SIGHASH_ALL), benchPub]);
  await rpc.call('sendrawtransaction', fanout.toHex());
  await rpc.call('generatetoaddress', 1, devnet.faucet.address);
  // Each chain's first step spends output j of the fan-out; buildChain spends vout 0, so
  // chains start from a one-output hop built here.
  const starts: { txid: string; value: number }[] = [];
  const hops: string[] = [];
  for (let j = 0; j < chains; j++) {
    const hop = new Transaction();
    hop.version = 2;
    hop.addInput(reversed(fanout.getId()), j, 0xfffffffd);
    const isSigned = j < SIGNED_CHAINS;
    hop.addOutput(isSigned ? signed.output! : anyone.output!, BigInt(perChain - FEE));
    if (isSigned) {
      const d = hop.hashForWitnessV0(0, signedScriptCode, BigInt(perChain), Transaction.SIGHASH_ALL);
      hop.setWitness(0, [bscript.signature.encode(ecc.sign(d, benchKey), Transaction.SIGHASH_ALL), benchPub]);
    } else {
      hop.setWitness(0, [anyoneScript]);
    }
    hops.push(hop.toHex());
    starts.push({ txid: hop.getId(), value: perChain - FEE });
  }
  await rpc.batch(hops.map((hex) => ['sendrawtransaction', [hex]]));
  await rpc.call('generatetoaddress', 1, devnet.faucet.address);
  return starts;
}

function rate(count: number, ms: number): string {
  return (count / (ms / 1000)).toFixed(1);
}

async function runDevnetBench(): Promise<boolean> {
  const datadir = mkdtempSync(join(tmpdir(), 'bsk-bench-devnet-'));
  const auth = `Basic ${Buffer.from('bench:bench').toString('base64')}`;
  const devnet = await createDevnet({ datadir, rpc: { port: 0, user: 'bench', password: 'bench' } });
  const rpc = new Rpc(devnet.url, auth);
  try {
    const chains = Math.ceil(TXS / BLOCKS);
    const steps = Math.ceil(TXS / chains);
    let t = performance.now();
    const starts = await fundChains(devnet, rpc, chains, steps * FEE + 10_000);
    const setupMs = performance.now() - t;

    t = performance.now();
    const chainTxs = starts.map((start, j) => buildChain(start, steps, j < SIGNED_CHAINS));
    const buildMs = performance.now() - t;

    const firstHeight = devnet.node.chain.height() + 1;
    let sent = 0;
    t = performance.now();
    for (let b = 0; b < BLOCKS; b++) {
      const batch: [string, unknown[]][] = [];
      for (const txs of chainTxs) {
        if (b < txs.length && sent < TXS) {
          batch.push(['sendrawtransaction', [txs[b]]]);
          sent++;
        }
      }
      // One request per block: the batch runs in order, so the block takes these transactions.
      batch.push(['generatetoaddress', [1, devnet.faucet.address]]);
      await rpc.batch(batch);
    }
    const mineMs = performance.now() - t;
    const lastHeight = devnet.node.chain.height();
    const mempoolLeft = (await rpc.call<string[]>('getrawmempool')).length;

    t = performance.now();
    let blocksRead = 0;
    let txsRead = 0;
    const hashes = (await rpc.batch(
      Array.from({ length: lastHeight - firstHeight + 1 }, (_, i) => ['getblockhash', [firstHeight + i]] as [string, unknown[]]),
    )) as string[];
    for (let i = 0; i < hashes.length; i += READ_BATCH) {
      const slice = hashes.slice(i, i + READ_BATCH);
      const blocks = (await rpc.batch(slice.map((hash) => ['getblock', [hash, 2]]))) as { tx: { txid: string }[] }[];
      blocksRead += blocks.length;
      for (const block of blocks) txsRead += block.tx.length - 1;
    }
    const readMs = performance.now() - t;

    console.log(`devnet on disk (SQLite WAL), RPC over loopback HTTP; ${chains} chains (${Math.min(SIGNED_CHAINS, chains)} signed P2WPKH, the rest P2WSH(OP_TRUE))`);
    console.log(`setup (faucet maturity + fan-out): ${(setupMs / 1000).toFixed(1)} s; pre-building ${sent} transactions: ${(buildMs / 1000).toFixed(1)} s`);
    console.log(`| phase | blocks | transactions | seconds | blocks/s | transactions/s |`);
    console.log(`| --- | ---: | ---: | ---: | ---: | ---: |`);
    console.log(`| mine (sendrawtransaction + generatetoaddress) | ${BLOCKS} | ${sent} | ${(mineMs / 1000).toFixed(1)} | ${rate(BLOCKS, mineMs)} | ${rate(sent, mineMs)} |`);
    console.log(`| read back (getblock verbosity 2) | ${blocksRead} | ${txsRead} | ${(readMs / 1000).toFixed(1)} | ${rate(blocksRead, readMs)} | ${rate(txsRead, readMs)} |`);
    const intact = blocksRead === BLOCKS && txsRead === sent && mempoolLeft === 0;
    console.log(`RESULT: ${intact ? 'every mined block and transaction read back' : `mismatch: read ${blocksRead} blocks / ${txsRead} txs, ${mempoolLeft} left in mempool`}`);
    return intact;
  } finally {
    rpc.close();
    await devnet.stop();
    rmSync(datadir, { recursive: true, force: true });
  }
}

const benchmark: Benchmark = {
  description: `devnet chain: mine ${BLOCKS} blocks carrying ${TXS} transactions over RPC, then read them back with getblock verbosity 2`,
  run: () => runDevnetBench(),
};
export default benchmark;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = (await runDevnetBench()) ? 0 : 1;
}
