import { normalizeZ } from '@noble/curves/abstract/curve.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { classifyScript, encodePush, type Block, type ChainTransaction } from '../packages/bitcoin/src/index.js';
import { bytesToHex, concatBytes, getPublicKeyFromPrivate, hash160, hashName, hashToAddress, NETWORKS, hexToBytes, nameConsensusHash, nameHash128, sha256 } from '../packages/crypto/src/index.js';
import {
  DEVNET,
  addressToScriptHex,
  createEngine,
  encodeOperation,
  nulldataScriptHex,
  openSqliteStore,
  priceName,
  priceNamespace,
  priceCeiling,
  type NetworkParams,
  type HistoryEntry,
  type NameRow,
  type NamespaceRow,
  type Operation,
  type Store,
} from '../packages/bns/src/index.js';
import type { Benchmark } from './harness.js';

/*
 * bench/index: indexing a synthetic chain from scratch (issue 4, Benchmark). 10,000 blocks carrying
 * 1,000,000 naming operations — namespace preorder, reveal and ready for eight namespaces, then name
 * preorders, registrations, updates, transfers and renewals across them, with a small share built
 * to be rejected (a registration of a taken name, a transfer by a non-owner, a preorder citing a
 * stale consensus hash) — in the chain backend's `Block` shape (resolved prevouts, the sender's
 * revealed public key), indexed through `createEngine` into a fresh SQLite store on disk.
 *
 * The chain is generated from a seeded PRNG a few blocks at a time while indexing runs (the whole
 * chain as objects would take gigabytes); generation is outside the timed region: only the engine's
 * `applyBlocks` calls and the build of the API's indexes at the end are timed. Peak memory is the
 * process's, generation included.
 *
 * Sizes: BSK_BENCH_INDEX_BLOCKS / BSK_BENCH_INDEX_OPS, or `--blocks N --ops N` when this file is run
 * directly (`node --conditions=source --import tsx bench/index.ts --blocks 1000 --ops 100000`).
 */

const TARGET_OPS_PER_SECOND = 50_000;
const TARGET_PEAK_RSS = 512 * 1024 * 1024;
const DUST = 5500;
const DUMMY_SIGNATURE = new Uint8Array(71).fill(0x30);
/** Blocks generated ahead and handed to the engine in one `applyBlocks` call (catch-up). */
const CHUNK = 8;
/** applyBlocks calls per commit (the others hold their writes: ApplyOptions.commit): one commit covers 96 blocks, as a node catching up commits a group of 100. */
const COMMIT_EVERY = 12;

/** mulberry32: a small seeded PRNG, so every run (and the equality test) builds the same chain. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type CurvePoint = ReturnType<typeof secp256k1.Point.fromHex>;

interface Wallet {
  readonly publicKey: string;
  readonly address: string;
  readonly script: string;
  /** Names the generator believes this wallet owns (kept well under the quota of 25). */
  owned: number;
}

interface SyntheticName {
  readonly fqn: string;
  owner: number;
  /** The block in which the generator last touched the name (one operation per name per block). */
  touched: number;
}

interface PendingRegistration {
  readonly fqn: string;
  readonly payer: number;
  readonly owner: number;
  /** Built to be rejected: the name is already registered. */
  readonly duplicate: boolean;
}

export interface SyntheticChainOptions {
  readonly blocks: number;
  readonly ops: number;
  readonly seed?: number;
  readonly params?: NetworkParams;
}

const NAMESPACES = ['app', 'art', 'bank', 'blog', 'chat', 'coin', 'game', 'mail'];
const MAX_OWNED = 6;

/**
 * The synthetic chain, block by block. `nextBlock(consensusHash)` builds the next block; operations
 * that cite a consensus hash cite the one given (the caller's latest known, as a client would).
 */
