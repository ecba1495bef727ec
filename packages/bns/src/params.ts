import { hashToAddress, NETWORKS, type NetworkName } from '@bsk/crypto';

/*
 * The one per-network table of consensus parameters (STYLE.md lesson 2; bns.md §4.2–§4.4, §5, §10).
 * Nothing consensus-relevant is a literal anywhere else in this package: rules and prices read it
 * from here. Every value cites its source; "reference" means blockstack-core v21.0.0.5
 * `blockstack/lib/config.py` unless stated otherwise.
 */

/** Script types as the reference classifies outputs and senders (bns.md §1.2). */
export type ScriptType = 'nulldata' | 'p2pkh' | 'p2sh' | 'p2sh-p2wpkh' | 'p2sh-p2wsh';

export type PriceUnits = 'BTC' | 'STACKS';

/** Epoch feature flags (reference `EPOCH_FEATURE_*`). */
export type EpochFeature =
  | 'multisig'
  | 'segwit'
  | 'op_register_update'
  | 'op_renew_transfer_update'
  | 'namespace_burn_to_creator'
  | 'namespace_pay_with_stacks'
  | 'stacks_buy_namespaces'
  | 'fix_preorder_expire'
  | 'nameops_cost_tokens'
  | 'token_transfer'
  | 'int_division'
  | 'token_transfer_consensus_hash_optional';

/** Namespace version bits of a NAMESPACE_REVEAL (reference `NAMESPACE_VERSION_*`). */
export const NAMESPACE_VERSION = Object.freeze({
  PAY_TO_BURN: 1,
  PAY_TO_CREATOR: 2,
  PAY_WITH_STACKS: 3,
} as const);

/**
 * One epoch (bns.md §4.4). The reference keys the per-namespace values by namespace id ("id",
 * "*", and "test" in test mode) but every key reads the same variables, so one set per epoch.
 */
export interface EpochParams {
  /** 1-based, as in the protocol docs (the reference's list index + 1). */
  readonly number: number;
  /** Last block of the epoch, inclusive; null = never ends. Each epoch begins after the previous one's end. */
  readonly endBlock: number | null;
  readonly features: readonly EpochFeature[];
  /** NAMESPACE_LIFETIME_MULTIPLIER: name lifetimes are `lifetime × this`. */
  readonly lifetimeMultiplier: number;
  /** NAMESPACE_LIFETIME_GRACE_PERIOD: blocks after expiry in which only a renewal is accepted. */
  readonly gracePeriod: number;
  /** PRICE_MULTIPLIER (float, epochs without int_division); null where the epoch uses a divisor. */
  readonly priceMultiplier: number | null;
  readonly priceMultiplierStacks: number | null;
  /** PRICE_DIVISOR (integer, epochs with int_division); null where the epoch uses a multiplier. */
  readonly priceDivisor: number | null;
  readonly priceDivisorStacks: number | null;
  /** NAMESPACE_RECEIVE_FEES_PERIOD: how long after its reveal a version-2 namespace's creator is paid. */
  readonly receiveFeesPeriod: number;
  /** BTC namespace prices in satoshis indexed by namespace-id length (index 0 unused); null = none. */
  readonly namespacePrices: readonly number[] | null;
  /** STACKS namespace prices in micro-STX by id length (index 0 is null, as in the reference); null = none. */
  readonly namespacePricesStacks: readonly (number | null)[] | null;
  readonly namespacePriceUnits: PriceUnits;
  /** Allowed types of the type-checked leading outputs (bns.md §1.2). */
  readonly outputScriptTypes: readonly ScriptType[];
  /** Allowed types of every sender (spent output) of a naming transaction. */
  readonly senderScriptTypes: readonly ScriptType[];
}

export type NetworkId = 'mainnet' | 'testnet' | 'regtest' | 'devnet';

