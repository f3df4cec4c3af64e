import type { ActivityRouter } from '@insights/activity/router';
import type { InsightsRouter } from '@insights/insights/router';
import type { TaggingRouter } from '@insights/tagging/router';
import {
  connectNats,
  createRpcClient,
  inProcessSender,
  natsSender,
  type RpcCallMeta,
  type RpcSender,
  type TrackedNatsConnection,
} from '@insights/transport';
import type { ViewsRouter } from '@insights/views/router';
import type { TRPCClient } from '@trpc/client';
import type { AnyTRPCRouter } from '@trpc/server';

export interface ServiceRouters {
  insights: InsightsRouter;
  tagging: TaggingRouter;
  views: ViewsRouter;
  activity: ActivityRouter;
}

export type ServiceName = keyof ServiceRouters;
export const SERVICE_NAMES: readonly ServiceName[] = ['insights', 'tagging', 'views', 'activity'];

/** A typed tRPC client of every service. */
export type ServiceClients = { [K in ServiceName]: TRPCClient<ServiceRouters[K]> };

function clientsFrom(senderFor: (service: ServiceName) => RpcSender): ServiceClients {
  const entries = SERVICE_NAMES.map((service) => [service, createRpcClient<AnyTRPCRouter>(senderFor(service))]);
  return Object.fromEntries(entries) as ServiceClients;
}

export interface NatsServiceClientsOptions {
  /** An existing connection, or a URL to open one. */
  connection?: TrackedNatsConnection;
  natsUrl?: string;
  prefix?: string;
  timeoutMs?: number;
  name?: string;
}

/**
 * Typed clients of all services over NATS, from one call:
 *
 *   const services = await createServiceClients({ natsUrl: 'nats://127.0.0.1:4222' });
 *   const insight = await services.insights.retrieve.query({ id: 'abc12345' }, { context: { principalToken } });
 */
export async function createServiceClients(
  options: NatsServiceClientsOptions,
): Promise<ServiceClients & { connection: TrackedNatsConnection; close(): Promise<void> }> {
  const connection =
    options.connection ??
    (await connectNats({ url: options.natsUrl ?? 'nats://127.0.0.1:4222', name: options.name ?? 'service-client' }));
  const prefix = options.prefix ?? 'insights';
  const clients = clientsFrom((service) =>
    natsSender({
      nc: connection.nc,
      prefix,
      service,
      timeoutMs: options.timeoutMs ?? 10_000,
      isConnected: connection.isConnected,
    }),
  );
  return {
    ...clients,
    connection,
    close: async () => {
      if (!options.connection) await connection.nc.drain();
    },
  };
}

/** Single-process mode: the same typed clients, calling each router in this process. */
export function createInProcessServiceClients(
  services: Record<ServiceName, { router: AnyTRPCRouter; createContext: (meta: RpcCallMeta) => unknown }>,
): ServiceClients {
  return clientsFrom((service) => inProcessSender(services[service]));
}
