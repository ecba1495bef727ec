import { classifyScript, encodePush, type Block, type ChainTransaction } from '@bsk/bitcoin';
import { bytesToHex, concatBytes, getPublicKeyFromPrivate, hashName, hashToAddress, NETWORKS, hexToBytes, nameConsensusHash, nameHash128, publicKeyToAddress, sha256 } from '@bsk/crypto';
import {
  DEVNET,
  addressToScriptHex,
  createEngine,
  encodeOperation,
  nulldataScriptHex,
  openSqliteStore,
  type BlockResult,
  type Engine,
  type NetworkParams,
  type Operation,
  type Store,
} from '../src/index.js';

/*
 * Blocks built in memory in the chain backend's parsed-block shape, with real keys, scripts and
 * addresses: a small scenario kit for the state-machine tests (no mocks of our own code).
 */

export interface Wallet {
  readonly publicKey: string;
  readonly address: string;
  readonly script: string;
}

export function walletFromPublicKey(params: NetworkParams, publicKey: string): Wallet {
  const address = publicKeyToAddress(publicKey, params.addressNetwork);
  return { publicKey, address, script: addressToScriptHex(params, address) };
}

/** A deterministic wallet: the private key is sha256 of the label. */
export function wallet(params: NetworkParams, label: string): Wallet {
  return walletFromPublicKey(params, getPublicKeyFromPrivate(bytesToHex(sha256(label))));
}

/** A wallet whose script is p2sh (a multisig payer, as far as BNS can tell; no key is revealed). */
export function p2shWallet(params: NetworkParams, label: string): Wallet {
  const hash = bytesToHex(sha256(label)).slice(0, 40);
  return { publicKey: '', address: hashToAddress(hash, NETWORKS[params.addressNetwork].p2sh), script: `a914${hash}87` };
}

export interface Output {
  readonly script: string;
  readonly value: number;
}

export interface TxSpec {
  readonly from: Wallet;
  readonly operation: Operation | Uint8Array;
  /** Outputs after the OP_RETURN. */
  readonly outputs: readonly Output[];
}

const DUST = 5500;
const DUMMY_SIGNATURE = new Uint8Array(71).fill(0x30);

export class Scenario {
  readonly params: NetworkParams;
  readonly store: Store;
  readonly engine: Engine;
  #txCounter = 0;

  constructor(params: NetworkParams = DEVNET, store: Store = openSqliteStore(':memory:')) {
    this.params = params;
    this.store = store;
    this.engine = createEngine({ network: params, store });
  }

  get height(): number {
    return this.engine.tip() ?? this.params.firstBlock - 1;
  }

  /** The consensus hash of the tip (what a client would put in an operation). */
  ch(height = this.height): string {
    const hash = this.store.consensusHashAt(height);
    if (hash === null) throw new Error(`no consensus hash at ${height}`);
    return hash;
  }

  makeBlock(specs: readonly TxSpec[], height = this.height + 1): Block {
    const transactions = [coinbase(height), ...specs.map((spec, index) => this.transaction(spec, `${height} ${index + 1}`))];
    return { hash: bytesToHex(sha256(`block ${height} ${transactions.map((tx) => tx.txid).join()}`)), height, previousBlockHash: null, time: 1_600_000_000 + height * 600, transactions };
  }

  mine(...specs: TxSpec[]): BlockResult {
    return this.engine.applyBlock(this.makeBlock(specs));
  }

  /** Mines `count` empty blocks. */
  wait(count: number): void {
    for (let i = 0; i < count; i++) this.mine();
  }

  /** A transaction; `position` (height and index) makes its txid reproducible across processes. */
  transaction(spec: TxSpec, position: string = `loose ${this.#txCounter++}`): ChainTransaction {
    const data = spec.operation instanceof Uint8Array ? spec.operation : encodeOperation(spec.operation, this.params.magicBytes);
    const outputs = [{ script: nulldataScriptHex(data), value: 0 }, ...spec.outputs];
    const txid = bytesToHex(sha256(`tx ${position}`));
    const scriptSig = spec.from.publicKey === '' ? bytesToHex(encodePush(DUMMY_SIGNATURE)) : bytesToHex(concatBytes(encodePush(DUMMY_SIGNATURE), encodePush(hexToBytes(spec.from.publicKey))));
    return {
      txid,
      wtxid: txid,
      hex: '',
      version: 1,
      locktime: 0,
      size: 0,
      vsize: 0,
      weight: 0,
      inputs: [
        {
          index: 0,
          txid: bytesToHex(sha256(`funding ${txid}`)),
          vout: 0,
          scriptSig,
          witness: [],
          sequence: 0xffffffff,
          isCoinbase: false,
          prevout: { value: 1e8, script: spec.from.script, type: classifyScript(hexToBytes(spec.from.script)).type, address: spec.from.address },
          publicKey: spec.from.publicKey === '' ? null : spec.from.publicKey,
        },
      ],
      outputs: outputs.map((output, index) => ({ index, value: output.value, script: output.script, type: classifyScript(hexToBytes(output.script)).type, address: null })),
    };
  }

  // --- operations, shaped as blockstack.js shapes them (bns.md §3.14) -------------------------

  namespacePreorder(id: string, payer: Wallet, revealer: Wallet, fee = 40_000_000, consensusHash = this.ch()): TxSpec {
    return {
      from: payer,
      operation: { type: 'namespace-preorder', preorderHash: hashName(id, payer.script, revealer.address), consensusHash, tokenFee: null },
      outputs: [{ script: payer.script, value: DUST }, { script: this.burnScript(), value: fee }],
    };
  }