export interface NetworkParams {
  readonly id: NetworkId;
  /** Address versions used for output addresses and the burn address. */
  readonly addressNetwork: NetworkName;
  /** The two ASCII bytes that start every operation's OP_RETURN data. */
  readonly magicBytes: string;
  /** First block that is indexed. */
  readonly firstBlock: number;
  /** Consensus hash stored for each of the 4 blocks before `firstBlock` (bns.md §4.3, §10). */
  readonly genesisConsensusHash: string;
  /** Blocks the indexer stays behind the tip. */
  readonly confirmations: number;
  /** A consensus hash is fresh at B iff it is the hash of a block in [B − window, B] (bns.md §4.3). */
  readonly consensusHashWindow: number;
  readonly blocksPerDay: number;
  readonly blocksPerYear: number;
  readonly namePreorderExpire: number;
  readonly namespacePreorderExpire: number;
  readonly namespaceRevealExpire: number;
  readonly maxNamesPerSender: number;
  /** BIP32 children of the import key that may send NAME_IMPORTs (plus the reveal key itself). */
  readonly nameImportKeyringSize: number;
  /** Largest zone file accepted, in bytes. */
  readonly maxZonefileSize: number;
  /** Where fees are burned: p2pkh of 20 zero bytes, in this network's address version. */
  readonly burnAddress: string;
  readonly subdomainsFirstBlock: number;
  /** Names whose owners may send ANNOUNCE operations. */
  readonly announcers: readonly string[];
  /** Minimum name price unit: satoshis (NAME_COST_UNIT). */
  readonly nameCostUnit: number;
  /** Minimum name price unit of version-3 namespaces: micro-STX (NAME_COST_UNIT_STACKS). */
  readonly nameCostUnitStacks: number;
  /** micro-STX per satoshi as a fraction (MICROSTACKS_PER_SATOSHI_NUM / _DEN). */
  readonly microStacksPerSatoshi: { readonly numerator: number; readonly denominator: number };
  /** NAMESPACE_LIFE_INFINITE: a reveal lifetime meaning "names never expire". */
  readonly namespaceLifeInfinite: number;
  readonly epochs: readonly EpochParams[];
}

// --- shared pieces --------------------------------------------------------------------------

const BLOCKS_PER_DAY = 144; // round(24·60 / 10)
const BLOCKS_PER_YEAR = 52595; // round(365.2424·24·60 / 10)
const SATOSHIS_PER_BTC = 1e8;

/** Float arithmetic exactly as the reference's Python floats (§5.5 table A and its ÷10 in epoch 3). */
const NAMESPACE_1_CHAR_COST = 400.0 * SATOSHIS_PER_BTC;
const NAMESPACE_1_CHAR_COST_TEST = 41 * SATOSHIS_PER_BTC; // reference test mode
const NAMESPACE_23_CHAR_COST = 40.0 * SATOSHIS_PER_BTC;
const NAMESPACE_4567_CHAR_COST = 4.0 * SATOSHIS_PER_BTC;
const NAMESPACE_8UP_CHAR_COST = 0.4 * SATOSHIS_PER_BTC;
const NAMESPACE_0_CHAR_COST = 21 * 10 ** 8; // index 0 of the reference table; never used (length 0 is invalid)

/** int((usd · 10^6) / 0.15) micro-STX (§5.5 table B). */
const NAMESPACE_STACKS_COSTS = [640000000000, 64000000000, 6400000000, 640000000] as const;

function byLength<T>(zero: T, one: T, twoThree: T, fourToSeven: T, eightUp: T): T[] {
  const table: T[] = [zero, one, twoThree, twoThree];
  for (let len = 4; len <= 7; len++) table.push(fourToSeven);
  for (let len = 8; len <= 19; len++) table.push(eightUp);
  return table;
}

function btcNamespacePrices(oneChar: number, divisor = 1): number[] {
  return byLength(NAMESPACE_0_CHAR_COST, oneChar / divisor, NAMESPACE_23_CHAR_COST / divisor, NAMESPACE_4567_CHAR_COST / divisor, NAMESPACE_8UP_CHAR_COST / divisor);
}

function stacksNamespacePrices(): (number | null)[] {
  const [one, twoThree, fourToSeven, eightUp] = NAMESPACE_STACKS_COSTS;
  return byLength<number | null>(null, one, twoThree, fourToSeven, eightUp);
}

const FEATURES_1: readonly EpochFeature[] = [];
const FEATURES_2: readonly EpochFeature[] = ['multisig'];
const FEATURES_3: readonly EpochFeature[] = ['multisig', 'segwit', 'op_register_update', 'op_renew_transfer_update', 'namespace_burn_to_creator'];
const FEATURES_4: readonly EpochFeature[] = [
  ...FEATURES_3,
  'namespace_pay_with_stacks',
  'stacks_buy_namespaces',
  'fix_preorder_expire',
  'nameops_cost_tokens',
  'token_transfer',
  'int_division',
];
const FEATURES_5: readonly EpochFeature[] = [...FEATURES_4, 'token_transfer_consensus_hash_optional'];

