import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../src/devnet/index.js';
import { createDevnet, REGTEST } from '../src/devnet/index.js';
import { addressOf, key, post, rpc, rpcError, RPC_PASSWORD, RPC_USER, spend, startDevnet } from './devnet-helpers.js';

/*
 * The devnet's JSON-RPC front as bitcoind answers it: authentication, malformed requests,
 * unknown methods, batches, JSON-RPC 2.0, argument errors, and the field names of its replies.
 */

let devnet: Devnet;
let fundedTxid: string;
const watched = key('watched wallet');

beforeAll(async () => {
  devnet = await startDevnet();
  fundedTxid = devnet.faucet.fund(addressOf(watched, 'p2pkh'), 3).txid;
});
afterAll(async () => {
  await devnet.stop();
});

const call = (body: unknown) => post(devnet.url, typeof body === 'string' ? body : JSON.stringify(body));

describe('HTTP and JSON-RPC framing', () => {
  it('answers bad or missing credentials with a bare 401', async () => {
    for (const auth of [`${RPC_USER}:wrong`, 'nobody:x', null]) {
      const reply = await post(devnet.url, '{"method":"getblockcount"}', auth);
      expect(reply.status).toBe(401);
      expect(reply.text).toBe('');
      expect(reply.headers.get('www-authenticate')).toBe('Basic realm="jsonrpc"');
    }
    expect((await post(devnet.url, '{"method":"getblockcount"}', `${RPC_USER}:${RPC_PASSWORD}`)).status).toBe(200);
  });

  it('serves only POST', async () => {
    const res = await fetch(devnet.url);
    expect(res.status).toBe(405);
    expect(await res.text()).toBe('JSONRPC server handles only POST requests');
  });

  it('answers malformed JSON with -32700 and HTTP 500', async () => {
    expect(await call('{"method": "getblockcount"')).toMatchObject({
      status: 500,
      text: '{"result":null,"error":{"code":-32700,"message":"Parse error"},"id":null}\n',
    });
    expect(await call('42')).toMatchObject({
      status: 500,
      text: '{"result":null,"error":{"code":-32700,"message":"Top-level object parse error"},"id":null}\n',
    });
  });

  it('answers unknown methods with -32601 and HTTP 404, bad requests with -32600 and HTTP 400', async () => {
    expect(await call({ jsonrpc: '1.0', id: 7, method: 'nosuchmethod', params: [] })).toMatchObject({
      status: 404,
      text: '{"result":null,"error":{"code":-32601,"message":"Method not found"},"id":7}\n',
    });
    expect(await call({ id: 1, params: [] })).toMatchObject({
      status: 400,
      text: '{"result":null,"error":{"code":-32600,"message":"Missing method"},"id":1}\n',
    });
    expect(await call({ id: 1, method: 5 })).toMatchObject({ status: 400, text: expect.stringContaining('"Method must be a string"') });
    expect(await call({ id: 1, method: 'getblockcount', params: 'x' })).toMatchObject({
      status: 400,
      text: expect.stringContaining('"Params must be an array or object"'),
    });
  });

  it('answers successful legacy calls with result, error and id', async () => {
    expect(await call({ jsonrpc: '1.0', id: 'a', method: 'getblockcount', params: [] })).toMatchObject({
      status: 200,
      text: `{"result":${devnet.node.chain.height()},"error":null,"id":"a"}\n`,
    });
  });

  it('handles batches, each reply with its own id, HTTP 200', async () => {
    const reply = await call([
      { id: 1, method: 'getblockcount' },
      { id: 2, method: 'nosuchmethod' },
      { id: 3, method: 'getblockhash', params: [0] },
      'junk',
    ]);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text)).toEqual([
      { result: devnet.node.chain.height(), error: null, id: 1 },
      { result: null, error: { code: -32601, message: 'Method not found' }, id: 2 },
      { result: REGTEST.genesis.hash, error: null, id: 3 },
      { result: null, error: { code: -32600, message: 'Invalid Request object' } },
    ]);
  });

  it('omits the id when the request has none, and refuses unknown JSON-RPC versions with HTTP 400', async () => {
    expect((await call({ method: 'getblockcount' })).text).toBe(`{"result":${devnet.node.chain.height()},"error":null}\n`);
    expect(await call({ jsonrpc: 2, method: 'getblockcount' })).toMatchObject({
      status: 400,
      text: '{"result":null,"error":{"code":-32600,"message":"jsonrpc field must be a string"}}\n',
    });
    expect(await call({ jsonrpc: '3.0', method: 'getblockcount' })).toMatchObject({
      status: 400,
      text: '{"result":null,"error":{"code":-32600,"message":"JSON-RPC version not supported"}}\n',
    });
    expect(JSON.parse((await call({ jsonrpc: '2.0', id: null, method: 'getblockcount' })).text)).toEqual({
      jsonrpc: '2.0',
      result: devnet.node.chain.height(),
      id: null,
    });
  });

  it('speaks JSON-RPC 2.0: no error member on success, HTTP 200 on errors, nothing for notifications', async () => {
    expect(await call({ jsonrpc: '2.0', id: 1, method: 'getblockhash', params: [0] })).toMatchObject({
      status: 200,
      text: `{"jsonrpc":"2.0","result":"${REGTEST.genesis.hash}","id":1}\n`,
    });
    expect(await call({ jsonrpc: '2.0', id: 2, method: 'nosuchmethod' })).toMatchObject({
      status: 200,
      text: '{"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found"},"id":2}\n',
    });
    const notification = await call({ jsonrpc: '2.0', method: 'getblockcount' });
    expect([notification.status, notification.text]).toEqual([204, '']);
  });

  it('serves wallet paths like the default one', async () => {
    const reply = await post(`${devnet.url}wallet/watch`, JSON.stringify({ id: 1, method: 'getblockcount' }));
    expect(JSON.parse(reply.text)).toMatchObject({ result: devnet.node.chain.height() });
  });
});

