// @bsk/bns: the naming protocol engine (layer 3). Modules are exported below as they land.
export {};
export * from './params.js';
export * from './consensus/index.js';
export * from './price.js';
export * from './wire/index.js';
export * from './state/index.js';
export * from './store/index.js';
export * from './engine.js';
export * from './tx/index.js';
