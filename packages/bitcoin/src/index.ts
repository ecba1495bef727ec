export * from './tx/index.js';
export * from './backend.js';
export * from './follow.js';
export * from './rpc/codes.js';
export * from './rpc/errors.js';
export * from './rpc/auth.js';
export * from './rpc/transport.js';
export * from './rpc/client.js';
