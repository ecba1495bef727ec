import { describe, expect, it } from 'vitest';
import {
  DEVNET,
  MAINNET,
  NETWORK_PARAMS,
  REGTEST,
  TESTNET,
  deriveParams,
  epochAt,
  epochHasFeature,
  epochStartBlock,
  type NetworkParams,
} from '@bsk/bns';

/** The mainnet table, value by value, against bns.md §4.2–§4.4, §5 and §10 and config.py. */
describe('mainnet parameters (golden)', () => {
  it('pins the scalar constants of bns.md §4.2 and §10', () => {
    const { epochs: _epochs, ...scalars } = MAINNET;
    expect(scalars).toEqual({
      id: 'mainnet',
      addressNetwork: 'mainnet',
      magicBytes: 'id',
      firstBlock: 373601,
      genesisConsensusHash: '17ac43c1d8549c3181b200f1bf97eb7d',
      confirmations: 6,
      consensusHashWindow: 24,
      blocksPerDay: 144,
      blocksPerYear: 52595,
      namePreorderExpire: 144,
      namespacePreorderExpire: 144,
      namespaceRevealExpire: 52595,
      maxNamesPerSender: 25,
      nameImportKeyringSize: 300,
      maxZonefileSize: 40960,
      burnAddress: '1111111111111111111114oLvT2',
      subdomainsFirstBlock: 478872,
      announcers: ['judecn.id', 'muneeb.id', 'shea256.id'],
      nameCostUnit: 100,
      nameCostUnitStacks: 1733,
      microStacksPerSatoshi: { numerator: 650, denominator: 15 },
      namespaceLifeInfinite: 0xffffffff,
    });
  });

  it('pins the epochs of bns.md §4.4', () => {
    const summary = MAINNET.epochs.map((e) => ({
      number: e.number,
      start: epochStartBlock(MAINNET, e),
      end: e.endBlock,
      lifetimeMultiplier: e.lifetimeMultiplier,
      grace: e.gracePeriod,
      priceMultiplier: e.priceMultiplier,
      priceMultiplierStacks: e.priceMultiplierStacks,
      priceDivisor: e.priceDivisor,
      priceDivisorStacks: e.priceDivisorStacks,
      receiveFeesPeriod: e.receiveFeesPeriod,
      units: e.namespacePriceUnits,
      features: e.features,
    }));
    expect(summary).toEqual([
      { number: 1, start: 373601, end: 436650, lifetimeMultiplier: 1, grace: 0, priceMultiplier: 1, priceMultiplierStacks: 1, priceDivisor: null, priceDivisorStacks: null, receiveFeesPeriod: 0, units: 'BTC', features: [] },
      { number: 2, start: 436651, end: 488500, lifetimeMultiplier: 2, grace: 0, priceMultiplier: 1, priceMultiplierStacks: 1, priceDivisor: null, priceDivisorStacks: null, receiveFeesPeriod: 0, units: 'BTC', features: ['multisig'] },
      {
        number: 3, start: 488501, end: 547921, lifetimeMultiplier: 2, grace: 5000, priceMultiplier: 0.1, priceMultiplierStacks: 1, priceDivisor: null, priceDivisorStacks: null, receiveFeesPeriod: 52595, units: 'BTC',
        features: ['multisig', 'segwit', 'op_register_update', 'op_renew_transfer_update', 'namespace_burn_to_creator'],
      },
      {
        number: 4, start: 547922, end: 599866, lifetimeMultiplier: 2, grace: 5000, priceMultiplier: null, priceMultiplierStacks: null, priceDivisor: 10, priceDivisorStacks: 1, receiveFeesPeriod: 52595, units: 'STACKS',
        features: ['multisig', 'segwit', 'op_register_update', 'op_renew_transfer_update', 'namespace_burn_to_creator', 'namespace_pay_with_stacks', 'stacks_buy_namespaces', 'fix_preorder_expire', 'nameops_cost_tokens', 'token_transfer', 'int_division'],
      },
      {
        number: 5, start: 599867, end: null, lifetimeMultiplier: 2, grace: 5000, priceMultiplier: null, priceMultiplierStacks: null, priceDivisor: 10, priceDivisorStacks: 1, receiveFeesPeriod: 52595, units: 'STACKS',
        features: ['multisig', 'segwit', 'op_register_update', 'op_renew_transfer_update', 'namespace_burn_to_creator', 'namespace_pay_with_stacks', 'stacks_buy_namespaces', 'fix_preorder_expire', 'nameops_cost_tokens', 'token_transfer', 'int_division', 'token_transfer_consensus_hash_optional'],
      },
    ]);
  });

  it('pins the namespace price tables of bns.md §5.5', () => {
    const [e1, e2, e3, e4, e5] = MAINNET.epochs;
    const tableA = [2100000000, 40000000000, 4000000000, 4000000000, ...Array(4).fill(400000000), ...Array(12).fill(40000000)];
    expect(e1!.namespacePrices).toEqual(tableA);
    expect(e2!.namespacePrices).toEqual(tableA);
    expect(e3!.namespacePrices).toEqual([2100000000, 4000000000, 400000000, 400000000, ...Array(4).fill(40000000), ...Array(12).fill(4000000)]);
    const tableB = [null, 640000000000, 64000000000, 64000000000, ...Array(4).fill(6400000000), ...Array(12).fill(640000000)];
    for (const e of [e4!, e5!]) {
      expect(e.namespacePrices).toBeNull();
      expect(e.namespacePricesStacks).toEqual(tableB);
    }
    for (const e of [e1!, e2!, e3!]) expect(e.namespacePricesStacks).toBeNull();
  });

  it('pins the output and sender type allow-lists of bns.md §1.2', () => {
    expect(MAINNET.epochs.map((e) => e.outputScriptTypes)).toEqual([
      ['nulldata', 'p2pkh', 'p2sh'],
      ['nulldata', 'p2pkh', 'p2sh'],
      ...Array(3).fill(['nulldata', 'p2pkh', 'p2sh', 'p2sh-p2wpkh', 'p2sh-p2wsh']),
    ]);
    for (const e of MAINNET.epochs) expect(e.senderScriptTypes).toEqual(['p2pkh', 'p2sh']);
  });
});

