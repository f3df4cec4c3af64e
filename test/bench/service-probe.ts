import { randomUUID } from 'node:crypto';
import { createServiceClients } from '@insights/clients';
import { type Principal, signPrincipal } from '@insights/scope-auth';
import { percentile, seededRandom } from './load.js';

export interface ServiceProbeResult {
  retrieveP50Ms: number;
  tagsForP50Ms: number;
}

/**
 * Where the full path's time goes: the services' own calls timed from this process over the same NATS, with a principal
 * signed as the gateway signs it. Full path minus `insights.retrieve` is the gateway's share (HTTP, auth, signing).
 */
export async function probeServiceCalls(options: {
  natsUrl: string;
  prefix: string;
  principalSecret: string;
  principal: Omit<Principal, 'requestId'>;
  insightIds: readonly number[];
  calls: number;
}): Promise<ServiceProbeResult> {
  const services = await createServiceClients({
    natsUrl: options.natsUrl,
    prefix: options.prefix,
    name: 'bench-probe',
  });
  try {
    const time = async (
      call: (id: number, context: { principalToken: string; requestId: string }) => Promise<unknown>,
    ) => {
      const random = seededRandom(7);
      const samples: number[] = [];
      for (let i = 0; i < options.calls + 100; i++) {
        const id = options.insightIds[Math.floor(random() * options.insightIds.length)] as number;
        const requestId = randomUUID();
        const started = process.hrtime.bigint();
        const principalToken = signPrincipal({ ...options.principal, requestId }, options.principalSecret);
        await call(id, { principalToken, requestId });
        if (i >= 100) samples.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      return percentile(
        samples.sort((a, b) => a - b),
        50,
      );
    };
    const retrieveP50Ms = await time((id, context) =>
      services.insights.retrieve.query({ id: String(id) }, { context }),
    );
    const tagsForP50Ms = await time((id, context) => services.tagging.tagsFor.query({ insightIds: [id] }, { context }));
    return { retrieveP50Ms, tagsForP50Ms };
  } finally {
    await services.close();
  }
}
