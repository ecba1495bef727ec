import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transaction } from 'bitcoinjs-lib';
import { bytesToHex, doubleSha256, hexToBytes } from '@bsk/crypto';
import {
  BitcoindClient,
  btcToSatoshis,
  RpcAuthError,
  RpcConnectionError,
  RpcDeserializationError,
  RpcHttpError,
  RpcInvalidParameterError,
  RpcNotFoundError,
  RpcRequestError,
  RpcTimeoutError,
  RpcVerifyError,
  RpcWarmupError,
  RpcWalletError,
  RpcMiscError,
  rpcErrorFromReply,
  type BitcoindClientOptions,
} from '../src/index.js';
import * as rec from './rpc-client-fixtures.js';
import { startReplayNode, type Answer, type ReplayNode } from './rpc-client-server.js';

const ADDRESS = '1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH';

/** The recorded mainnet node: answers what the fixtures hold, -5/-8 like bitcoind for the rest. */
function recordedMainnet(verbosity3 = false) {
  return (method: string, params: unknown[]): Answer | undefined => {
    switch (method) {
      case 'getblockchaininfo':
        return { result: rec.blockchainInfo };
      case 'getblockcount':
        return { result: rec.blockchainInfo.blocks };
      case 'getblockhash':
        if (params[0] === 170) return { result: rec.BLOCK170_HASH };
        return { error: { code: -8, message: 'Block height out of range' } };
      case 'getblockheader':
        if (params[0] === rec.BLOCK170_HASH) return { result: rec.blockHeader170 };
        return { error: { code: -5, message: 'Block not found' } };
      case 'getblock':
        if (params[0] === rec.BLOCK170_HASH) return { result: rec.block170(verbosity3 && params[1] === 3 ? 3 : 2) };
        return { error: { code: -5, message: 'Block not found' } };
      case 'getrawtransaction':
        if (params[0] === rec.COINBASE9_TXID) return { result: params[1] ? rec.coinbase9Verbose : rec.COINBASE9_HEX };
        if (params[0] === rec.HAL_TXID) return { result: params[1] ? rec.halVerbose : rec.HAL_HEX };
        return { error: { code: -5, message: 'No such mempool or blockchain transaction. Use gettransaction for wallet transactions.' } };
      case 'sendrawtransaction': {
        const hex = String(params[0]);
        if (!/^[0-9a-f]*$/.test(hex) || hex.length < 20) return { error: { code: -22, message: 'TX decode failed. Make sure the tx has at least one input.' } };
        if (hex === rec.HAL_HEX) return { error: { code: -27, message: 'Transaction already in block chain' } };
        return { error: { code: -26, message: 'mandatory-script-verify-flag-failed (Signature must be zero for failed CHECK(MULTI)SIG operation)' } };
      }
      case 'scantxoutset':
        if (params[0] === 'start') return { result: rec.scanResult(String((params[1] as string[])[0]).slice(5, -1)) };
        return { error: { code: -8, message: 'Invalid action' } };
      case 'importaddress':
        return { result: null };
      case 'listunspent':
        return { result: rec.listUnspentResult((params[2] as string[])[0]!) };
      case 'estimatesmartfee':
        return params[0] === 1 ? { result: { errors: ['Insufficient data or no feerate found'], blocks: 0 } } : { result: { feerate: 0.00012, blocks: params[0] } };
      default:
        return undefined;
    }
  };
}

let node: ReplayNode;
let node3: ReplayNode;
const options = (extra: Partial<BitcoindClientOptions> = {}): BitcoindClientOptions => ({
  url: node.url,
  network: 'mainnet',
  credentials: { username: 'bsk', password: 'secret' },
  retries: 3,
  backoffMs: 5,
  ...extra,
});

beforeAll(async () => {
  node = await startReplayNode(recordedMainnet());
  node3 = await startReplayNode(recordedMainnet(true));
});
afterAll(async () => {
  await node.close();
  await node3.close();
});
afterEach(() => {
  node.intercept(null);
  node.setPassword('secret');
  node.received.length = 0;
});

