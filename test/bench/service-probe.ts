import { randomUUID } from 'node:crypto';
import { createServiceClients } from '@insights/clients';
import { type Principal, signPrincipal } from '@insights/scope-auth';

/**
 * The services' own calls, made from the bench process over the same NATS with a principal signed as the gateway signs
 * it: timed next to the full path, they tell how its time splits between the gateway and the services.
 */
export interface ServiceProbe {
  /** `insights.retrieve`, which itself calls `tagging.tagsFor`. */
  retrieve(insightId: number): Promise<unknown>;
  tagsFor(insightId: number): Promise<unknown>;
  close(): Promise<void>;
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
  const context = () => {
    if (Date.now() - signedAt > 30_000) {
      principalToken = signPrincipal(options.principal, options.principalSecret);
      signedAt = Date.now();
    }
    return { requestId: randomUUID(), principalToken };
  };
  return {
    retrieve: (insightId) => services.insights.retrieve.query({ id: String(insightId) }, { context: context() }),
    tagsFor: (insightId) => services.tagging.tagsFor.query({ insightIds: [insightId] }, { context: context() }),
    close: () => services.close(),
  };
}
