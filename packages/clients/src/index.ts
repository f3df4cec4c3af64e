export * from './service-clients.js';
