import { metricsSubject } from '@insights/transport';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Registry } from 'prom-client';

type MetricsJson = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

const decoder = new TextDecoder();

/**
 * Every service replica's metrics, gathered over the bus: one request, every replica answers with its metrics as JSON,
 * and those that arrive within `waitMs` are returned.
 */
export type { MetricsJson };

export async function gatherServiceMetrics(nc: NatsConnection, prefix: string, waitMs = 300): Promise<MetricsJson[]> {
  const gathered: MetricsJson[] = [];
  try {
    const replies = await nc.requestMany(metricsSubject(prefix), new Uint8Array(), { maxWait: waitMs });
    for await (const reply of replies) gathered.push(JSON.parse(decoder.decode(reply.data)) as MetricsJson);
  } catch {
    // No service answered (or the bus is down): the gateway's own metrics are still served.
  }
  return gathered;
}
