import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countNames } from '../../src/index.js';
import { ScenarioChain, expectAllAccepted, rejectedReasons, type KitWallet } from './kit.js';

/*
 * Expiry, grace period, re-registration and dead names (cli-and-scenarios.md §B.6 #23–#28) on a
 * real devnet. Devnet names live `lifetime × 1` blocks plus a grace period of 5 (params.ts DEVNET).
 */

let chain: ScenarioChain;
let w0: KitWallet, w1: KitWallet, w2: KitWallet, w3: KitWallet, w4: KitWallet, w5: KitWallet;
const H = (byte: string): string => byte.repeat(20);
const GRACE = 5;

beforeAll(async () => {
  chain = await ScenarioChain.start();
  [w0, w1, w2, w3, w4, w5] = chain.standardWallets();
}, 60_000);
afterAll(async () => {
  await chain?.stop();
});

/** Mines empty blocks until the tip is `height`. */
async function mineTo(height: number): Promise<void> {
  expect(chain.height).toBeLessThanOrEqual(height);
  if (height > chain.height) await chain.mine(height - chain.height);
}

function counts(): [number, number] {
  return [countNames(chain.params, chain.store), countNames(chain.params, chain.store, { includeExpired: true })];
}

describe('expiry', () => {
  it('name_pre_reg_expire_num_names: live and total name counts through expiry and re-registration', async () => {
    await chain.createNamespace('numnames', w0, w1, { lifetime: 5 });
    expect(counts()).toEqual([0, 0]);
    await chain.registerName('foo.numnames', w2, w3);
    const registered = chain.height;
    expect(counts()).toEqual([1, 1]);
    await mineTo(registered + 5 + GRACE + 1);
    expect(counts()).toEqual([0, 1]);
    await chain.registerName('foo2.numnames', w2, w3);
    expect(counts()).toEqual([1, 2]);
    await chain.registerName('foo.numnames', w2, w3);
    expect(counts()).toEqual([2, 2]);
  });

  it('name_pre_reg_expire: a name lives its lifetime, then its grace period, then is gone', async () => {
    await chain.createNamespace('expire', w0, w1, { lifetime: 5 });
    await chain.registerName('foo.expire', w2, w3);
    const registered = chain.height;
    await mineTo(registered + 4);
    expect(chain.lookup('foo.expire')).toMatchObject({ expireBlock: registered + 5, renewalDeadline: registered + 5 + GRACE, gracePeriod: false });
    await mineTo(registered + 5);
    expect(chain.lookup('foo.expire')!.gracePeriod).toBe(true);
    await mineTo(registered + 5 + GRACE);
    expect(chain.lookup('foo.expire')).not.toBeNull();
    await mineTo(registered + 5 + GRACE + 1);
    expect(chain.lookup('foo.expire')).toBeNull();
  });

  it('name_pre_reg_grace_expire: in the grace period only the owner’s renewal is accepted', async () => {
    await chain.createNamespace('graceful', w0, w1, { lifetime: 4 });
    await chain.registerName('foo.graceful', w2, w3);
    const registered = chain.height;
    await mineTo(registered + 4);
    expect(chain.lookup('foo.graceful')!.gracePeriod).toBe(true);
    expect(rejectedReasons(await chain.block(chain.update('foo.graceful', w3, H('11'))))).toEqual(['grace-period']);
    expect(rejectedReasons(await chain.block(chain.transfer('foo.graceful', w3, w4, true)))).toEqual(['grace-period']);
    expect(rejectedReasons(await chain.block(chain.revoke('foo.graceful', w3)))).toEqual(['grace-period']);
    expect(rejectedReasons(await chain.block(chain.renew('foo.graceful', w4)))).toEqual(['not-owner']);
    expect(chain.lookup('foo.graceful')!.record).toMatchObject({ address: w3.address, value_hash: null });
    const renewal = await chain.block(chain.renew('foo.graceful', w3));
    expectAllAccepted(renewal);
    // sent in the renewal-deadline block itself: accepted, since the name still exists at B − 1 (bns.md §4.1a, §4.20)
    expect(renewal.height).toBe(registered + 4 + GRACE);
    expect(chain.lookup('foo.graceful')).toMatchObject({ gracePeriod: false, expireBlock: renewal.height + 4, record: { last_renewed: renewal.height } });
  });

  it('name_pre_reg_expire_reregister / name_pre_reg_reregister_sameowner: the record keeps its first preorder block', async () => {
    const preorder = await chain.block(chain.preorder('again.expire', w2, w3));
    expectAllAccepted(preorder);
    expectAllAccepted(await chain.block(chain.register('again.expire', w2, w3)));
    // still registered: a second preorder + register of the same name fails
    expectAllAccepted(await chain.block(chain.preorder('again.expire', w4, w5)));
    expect(rejectedReasons(await chain.block(chain.register('again.expire', w4, w5)))).toEqual(['name-registered']);
    await mineTo(chain.lookup('again.expire')!.renewalDeadline! + 1);
    expect(chain.lookup('again.expire')).toBeNull();
    await chain.registerName('again.expire', w2, w3);
    expect(chain.lookup('again.expire')!.record).toMatchObject({ address: w3.address, block_number: preorder.height, first_registered: chain.height, last_renewed: chain.height });
  });

  it('name_preorder_expire: a preorder older than a name lifetime cannot register; another party may take the name', async () => {
    const preorder = await chain.block(chain.preorder('slow.expire', w2, w3));
    expectAllAccepted(preorder);
    // accepted while preorder block + lifetime > B − 1 (bns.md §4.6 rule 6): lifetime 5 here
    await mineTo(preorder.height + 5);
    expect(rejectedReasons(await chain.block(chain.register('slow.expire', w2, w3)))).toEqual(['preorder-expired']);
    await chain.registerName('slow.expire', w4, w5);
    expect(chain.lookup('slow.expire')!.record.address).toBe(w5.address);
  });
});

