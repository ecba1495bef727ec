/*
 * Replies recorded in bitcoind's documented formats (JSON-RPC 1.0 over HTTP, src/httprpc.cpp and
 * the RPC help texts). The chain data is real mainnet data: block 170 (the Satoshi → Hal Finney
 * payment) and the block 9 coinbase it spends; their txids and the block's merkle root are checked
 * in the tests, so the recording cannot drift from what a node would serve. Counters that change
 * with the tip (confirmations, chainwork, the current tip itself) are illustrative.
 */

export const BLOCK9_HASH = '000000008d9dc510f23c2657fc4f67bea30078cc05a90eb89e84cc475c080805';
export const BLOCK170_HASH = '00000000d1145790a8694403d4063f323d499e655c83426834d4ce2f8dd4a2ee';
export const BLOCK170_PREVIOUS = '000000002a22cfee1f2c846adbd12b3e183d4f97683f85dad08a79780a84bd55';
export const BLOCK170_HEADER =
  '0100000055bd840a78798ad0da853f68974f3d183e2bd1db6a842c1feecf222a00000000ff104ccb05421ab93e63f8c3ce5c2c2e9dbb37de2764b3a3175c8166562cac7d51b96a49ffff001d283e9e70';
export const BLOCK170_MERKLE_ROOT = '7dac2c5666815c17a3b36427de37bb9d2e2c5ccec3f8633eb91a4205cb4c10ff';

export const COINBASE170_TXID = 'b1fea52486ce0c62bb442b530a3f0132b826c74e473d1f2c220bfa78111c5082';
export const COINBASE170_HEX =
  '01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff0704ffff001d0102ffffffff0100f2052a01000000434104d46c4968bde02899d2aa0963367c7a6ce34eec332b32e42e5f3407e052d64ac625da6f0718e7b302140434bd725706957c092db53805b821a85b23a7ac61725bac00000000';
export const HAL_TXID = 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16';
export const HAL_HEX =
  '0100000001c997a5e56e104102fa209c6a852dd90660a20b2d9c352423edce25857fcd3704000000004847304402204e45e16932b8af514961a1d3a1a25fdf3f4f7732e9d624c6c61548ab5fb8cd410220181522ec8eca07de4860a4acdd12909d831cc56cbbac4622082221a8768d1d0901ffffffff0200ca9a3b00000000434104ae1a62fe09c5f51b13905f07f06b99a2f7159b2225f374cd378d71302fa28414e7aab37397f554a7df5f142c21c1b7303b8a0626f1baded5c72a704f7e6cd84cac00286bee0000000043410411db93e1dcdb8a016b49840f8c53bc1eb68a382e97b1482ecad7b148a6909a5cb2e0eaddfb84ccf9744464f82e160bfa9b8b64f9d4c03f999b8643f656b412a3ac00000000';
export const COINBASE9_TXID = '0437cd7f8525ceed2324359c2d0ba26006d92d856a9c20fa0241106ee5a597c9';
export const COINBASE9_HEX =
  '01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff0704ffff001d0134ffffffff0100f2052a0100000043410411db93e1dcdb8a016b49840f8c53bc1eb68a382e97b1482ecad7b148a6909a5cb2e0eaddfb84ccf9744464f82e160bfa9b8b64f9d4c03f999b8643f656b412a3ac00000000';
export const BLOCK9_KEY =
  '0411db93e1dcdb8a016b49840f8c53bc1eb68a382e97b1482ecad7b148a6909a5cb2e0eaddfb84ccf9744464f82e160bfa9b8b64f9d4c03f999b8643f656b412a3';

const BLOCK9_SCRIPT = `41${BLOCK9_KEY}ac`;

const coinbase170Vin = [{ coinbase: '04ffff001d0102', sequence: 4294967295 }];
const halVin = [{ txid: COINBASE9_TXID, vout: 0, scriptSig: { asm: '304402204e45e16932b8af514961a1d3a1a25fdf3f4f7732e9d624c6c61548ab5fb8cd410220181522ec8eca07de4860a4acdd12909d831cc56cbbac4622082221a8768d1d09[ALL]', hex: '47304402204e45e16932b8af514961a1d3a1a25fdf3f4f7732e9d624c6c61548ab5fb8cd410220181522ec8eca07de4860a4acdd12909d831cc56cbbac4622082221a8768d1d0901' }, sequence: 4294967295 }];

function pubkeyOut(value: number, n: number, key: string) {
  return { value, n, scriptPubKey: { asm: `${key} OP_CHECKSIG`, desc: `pk(${key})#00000000`, hex: `41${key}ac`, type: 'pubkey' } };
}

const halVout = [
  pubkeyOut(10, 0, '04ae1a62fe09c5f51b13905f07f06b99a2f7159b2225f374cd378d71302fa28414e7aab37397f554a7df5f142c21c1b7303b8a0626f1baded5c72a704f7e6cd84c'),
  pubkeyOut(40, 1, BLOCK9_KEY),
];

