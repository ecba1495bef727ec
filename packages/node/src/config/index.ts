// The node's configuration: one schema for flags, BSK_… environment and a JSON file.
export * from './settings.js';
export * from './load-config.js';