export class SyntheticChain {
  readonly params: NetworkParams;
  readonly blocks: number;
  /** Naming transactions generated so far. */
  operations = 0;
  readonly #random: () => number;
  readonly #opsPerBlock: number;
  readonly #wallets: Wallet[] = [];
  readonly #names: SyntheticName[] = [];
  #pending: PendingRegistration[] = [];
  #height: number;
  #nameCounter = 0;
  readonly #classified = new Map<string, string>();
  /** Wallets handed out so far (more are made 1,024 at a time). */
  #used = 2 * NAMESPACES.length;
  #lastPoint: CurvePoint = secp256k1.Point.fromHex(getPublicKeyFromPrivate(bytesToHex(sha256('index bench wallets'))));

  constructor(options: SyntheticChainOptions) {
    this.params = options.params ?? DEVNET;
    this.blocks = options.blocks;
    this.#random = prng(options.seed ?? 1);
    this.#opsPerBlock = options.ops / options.blocks;
    this.#height = this.params.firstBlock;
  }

  get height(): number {
    return this.#height;
  }

  get done(): boolean {
    return this.#height >= this.params.firstBlock + this.blocks;
  }

  #int(n: number): number {
    return Math.floor(this.#random() * n);
  }

  #wallet(index: number): Wallet {
    while (this.#wallets.length <= index) this.#moreWallets();
    return this.#wallets[index]!;
  }

  /**
   * The next 1,024 wallets: consecutive private keys k, k+1, …, so each public key is the previous
   * one plus G, normalised together (a full scalar multiplication per wallet would dominate).
   */
  #moreWallets(): void {
    const projective: CurvePoint[] = [];
    for (let i = 0; i < 1024; i++) {
      this.#lastPoint = this.#lastPoint.add(secp256k1.Point.BASE);
      projective.push(this.#lastPoint);
    }
    for (const point of normalizeZ(secp256k1.Point, projective)) {
      const bytes = point.toBytes(true);
      const publicKey = bytesToHex(bytes);
      const address = hashToAddress(hash160(bytes), NETWORKS[this.params.addressNetwork].p2pkh);
      this.#wallets.push({ publicKey, address, script: addressToScriptHex(this.params, address), owned: 0 });
    }
  }

  /** A wallet with room for another name: mostly fresh ones, sometimes one that already owns names. */
  #ownerWithRoom(): number {
    for (;;) {
      const index = this.#random() < 0.3 || this.#used === 0 ? this.#used++ : this.#int(this.#used);
      if (this.#wallet(index).owned < MAX_OWNED) return index;
    }
  }

  nextBlock(consensusHash: string): Block {
    const height = this.#height++;
    const step = height - this.params.firstBlock;
    const specs: Spec[] = step < 3 ? this.#namespaceStep(step) : this.#nameStep(height, consensusHash);
    this.operations += specs.length;
    return this.#block(height, specs);
  }