/** `getblockheader <hash>`; `getblock` shares these fields (without the next block's hash). */
export const blockHeader170 = {
  hash: BLOCK170_HASH,
  confirmations: 870000,
  height: 170,
  version: 1,
  versionHex: '00000001',
  merkleroot: BLOCK170_MERKLE_ROOT,
  time: 1231731025,
  mediantime: 1231716245,
  nonce: 1889418792,
  bits: '1d00ffff',
  difficulty: 1,
  chainwork: '000000000000000000000000000000000000000000000000000000ab00ab00ab',
  nTx: 2,
  previousblockhash: BLOCK170_PREVIOUS,
  nextblockhash: '00000000c9ec538cab7f38ef9c67a95742f56ab07b0a37c5be6b02808dbfb4e0',
};

/** `getblock <hash> 2` (bitcoind 25 format). */
export function block170(verbosity: 2 | 3) {
  const { nextblockhash: _next, ...header } = blockHeader170;
  return {
    ...header,
    strippedsize: 490,
    size: 490,
    weight: 1960,
    tx: [
      { txid: COINBASE170_TXID, hash: COINBASE170_TXID, version: 1, size: 134, vsize: 134, weight: 536, locktime: 0, vin: coinbase170Vin, vout: [pubkeyOut(50, 0, '04d46c4968bde02899d2aa0963367c7a6ce34eec332b32e42e5f3407e052d64ac625da6f0718e7b302140434bd725706957c092db53805b821a85b23a7ac61725b')], hex: COINBASE170_HEX },
      {
        txid: HAL_TXID,
        hash: HAL_TXID,
        version: 1,
        size: 275,
        vsize: 275,
        weight: 1100,
        locktime: 0,
        vin: verbosity === 3 ? halVin.map((vin) => ({ ...vin, prevout: { generated: true, height: 9, value: 50, scriptPubKey: { asm: `${BLOCK9_KEY} OP_CHECKSIG`, hex: BLOCK9_SCRIPT, type: 'pubkey' } } })) : halVin,
        vout: halVout,
        fee: 0,
        hex: HAL_HEX,
      },
    ],
  };
}

/** `getrawtransaction 0437cd…c9 1` on a node with -txindex. */
export const coinbase9Verbose = {
  txid: COINBASE9_TXID,
  hash: COINBASE9_TXID,
  version: 1,
  size: 134,
  vsize: 134,
  weight: 536,
  locktime: 0,
  vin: [{ coinbase: '04ffff001d0134', sequence: 4294967295 }],
  vout: [pubkeyOut(50, 0, BLOCK9_KEY)],
  hex: COINBASE9_HEX,
  blockhash: BLOCK9_HASH,
  confirmations: 870161,
  time: 1231473279,
  blocktime: 1231473279,
};

export const halVerbose = {
  txid: HAL_TXID,
  hash: HAL_TXID,
  version: 1,
  size: 275,
  vsize: 275,
  weight: 1100,
  locktime: 0,
  vin: halVin,
  vout: halVout,
  hex: HAL_HEX,
  blockhash: BLOCK170_HASH,
  confirmations: 870000,
  time: 1231731025,
  blocktime: 1231731025,
};


export const blockchainInfo = {
  chain: 'main',
  blocks: 870169,
  headers: 870169,
  bestblockhash: '0000000000000000000122c4bb4b8ab7fa5aff3ac1ac4dafb3bcd5a76e4c2a8c',
  difficulty: 92671576265161.06,
  time: 1731235200,
  mediantime: 1731232107,
  verificationprogress: 0.9999971,
  initialblockdownload: false,
  chainwork: '00000000000000000000000000000000000000009b0f5a6b1dc0d6b1fd6ae4fa',
  size_on_disk: 700000000000,
  pruned: false,
  warnings: '',
};

/** `scantxoutset start ["addr(…)"]` (bitcoind 25: with `coinbase` and `desc`). */
export function scanResult(address: string) {
  return {
    success: true,
    txouts: 169718493,
    height: 870169,
    bestblock: blockchainInfo.bestblockhash,
    unspents: [
      { txid: 'a1'.repeat(32), vout: 1, scriptPubKey: '76a914751e76e8199196d454941c45d1b3a323f1433bd688ac', desc: `addr(${address})#3xgfzk6z`, amount: 0.00012345, coinbase: false, height: 869001 },
      { txid: 'b2'.repeat(32), vout: 0, scriptPubKey: '76a914751e76e8199196d454941c45d1b3a323f1433bd688ac', desc: `addr(${address})#3xgfzk6z`, amount: 20999999.9769, coinbase: true, height: 1 },
    ],
    total_amount: 21000000.00002245,
  };
}

export function listUnspentResult(address: string) {
  return [
    { txid: 'c3'.repeat(32), vout: 2, address, label: '', scriptPubKey: '76a914751e76e8199196d454941c45d1b3a323f1433bd688ac', amount: 1.5, confirmations: 10, spendable: false, solvable: false, safe: true },
  ];
}