const OUTPUTS_EARLY: readonly ScriptType[] = ['nulldata', 'p2pkh', 'p2sh'];
// The wrapped-segwit types are listed but unreachable: output classification never yields them (§1.2).
const OUTPUTS_SEGWIT: readonly ScriptType[] = ['nulldata', 'p2pkh', 'p2sh', 'p2sh-p2wpkh', 'p2sh-p2wsh'];
const SENDERS: readonly ScriptType[] = ['p2pkh', 'p2sh'];

/** The five mainnet epochs (config.py `EPOCHS`), parameterised by the one test-mode difference. */
function referenceEpochs(oneCharNamespaceCost: number): EpochParams[] {
  const common = { senderScriptTypes: SENDERS };
  const floatPrices = { priceMultiplierStacks: 1.0, priceDivisor: null, priceDivisorStacks: null };
  const intPrices = { priceMultiplier: null, priceMultiplierStacks: null, priceDivisor: 10, priceDivisorStacks: 1 };
  const stacksTable = {
    namespacePrices: null,
    namespacePricesStacks: stacksNamespacePrices(),
    namespacePriceUnits: 'STACKS' as const,
    outputScriptTypes: OUTPUTS_SEGWIT,
  };
  return [
    {
      number: 1, endBlock: 436650, features: FEATURES_1, // F-Day 2016
      lifetimeMultiplier: 1, gracePeriod: 0, priceMultiplier: 1.0, ...floatPrices, receiveFeesPeriod: 0,
      namespacePrices: btcNamespacePrices(oneCharNamespaceCost), namespacePricesStacks: null, namespacePriceUnits: 'BTC',
      outputScriptTypes: OUTPUTS_EARLY, ...common,
    },
    {
      number: 2, endBlock: 488500, features: FEATURES_2, // F-Day 2017 (v0.14 fork)
      lifetimeMultiplier: 2, gracePeriod: 0, priceMultiplier: 1.0, ...floatPrices, receiveFeesPeriod: 0,
      namespacePrices: btcNamespacePrices(oneCharNamespaceCost), namespacePricesStacks: null, namespacePriceUnits: 'BTC',
      outputScriptTypes: OUTPUTS_EARLY, ...common,
    },
    {
      number: 3, endBlock: 547921, features: FEATURES_3, // F-Day 2018 (v0.17 fork)
      lifetimeMultiplier: 2, gracePeriod: 5000, priceMultiplier: 0.1, ...floatPrices, receiveFeesPeriod: BLOCKS_PER_YEAR,
      namespacePrices: btcNamespacePrices(oneCharNamespaceCost, 10), namespacePricesStacks: null, namespacePriceUnits: 'BTC',
      outputScriptTypes: OUTPUTS_SEGWIT, ...common,
    },
    {
      number: 4, endBlock: 599866, features: FEATURES_4, // F-Day 2019 (v20 fork, Stacks v1 genesis)
      lifetimeMultiplier: 2, gracePeriod: 5000, ...intPrices, receiveFeesPeriod: BLOCKS_PER_YEAR, ...stacksTable, ...common,
    },
    {
      number: 5, endBlock: null, features: FEATURES_5, // v21
      lifetimeMultiplier: 2, gracePeriod: 5000, ...intPrices, receiveFeesPeriod: BLOCKS_PER_YEAR, ...stacksTable, ...common,
    },
  ];
}

const COMMON = {
  genesisConsensusHash: '17ac43c1d8549c3181b200f1bf97eb7d', // GENESIS_SNAPSHOT
  consensusHashWindow: 24, // virtualchain_hooks.get_valid_transaction_window()
  blocksPerDay: BLOCKS_PER_DAY,
  blocksPerYear: BLOCKS_PER_YEAR,
  namePreorderExpire: BLOCKS_PER_DAY, // NAME_PREORDER_EXPIRE (enforced from epoch 4 only, §4.6)
  namespacePreorderExpire: BLOCKS_PER_DAY, // NAMESPACE_PREORDER_EXPIRE (not enforced by v21, §4.15)
  maxNamesPerSender: 25, // MAX_NAMES_PER_SENDER
  maxZonefileSize: 40960, // RPC_MAX_ZONEFILE_LEN (4096 before v0.18)
  announcers: ['judecn.id', 'muneeb.id', 'shea256.id'], // default announcers (§4.17)
  nameCostUnit: 100, // NAME_COST_UNIT
  nameCostUnitStacks: 1733, // NAME_COST_UNIT_STACKS
  microStacksPerSatoshi: { numerator: 650, denominator: 15 }, // MICROSTACKS_PER_SATOSHI_NUM/_DEN
  namespaceLifeInfinite: 0xffffffff, // NAMESPACE_LIFE_INFINITE
} as const;