describe('the recording is real chain data', () => {
  it('txids and merkle root of block 170 match its header', () => {
    const coinbase = Transaction.fromHex(rec.COINBASE170_HEX);
    const hal = Transaction.fromHex(rec.HAL_HEX);
    expect(coinbase.getId()).toBe(rec.COINBASE170_TXID);
    expect(hal.getId()).toBe(rec.HAL_TXID);
    expect(Transaction.fromHex(rec.COINBASE9_HEX).getId()).toBe(rec.COINBASE9_TXID);
    const root = doubleSha256(new Uint8Array([...coinbase.getHash(), ...hal.getHash()]));
    expect(bytesToHex(root.reverse())).toBe(rec.BLOCK170_MERKLE_ROOT);
    expect(rec.BLOCK170_HEADER.slice(72, 136)).toBe(bytesToHex(hexToBytes(rec.BLOCK170_MERKLE_ROOT).reverse()));
    expect(bytesToHex(doubleSha256(hexToBytes(rec.BLOCK170_HEADER)).reverse())).toBe(rec.BLOCK170_HASH);
  });
});

describe('BitcoindClient against a replaying bitcoind', () => {
  it('reads the tip from one getblockchaininfo', async () => {
    const client = new BitcoindClient(options());
    expect(await client.getTip()).toEqual({ height: rec.blockchainInfo.blocks, hash: rec.blockchainInfo.bestblockhash });
    expect(node.received).toEqual([{ jsonrpc: '1.0', id: 1, method: 'getblockchaininfo', params: [] }]);
  });

  it('reads a block with parsed transactions and prevouts fetched in one batch', async () => {
    const client = new BitcoindClient(options());
    const block = await client.getBlock(170);
    expect(block).toMatchObject({ hash: rec.BLOCK170_HASH, height: 170, previousBlockHash: rec.BLOCK170_PREVIOUS, time: 1231731025 });
    expect(block.transactions.map((tx) => tx.txid)).toEqual([rec.COINBASE170_TXID, rec.HAL_TXID]);
    const [coinbase, hal] = block.transactions;
    expect(coinbase!.inputs[0]).toMatchObject({ isCoinbase: true, prevout: null, publicKey: null });
    expect(hal!.inputs[0]!.prevout).toEqual({ value: 5_000_000_000, script: `41${rec.BLOCK9_KEY}ac`, type: 'p2pk', address: null });
    expect(hal!.inputs[0]!.publicKey).toBe(rec.BLOCK9_KEY);
    expect(hal!.outputs.map((o) => o.value)).toEqual([1_000_000_000, 4_000_000_000]);
    expect(node.received.map((r) => (Array.isArray(r) ? r.map((c: { method: string; params: unknown[] }) => [c.method, ...c.params]) : (r as { method: string }).method))).toEqual([
      'getblockhash',
      'getblock',
      [['getrawtransaction', rec.COINBASE9_TXID, 1]],
    ]);
    // The previous transaction is cached: reading the block again fetches nothing more.
    node.received.length = 0;
    await client.getBlock(rec.BLOCK170_HASH);
    expect(node.received.map((r) => (r as { method: string }).method)).toEqual(['getblock']);
  });

  it('uses getblock verbosity 3 prevouts when configured, without fetching previous transactions', async () => {
    const client = new BitcoindClient({ ...options(), url: node3.url, blockVerbosity: 3 });
    const block = await client.getBlock(rec.BLOCK170_HASH);
    expect(block.transactions[1]!.inputs[0]!.prevout!.value).toBe(5_000_000_000);
    expect(block.transactions[1]!.inputs[0]!.publicKey).toBe(rec.BLOCK9_KEY);
    expect(node3.received.filter((r) => Array.isArray(r))).toEqual([]);
  });

  it('skips prevouts for transactions the filter rejects', async () => {
    const client = new BitcoindClient(options());
    const block = await client.getBlock(rec.BLOCK170_HASH, { prevouts: (tx) => tx.outputs.some((o) => o.type === 'nulldata') });
    expect(block.transactions[1]!.inputs[0]!.prevout).toBeNull();
    expect(node.received.some((r) => Array.isArray(r))).toBe(false);
  });

  it('reads a transaction with its block height and confirmations', async () => {
    const client = new BitcoindClient(options());
    const status = await client.getTransaction(rec.HAL_TXID);
    expect(status).toMatchObject({ blockHash: rec.BLOCK170_HASH, blockHeight: 170, confirmations: 870000 });
    expect(status.transaction.inputs[0]!.prevout!.type).toBe('p2pk');
    expect(status.transaction.hex).toBe(rec.HAL_HEX);
  });

  it('maps broadcast rejections to typed errors carrying bitcoind code and message', async () => {
    const client = new BitcoindClient(options());
    await expect(client.broadcast('00')).rejects.toMatchObject({ name: 'RpcDeserializationError', code: -22, method: 'sendrawtransaction' });
    const rejected = await client.broadcast('0100000000000000000000').catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(RpcVerifyError);
    expect((rejected as RpcVerifyError).code).toBe(-26);
    expect((rejected as RpcVerifyError).rpcMessage).toMatch(/^mandatory-script-verify-flag-failed/);
    expect((rejected as RpcVerifyError).alreadyInChain).toBe(false);
    const known = await client.broadcast(rec.HAL_HEX).catch((e: unknown) => e);
    expect((known as RpcVerifyError).alreadyInChain).toBe(true);
    await expect(client.getTransaction('00'.repeat(32))).rejects.toBeInstanceOf(RpcNotFoundError);
    await expect(client.getBlockHash(10_000_000)).rejects.toBeInstanceOf(RpcInvalidParameterError);
    await expect(client.call('nosuchmethod')).rejects.toMatchObject({ name: 'RpcRequestError', code: -32601, rpcMessage: 'Method not found' });
  });

  it('lists unspent outputs with scantxoutset, in satoshis', async () => {
    const client = new BitcoindClient(options());
    const utxos = await client.getUnspentOutputs(ADDRESS);
    expect(utxos).toEqual([
      { txid: 'a1'.repeat(32), vout: 1, value: 12_345, script: '76a914751e76e8199196d454941c45d1b3a323f1433bd688ac', height: 869001, coinbase: false },
      { txid: 'b2'.repeat(32), vout: 0, value: 2_099_999_997_690_000, script: '76a914751e76e8199196d454941c45d1b3a323f1433bd688ac', height: 1, coinbase: true },
    ]);
    expect(node.received).toEqual([{ jsonrpc: '1.0', id: 1, method: 'scantxoutset', params: ['start', [`addr(${ADDRESS})`]] }]);
  });

  it('runs scans one at a time', async () => {
    const client = new BitcoindClient(options());
    let active = 0;
    let most = 0;
    node.intercept((request, response, body) => {
      if (!body.includes('scantxoutset')) return false;
      active++;
      most = Math.max(most, active);
      setTimeout(() => {
        active--;
        const id = (JSON.parse(body) as { id: number }).id;
        response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ result: rec.scanResult(ADDRESS), error: null, id }));
      }, 20);
      return true;
    });
    const results = await Promise.all([client.getUnspentOutputs(ADDRESS), client.getUnspentOutputs(ADDRESS), client.getUnspentOutputs(ADDRESS)]);
    expect(results.map((r) => r.length)).toEqual([2, 2, 2]);
    expect(most).toBe(1);
  });

  it('falls back to a watch-only wallet when asked (importaddress once, then listunspent)', async () => {
    const client = new BitcoindClient(options({ unspentSource: 'wallet' }));
    const first = await client.getUnspentOutputs(ADDRESS);
    await client.getUnspentOutputs(ADDRESS);
    expect(first).toEqual([{ txid: 'c3'.repeat(32), vout: 2, value: 150_000_000, script: '76a914751e76e8199196d454941c45d1b3a323f1433bd688ac', height: rec.blockchainInfo.blocks - 9 }]);
    const methods = node.received.map((r) => (Array.isArray(r) ? r.map((c: { method: string }) => c.method).join('+') : (r as { method: string }).method));
    expect(methods).toEqual(['importaddress', 'listunspent+getblockcount', 'listunspent+getblockcount']);
    expect(node.received[0]).toMatchObject({ params: [ADDRESS, '', false] });
  });

  it('converts estimatesmartfee to sat/vB, with a fallback when there is no estimate', async () => {
    const client = new BitcoindClient(options({ fallbackFeeRate: 2.5 }));
    expect(await client.getFeeRate(6)).toBeCloseTo(12, 10);
    expect(await client.getFeeRate(1)).toBe(2.5);
  });

  it('batches: one HTTP request, one outcome per call, errors typed per call', async () => {
    const client = new BitcoindClient(options());
    const outcomes = await client.batch([
      { method: 'getblockhash', params: [170] },
      { method: 'getblockhash', params: [-1] },
      { method: 'nosuchmethod', params: [] },
    ]);
    expect(node.received).toHaveLength(1);
    expect(outcomes[0]).toEqual({ ok: true, result: rec.BLOCK170_HASH });
    expect(!outcomes[1]!.ok && outcomes[1]!.error).toBeInstanceOf(RpcInvalidParameterError);
    expect(!outcomes[2]!.ok && outcomes[2]!.error).toBeInstanceOf(RpcRequestError);
  });
});

