// The transaction broadcaster: durable queue, confirmation watching, HTTP routes.
export * from './broadcast-queue.js';
export * from './broadcaster.js';
export * from './broadcast-routes.js';
