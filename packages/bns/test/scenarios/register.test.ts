import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex, getPublicKeyFromPrivate, sha256 } from '@bsk/crypto';
import { preorderKey, type NamePreorder } from '../../src/index.js';
import { ScenarioChain, acceptedTypes, expectAllAccepted, rejectedReasons, type KitWallet, type Step } from './kit.js';

/*
 * Preorder and registration (cli-and-scenarios.md §B.6 #9–#18, #30–#31, #33) on a real devnet:
 * collisions and same-block rules, quotas, prices, pay-to-namespace-creator, p2sh payers and owners.
 * The standard namespace `test` (§B.3) is created once; every scenario uses its own names.
 */

let chain: ScenarioChain;
let w0: KitWallet, w1: KitWallet, w2: KitWallet, w3: KitWallet, w4: KitWallet, w5: KitWallet;
const H = (byte: string): string => byte.repeat(20);

beforeAll(async () => {
  chain = await ScenarioChain.start();
  [w0, w1, w2, w3, w4, w5] = chain.standardWallets();
  await chain.createNamespace('test', w0, w1);
}, 60_000);
afterAll(async () => {
  await chain?.stop();
});

function preorderRow(block: { readonly sent: readonly { readonly operation: unknown }[] }, index = 0) {
  const operation = block.sent[index]!.operation as NamePreorder;
  return chain.store.getRow('preorder', preorderKey('?', operation.preorderHash));
}

describe('preorder and register', () => {
  it('name_pre_reg', async () => {
    const preorder = await chain.block(chain.preorder('foo.test', w2, w3));
    expectAllAccepted(preorder);
    expect(preorderRow(preorder)).not.toBeNull();
    expectAllAccepted(await chain.block(chain.register('foo.test', w2, w3)));
    expect(preorderRow(preorder)).toBeNull(); // consumed
    const { record } = chain.lookup('foo.test')!;
    expect(record).toMatchObject({ address: w3.address, sender: w3.script, op_fee: 640_000, block_number: preorder.height, first_registered: chain.height, value_hash: null });
  });

  it('name_preorder_cantmodify: a name that is only preordered cannot be updated, renewed, transferred or revoked', async () => {
    const preorder = await chain.block(chain.preorder('cantmod.test', w2, w3));
    expectAllAccepted(preorder);
    for (const step of [chain.update('cantmod.test', w3, H('11')), chain.renew('cantmod.test', w3), chain.transfer('cantmod.test', w3, w4, true), chain.revoke('cantmod.test', w3)]) {
      const result = await chain.block(step);
      expect(result.accepted).toEqual([]);
      expect(result.rejected).toHaveLength(1);
    }
    expect(chain.lookup('cantmod.test')).toBeNull();
    expect(preorderRow(preorder)).not.toBeNull();
  });

  it('name_pre_reg_cantsteal: only the preorderer’s registration counts', async () => {
    expectAllAccepted(await chain.block(chain.preorder('steal.test', w2, w3)));
    const registers = await chain.block(chain.register('steal.test', w4, w3), chain.register('steal.test', w2, w3));
    expect(rejectedReasons(registers)).toEqual(['no-preorder']);
    expect(acceptedTypes(registers)).toEqual(['name-registration']);
    expect(chain.lookup('steal.test')!.record.address).toBe(w3.address);
  });

  it('name_pre_reg_nodups: four valid registrations of one name in a block all fail', async () => {
    const payers = [w0, w1, w2, w4];
    const preorders = await chain.block(...payers.map((payer) => chain.preorder('nodups.test', payer, w3)));
    expectAllAccepted(preorders);
    const registers = await chain.block(...payers.map((payer) => chain.register('nodups.test', payer, w3)));
    expect(rejectedReasons(registers)).toEqual(['collision', 'collision', 'collision', 'collision']);
    expect(chain.lookup('nodups.test')).toBeNull();
    for (let i = 0; i < payers.length; i++) expect(preorderRow(preorders, i)).not.toBeNull();
  });

  it('name_pre_reg_dup_sameblock: two preorders and two registrations in one block — the first registration wins', async () => {
    const result = await chain.block(chain.preorder('dup.test', w2, w3), chain.preorder('dup.test', w4, w5), chain.register('dup.test', w2, w3), chain.register('dup.test', w4, w5));
    expect(acceptedTypes(result)).toEqual(['name-preorder', 'name-preorder', 'name-registration']);
    // The doc says "already registered"; the source's same-block claim (state_create's collision
    // check) is what refuses it, because the name does not exist yet at the reference height L.
    expect(rejectedReasons(result)).toEqual(['collision']);
    expect(chain.lookup('dup.test')!.record.address).toBe(w3.address);
  });

  it('name_pre_reg_sameblock and name_pre_regup_sameblock: preorder and register may share a block', async () => {
    expectAllAccepted(await chain.block(chain.preorder('same.test', w2, w3), chain.register('same.test', w2, w3)));
    expectAllAccepted(await chain.block(chain.preorder('sameup.test', w2, w3), chain.register('sameup.test', w2, w3, H('11'))));
    expect(chain.lookup('same.test')!.record.value_hash).toBeNull();
    expect(chain.lookup('sameup.test')!.record.value_hash).toBe(H('11'));
  });

  it('name_pre_reg_{update,xfer,revoke,renew}_sameblock: an operation in the registration’s block is rejected', async () => {
    const third: Record<string, (name: string) => Step> = {
      update: (name) => chain.update(name, w3, H('11')),
      xfer: (name) => chain.transfer(name, w3, w4, true),
      revoke: (name) => chain.revoke(name, w3),
      renew: (name) => chain.renew(name, w3),
    };
    for (const [label, step] of Object.entries(third)) {
      const name = `${label}same.test`;
      const result = await chain.block(chain.preorder(name, w2, w3), chain.register(name, w2, w3), step(name));
      expect(acceptedTypes(result), label).toEqual(['name-preorder', 'name-registration']);
      expect(result.rejected, label).toHaveLength(1);
      expect(chain.lookup(name)!.record, label).toMatchObject({ address: w3.address, value_hash: null, revoked: false, last_renewed: result.height });
    }
  });
});

