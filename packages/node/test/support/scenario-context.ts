import { DEVNET } from '@bsk/bns';
import type { Scenario } from '../../../bns/test/state-helpers.js';
import type { ApiContext, SqliteZonefileStore } from '../../src/index.js';

/**
 * The API context of a node whose chain is a bns scenario (blocks built in memory, no bitcoind):
 * the indexer is idle at the scenario's tip, there are no subdomains and no DIDs.
 */
export function scenarioContext(scenario: Scenario, zonefiles: SqliteZonefileStore, selfUrl: () => string): ApiContext {
  return {
    params: DEVNET,
    engine: scenario.engine,
    store: scenario.store,
    zonefiles,
    subdomains: null,
    indexerStatus: () => ({ lastBlockSeen: scenario.height, lastBlockProcessed: scenario.height, indexing: false, lastBlockAt: null }),
    nameDid: () => null,
    selfUrl,
  };
}
