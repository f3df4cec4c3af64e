export * from './access-level.js';
export * from './check-api-key-access.js';
export * from './find-api-key.js';
export * from './key-cache.js';
export * from './personal-api-key.js';
export * from './principal.js';
export * from './resource-scopes.js';
export * from './scopes.js';