describe('quotas (25 names per owner)', () => {
  it('name_pre_reg_quota: 25 names for one owner register, the 26th does not', async () => {
    const owner = chain.wallet('quota owner');
    const payer = chain.wallet('quota payer');
    await chain.fund([payer], 30, 0.02);
    const names = Array.from({ length: 25 }, (_, i) => `quota${i}.test`);
    expectAllAccepted(await chain.block(...names.map((name) => chain.preorder(name, payer, owner))));
    expectAllAccepted(await chain.block(...names.map((name) => chain.register(name, payer, owner))));
    expectAllAccepted(await chain.block(chain.preorder('quota25.test', payer, owner)));
    expect(rejectedReasons(await chain.block(chain.register('quota25.test', payer, owner)))).toEqual(['quota']);
    expect(chain.store.namesOwnedBy(owner.script)).toHaveLength(25);
  });

  it('name_pre_reg_sameblock_quota: in one block, names accepted earlier count towards the quota', async () => {
    const owner = chain.wallet('quota owner 2');
    const payer = chain.wallet('quota payer 2');
    await chain.fund([payer], 56, 0.02);
    const names = Array.from({ length: 26 }, (_, i) => `quotb${i}.test`);
    const result = await chain.block(...names.flatMap((name) => [chain.preorder(name, payer, owner), chain.register(name, payer, owner)]));
    expect(result.accepted).toHaveLength(51);
    expect(rejectedReasons(result)).toEqual(['quota']);
    expect(result.rejected[0]!.txid).toBe(result.sent.at(-1)!.txid);
    expect(chain.lookup('quotb25.test')).toBeNull();
  });
});

