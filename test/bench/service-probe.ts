import { randomUUID } from 'node:crypto';
import { createServiceClients, type ServiceClients } from '@insights/clients';
import { type Principal, signPrincipal } from '@insights/scope-auth';
import type { RunningSystem } from '../support/system.js';
import type { SeededProject } from './bench-session.js';

/**
 * The services' own calls, made from the bench process over the same NATS with a principal signed as the gateway signs
 * it: timed next to the full path, they tell how its time splits between the gateway and the services.
 */
export interface ServiceProbe {
  /** `insights.retrieve`, which itself calls `tagging.tagsFor`. */
  retrieve(insightId: number): Promise<unknown>;
  tagsFor(insightId: number): Promise<unknown>;
  /** Every service's typed client, for any other call: `probe.services.views.trending.query(input, probe.call())`. */
  services: ServiceClients;
  /** The options of one call: a fresh request id and the signed principal. */
  call(): { context: { requestId: string; principalToken: string } };
  close(): Promise<void>;
}

/** The principal the gateway signs for the seeded project's editor and its all-scopes key. */
export function benchPrincipal(seed: SeededProject): Principal {
  return {
    user: {
      id: seed.user.id,
      uuid: seed.user.uuid,
      distinct_id: seed.user.distinct_id,
      first_name: seed.user.first_name,
      last_name: seed.user.last_name,
      email: seed.user.email,
      is_email_verified: false,
    },
    projectId: seed.project.id,
    organizationId: seed.org.id,
    projectLevel: 'editor',
    scopes: ['*'],
    client: null,
  };
}

export async function connectServiceProbe(options: {
  natsUrl: string;
  prefix: string;
  principalSecret: string;
  principal: Principal;
}): Promise<ServiceProbe> {
  const services = await createServiceClients({
    natsUrl: options.natsUrl,
    prefix: options.prefix,
    name: 'bench-probe',
  });
  // Like the gateway, sign once and reuse the token while it is fresh.
  let principalToken = signPrincipal(options.principal, options.principalSecret);
  let signedAt = Date.now();
  const call = () => {
    if (Date.now() - signedAt > 30_000) {
      principalToken = signPrincipal(options.principal, options.principalSecret);
      signedAt = Date.now();
    }
    return { context: { requestId: randomUUID(), principalToken } };
  };
  return {
    retrieve: (insightId) => services.insights.retrieve.query({ id: String(insightId) }, call()),
    tagsFor: (insightId) => services.tagging.tagsFor.query({ insightIds: [insightId] }, call()),
    services,
    call,
    close: () => services.close(),
  };
}

/** A probe into a running bench system, as the seeded project's editor. */
export function connectSystemProbe(system: RunningSystem, seed: SeededProject): Promise<ServiceProbe> {
  return connectServiceProbe({
    natsUrl: system.env.NATS_URL as string,
    prefix: system.prefix,
    principalSecret: system.env.PRINCIPAL_SECRET as string,
    principal: benchPrincipal(seed),
  });
}
