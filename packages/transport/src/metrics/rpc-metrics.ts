import { histogram } from './registry.js';

/** Calls to other services over the bus, by target service, procedure and outcome, timed from the caller. */
export const rpcDuration = histogram(
  'insights_rpc_duration_seconds',
  'Time of a call to a service over NATS, from the caller',
  ['target', 'procedure', 'outcome'] as const,
  [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
);