  // The namespaces: all preordered in the first block, revealed in the second, readied in the third.
  #namespaceStep(step: number): Spec[] {
    const consensusHash = this.params.genesisConsensusHash;
    return NAMESPACES.map((id, i) => {
      const payer = this.#wallet(i);
      const revealer = this.#wallet(NAMESPACES.length + i);
      payer.owned = MAX_OWNED; // namespace creators own no names here; keep them out of the owner pool
      revealer.owned = MAX_OWNED;
      if (step === 0) {
        const price = priceNamespace(this.params, id, this.params.firstBlock, 'BTC')!;
        const operation: Operation = { type: 'namespace-preorder', preorderHash: hashName(id, payer.script, revealer.address), consensusHash, tokenFee: null };
        return { from: payer, operation, outputs: [{ script: payer.script, value: DUST }, { script: this.#burnScript(), value: Number(priceCeiling(price)) }] };
      }
      if (step === 1) {
        const operation: Operation = { type: 'namespace-reveal', namespaceId: id, version: 1, lifetime: 52595, coeff: 250, base: 4, buckets: [6, 5, 4, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], nonalphaDiscount: 10, noVowelDiscount: 10 };
        return { from: payer, operation, outputs: [{ script: revealer.script, value: DUST }, { script: payer.script, value: DUST }] };
      }
      return { from: revealer, operation: { type: 'namespace-ready', namespaceId: id }, outputs: [{ script: revealer.script, value: DUST }] };
    });
  }

  #nameStep(height: number, consensusHash: string): Spec[] {
    // Spread the remaining operations evenly over the remaining blocks.
    const budget = Math.max(0, Math.round(this.#opsPerBlock * (height - this.params.firstBlock + 1)) - this.operations);
    const specs: Spec[] = [];
    // Last block's preorders are registered now.
    for (const pending of this.#pending) specs.push(this.#register(height, pending));
    this.#pending = [];
    const left = Math.max(0, budget - specs.length);
    // Of the rest: new preorders (registered next block) make up ~2/7, the others touch existing names.
    const preorders = this.#names.length < 50 ? left : Math.round(left * (2 / 7));
    for (let i = 0; i < preorders; i++) specs.push(this.#preorder(height, consensusHash));
    for (let i = preorders; i < left; i++) {
      const spec = this.#touchName(height, consensusHash);
      if (spec === null) specs.push(this.#preorder(height, consensusHash));
      else specs.push(spec);
    }
    return specs;
  }

  #preorder(height: number, consensusHash: string): Spec {
    const duplicate = this.#names.length > 0 && this.#random() < 0.01;
    const fqn = duplicate ? this.#names[this.#int(this.#names.length)]!.fqn : this.#freshName();
    const payer = this.#ownerWithRoom();
    const owner = this.#random() < 0.8 ? payer : this.#ownerWithRoom();
    const from = this.#wallet(payer);
    const stale = this.#random() < 0.005;
    const cited = stale ? bytesToHex(sha256(`stale ${height}`)).slice(0, 32) : consensusHash;
    if (!stale) {
      this.#pending.push({ fqn, payer, owner, duplicate });
      if (!duplicate) this.#wallet(owner).owned++;
    }
    const price = priceName(this.params, STANDARD_CURVE, fqn.slice(0, fqn.indexOf('.')), height);
    const operation: Operation = { type: 'name-preorder', preorderHash: hashName(fqn, from.script, this.#wallet(owner).address), consensusHash: cited, tokenFee: null, tokenUnits: null };
    return { from, operation, outputs: [{ script: from.script, value: DUST }, { script: this.#burnScript(), value: Number(priceCeiling(price)) }] };
  }

  #freshName(): string {
    const id = this.#nameCounter++;
    const fqn = `${(id * 2654435761 % 4294967296).toString(36)}${id.toString(36)}.${NAMESPACES[id % NAMESPACES.length]}`;
    return fqn;
  }

  #register(height: number, pending: PendingRegistration): Spec {
    const payer = this.#wallet(pending.payer);
    const owner = this.#wallet(pending.owner);
    if (!pending.duplicate) this.#names.push({ fqn: pending.fqn, owner: pending.owner, touched: height });
    const valueHash = this.#random() < 0.5 ? bytesToHex(sha256(`zone file ${pending.fqn}`)).slice(0, 40) : null;
    return { from: payer, operation: { type: 'name-registration', name: pending.fqn, valueHash, tokenFee: null }, outputs: [{ script: owner.script, value: DUST }, { script: payer.script, value: DUST }] };
  }

  /** An update (~50%), transfer (~25%) or renewal (~25%) of an existing name, or null if none is free. */
  #touchName(height: number, consensusHash: string): Spec | null {
    for (let attempt = 0; attempt < 8; attempt++) {
      const name = this.#names[this.#int(this.#names.length)]!;
      if (name.touched >= height) continue;
      name.touched = height;
      const owner = this.#wallet(name.owner);
      const roll = this.#random();
      if (roll < 0.5) {
        const valueHash = bytesToHex(sha256(`zone file ${name.fqn} ${height}`)).slice(0, 40);
        return { from: owner, operation: { type: 'name-update', nameConsensusHash: nameConsensusHash(name.fqn, consensusHash), valueHash }, outputs: [{ script: owner.script, value: DUST }] };
      }
      if (roll < 0.75) {
        const to = this.#ownerWithRoom();
        if (to === name.owner) continue;
        const recipient = this.#wallet(to);
        // One in a hundred is sent by someone who does not own the name (rejected).
        const notOwner = this.#random() < 0.01;
        const from = notOwner ? recipient : owner;
        if (!notOwner) {
          owner.owned--;
          recipient.owned++;
          name.owner = to;
        }
        const operation: Operation = { type: 'name-transfer', keepData: this.#random() < 0.5, nameHash128: nameHash128(name.fqn), consensusHash };
        return { from, operation, outputs: [{ script: recipient.script, value: DUST }, { script: from.script, value: DUST }] };
      }
      const label = name.fqn.slice(0, name.fqn.indexOf('.'));
      const fee = Number(priceCeiling(priceName(this.params, STANDARD_CURVE, label, height)));
      return {
        from: owner,
        operation: { type: 'name-renewal', name: name.fqn, valueHash: null, tokenFee: null },
        outputs: [{ script: owner.script, value: DUST }, { script: owner.script, value: DUST }, { script: this.#burnScript(), value: fee }],
      };
    }
    return null;
  }

  #burnScript(): string {
    return addressToScriptHex(this.params, this.params.burnAddress);
  }

  #type(script: string): string {
    let type = this.#classified.get(script);
    if (type === undefined) {
      type = classifyScript(hexToBytes(script)).type;
      if (this.#classified.size < 100_000) this.#classified.set(script, type);
    }
    return type;
  }

  #block(height: number, specs: readonly Spec[]): Block {
    const transactions = [coinbase(height), ...specs.map((spec, index) => this.#transaction(spec, height, index + 1))];
    return { hash: bytesToHex(sha256(`index bench block ${height}`)), height, previousBlockHash: null, time: 1_600_000_000 + height * 600, transactions };
  }

  #transaction(spec: Spec, height: number, vtxindex: number): ChainTransaction {
    const data = encodeOperation(spec.operation, this.params.magicBytes);
    const outputs = [{ script: nulldataScriptHex(data), value: 0 }, ...spec.outputs];
    const txid = bytesToHex(sha256(`index bench tx ${height} ${vtxindex}`));
    const { from } = spec;
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
          scriptSig: bytesToHex(concatBytes(encodePush(DUMMY_SIGNATURE), encodePush(hexToBytes(from.publicKey)))),
          witness: [],
          sequence: 0xffffffff,
          isCoinbase: false,
          prevout: { value: 1e8, script: from.script, type: this.#type(from.script) as 'p2pkh', address: from.address },
          publicKey: from.publicKey,
        },
      ],
      outputs: outputs.map((output, index) => ({ index, value: output.value, script: output.script, type: this.#type(output.script) as 'p2pkh', address: null })),
    };
  }
}

interface Spec {
  readonly from: Wallet;
  readonly operation: Operation;
  readonly outputs: readonly { readonly script: string; readonly value: number }[];
}

const STANDARD_CURVE = { version: 1, coeff: 250, base: 4, buckets: [6, 5, 4, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], nonalphaDiscount: 10, noVowelDiscount: 10 };

function coinbase(height: number): ChainTransaction {
  const txid = bytesToHex(sha256(`index bench coinbase ${height}`));
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

// --- the run ----------------------------------------------------------------------------------

export interface IndexRunResult {
  readonly blocks: number;
  readonly operations: number;
  readonly accepted: number;
  readonly rejected: number;
  /** Wall-clock time of the engine's work. */
  readonly seconds: number;
  /** CPU time of this process during the engine's work (less disturbed by other processes). */
  readonly cpuSeconds: number;
  readonly generationSeconds: number;
  /** CPU time of building the API's indexes at the end (counted in cpuSeconds). */
  readonly queryIndexSeconds: number;
  /** RSS sampled after each group. */
  readonly peakRss: number;
  /** The kernel's peak RSS of the process when the engine was done. */
  readonly maxRss: number;
  readonly consensusHash: string;
  /** The reference (runIndexBenchmark's `replay` option): the same writes through the store alone. */
  readonly storeAlone?: ReplayResult;
}

/** Generates and indexes the chain into a fresh on-disk store; only the engine's work is timed. */
export function runIndexBenchmark(options: SyntheticChainOptions, onProgress: (height: number) => void = () => {}, runOptions: { readonly replay?: boolean } = {}): IndexRunResult {
  const dir = mkdtempSync(join(tmpdir(), 'bsk-bench-index-'));
  const store = openSqliteStore(join(dir, 'names.sqlite'));
  try {
    const chain = new SyntheticChain(options);
    const engine = createEngine({ network: chain.params, store, maxReorgDepth: 20 });
    const chainTip = chain.params.firstBlock + chain.blocks - 1;
    let accepted = 0;
    let rejected = 0;
    let seconds = 0;
    let cpuSeconds = 0;
    let generationSeconds = 0;
    let peakRss = process.memoryUsage().rss;
    let consensusHash = chain.params.genesisConsensusHash;
    let calls = 0;
    while (!chain.done) {
      const generationStart = performance.now();
      const blocks: Block[] = [];
      while (blocks.length < CHUNK && !chain.done) blocks.push(chain.nextBlock(consensusHash));
      const start = performance.now();
      const cpuStart = process.cpuUsage();
      generationSeconds += (start - generationStart) / 1000;
      const commit = chain.done || ++calls % COMMIT_EVERY === 0;
      const results = engine.applyBlocks(blocks, { chainTip, commit });
      seconds += (performance.now() - start) / 1000;
      const cpu = process.cpuUsage(cpuStart);
      cpuSeconds += (cpu.user + cpu.system) / 1e6;
      for (const result of results) {
        accepted += result.accepted.length;
        rejected += result.rejected.length;
        consensusHash = result.consensusHash;
      }
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      onProgress(chain.height - 1);
    }
    // A node builds the API's indexes when it reaches the tip (Store.buildQueryIndexes): part of
    // indexing from scratch, so timed.
    const indexStart = performance.now();
    const indexCpuStart = process.cpuUsage();
    store.buildQueryIndexes();
    const indexCpu = process.cpuUsage(indexCpuStart);
    const queryIndexSeconds = (indexCpu.user + indexCpu.system) / 1e6;
    seconds += (performance.now() - indexStart) / 1000;
    cpuSeconds += queryIndexSeconds;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    // The engine's peak, before the reference below opens a second store.
    const maxRss = process.resourceUsage().maxRSS * 1024;
    const run = { blocks: chain.blocks, operations: chain.operations, accepted, rejected, seconds, cpuSeconds, generationSeconds, queryIndexSeconds, peakRss, maxRss, consensusHash };
    if (!runOptions.replay) return run;
    const target = openSqliteStore(join(dir, 'replay.sqlite'));
    try {
      return { ...run, storeAlone: replayHistory(store, target, chain.params.firstBlock, chainTip) };
    } finally {
      target.close();
    }
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The ops that write a name's row (a preorder's entry, '?', is filed under the name but writes none). */
const NAME_ROW_OPS = new Set([':', '::', '+', '>>', '>~', '~', ';']);
const NAMESPACE_ROW_OPS = new Set(['&', '!']);

export interface ReplayResult {
  readonly seconds: number;
  readonly cpuSeconds: number;
}

/**
 * The reference for the engine's figure: the store alone, doing the writes the engine did without
 * any rule. Block by block, `source`'s history entries are written to `target` as history, and each
 * name's or namespace's record as its row (the record of a row's newest entry is the row: every
 * accepted operation writes both, the same object), with each block's consensus hash and the tip, in
 * the bench's groups and commits, then the API's indexes are built. Reading `source` is not timed.
 * What it leaves out: preorder rows (the engine writes and consumes most within one commit group,
 * so they never reach SQLite), undo data (only the last 20 blocks keep it) and the rules' reads of
 * owner lists and hash128 keys.
 */
export function replayHistory(source: Store, target: Store, firstBlock: number, lastBlock: number): ReplayResult {
  let seconds = 0;
  let cpuSeconds = 0;
  let calls = 0;
  for (let from = firstBlock; from <= lastBlock; from += CHUNK) {
    const to = Math.min(lastBlock, from + CHUNK - 1);
    const blocks: { height: number; entries: HistoryEntry[]; consensusHash: string }[] = [];
    for (let height = from; height <= to; height++) blocks.push({ height, entries: source.historyAtBlock(height), consensusHash: source.consensusHashAt(height)! });
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const commit = to === lastBlock || ++calls % COMMIT_EVERY === 0;
    target.transaction(() => {
      for (const { height, entries, consensusHash } of blocks) {
        for (const entry of entries) {
          if (NAME_ROW_OPS.has(entry.op)) target.setRow('name', entry.history_id, entry.history_data as NameRow);
          else if (NAMESPACE_ROW_OPS.has(entry.op)) target.setRow('namespace', entry.history_id, entry.history_data as NamespaceRow);
          target.addHistory(entry, height);
        }
        target.setSnapshot(height, { consensusHash, opsHash: null });
        target.setLastBlock(height);
      }
    }, { commit });
    seconds += (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    cpuSeconds += (cpu.user + cpu.system) / 1e6;
  }
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  target.buildQueryIndexes();
  const cpu = process.cpuUsage(cpuStart);
  return { seconds: seconds + (performance.now() - start) / 1000, cpuSeconds: cpuSeconds + (cpu.user + cpu.system) / 1e6 };
}

// --- raw SQLite floors (--floors) ------------------------------------------------------------

export interface FloorResult {
  readonly label: string;
  readonly seconds: number;
  readonly cpuSeconds: number;
}

/** A name record of the size and shape the engine stores (about 730 bytes of JSON), varied per operation. */
function floorRecord(id: number, height: number, vtxindex: number): string {
  const hex = (n: number, width: number) => (n >>> 0).toString(16).padStart(8, '0').repeat(Math.ceil(width / 8)).slice(0, width);
  return JSON.stringify({
    op: '+', name: `${id.toString(36)}.app`, value_hash: hex(id * 31, 40), sender: `76a914${hex(id * 17, 40)}88ac`, sender_pubkey: `02${hex(id * 13, 64)}`,
    address: `m${hex(id * 7, 33)}`, block_number: height, preorder_block_number: height, first_registered: height, last_renewed: height, revoked: false,
    txid: hex(height * 4096 + vtxindex, 64), vtxindex, op_fee: 250, importer: null, importer_address: null, consensus_hash: hex(height, 32), last_creation_op: '?',
    preorder_hash: hex(id * 5, 40), name_hash128: hex(id * 3, 32), namespace_id: 'app', namespace_block_number: 4, token_fee: '0',
  });
}

/**
 * What SQLite itself allows on this machine, with no rule and the leanest layout that still keeps
 * what the engine must: every operation's record once, in an appended history row, and a table of
 * names pointing at their newest history row (no owner, hash128 or other index). The operations
 * follow the bench's mix: about 2/7 preorders (nothing written: the engine consumes them within a
 * commit group), 2/7 registrations (a read that misses, a new name, two history rows), 3/7 updates
 * of an existing name (a read through the pointer, the pointer moved, one history row). Same pragmas
 * as the store. Run with one transaction per block (what bns.md's store asks for), with one per 96
 * blocks (the bench's groups), and the history rows alone.
 */
export function sqliteFloors(operations: number, blocks: number, dir: string): FloorResult[] {
  const perBlock = Math.max(1, Math.round(operations / blocks));
  const run = (label: string, blocksPerCommit: number, historyOnly: boolean): FloorResult => {
    const db = new Database(join(dir, `floor-${blocksPerCommit}-${historyOnly ? 'history' : 'names'}.sqlite`));
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('cache_size = -32768');
      db.pragma('wal_autocheckpoint = 16384');
      db.exec('CREATE TABLE names (key TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID');
      db.exec('CREATE TABLE history (seq INTEGER PRIMARY KEY, history_id TEXT NOT NULL, block_id INTEGER NOT NULL, vtxindex INTEGER NOT NULL, txid TEXT NOT NULL, op TEXT NOT NULL, history_data TEXT NOT NULL)');
      const read = db.prepare('SELECT h.history_data FROM names n JOIN history h ON h.seq = n.seq WHERE n.key = ?').pluck();
      const insertName = db.prepare('INSERT INTO names (key, seq) VALUES (?, ?)');
      const moveName = db.prepare('UPDATE names SET seq = ? WHERE key = ?');
      const insertHistory = db.prepare('INSERT INTO history (seq, history_id, block_id, vtxindex, txid, op, history_data) VALUES (?, ?, ?, ?, ?, ?, ?)');
      const random = prng(3);
      let names = 0;
      let seq = 0;
      const history = (key: string, height: number, vtxindex: number, record: string) => insertHistory.run(++seq, key, height, vtxindex, `${height}:${vtxindex}`, '+', record);
      const start = performance.now();
      const cpuStart = process.cpuUsage();
      db.exec('BEGIN');
      for (let height = 0, done = 0; done < operations; height++) {
        for (let vtxindex = 1; vtxindex <= perBlock && done < operations; vtxindex++, done++) {
          const roll = random();
          if (historyOnly) {
            history(`h${done}`, height, vtxindex, floorRecord(done, height, vtxindex));
          } else if (roll < 2 / 7 && names > 0) {
            continue; // a preorder
          } else if (roll < 4 / 7 || names < 100) {
            const key = `${(names * 2654435761) >>> 0}.${names++}`;
            read.get(key);
            const record = floorRecord(names, height, vtxindex);
            history(key, height, vtxindex, record);
            history(key, height, vtxindex, record);
            insertName.run(key, seq);
          } else {
            const id = Math.floor(random() * names);
            const key = `${(id * 2654435761) >>> 0}.${id}`;
            read.get(key);
            history(key, height, vtxindex, floorRecord(id, height, vtxindex));
            moveName.run(seq, key);
          }
        }
        if ((height + 1) % blocksPerCommit === 0) {
          db.exec('COMMIT');
          db.exec('BEGIN');
        }
      }
      db.exec('COMMIT');
      const cpu = process.cpuUsage(cpuStart);
      return { label, seconds: (performance.now() - start) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
    } finally {
      db.close();
    }
  };
  return [
    run('one transaction per block', 1, false),
    run(`one transaction per ${CHUNK * COMMIT_EVERY} blocks`, CHUNK * COMMIT_EVERY, false),
    run(`history rows alone, one transaction per ${CHUNK * COMMIT_EVERY} blocks`, CHUNK * COMMIT_EVERY, true),
  ];
}

function sizeFrom(args: readonly string[], flag: string, envName: string, fallback: number): number {
  const at = args.indexOf(flag);
  const raw = at >= 0 ? args[at + 1] : process.env[envName];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${flag} must be a positive integer, got ${JSON.stringify(raw)}`);
  return value;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const rate = (value: number) => Math.round(value).toLocaleString('en-US');

/**
 * V8 grows its heap lazily while garbage accumulates: the indexer's live heap stays under 100 MiB,
 * but an uncapped process lets the old space swell to several times that. An indexer runs with a
 * heap cap, so the measurement does too: `npm run bench -- index` runs it in a child process started
 * with this flag (the run's own flags pass through).
 */
const INDEXER_NODE_FLAGS = ['--max-old-space-size=256'];

function runInChild(blocks: number, ops: number, floors: boolean): Promise<boolean> {
  const file = fileURLToPath(import.meta.url);
  const args = [...INDEXER_NODE_FLAGS, '--conditions=source', '--import', 'tsx', file, '--blocks', String(blocks), '--ops', String(ops), ...(floors ? ['--floors'] : [])];
  console.log(`(in a child process: node ${INDEXER_NODE_FLAGS.join(' ')})`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code === 0));
  });
}

const benchmark: Benchmark = {
  description: 'index a synthetic chain (10,000 blocks, 1,000,000 naming operations) from scratch into SQLite',
  async run() {
    const args = process.argv.slice(2);
    const direct = import.meta.url === pathToFileURL(process.argv[1] ?? '').href;
    const blocks = sizeFrom(args, '--blocks', 'BSK_BENCH_INDEX_BLOCKS', 10_000);
    const ops = sizeFrom(args, '--ops', 'BSK_BENCH_INDEX_OPS', 1_000_000);
    const floors = args.includes('--floors') || process.env['BSK_BENCH_INDEX_FLOORS'] === '1';
    if (!direct) return runInChild(blocks, ops, floors);
    console.log(`indexing ${rate(blocks)} blocks carrying ~${rate(ops)} operations (devnet rules, SQLite on disk, ${CHUNK} blocks per applyBlocks, a commit every ${CHUNK * COMMIT_EVERY} blocks)`);
    const result = runIndexBenchmark(
      { blocks, ops },
      (height) => {
        if ((height - DEVNET.firstBlock + 1) % 1000 < CHUNK) process.stdout.write(`  … block ${rate(height - DEVNET.firstBlock + 1)}\n`);
      },
      { replay: true },
    );
    const opsPerSecond = result.operations / result.seconds;
    const { maxRss } = result;
    const peak = Math.max(result.peakRss, maxRss);
    console.log(`operations: ${rate(result.operations)} (accepted ${rate(result.accepted)}, rejected ${rate(result.rejected)})`);
    console.log(`indexing time: ${result.seconds.toFixed(1)} s wall, ${result.cpuSeconds.toFixed(1)} s CPU (of which the API's indexes at the end ${result.queryIndexSeconds.toFixed(1)} s CPU; generation, not counted: ${result.generationSeconds.toFixed(1)} s); load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log(`operations/s: ${rate(opsPerSecond)}   target ≥ ${rate(TARGET_OPS_PER_SECOND)}   ${opsPerSecond >= TARGET_OPS_PER_SECOND ? 'met' : 'MISSED'}`);
    console.log(`operations per CPU-second: ${rate(result.operations / result.cpuSeconds)} (the rate on an otherwise idle core)`);
    console.log(`blocks/s: ${rate(result.blocks / result.seconds)}`);
    console.log(`peak RSS: ${mib(peak)} (sampled ${mib(result.peakRss)}, kernel maxRSS ${mib(maxRss)})   target < ${mib(TARGET_PEAK_RSS)}   ${peak < TARGET_PEAK_RSS ? 'met' : 'MISSED'}`);
    console.log(`final consensus hash: ${result.consensusHash}`);
    const alone = result.storeAlone!;
    console.log(
      `reference, the store alone (the same history and rows written without the rules, same groups and commits, same API indexes): ${rate(result.operations / alone.seconds)} operations/s, ${rate(result.operations / alone.cpuSeconds)} per CPU-second; the engine's CPU time is ${(result.cpuSeconds / alone.cpuSeconds).toFixed(2)}x the store's`,
    );
    if (floors) {
      console.log(`SQLite floors, no rules, leanest layout (each record once in an appended history row; names point at their newest one; no other index), ${rate(result.operations)} operations:`);
      const dir = mkdtempSync(join(tmpdir(), 'bsk-bench-index-floor-'));
      try {
        for (const floor of sqliteFloors(result.operations, result.blocks, dir)) {
          console.log(`  ${floor.label}: ${rate(result.operations / floor.seconds)} operations/s, ${rate(result.operations / floor.cpuSeconds)} per CPU-second`);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    return opsPerSecond >= TARGET_OPS_PER_SECOND && peak < TARGET_PEAK_RSS;
  },
};

export default benchmark;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = (await benchmark.run({ rounds: 1, sliceMs: 1, warmupMs: 1 })) ? 0 : 1;
}