describe('prices and payment', () => {
  it('name_pre_reg pricing: one satoshi short is rejected at registration, the exact price is accepted', async () => {
    const price = 2_560_000; // "ab": bucket 5 → 250·4⁵·100 satoshis × 0.1 in epoch 3 (bns.md §5.1)
    expectAllAccepted(await chain.block(chain.preorder('ab.test', w2, w3, { fee: price - 1 })));
    expect(rejectedReasons(await chain.block(chain.register('ab.test', w2, w3)))).toEqual(['fee-too-low']);
    expectAllAccepted(await chain.block(chain.preorder('ab.test', w4, w3, { fee: price })));
    expectAllAccepted(await chain.block(chain.register('ab.test', w4, w3)));
    expect(chain.lookup('ab.test')!.record.op_fee).toBe(price);
  });

  it('a preorder that does not pay the burn address never registers', async () => {
    expectAllAccepted(await chain.block(chain.preorder('noburn.test', w2, w3, { feeAddress: w0.address })));
    expect(rejectedReasons(await chain.block(chain.register('noburn.test', w2, w3)))).toEqual(['bad-payment']);
  });

  it('name_pre_reg_pay2ns, _pay2ns_fail and _pay2ns_burn: fees go to the namespace creator while it is young, then are burned', async () => {
    const balance = async (wallet: KitWallet): Promise<number> => (await chain.client.getUnspentOutputs(wallet.address)).reduce((sum, u) => sum + u.value, 0);
    expectAllAccepted(await chain.block(chain.namespacePreorder('paytwo', w0, w1)));
    const reveal = await chain.block(chain.namespaceReveal('paytwo', w0, w1, { version: 2 }));
    expectAllAccepted(reveal);
    expectAllAccepted(await chain.block(chain.namespaceReady('paytwo', w1)));
    const window = reveal.height + chain.params.epochs[0]!.receiveFeesPeriod;

    // pay2ns: the preorderer of the namespace (w0), not the reveal address (w1), is paid
    const before = await balance(w0);
    expectAllAccepted(await chain.block(chain.preorder('foo.paytwo', w2, w3)));
    expect((await balance(w0)) - before).toBe(640_000);
    expectAllAccepted(await chain.block(chain.register('foo.paytwo', w2, w3)));
    expect(chain.lookup('foo.paytwo')!.record.op_fee).toBe(640_000);

    // pay2ns_fail: paying the reveal address is mined, but never registers; the same preorder hash cannot be reused
    expectAllAccepted(await chain.block(chain.preorder('bar.paytwo', w2, w3, { feeAddress: w1.address })));
    expect(rejectedReasons(await chain.block(chain.register('bar.paytwo', w2, w3)))).toEqual(['bad-payment']);
    expect(rejectedReasons(await chain.block(chain.preorder('bar.paytwo', w2, w3)))).toEqual(['preorder-exists']);
    expectAllAccepted(await chain.block(chain.preorder('bar.paytwo', w2, w4)));
    expectAllAccepted(await chain.block(chain.register('bar.paytwo', w2, w4)));
    expect(chain.height).toBeLessThanOrEqual(window);

    // pay2ns_burn: after the receive-fees period fees must be burned
    await chain.mine(window - chain.height + 1);
    expectAllAccepted(await chain.block(chain.preorder('late.paytwo', w2, w3, { feeAddress: w0.address })));
    expect(rejectedReasons(await chain.block(chain.register('late.paytwo', w2, w3)))).toEqual(['bad-payment']);
    const burned = await chain.block(chain.preorder('late2.paytwo', w2, w3));
    expectAllAccepted(burned);
    // "late2": bucket 1 and the non-alpha discount give 1,000 satoshis; clients pay the 5,500 dust minimum
    expect(burned.accepted[0]!.record).toMatchObject({ burn_address: chain.params.burnAddress, op_fee: 5500 });
    expectAllAccepted(await chain.block(chain.register('late2.paytwo', w2, w3)));
    expect(chain.lookup('late.paytwo')).toBeNull();
    expect(chain.lookup('late2.paytwo')!.record.address).toBe(w3.address);
  });
});

describe('key types', () => {
  it('name_pre_reg_multisig and name_pre_reg_segwit: p2sh payers and owners', async () => {
    const keys = ['ms1', 'ms2', 'ms3'].map((label) => bytesToHex(sha256(label)));
    const multisig = chain.adoptSigner('multisig', { type: 'p2sh-multisig', required: 2, publicKeys: keys.map(getPublicKeyFromPrivate), privateKeys: keys.slice(1) });
    const segwit = chain.adoptSigner('segwit', { type: 'p2sh-p2wpkh', privateKey: bytesToHex(sha256('segwit')) });
    await chain.fund([multisig, segwit], 3, 0.1);
    await chain.registerName('multisig.test', multisig, multisig);
    await chain.registerName('segwit.test', segwit, segwit);
    expect(chain.lookup('multisig.test')!.record).toMatchObject({ address: multisig.address, sender: multisig.script });
    expect(chain.lookup('segwit.test')!.record).toMatchObject({ address: segwit.address, sender: segwit.script });
    expect(multisig.script.startsWith('a914')).toBe(true);
    // and the multisig owner can manage its name
    expectAllAccepted(await chain.block(chain.update('multisig.test', multisig, H('11'))));
    expect(chain.lookup('multisig.test')!.record.value_hash).toBe(H('11'));
  });
});

describe('replay', () => {
  it('a fresh index of the same chain has the same consensus hash at every height (§B.2)', async () => {
    await chain.expectReplayMatches();
  });
});