describe('dead names', () => {
  it('name_pre_reg_revoke_isdead and name_pre_reg_revoke_reregister: a revoked name stays dead until it expires, then anyone may register it', async () => {
    await chain.registerName('dead.expire', w2, w3, H('11'));
    expectAllAccepted(await chain.block(chain.revoke('dead.expire', w3)));
    const steps = () => [chain.update('dead.expire', w3, H('22')), chain.transfer('dead.expire', w3, w4, true), chain.renew('dead.expire', w3)];
    for (const step of steps()) expect(rejectedReasons(await chain.block(step))).toEqual([expect.any(String)]);
    expect(chain.lookup('dead.expire')!.record).toMatchObject({ revoked: true, op: '~' });
    await mineTo(chain.lookup('dead.expire')!.renewalDeadline! + 1);
    expect(chain.lookup('dead.expire')).toBeNull();
    for (const step of steps()) expect(rejectedReasons(await chain.block(step))).toHaveLength(1);
    await chain.registerName('dead.expire', w4, w5);
    expect(chain.lookup('dead.expire')!.record).toMatchObject({ address: w5.address, revoked: false, value_hash: null });
  });

  it('name_import_expire_isdead: an expired imported name cannot be updated, transferred, renewed or revoked', async () => {
    expectAllAccepted(await chain.block(chain.namespacePreorder('impdead', w0, w1)));
    expectAllAccepted(await chain.block(chain.namespaceReveal('impdead', w0, w1, { lifetime: 2 })));
    const imported = await chain.block(chain.import('foo.impdead', w1, w3, H('11')));
    expectAllAccepted(imported);
    const ready = await chain.block(chain.namespaceReady('impdead', w1));
    expectAllAccepted(ready);
    await mineTo(ready.height + 2 + GRACE);
    expect(chain.lookup('foo.impdead')).toBeNull();
    for (const step of [chain.update('foo.impdead', w3, H('22')), chain.transfer('foo.impdead', w3, w4, true), chain.renew('foo.impdead', w3), chain.revoke('foo.impdead', w3)]) {
      const result = await chain.block(step);
      expect(result.accepted).toEqual([]);
      expect(result.rejected).toHaveLength(1);
    }
    expect(chain.store.nameAt('foo.impdead', imported.height)).toMatchObject({ value_hash: H('11'), address: w3.address, op: ';' });
    expect(chain.store.history('foo.impdead').at(-1)!.op).toBe(';');
  });
});

describe('replay', () => {
  it('a fresh index of the same chain has the same consensus hash at every height (§B.2)', async () => {
    await chain.expectReplayMatches();
  });
});