describe('configuration', () => {
  it('refuses bad settings up front, naming them', async () => {
    const rpc = { port: 0, user: 'u', password: 'p' };
    await expect(createDevnet({ datadir: '', rpc })).rejects.toThrow('datadir');
    await expect(createDevnet({ datadir: ':memory:', rpc: { ...rpc, port: 70_000 } })).rejects.toThrow('rpc.port');
    await expect(createDevnet({ datadir: ':memory:', rpc: { ...rpc, user: 'a:b' } })).rejects.toThrow('rpc.user');
    await expect(createDevnet({ datadir: ':memory:', rpc: { ...rpc, password: '' } })).rejects.toThrow('rpc.password');
    await expect(createDevnet({ datadir: ':memory:', rpc, mineEvery: -1 })).rejects.toThrow('mineEvery');
  });
});

describe('arguments', () => {
  it('accepts named parameters and refuses unknown ones', async () => {
    expect(await call({ id: 1, method: 'getblockhash', params: { height: 0 } })).toMatchObject({ text: expect.stringContaining(REGTEST.genesis.hash) });
    const reply = JSON.parse((await call({ id: 1, method: 'getblockhash', params: { tall: 0 } })).text);
    expect(reply.error).toEqual({ code: -8, message: 'Unknown named parameter tall' });
  });

  it('reports wrong types (-3), wrong counts (-1, usage) and bad values (-8, -5)', async () => {
    const wrongType = await rpcError(devnet, 'getblockhash', 'zero');
    expect(wrongType.code).toBe(-3);
    expect(wrongType.message).toBe('Wrong type passed:\n{\n    "Position 1 (height)": "JSON value of type string is not of expected type number"\n}');
    const usage = await rpcError(devnet, 'getblockhash');
    expect(usage.code).toBe(-1);
    expect(usage.message.startsWith('getblockhash height\n')).toBe(true);
    expect(await rpcError(devnet, 'getblockhash', 1_000_000)).toMatchObject({ code: -8, message: 'Block height out of range' });
    expect(await rpcError(devnet, 'getblock', 'abc')).toMatchObject({ code: -8, message: "blockhash must be of length 64 (not 3, for 'abc')" });
    expect(await rpcError(devnet, 'getblock', 'x'.repeat(64))).toMatchObject({ code: -8, message: `blockhash must be hexadecimal string (not '${'x'.repeat(64)}')` });
    expect(await rpcError(devnet, 'getblock', '00'.repeat(32))).toMatchObject({ code: -5, message: 'Block not found' });
    expect(await rpcError(devnet, 'generatetoaddress', 1, 'notanaddress')).toMatchObject({ code: -5, message: 'Error: Invalid address' });
    expect(await rpcError(devnet, 'generatetoaddress', 1, 'bc1qylqhfq22y39xtt8t6vxhf75dwgmes3ef48ng07')).toMatchObject({ code: -5 });
    expect(await rpcError(devnet, 'getrawtransaction', '11'.repeat(32))).toMatchObject({
      code: -5,
      message: 'No such mempool or blockchain transaction. Use gettransaction for wallet transactions.',
    });
    expect(await rpcError(devnet, 'getrawtransaction', REGTEST.genesis.hash.replace(/./, '4'))).toMatchObject({ code: -5 });
    expect(await rpcError(devnet, 'estimatesmartfee', 0)).toMatchObject({ code: -8, message: 'Invalid conf_target, must be between 1 and 1008' });
  });
});

