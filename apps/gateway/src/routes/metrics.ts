import { metricsRegistry } from '@insights/transport';
import type { FastifyInstance } from 'fastify';
import { AggregatorRegistry } from 'prom-client';
import type { MetricsJson } from '../metrics/service-metrics.js';

/**
 * `/_metrics`: the gateway's Prometheus metrics merged with every service replica's (`gather`) into one exposition in
 * the text format; each series carries its `service` and `instance` labels.
 */
export function metricsRoutes(app: FastifyInstance, gather: () => Promise<MetricsJson[]>): void {
  app.get('/_metrics', async (_request, reply) => {
    const [own, others] = await Promise.all([metricsRegistry.getMetricsAsJSON(), gather()]);
    const merged = AggregatorRegistry.aggregate([own, ...others]);
    return reply.type(metricsRegistry.contentType).send(await merged.metrics());
  });
}