describe('authentication', () => {
  it('fails with RpcAuthError on a 401, without retrying', async () => {
    const client = new BitcoindClient(options({ credentials: { username: 'bsk', password: 'wrong' } }));
    const error = await client.getTip().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcAuthError);
    expect((error as RpcAuthError).status).toBe(401);
    expect(node.received).toHaveLength(0);
  });

  it('reads the cookie file, and reads it again after bitcoind restarts with a new cookie', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bsk-cookie-'));
    const cookieFile = join(dir, '.cookie');
    node.setPassword('first');
    writeFileSync(cookieFile, '__cookie__:first');
    // The replay node checks the user name too: give it the cookie user.
    const cookieNode = await startReplayNode(recordedMainnet(), '__cookie__', 'first');
    try {
      const client = new BitcoindClient({ url: cookieNode.url, network: 'mainnet', credentials: { cookieFile }, backoffMs: 5 });
      expect((await client.getTip()).height).toBe(rec.blockchainInfo.blocks);
      cookieNode.setPassword('second');
      writeFileSync(cookieFile, '__cookie__:second\n');
      expect((await client.getTip()).height).toBe(rec.blockchainInfo.blocks);
      cookieNode.setPassword('third');
      await expect(client.getTip()).rejects.toBeInstanceOf(RpcAuthError);
    } finally {
      await cookieNode.close();
    }
  });

  it('treats a missing cookie file as a node not up yet (retried, then a connection error)', async () => {
    const client = new BitcoindClient({ url: node.url, network: 'mainnet', credentials: { cookieFile: join(tmpdir(), 'no-such-dir-bsk', '.cookie') }, retries: 1, backoffMs: 1 });
    await expect(client.getTip()).rejects.toBeInstanceOf(RpcConnectionError);
  });
});

