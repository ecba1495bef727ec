import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGTEST, deriveParams, epochAt, priceName, priceNamespace } from '../../src/index.js';
import { STANDARD_RULES, ScenarioChain, expectAllAccepted, rejectedReasons, type KitWallet } from './kit.js';

/*
 * Crossing from epoch 2 into epoch 3 mid-scenario (cli-and-scenarios.md §B.3 pragmas, §B.6 #30:
 * `name_pre_reg_epoch3_newprices`, `name_pre_epoch3_regup`, `name_pre_reg_epoch3_renewxferup`,
 * `name_preorder_nextepoch_register`): the reference's test-mode table with its epoch end blocks
 * moved, as the `BLOCKSTACK_EPOCH_<n>_END_BLOCK` pragmas did, on a real devnet; and the epoch-2
 * lifetime multiplier (`name_pre_reg_expire_failure`, §B.6 #24).
 */

const EPOCH_2_END = 150;
const params = deriveParams(REGTEST, {
  firstBlock: 4,
  subdomainsFirstBlock: 4,
  epochs: { 1: { endBlock: 3 }, 2: { endBlock: EPOCH_2_END }, 3: { endBlock: 1_000_000 }, 4: { endBlock: 1_000_001 } },
});

let chain: ScenarioChain;
let w0: KitWallet, w1: KitWallet, w2: KitWallet, w3: KitWallet, w4: KitWallet;
const H = (byte: string): string => byte.repeat(20);

beforeAll(async () => {
  chain = await ScenarioChain.start(params);
  [w0, w1, w2, w3, w4] = chain.standardWallets();
}, 60_000);
afterAll(async () => {
  await chain?.stop();
});

describe('epoch 2 → epoch 3', () => {
  it('name_pre_reg_expire_failure: the epoch’s lifetime multiplier applies (epoch 2: ×2, no grace period)', async () => {
    await chain.createNamespace('shortlived', w0, w1, { lifetime: 5 });
    await chain.registerName('foo.shortlived', w2, w3);
    const registered = chain.height;
    await chain.mine(5 + 1);
    expect(chain.lookup('foo.shortlived')).toMatchObject({ expireBlock: registered + 10, gracePeriod: false });
    await chain.mine(registered + 10 - chain.height);
    expect(chain.lookup('foo.shortlived')).not.toBeNull();
    await chain.mine(1);
    expect(chain.lookup('foo.shortlived')).toBeNull();
    expect(chain.height).toBeLessThan(EPOCH_2_END);
  });

  it('prices, register-with-hash and renew-with-transfer change at the epoch boundary', async () => {
    expect(epochAt(params, chain.height + 1).number).toBe(2);
    // 9 characters: 0.4 BTC in epoch 2 (no ÷10 yet)
    await chain.createNamespace('nextepoch', w0, w1);
    expect(chain.store.getRow('namespace', 'nextepoch')).toMatchObject({ op: '!' });

    // epoch 2: foo costs 6,400,000 satoshis (×1.0); the epoch-3 price is too little
    await chain.registerName('foo.nextepoch', w2, w3);
    expect(chain.lookup('foo.nextepoch')!.record.op_fee).toBe(6_400_000);
    expectAllAccepted(await chain.block(chain.preorder('bad.nextepoch', w2, w3, { fee: 640_000 })));
    expect(rejectedReasons(await chain.block(chain.register('bad.nextepoch', w2, w3)))).toEqual(['fee-too-low']);

    // epoch 2: a registration carrying a zone-file hash does not parse as one (its payload is read as a name)
    expectAllAccepted(await chain.block(chain.preorder('regup.nextepoch', w2, w3)));
    const regup = await chain.block(chain.register('regup.nextepoch', w2, w3, H('11')));
    expect(regup.accepted).toEqual([]);
    expect(regup.ignored.map((tx) => tx.reason)).toEqual(['bad-name']);
    // epoch 2: a renewal may not change the owner
    expect(rejectedReasons(await chain.block(chain.renew('foo.nextepoch', w3, { newOwner: w4 })))).toEqual(['not-in-this-epoch']);
    // a preorder in epoch 2, paid at the epoch-2 price, registered in epoch 3
    expectAllAccepted(await chain.block(chain.preorder('late.nextepoch', w2, w3)));

    expect(chain.height).toBeLessThan(EPOCH_2_END);
    await chain.mine(EPOCH_2_END - chain.height);
    expect(epochAt(params, chain.height + 1).number).toBe(3);

    // name_pre_reg_epoch3_newprices: quoted prices drop by exactly a factor of ten
    const curve = { ...STANDARD_RULES };
    for (const label of ['f', 'fo', 'foo', 'fooo', 'f1', 'fjjjjjjjjjjjjjjjjjjj']) {
      const before = priceName(params, curve, label, EPOCH_2_END).amount as number;
      const after = priceName(params, curve, label, EPOCH_2_END + 1).amount as number;
      expect(after * 10).toBeCloseTo(before, 6);
    }
    for (const id of ['b', 'bb', 'bbbb', 'bbbbbbbb']) expect((priceNamespace(params, id, EPOCH_2_END + 1, 'BTC')!.amount as number) * 10).toBe(priceNamespace(params, id, EPOCH_2_END, 'BTC')!.amount);

    expectAllAccepted(await chain.block(chain.register('late.nextepoch', w2, w3)));
    expect(chain.lookup('late.nextepoch')!.record.op_fee).toBe(1_600_000); // "late": bucket 3, paid at the epoch-2 price
    // name_pre_epoch3_regup and the new prices
    expectAllAccepted(await chain.block(chain.preorder('bar.nextepoch', w2, w3)));
    const regup3 = await chain.block(chain.register('bar.nextepoch', w2, w3, H('22')));
    expectAllAccepted(regup3);
    expect(chain.lookup('bar.nextepoch')!.record).toMatchObject({ op_fee: 640_000, value_hash: H('22') });
    // name_pre_reg_epoch3_renewxferup
    const renewal = await chain.block(chain.renew('foo.nextepoch', w3, { newOwner: w0, valueHash: H('33') }));
    expectAllAccepted(renewal);
    expect(chain.lookup('foo.nextepoch')!.record).toMatchObject({ address: w0.address, value_hash: H('33'), last_renewed: renewal.height, op_fee: 640_000 });
  });

  it('a fresh index of the same chain has the same consensus hash at every height (§B.2)', async () => {
    await chain.expectReplayMatches();
  });
});
