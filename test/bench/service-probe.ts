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
  principal: Omit<Principal, 'requestId'>;
}): Promise<ServiceProbe> {
  const services = await createServiceClients({
    natsUrl: options.natsUrl,
    prefix: options.prefix,
    name: 'bench-probe',
  });
  const context = () => {
    const requestId = randomUUID();
    return { requestId, principalToken: signPrincipal({ ...options.principal, requestId }, options.principalSecret) };
  };
  return {
    retrieve: (insightId) => services.insights.retrieve.query({ id: String(insightId) }, { context: context() }),
    tagsFor: (insightId) => services.tagging.tagsFor.query({ insightIds: [insightId] }, { context: context() }),
    close: () => services.close(),
  };
}
