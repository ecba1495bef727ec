import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScenarioChain, acceptedTypes, expectAllAccepted, type KitWallet } from './kit.js';

/*
 * Reorganisations on the devnet (`invalidateblock` over RPC), followed as the indexer follows the
 * chain (`BlockFollower`): the engine undoes the blocks that left the best chain and applies the
 * new ones, and ends where a fresh index of the final chain ends (cli-and-scenarios.md §B.2).
 */

let chain: ScenarioChain;
let w0: KitWallet, w1: KitWallet, w2: KitWallet, w3: KitWallet;
const H = (byte: string): string => byte.repeat(20);

beforeAll(async () => {
  chain = await ScenarioChain.start();
  [w0, w1, w2, w3] = chain.standardWallets();
}, 60_000);
afterAll(async () => {
  await chain?.stop();
});

describe('reorganisations', () => {
  it('operations of removed blocks are undone, and re-applied as the new branch mines them', async () => {
    await chain.createNamespace('test', w0, w1);
    await chain.registerName('foo.test', w2, w3);
    const registration = chain.height;
    const update = await chain.block(chain.update('foo.test', w3, H('11')));
    expectAllAccepted(update);
    await chain.mine(1);

    // depth 2: the update returns to the mempool and is mined again at the same height
    await chain.invalidate(update.height);
    const [again] = await chain.mine(3);
    expect(again!.height).toBe(update.height);
    expect(acceptedTypes(again!)).toEqual(['name-update']);
    expect(chain.lookup('foo.test')!.record.value_hash).toBe(H('11'));
    expect(chain.height).toBe(update.height + 2);

    // depth 5, to a shorter chain: registration and update now share a block, so the update is refused (§B.6 #16)
    await chain.invalidate(registration);
    const [merged] = await chain.mine(1);
    expect(chain.height).toBe(registration);
    expect(acceptedTypes(merged!)).toEqual(['name-registration']);
    expect(merged!.rejected).toHaveLength(1);
    expect(chain.lookup('foo.test')!.record).toMatchObject({ value_hash: null, address: w3.address, first_registered: registration });
    expect(chain.store.history('foo.test').map((entry) => entry.op)).toEqual(['?', ':']); // preorder, registration: the update is gone from history too

    await chain.expectReplayMatches();
  });
});
