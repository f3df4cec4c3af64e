import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { metricsRegistry } from './registry.js';

const encoder = new TextEncoder();

/** The subject on which every replica of every service answers with its metrics (all of them answer). */
export function metricsSubject(prefix: string): string {
  return `${prefix}.metrics`;
}

/**
 * Answers metrics requests with this process's registry as JSON (prom-client's `getMetricsAsJSON`), so the gateway can
 * merge every replica's into one exposition. Not a queue group: every replica answers.
 */
export function serveMetricsOverNats(nc: NatsConnection, prefix: string, log: Logger): void {
  nc.subscribe(metricsSubject(prefix), {
    callback: (error, message) => {
      if (error) return;
      metricsRegistry
        .getMetricsAsJSON()
        .then((metrics) => message.respond(encoder.encode(JSON.stringify(metrics))))
        .catch((failure: unknown) => log.warn({ err: failure }, 'could not answer a metrics request'));
    },
  });
}
