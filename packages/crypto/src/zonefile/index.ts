export type * from './types.js';
export { parseZoneFile } from './parse.js';
export { makeZoneFile } from './make.js';
export type { MakeZoneFileOptions } from './make.js';
export { DEFAULT_ZONE_FILE_TEMPLATE, PROFILE_ZONE_FILE_TEMPLATE } from './template.js';
export { getTokenFileUrlFromZoneFile, makeProfileZoneFile } from './profile.js';
export { parseZoneFileOrLegacy } from './legacy.js';
export type { ZoneFileOrLegacy } from './legacy.js';
