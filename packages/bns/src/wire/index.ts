// The operation wire format (bns.md §3): codec, output layouts and output builders.
export * from './opcodes.js';
export * from './types.js';
export * from './names.js';
export * from './decode.js';
export * from './encode.js';
export * from './layout.js';
export * from './outputs.js';
export * from './make.js';
export * from './extract.js';
