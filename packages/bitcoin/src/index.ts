export * from './tx/index.js';
export * from './rpc/codes.js';
