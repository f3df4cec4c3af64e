import type { FastifyInstance } from 'fastify';

/** `/_health`: the process is up. `/_ready`: NATS and the database answer. */
export function healthRoutes(
  app: FastifyInstance,
  readiness: () => Promise<{ nats: boolean; database: boolean }>,
): void {
  app.get('/_health', async () => ({ status: 'ok' }));
  app.get('/_ready', async (_request, reply) => {
    const checks = await readiness();
    const ready = checks.nats && checks.database;
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', ...checks });
  });
}