function burnAddressOf(network: NetworkName): string {
  // BLOCKSTACK_BURN_ADDRESS = hex_hash160_to_address('00'×20); blockstack.js coerces it to the network's version.
  return hashToAddress(new Uint8Array(20), NETWORKS[network].p2pkh);
}

// --- the tables -----------------------------------------------------------------------------

/** Mainnet (bns.md §10). */
export const MAINNET: NetworkParams = deepFreeze({
  id: 'mainnet',
  addressNetwork: 'mainnet',
  magicBytes: 'id', // MAGIC_BYTES
  firstBlock: 373601, // FIRST_BLOCK_MAINNET (the `.id` namespace preorder block)
  confirmations: 6, // NUM_CONFIRMATIONS
  namespaceRevealExpire: BLOCKS_PER_YEAR, // NAMESPACE_REVEAL_EXPIRE
  nameImportKeyringSize: 300, // NAME_IMPORT_KEYRING_SIZE
  burnAddress: burnAddressOf('mainnet'), // 1111111111111111111114oLvT2
  subdomainsFirstBlock: 478872, // SUBDOMAINS_FIRST_BLOCK
  ...COMMON,
  epochs: referenceEpochs(NAMESPACE_1_CHAR_COST),
});

/**
 * The reference's integration-test mode (`BLOCKSTACK_TEST=1`, no scenario pragmas; cli-and-scenarios.md
 * §B.3): first block 688, 0 confirmations, 144-block namespace reveal expiry, keyring of 5, 41-BTC
 * one-character namespaces, subdomains from block 256, mainnet epoch heights (so a run without
 * pragmas stays in epoch 1). Scenario pragmas (`BLOCKSTACK_EPOCH_<n>_…`) map onto `deriveParams`.
 * Addresses use testnet versions (`BLOCKSTACK_TESTNET=1`).
 */
export const REGTEST: NetworkParams = deepFreeze({
  id: 'regtest',
  addressNetwork: 'regtest',
  magicBytes: 'id',
  firstBlock: 688, // BLOCKSTACK_TEST_FIRST_BLOCK set by the scenario runner
  confirmations: 0,
  namespaceRevealExpire: BLOCKS_PER_DAY, // "small enough so we can actually test this"
  nameImportKeyringSize: 5,
  burnAddress: burnAddressOf('regtest'),
  subdomainsFirstBlock: 256,
  ...COMMON,
  epochs: referenceEpochs(NAMESPACE_1_CHAR_COST_TEST),
});

/** Epoch 3 rules (the last Bitcoin-only epoch) that never end, for networks started after 2018. */
function epoch3Forever(overrides: Partial<EpochParams>): EpochParams[] {
  const epoch3 = referenceEpochs(NAMESPACE_1_CHAR_COST)[2]!;
  return [{ ...epoch3, endBlock: null, ...overrides }];
}

/**
 * Bitcoin testnet. The reference had no fixed public-testnet table (magic and start block came from
 * `BLOCKSTACK_TESTNET_ID` / `BLOCKSTACK_TESTNET_START_BLOCK`); this is a project choice: blockstack.js's
 * magic `id`, mainnet timings, and epoch-3 rules from the first block on (the token epochs 4+ are out
 * of scope). Deployments pick their start block with `deriveParams`.
 */
export const TESTNET: NetworkParams = deepFreeze({
  id: 'testnet',
  addressNetwork: 'testnet',
  magicBytes: 'id',
  firstBlock: 2_500_000, // project choice; override per deployment
  confirmations: 6,
  namespaceRevealExpire: BLOCKS_PER_YEAR,
  nameImportKeyringSize: 300,
  burnAddress: burnAddressOf('testnet'),
  subdomainsFirstBlock: 2_500_000,
  ...COMMON,
  epochs: epoch3Forever({}),
});

/**
 * The local devnet chain: epoch-3 rules from the first block, shortened so tests can walk a name
 * through expiry, grace and the pay-to-creator window in a few blocks. Project choices, modelled on
 * the scenario pragmas of cli-and-scenarios.md §B.6 #26 (grace 5, multiplier 1).
 */