describe('replies with bitcoind field names', () => {
  it('getblockchaininfo, getnetworkinfo, uptime, estimatesmartfee', async () => {
    const info = await rpc<Record<string, unknown>>(devnet, 'getblockchaininfo');
    expect(Object.keys(info)).toEqual([
      'chain', 'blocks', 'headers', 'bestblockhash', 'difficulty', 'time', 'mediantime', 'verificationprogress',
      'initialblockdownload', 'chainwork', 'size_on_disk', 'pruned', 'warnings',
    ]);
    expect(info).toMatchObject({ chain: 'regtest', blocks: devnet.node.chain.height(), initialblockdownload: false });
    expect(await rpc(devnet, 'getnetworkinfo')).toMatchObject({ version: 270000, relayfee: 0.00001, connections: 0 });
    expect(typeof (await rpc(devnet, 'uptime'))).toBe('number');
    expect(await rpc(devnet, 'estimatesmartfee', 6)).toEqual({ feerate: expect.any(Number), blocks: 6 });
  });

  it('getmininginfo, getdifficulty, validateaddress', async () => {
    expect(await rpc(devnet, 'getmininginfo')).toMatchObject({ blocks: devnet.node.chain.height(), chain: 'regtest' });
    expect(await rpc(devnet, 'getdifficulty')).toBe(4.656542373906925e-10);
    const address = addressOf(key('validated'), 'p2wpkh');
    expect(await rpc(devnet, 'validateaddress', address)).toMatchObject({ isvalid: true, address, iswitness: true, witness_version: 0, isscript: false });
    expect(await rpc(devnet, 'validateaddress', 'nonsense')).toMatchObject({ isvalid: false });
  });

  it('getblock at verbosity 0, 1 and 2; getblockheader', async () => {
    const k = key('block reader');
    const paid = devnet.faucet.fund(addressOf(k, 'p2wpkh'), 1, 0);
    const tx = spend([{ txid: paid.txid, vout: 0, value: 1e8, owner: { key: k, type: 'p2wpkh' } }], [{ address: addressOf(k, 'p2pkh'), value: 1e8 - 1_000 }]);
    await rpc(devnet, 'sendrawtransaction', tx.toHex());
    const [hash] = await rpc<string[]>(devnet, 'generatetoaddress', 1, addressOf(k, 'p2pkh'));
    const raw = await rpc<string>(devnet, 'getblock', hash, 0);
    expect(raw).toBe(devnet.node.chain.readBlock(hash!)!.toHex());
    const header = await rpc<Record<string, unknown>>(devnet, 'getblock', hash, 1);
    expect(Object.keys(header)).toEqual([
      'hash', 'confirmations', 'height', 'version', 'versionHex', 'merkleroot', 'time', 'mediantime', 'nonce', 'bits',
      'difficulty', 'chainwork', 'nTx', 'previousblockhash', 'strippedsize', 'size', 'weight', 'tx',
    ]);
    expect(header).toMatchObject({ hash, confirmations: 1, nTx: 3, bits: '207fffff', versionHex: '20000000' });
    const full = await rpc<{ tx: Record<string, unknown>[] }>(devnet, 'getblock', hash, 2);
    const [coinbase, paying, spending] = full.tx as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
    expect(Object.keys(spending)).toEqual(['txid', 'hash', 'version', 'size', 'vsize', 'weight', 'locktime', 'vin', 'vout', 'fee', 'hex']);
    expect(Object.keys(coinbase)).not.toContain('fee');
    expect(paying.txid).toBe(paid.txid);
    expect(spending).toMatchObject({ txid: tx.getId(), fee: 0.00001, vin: [{ txid: paid.txid, vout: 0, scriptSig: { asm: '', hex: '' }, sequence: 0xfffffffd }] });
    expect((spending.vin as { txinwitness: string[] }[])[0]!.txinwitness).toHaveLength(2);
    expect(spending.vout).toEqual([
      {
        value: 0.99999,
        n: 0,
        scriptPubKey: {
          asm: expect.stringMatching(/^OP_DUP OP_HASH160 [0-9a-f]{40} OP_EQUALVERIFY OP_CHECKSIG$/),
          desc: expect.stringMatching(/^addr\(m|n/),
          hex: expect.stringMatching(/^76a914/),
          address: addressOf(k, 'p2pkh'),
          type: 'pubkeyhash',
        },
      },
    ]);
    expect((coinbase.vin as Record<string, unknown>[])[0]).toEqual({ coinbase: expect.any(String), txinwitness: ['00'.repeat(32)], sequence: 0xffffffff });
    const withPrevouts = await rpc<{ tx: { vin: Record<string, unknown>[] }[] }>(devnet, 'getblock', hash, 3);
    expect(withPrevouts.tx[2]!.vin[0]!.prevout).toEqual({
      generated: false,
      height: header.height,
      value: 1,
      scriptPubKey: expect.objectContaining({ address: addressOf(k, 'p2wpkh'), type: 'witness_v0_keyhash' }),
    });
    const decoded = await rpc<Record<string, unknown>>(devnet, 'decoderawtransaction', tx.toHex());
    expect(decoded).toMatchObject({ txid: tx.getId(), size: tx.byteLength(), vsize: tx.virtualSize(), weight: tx.weight() });
    expect(decoded).not.toHaveProperty('hex');
    const text = (await call({ id: 1, method: 'getblock', params: [hash, 2] })).text;
    expect(text).toContain('"value":0.99999000,"n":0');
    expect(await rpc(devnet, 'getblockheader', hash, false)).toBe(raw.slice(0, 160));
    expect(await rpc(devnet, 'getblockheader', hash)).toMatchObject({ hash, height: header.height, nTx: 3 });
    expect(await rpc(devnet, 'getrawtransaction', tx.getId(), 1)).toMatchObject({ txid: tx.getId(), blockhash: hash, confirmations: 1, time: header.time, blocktime: header.time });
    expect(await rpc(devnet, 'getrawtransaction', tx.getId(), 0, hash)).toBe(tx.toHex());
    expect(await rpc(devnet, 'getrawtransaction', tx.getId(), true, hash)).toMatchObject({ in_active_chain: true });
  });

  it('scantxoutset finds unspent outputs by addr() and raw() descriptors', async () => {
    const address = addressOf(watched, 'p2pkh');
    expect(await rpc(devnet, 'scantxoutset', 'status')).toBeNull();
    expect(await rpc(devnet, 'scantxoutset', 'abort')).toBe(false);
    const byAddress = await rpc<Record<string, unknown>>(devnet, 'scantxoutset', 'start', [`addr(${address})`]);
    expect(Object.keys(byAddress)).toEqual(['success', 'txouts', 'height', 'bestblock', 'unspents', 'total_amount']);
    expect(byAddress).toMatchObject({ success: true, height: devnet.node.chain.height(), total_amount: 3 });
    const [unspent] = byAddress.unspents as Record<string, unknown>[];
    expect(unspent).toEqual({
      txid: fundedTxid,
      vout: 0,
      scriptPubKey: expect.stringMatching(/^76a914/),
      desc: expect.stringMatching(new RegExp(`^addr\\(${address}\\)#[a-z0-9]{8}$`)),
      amount: 3,
      coinbase: false,
      height: expect.any(Number),
    });
    const byRaw = await rpc<{ unspents: unknown[] }>(devnet, 'scantxoutset', 'start', [{ desc: `raw(${unspent!.scriptPubKey})` }]);
    expect(byRaw.unspents).toHaveLength(1);
    expect(await rpcError(devnet, 'scantxoutset', 'begin')).toMatchObject({ code: -8, message: "Invalid action 'begin'" });
    expect(await rpcError(devnet, 'scantxoutset', 'start', ['addr(nonsense)'])).toMatchObject({ code: -5 });
  });

  it('watch-only wallet: importaddress, listunspent, gettransaction', async () => {
    const address = addressOf(watched, 'p2pkh');
    expect(await rpc(devnet, 'importaddress', address, 'mine', true)).toBeNull();
    const [utxo] = await rpc<Record<string, unknown>[]>(devnet, 'listunspent', 1, 9999999, [address]);
    expect(utxo).toMatchObject({ txid: fundedTxid, vout: 0, address, label: 'mine', amount: 3, spendable: false, safe: true });
    expect(Object.keys(utxo!)).toEqual(['txid', 'vout', 'address', 'label', 'scriptPubKey', 'amount', 'confirmations', 'spendable', 'solvable', 'parent_descs', 'safe']);
    const wtx = await rpc<Record<string, unknown>>(devnet, 'gettransaction', fundedTxid, true);
    expect(wtx).toMatchObject({ amount: 3, txid: fundedTxid, details: [{ involvesWatchonly: true, address, category: 'receive', amount: 3, label: 'mine', vout: 0 }] });
    expect(await rpcError(devnet, 'gettransaction', '22'.repeat(32))).toMatchObject({ code: -5, message: 'Invalid or non-wallet transaction id' });
    expect(await rpcError(devnet, 'importaddress', 'not-an-address')).toMatchObject({ code: -5, message: 'Invalid Bitcoin address or script' });
    expect(await rpcError(devnet, 'listunspent', 0, 10, ['junk'])).toMatchObject({ code: -5, message: 'Invalid Bitcoin address: junk' });
    expect(await rpcError(devnet, 'listunspent', 0, 10, [address, address])).toMatchObject({ code: -8, message: `Invalid parameter, duplicated address: ${address}` });
  });

  it('faucet and sendtoaddress pay any address type', async () => {
    for (const type of ['p2pkh', 'p2wpkh', 'p2sh-p2wpkh'] as const) {
      const address = addressOf(key(`faucet ${type}`), type);
      const paid = await rpc<{ txid: string; blockhashes: string[] }>(devnet, 'faucet', address, 1.5);
      expect(paid.blockhashes).toHaveLength(1);
      const scan = await rpc<{ total_amount: number }>(devnet, 'scantxoutset', 'start', [`addr(${address})`]);
      expect(scan.total_amount).toBe(1.5);
    }
    const txid = await rpc<string>(devnet, 'sendtoaddress', addressOf(key('unconfirmed'), 'p2wpkh'), 0.25);
    expect(await rpc<string[]>(devnet, 'getrawmempool')).toContain(txid);
    expect(await rpcError(devnet, 'faucet', 'nope', 1)).toMatchObject({ code: -5 });
  });
});