describe('other networks', () => {
  it('regtest is the reference integration-test mode (cli-and-scenarios.md §B.3)', () => {
    expect(REGTEST.firstBlock).toBe(688);
    expect(REGTEST.confirmations).toBe(0);
    expect(REGTEST.namespaceRevealExpire).toBe(144);
    expect(REGTEST.nameImportKeyringSize).toBe(5);
    expect(REGTEST.subdomainsFirstBlock).toBe(256);
    expect(REGTEST.namePreorderExpire).toBe(144);
    expect(REGTEST.namespacePreorderExpire).toBe(144);
    expect(REGTEST.epochs[0]!.namespacePrices![1]).toBe(41e8);
    expect(REGTEST.epochs[2]!.namespacePrices![1]).toBe(41e7);
    expect(REGTEST.burnAddress).toBe('mfWxJ45yp2SFn7UciZyNpvDKrzbhyfKrY8');
    // without pragmas the whole run is in epoch 1
    expect(epochAt(REGTEST, 900).number).toBe(1);
  });

  it('devnet and testnet stay in epoch-3 rules forever', () => {
    for (const params of [DEVNET, TESTNET]) {
      expect(params.epochs).toHaveLength(1);
      expect(epochAt(params, params.firstBlock).number).toBe(3);
      expect(epochAt(params, 10_000_000).number).toBe(3);
      expect(epochHasFeature(params, params.firstBlock, 'op_register_update')).toBe(true);
      expect(epochHasFeature(params, params.firstBlock, 'int_division')).toBe(false);
      expect(epochAt(params, params.firstBlock).priceMultiplier).toBe(0.1);
    }
    expect(TESTNET.epochs[0]!.lifetimeMultiplier).toBe(2);
    expect(TESTNET.epochs[0]!.gracePeriod).toBe(5000);
    expect(DEVNET.epochs[0]!.lifetimeMultiplier).toBe(1);
    expect(DEVNET.epochs[0]!.gracePeriod).toBe(5);
    expect(DEVNET.epochs[0]!.receiveFeesPeriod).toBe(10);
    expect(DEVNET.firstBlock - 4).toBeGreaterThanOrEqual(0);
    expect(TESTNET.burnAddress).toBe('mfWxJ45yp2SFn7UciZyNpvDKrzbhyfKrY8');
  });

  it('every table is deeply frozen and consistent', () => {
    for (const params of Object.values(NETWORK_PARAMS)) {
      expect(Object.isFrozen(params)).toBe(true);
      expect(Object.isFrozen(params.epochs)).toBe(true);
      for (const e of params.epochs) {
        expect(Object.isFrozen(e)).toBe(true);
        expect(Object.isFrozen(e.features)).toBe(true);
      }
      expect(() => deriveParams(params, {})).not.toThrow();
      expect(params.magicBytes).toHaveLength(2);
      expect(params.epochs.at(-1)!.endBlock).toBeNull();
    }
    expect(() => {
      (MAINNET as { firstBlock: number }).firstBlock = 1;
    }).toThrow(TypeError);
  });
});

