import type { FastifyInstance } from 'fastify';
import type { Readiness } from '../readiness.js';

/**
 * `/_health`: the process is up (liveness). `/_ready`: every part answers (readiness); 200 when ready or degraded
 * (serving, with parked events to replay), 503 when a part is down.
 */
export function healthRoutes(app: FastifyInstance, readiness: () => Promise<Readiness>): void {
  app.get('/_health', async () => ({ status: 'ok' }));
  app.get('/_ready', async (_request, reply) => {
    const checks = await readiness();
    return reply.status(checks.status === 'not_ready' ? 503 : 200).send(checks);
  });
}
