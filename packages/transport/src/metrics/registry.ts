import { hostname } from 'node:os';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus registry. Every metric of the transport layer and of the service it runs in is registered
 * here, labelled with the service's name, so `/_metrics` of the gateway can gather every process's text in one page.
 */
export const metricsRegistry = new Registry();

let defaultsCollected = false;

/** Names the process in every metric's labels and turns on Node's default process metrics; call once at start. */
export function initProcessMetrics(service: string): void {
  metricsRegistry.setDefaultLabels({ service, instance: `${hostname()}:${process.pid}` });
  if (!defaultsCollected) {
    collectDefaultMetrics({ register: metricsRegistry, prefix: 'insights_' });
    defaultsCollected = true;
  }
}

export function counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
  return new Counter({ name, help, labelNames, registers: [metricsRegistry] });
}

export function gauge<L extends string>(name: string, help: string, labelNames: readonly L[]): Gauge<L> {
  return new Gauge({ name, help, labelNames, registers: [metricsRegistry] });
}

export function histogram<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
  buckets: number[],
): Histogram<L> {
  return new Histogram({ name, help, labelNames, buckets, registers: [metricsRegistry] });
}