export const DEVNET: NetworkParams = deepFreeze({
  id: 'devnet',
  addressNetwork: 'regtest',
  magicBytes: 'id',
  firstBlock: 4, // lowest height that leaves room for the 4 genesis consensus hashes (heights 0–3)
  confirmations: 0,
  namespaceRevealExpire: 20,
  nameImportKeyringSize: 5,
  burnAddress: burnAddressOf('regtest'),
  subdomainsFirstBlock: 4,
  ...COMMON,
  epochs: epoch3Forever({ lifetimeMultiplier: 1, gracePeriod: 5, receiveFeesPeriod: 10 }),
});

export const NETWORK_PARAMS: Readonly<Record<NetworkId, NetworkParams>> = Object.freeze({
  mainnet: MAINNET,
  testnet: TESTNET,
  regtest: REGTEST,
  devnet: DEVNET,
});

// --- lookups --------------------------------------------------------------------------------

/**
 * The epoch of a block height, as the reference's `get_epoch_number`: heights up to the first
 * epoch's end (including those before `firstBlock`) are in the first epoch.
 */
export function epochAt(params: NetworkParams, height: number): EpochParams {
  for (const epoch of params.epochs) {
    if (epoch.endBlock === null || height <= epoch.endBlock) return epoch;
  }
  // deriveParams guarantees the last epoch never ends; a hand-made table might not.
  throw new RangeError(`no epoch covers block ${height}`);
}

export function epochHasFeature(params: NetworkParams, height: number, feature: EpochFeature): boolean {
  return epochAt(params, height).features.includes(feature);
}

/** First block of an epoch: the block after the previous epoch's end (or the network's first block). */
export function epochStartBlock(params: NetworkParams, epoch: EpochParams): number {
  const index = params.epochs.indexOf(epoch);
  if (index < 0) throw new RangeError('epoch is not part of these parameters');
  return index === 0 ? params.firstBlock : params.epochs[index - 1]!.endBlock! + 1;
}

// --- derivation (scenario pragmas, deployments) ----------------------------------------------

export type EpochOverrides = Partial<Omit<EpochParams, 'number'>>;

export interface ParamsOverrides extends Partial<Omit<NetworkParams, 'epochs'>> {
  /** Per-epoch overrides keyed by epoch number, like the reference's `BLOCKSTACK_EPOCH_<n>_…` pragmas. */
  readonly epochs?: Readonly<Record<number, EpochOverrides>>;
}

/** A new frozen table: `base` with `overrides` applied. Throws RangeError on an inconsistent result. */
export function deriveParams(base: NetworkParams, overrides: ParamsOverrides): NetworkParams {
  const { epochs: epochOverrides = {}, ...scalars } = overrides;
  for (const key of Object.keys(epochOverrides)) {
    if (!base.epochs.some((epoch) => String(epoch.number) === key)) throw new RangeError(`no epoch ${key} to override`);
  }
  const epochs = base.epochs.map((epoch) => ({ ...epoch, ...epochOverrides[epoch.number] }));
  const derived: NetworkParams = { ...base, ...scalars, epochs };
  checkParams(derived);
  return deepFreeze(structuredCloneParams(derived));
}

/** Consistency rules the reference asserts at start-up (config.py, "epoch self-consistency check"). */
export function checkParams(params: NetworkParams): void {
  if (params.magicBytes.length !== 2) throw new RangeError('magic bytes must be exactly 2 characters');
  if (params.epochs.length === 0) throw new RangeError('at least one epoch is required');
  params.epochs.forEach((epoch, i) => {
    const next = params.epochs[i + 1];
    if (next === undefined) {
      if (epoch.endBlock !== null) throw new RangeError('the last epoch must never end');
      return;
    }
    if (epoch.endBlock === null || epoch.endBlock < 0) throw new RangeError(`epoch ${epoch.number} must end before epoch ${next.number}`);
    if (next.endBlock !== null && epoch.endBlock >= next.endBlock) throw new RangeError(`invalid block range at epoch ${epoch.number}`);
  });
}

function structuredCloneParams(params: NetworkParams): NetworkParams {
  return {
    ...params,
    announcers: [...params.announcers],
    microStacksPerSatoshi: { ...params.microStacksPerSatoshi },
    epochs: params.epochs.map((epoch) => ({
      ...epoch,
      features: [...epoch.features],
      namespacePrices: epoch.namespacePrices && [...epoch.namespacePrices],
      namespacePricesStacks: epoch.namespacePricesStacks && [...epoch.namespacePricesStacks],
      outputScriptTypes: [...epoch.outputScriptTypes],
      senderScriptTypes: [...epoch.senderScriptTypes],
    })),
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}
