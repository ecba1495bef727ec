import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScenarioChain, acceptedTypes, expectAllAccepted, rejectedReasons, type KitWallet } from './kit.js';

/*
 * Update, transfer, renewal and revocation of registered names, who may send them, and how old a
 * consensus hash may be (cli-and-scenarios.md §B.6 #17, #19–#23, #32) on a real devnet.
 */

let chain: ScenarioChain;
let w0: KitWallet, w1: KitWallet, w2: KitWallet, w3: KitWallet, w4: KitWallet;
const H = (byte: string): string => byte.repeat(20);

beforeAll(async () => {
  chain = await ScenarioChain.start();
  [w0, w1, w2, w3, w4] = chain.standardWallets();
  await chain.createNamespace('test', w0, w1);
}, 60_000);
afterAll(async () => {
  await chain?.stop();
});

const record = (name: string) => chain.lookup(name)!.record;

describe('update', () => {
  it('name_pre_reg_up and name_pre_reg_up_cantforce: only the owner’s update counts, even in the same block', async () => {
    await chain.registerName('up.test', w2, w3);
    const ch = chain.ch();
    const result = await chain.block(chain.update('up.test', w3, H('11')), chain.update('up.test', w4, H('22')));
    expect(acceptedTypes(result)).toEqual(['name-update']);
    expect(result.rejected).toHaveLength(1);
    expect(record('up.test')).toMatchObject({ value_hash: H('11'), consensus_hash: ch, address: w3.address, op: '+' });
  });

  it('name_pre_reg_up_xfer_cantsteal: transfers signed by the intended recipient or a stranger are rejected', async () => {
    await chain.registerName('steal.test', w2, w3);
    expectAllAccepted(await chain.block(chain.update('steal.test', w3, H('11'))));
    expect(rejectedReasons(await chain.block(chain.transfer('steal.test', w4, w4, true)))).toHaveLength(1);
    expect(rejectedReasons(await chain.block(chain.transfer('steal.test', w0, w4, true)))).toEqual(['not-owner']);
    expect(record('steal.test')).toMatchObject({ value_hash: H('11'), address: w3.address });
  });
});

describe('transfer', () => {
  it('name_pre_reg_xfer: keep-data moves the name and keeps its zone-file hash', async () => {
    await chain.registerName('xfer.test', w2, w3, H('11'));
    expectAllAccepted(await chain.block(chain.transfer('xfer.test', w3, w4, true)));
    expect(record('xfer.test')).toMatchObject({ address: w4.address, sender: w4.script, value_hash: H('11'), op: '>>', sender_pubkey: null });
  });

  it('name_pre_reg_xfer_nokeepdata: without keep-data the zone-file hash is cleared', async () => {
    await chain.registerName('nokeep.test', w2, w3, H('11'));
    expectAllAccepted(await chain.block(chain.transfer('nokeep.test', w3, w4, false)));
    expect(record('nokeep.test')).toMatchObject({ address: w4.address, value_hash: null, op: '>~' });
  });

  it('name_pre_reg_xfer_cantforce: a transfer signed by a non-owner is rejected', async () => {
    await chain.registerName('force.test', w2, w3);
    expect(rejectedReasons(await chain.block(chain.transfer('force.test', w4, w0, true)))).toEqual(['not-owner']);
    expect(record('force.test').address).toBe(w3.address);
  });

  it('a transfer records the consensus hash of the last update since registration (bns.md §4.9 quirk)', async () => {
    await chain.registerName('quirk.test', w2, w3);
    const updateCh = chain.ch();
    expectAllAccepted(await chain.block(chain.update('quirk.test', w3, H('11'))));
    expectAllAccepted(await chain.block(chain.transfer('quirk.test', w3, w4, true)));
    expect(record('quirk.test').consensus_hash).toBe(updateCh);
  });
});

describe('renew', () => {
  it('name_pre_reg_renew and name_pre_reg_renew_cantforce', async () => {
    await chain.registerName('renew.test', w2, w3);
    const registered = chain.height;
    expect(rejectedReasons(await chain.block(chain.renew('renew.test', w4)))).toEqual(['not-owner']);
    expect(record('renew.test').last_renewed).toBe(registered);
    await chain.mine(8);
    const renewal = await chain.block(chain.renew('renew.test', w3));
    expectAllAccepted(renewal);
    expect(record('renew.test')).toMatchObject({ first_registered: registered, last_renewed: registered + 10, address: w3.address, op: '::', op_fee: 40_000 }); // 5 letters: bucket 2 → 250·4²·100 × 0.1
    expect(renewal.height).toBe(registered + 10);
  });

  it('name_pre_reg_renewxferup: renewals with and without a new owner and zone-file hash', async () => {
    await chain.registerName('rxu.test', w2, w3);
    expectAllAccepted(await chain.block(chain.renew('rxu.test', w3)));
    expect(record('rxu.test')).toMatchObject({ value_hash: null, address: w3.address });
    expectAllAccepted(await chain.block(chain.renew('rxu.test', w3, { newOwner: w0, valueHash: H('22') })));
    expect(record('rxu.test')).toMatchObject({ value_hash: H('22'), address: w0.address });
    const last = await chain.block(chain.renew('rxu.test', w0, { newOwner: w1 }));
    expectAllAccepted(last);
    expect(record('rxu.test')).toMatchObject({ value_hash: H('22'), address: w1.address, last_renewed: last.height });
  });

  it('a renewal that pays less than the price is rejected', async () => {
    await chain.registerName('cheap.test', w2, w3);
    expect(rejectedReasons(await chain.block(chain.renew('cheap.test', w3, { fee: 39_999 })))).toEqual(['fee-too-low']);
    expect(rejectedReasons(await chain.block(chain.renew('cheap.test', w3, { feeAddress: w0.address })))).toEqual(['bad-payment']);
  });
});