describe('epochAt', () => {
  it('follows get_epoch_number at every boundary', () => {
    const at = (h: number) => epochAt(MAINNET, h).number;
    expect(at(0)).toBe(1); // before the first block: still epoch 1, as in the reference
    expect(at(373601)).toBe(1);
    expect(at(436650)).toBe(1);
    expect(at(436651)).toBe(2);
    expect(at(488500)).toBe(2);
    expect(at(488501)).toBe(3);
    expect(at(547921)).toBe(3);
    expect(at(547922)).toBe(4);
    expect(at(599866)).toBe(4);
    expect(at(599867)).toBe(5);
    expect(at(900000)).toBe(5);
  });
});

describe('deriveParams', () => {
  it('applies scenario pragmas (EPOCH_1_END_BLOCK=682, EPOCH_2_END_BLOCK=683 puts a run in epoch 3)', () => {
    const params = deriveParams(REGTEST, { epochs: { 1: { endBlock: 682 }, 2: { endBlock: 683 }, 3: { gracePeriod: 5, lifetimeMultiplier: 1 } } });
    expect(epochAt(params, 689).number).toBe(3);
    expect(epochAt(params, 689).gracePeriod).toBe(5);
    expect(epochAt(params, 683).number).toBe(2);
    expect(REGTEST.epochs[2]!.gracePeriod).toBe(5000); // the base is untouched
    expect(Object.isFrozen(params.epochs[2])).toBe(true);
  });

  it('overrides scalars', () => {
    const params: NetworkParams = deriveParams(MAINNET, { magicBytes: 'di', firstBlock: 10 });
    expect(params.magicBytes).toBe('di');
    expect(params.firstBlock).toBe(10);
    expect(MAINNET.magicBytes).toBe('id');
  });

  it('rejects inconsistent tables', () => {
    expect(() => deriveParams(MAINNET, { magicBytes: 'idx' })).toThrow(RangeError);
    expect(() => deriveParams(MAINNET, { epochs: { 2: { endBlock: 400000 } } })).toThrow(RangeError);
    expect(() => deriveParams(MAINNET, { epochs: { 5: { endBlock: 700000 } } })).toThrow(RangeError);
    expect(() => deriveParams(DEVNET, { epochs: { 1: { gracePeriod: 1 } } })).toThrow(RangeError);
  });
});