  namespaceReveal(id: string, payer: Wallet, revealer: Wallet, curve: Partial<RevealCurve> = {}): TxSpec {
    return {
      from: payer,
      operation: { type: 'namespace-reveal', namespaceId: id, ...STANDARD_CURVE, ...curve },
      outputs: [{ script: revealer.script, value: DUST }, { script: payer.script, value: DUST }],
    };
  }

  namespaceReady(id: string, revealer: Wallet): TxSpec {
    return { from: revealer, operation: { type: 'namespace-ready', namespaceId: id }, outputs: [{ script: revealer.script, value: DUST }] };
  }

  namePreorder(name: string, payer: Wallet, owner: Wallet, fee = 640_000, payTo: string = this.params.burnAddress, consensusHash = this.ch()): TxSpec {
    return {
      from: payer,
      operation: { type: 'name-preorder', preorderHash: hashName(name, payer.script, owner.address), consensusHash, tokenFee: null, tokenUnits: null },
      outputs: [{ script: payer.script, value: DUST }, { script: addressToScriptHex(this.params, payTo), value: fee }],
    };
  }

  nameRegister(name: string, payer: Wallet, owner: Wallet, valueHash: string | null = null): TxSpec {
    return {
      from: payer,
      operation: { type: 'name-registration', name, valueHash, tokenFee: null },
      outputs: [{ script: owner.script, value: DUST }, { script: payer.script, value: DUST }],
    };
  }

  nameRenew(name: string, owner: Wallet, options: { newOwner?: Wallet; fee?: number; payTo?: string; valueHash?: string | null } = {}): TxSpec {
    const newOwner = options.newOwner ?? owner;
    return {
      from: owner,
      operation: { type: 'name-renewal', name, valueHash: options.valueHash ?? null, tokenFee: null },
      outputs: [
        { script: newOwner.script, value: DUST },
        { script: owner.script, value: DUST },
        { script: addressToScriptHex(this.params, options.payTo ?? this.params.burnAddress), value: options.fee ?? 640_000 },
      ],
    };
  }

  nameUpdate(name: string, owner: Wallet, valueHash: string, consensusHash = this.ch()): TxSpec {
    return { from: owner, operation: { type: 'name-update', nameConsensusHash: nameConsensusHash(name, consensusHash), valueHash }, outputs: [{ script: owner.script, value: DUST }] };
  }

  nameTransfer(name: string, owner: Wallet, recipient: Wallet, keepData = true, consensusHash = this.ch()): TxSpec {
    return {
      from: owner,
      operation: { type: 'name-transfer', keepData, nameHash128: nameHash128(name), consensusHash },
      outputs: [{ script: recipient.script, value: DUST }, { script: owner.script, value: DUST }],
    };
  }

  nameRevoke(name: string, owner: Wallet): TxSpec {
    return { from: owner, operation: { type: 'name-revoke', name }, outputs: [{ script: owner.script, value: DUST }] };
  }

  nameImport(name: string, importer: Wallet, recipient: Wallet, valueHash: string): TxSpec {
    return {
      from: importer,
      operation: { type: 'name-import', name },
      outputs: [{ script: recipient.script, value: DUST }, { script: `76a914${valueHash}88ac`, value: DUST }, { script: importer.script, value: DUST }],
    };
  }

  burnScript(): string {
    return addressToScriptHex(this.params, this.params.burnAddress);
  }

  /** Creates and readies namespace `id` (preorder, reveal, ready: one block each, as in B.3). */
  createNamespace(id: string, payer: Wallet, revealer: Wallet, curve: Partial<RevealCurve> = {}): void {
    expectAccepted(this.mine(this.namespacePreorder(id, payer, revealer)));
    expectAccepted(this.mine(this.namespaceReveal(id, payer, revealer, curve)));
    expectAccepted(this.mine(this.namespaceReady(id, revealer)));
  }

  /** Preorders (one block) and registers (the next) a name. */
  registerName(name: string, payer: Wallet, owner: Wallet, options: { fee?: number; valueHash?: string | null } = {}): void {
    expectAccepted(this.mine(this.namePreorder(name, payer, owner, options.fee)));
    expectAccepted(this.mine(this.nameRegister(name, payer, owner, options.valueHash ?? null)));
  }
}

export interface RevealCurve {
  lifetime: number;
  coeff: number;
  base: number;
  buckets: number[];
  nonalphaDiscount: number;
  noVowelDiscount: number;
  version: number;
}

/** The namespace almost every reference scenario uses (cli-and-scenarios.md §B.3). */
export const STANDARD_CURVE: RevealCurve = { lifetime: 52595, coeff: 250, base: 4, buckets: [6, 5, 4, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], nonalphaDiscount: 10, noVowelDiscount: 10, version: 1 };

export function expectAccepted(result: BlockResult, count = result.accepted.length + result.rejected.length): BlockResult {
  if (result.rejected.length > 0 || result.accepted.length !== count) {
    throw new Error(`block ${result.height}: expected ${count} accepted, got ${result.accepted.length}; rejected: ${JSON.stringify(result.rejected)}; ignored: ${JSON.stringify(result.ignored)}`);
  }
  return result;
}

function coinbase(height: number): ChainTransaction {
  const txid = bytesToHex(sha256(`coinbase ${height}`));
  return {
    txid,
    wtxid: txid,
    hex: '',
    version: 1,
    locktime: 0,
    size: 0,
    vsize: 0,
    weight: 0,
    inputs: [{ index: 0, txid: '00'.repeat(32), vout: 0xffffffff, scriptSig: '', witness: [], sequence: 0xffffffff, isCoinbase: true, prevout: null, publicKey: null }],
    outputs: [{ index: 0, value: 50e8, script: '51', type: 'nonstandard', address: null }],
  };
}