describe('revoke', () => {
  it('name_pre_reg_revoke and name_pre_reg_revoke_isdead (before expiry)', async () => {
    await chain.registerName('revoke.test', w2, w3, H('11'));
    expect(rejectedReasons(await chain.block(chain.revoke('revoke.test', w4)))).toEqual(['not-owner']);
    expectAllAccepted(await chain.block(chain.revoke('revoke.test', w3)));
    expect(record('revoke.test')).toMatchObject({ revoked: true, address: w3.address, value_hash: null, op: '~' });
    for (const step of [chain.update('revoke.test', w3, H('22')), chain.transfer('revoke.test', w3, w4, true), chain.renew('revoke.test', w3), chain.revoke('revoke.test', w3)]) {
      const result = await chain.block(step);
      expect(result.accepted).toEqual([]);
      expect(result.rejected).toHaveLength(1);
    }
    expect(chain.store.history('revoke.test').at(-1)!.op).toBe('~');
  });
});

describe('many operations on one name in a block (name_pre_reg_collisions)', () => {
  it('update + transfer, renew + update + transfer, nine updates, transfer ping-pong: all applied in order', async () => {
    await chain.registerName('condensed.test', w2, w3);
    expectAllAccepted(await chain.block(chain.update('condensed.test', w3, H('aa')), chain.transfer('condensed.test', w3, w4, true)));
    expect(record('condensed.test')).toMatchObject({ address: w4.address, value_hash: H('aa') });
    expectAllAccepted(await chain.block(chain.renew('condensed.test', w4), chain.update('condensed.test', w4, H('bb')), chain.transfer('condensed.test', w4, w3, true)));
    expect(record('condensed.test')).toMatchObject({ address: w3.address, value_hash: H('bb') });
    const updates = await chain.block(...['01', '02', '03', '04', '05', '06', '07', '08', '09'].map((byte) => chain.update('condensed.test', w3, H(byte))));
    expect(updates.accepted).toHaveLength(9);
    expect(record('condensed.test').value_hash).toBe(H('09'));
    const pingPong = await chain.block(...[w3, w4, w3, w4, w3].map((from) => chain.transfer('condensed.test', from, from === w3 ? w4 : w3, true)));
    expect(pingPong.accepted).toHaveLength(5);
    expect(record('condensed.test').address).toBe(w4.address);
    const rounds = await chain.block(chain.transfer('condensed.test', w4, w3, true), chain.update('condensed.test', w3, H('cc')), chain.transfer('condensed.test', w3, w4, false), chain.update('condensed.test', w4, H('bb')));
    expect(rounds.accepted).toHaveLength(4);
    expect(record('condensed.test')).toMatchObject({ address: w4.address, value_hash: H('bb') });
    expect(chain.store.history('condensed.test').filter((entry) => entry.block_id === rounds.height).map((entry) => entry.op)).toEqual(['>>', '+', '>~', '+']);
  });
});

describe('stale consensus hashes (name_pre_reg_up_notstale, *_delays)', () => {
  it('operations carrying a consensus hash from the last 24 blocks are accepted, older ones rejected', async () => {
    await chain.registerName('delay.test', w2, w3);
    expectAllAccepted(await chain.block(chain.update('delay.test', w3, H('11'), { consensusHash: chain.ch(chain.height - 3) })));
    expectAllAccepted(await chain.block(chain.transfer('delay.test', w3, w4, true, { consensusHash: chain.ch(chain.height - 2) })));
    expectAllAccepted(await chain.block(chain.preorder('delayed.test', w2, w3, { consensusHash: chain.ch(chain.height - 3) })));
    await chain.mine(chain.params.consensusHashWindow);
    // the next block is B = tip + 1; the window is [B − 24, B] (bns.md §4.3)
    const oldest = chain.height + 1 - chain.params.consensusHashWindow;
    expect(rejectedReasons(await chain.block(chain.update('delay.test', w4, H('22'), { consensusHash: chain.ch(oldest - 1) })))).toEqual(['name-not-registered']);
    expect(record('delay.test').value_hash).toBe(H('11'));
    expect(rejectedReasons(await chain.block(chain.transfer('delay.test', w4, w3, true, { consensusHash: chain.ch(chain.height - 25) })))).toEqual(['stale-consensus-hash']);
    expect(rejectedReasons(await chain.block(chain.preorder('stale.test', w2, w3, { consensusHash: chain.ch(chain.height - 25) })))).toEqual(['stale-consensus-hash']);
    const edge = chain.height + 1 - chain.params.consensusHashWindow;
    expectAllAccepted(await chain.block(chain.update('delay.test', w4, H('33'), { consensusHash: chain.ch(edge) })));
    expect(record('delay.test')).toMatchObject({ value_hash: H('33'), address: w4.address });
  });
});

describe('announce (name_pre_reg_announce)', () => {
  it('only the owner of an announcer name may announce; announcements change no state', async () => {
    await chain.createNamespace('id', w0, w1);
    await chain.registerName('muneeb.id', w2, w3, H('ab'));
    const before = chain.store.dump().rows;
    const result = await chain.block(chain.announce(w3, H('ab')), chain.announce(w4, H('ab')));
    expect(acceptedTypes(result)).toEqual(['announce']);
    expect(rejectedReasons(result)).toEqual(['not-announcer']);
    expect(chain.store.dump().rows).toEqual(before);
  });
});

describe('replay', () => {
  it('a fresh index of the same chain has the same consensus hash at every height (§B.2)', async () => {
    await chain.expectReplayMatches();
  });
});
