export { Atlas, createAtlas, type AtlasLogger, type AtlasOptions, type AtlasRoundResult, type AtlasStats } from './atlas.js';
export { ATLAS_DEFAULTS, ATLAS_PROTOCOL_VERSION, type AtlasSettings } from './constants.js';
export { planZonefileFetches, type FetchPlan, type FetchRequestPlan, type MissingRow, type PlanPeer } from './fetch-plan.js';
export { AtlasPeerClient, AtlasPeerUnreachableError } from './peer-client.js';
export { AtlasPeer, AtlasPeerTable, type PeerTableLimits } from './peer-table.js';
export { atlasRoutes, type AtlasRoutesOptions } from './routes.js';
export { AtlasProtocolError, type AtlasInventory, type AtlasPeers, type AtlasPing, type AtlasZonefiles } from './wire.js';