describe('timeouts and retries', () => {
  it('times out a request that gets no answer', async () => {
    node.intercept(() => true); // never answer
    const client = new BitcoindClient(options({ timeoutMs: 150, retries: 0 }));
    const started = Date.now();
    const error = await client.getTip().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcTimeoutError);
    expect((error as RpcTimeoutError).timeoutMs).toBe(150);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('retries HTTP 503 without an RPC body, then succeeds', async () => {
    let failures = 2;
    node.intercept((_request, response) => {
      if (failures === 0) return false;
      failures--;
      response.writeHead(503, { 'Content-Type': 'text/html' }).end('Work queue depth exceeded');
      return true;
    });
    const client = new BitcoindClient(options());
    expect((await client.getTip()).height).toBe(rec.blockchainInfo.blocks);
    expect(failures).toBe(0);
  });

  it('retries -28 (warming up), for single calls and batches', async () => {
    let warming = 2;
    node.intercept((_request, response, body) => {
      if (warming === 0) return false;
      warming--;
      const payload = JSON.parse(body) as { id: number } | Array<{ id: number }>;
      const error = { code: -28, message: 'Loading block index…' };
      if (Array.isArray(payload)) response.writeHead(200).end(JSON.stringify(payload.map(({ id }) => ({ result: null, error, id }))));
      else response.writeHead(500).end(JSON.stringify({ result: null, error, id: payload.id }));
      return true;
    });
    const client = new BitcoindClient(options({ retries: 5 }));
    expect((await client.getTip()).hash).toBe(rec.blockchainInfo.bestblockhash);
    expect(warming).toBe(0);
    warming = 2;
    node.received.length = 0;
    const [outcome] = await client.batch([{ method: 'getblockhash', params: [170] }]);
    expect(outcome).toEqual({ ok: true, result: rec.BLOCK170_HASH });
    expect(warming).toBe(0);
    expect(node.received).toHaveLength(1);
  });

  it('gives up after the configured retries with the last transient error', async () => {
    let attempts = 0;
    node.intercept((_request, response) => {
      attempts++;
      response.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ result: null, error: { code: -28, message: 'Verifying blocks…' }, id: 1 }));
      return true;
    });
    const client = new BitcoindClient(options({ retries: 2 }));
    await expect(client.getTip()).rejects.toBeInstanceOf(RpcWarmupError);
    expect(attempts).toBe(3);
  });

  it('retries a reset connection, then succeeds', async () => {
    let resets = 2;
    node.intercept((request) => {
      if (resets === 0) return false;
      resets--;
      request.socket.destroy();
      return true;
    });
    const client = new BitcoindClient(options());
    expect((await client.getTip()).height).toBe(rec.blockchainInfo.blocks);
    expect(resets).toBe(0);
  });

  it('reports a refused connection as RpcConnectionError after retrying', async () => {
    const closed = await startReplayNode(recordedMainnet());
    const url = closed.url;
    await closed.close();
    const client = new BitcoindClient({ url, network: 'mainnet', retries: 2, backoffMs: 1 });
    const error = await client.getTip().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcConnectionError);
    expect((error as RpcConnectionError).rpcMessage).toMatch(/ECONNREFUSED/);
  });

  it('does not retry non-transient errors', async () => {
    const client = new BitcoindClient(options());
    await expect(client.getBlockHash(-5)).rejects.toBeInstanceOf(RpcInvalidParameterError);
    expect(node.received).toHaveLength(1);
  });

  it('reports a non-JSON-RPC answer as RpcHttpError', async () => {
    node.intercept((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/plain' }).end('hello');
      return true;
    });
    const client = new BitcoindClient(options({ retries: 0 }));
    await expect(client.getTip()).rejects.toBeInstanceOf(RpcHttpError);
  });
});

describe('error families', () => {
  it.each([
    [-32700, RpcRequestError],
    [-32600, RpcRequestError],
    [-32601, RpcRequestError],
    [-32602, RpcRequestError],
    [-3, RpcInvalidParameterError],
    [-8, RpcInvalidParameterError],
    [-5, RpcNotFoundError],
    [-22, RpcDeserializationError],
    [-25, RpcVerifyError],
    [-26, RpcVerifyError],
    [-27, RpcVerifyError],
    [-28, RpcWarmupError],
    [-4, RpcWalletError],
    [-6, RpcWalletError],
    [-18, RpcWalletError],
    [-1, RpcMiscError],
    [-20, RpcMiscError],
    [-32, RpcMiscError],
  ])('code %i', (code, family) => {
    const error = rpcErrorFromReply('m', code, 'message');
    expect(error).toBeInstanceOf(family);
    expect(error.code).toBe(code);
    expect(error.rpcMessage).toBe('message');
    expect(error.name).toBe(family.name);
  });

  it('converts BTC amounts exactly to satoshis', () => {
    expect(btcToSatoshis(0.00012345)).toBe(12_345);
    expect(btcToSatoshis(20999999.9769)).toBe(2_099_999_997_690_000);
    expect(btcToSatoshis(0.1 + 0.2)).toBe(30_000_000);
    expect(() => btcToSatoshis(Number.NaN)).toThrow();
  });
});
