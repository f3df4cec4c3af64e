import { createServiceClients, SERVICE_NAMES } from '@insights/clients';
import { signPrincipal } from '@insights/scope-auth';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningSystem, seedProject, startSystem } from './support/system.js';

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem();
}, 90_000);
afterAll(async () => system?.stop());

describe('typed internal clients', () => {
  it('reaches every service from one call', async () => {
    const services = await createServiceClients({ natsUrl: system.env.NATS_URL, prefix: system.prefix });
    try {
      for (const name of SERVICE_NAMES) {
        const health = await services[name].health.query();
        expect(health).toEqual({ service: name, database: true, parkedEvents: 0 });
      }
    } finally {
      await services.close();
    }
  });

  it('calls a procedure with a signed principal and gets typed results', async () => {
    const seed = await seedProject(system);
    const created = (
      await system.api('POST', `/api/projects/${seed.project.id}/insights/`, {
        key: seed.key,
        body: { name: 'typed', tags: ['t'] },
      })
    ).body;
    const services = await createServiceClients({ natsUrl: system.env.NATS_URL, prefix: system.prefix });
    try {
      const principalToken = signPrincipal(
        {
          user: { ...seed.user, is_email_verified: false },
          projectId: seed.project.id,
          organizationId: seed.org.id,
          projectLevel: 'editor',
          scopes: ['*'],
          client: null,
        },
        system.env.PRINCIPAL_SECRET!,
      );
      const insight = await services.insights.retrieve.query({ id: created.short_id }, { context: { principalToken } });
      expect(insight.name).toBe('typed');
      // Tagging follows the insight's events: its read model has the tags shortly after the write.
      await vi.waitFor(async () => {
        const tags = await services.tagging.tagsFor.query(
          { insightIds: [created.id] },
          { context: { principalToken } },
        );
        expect(tags[created.id]).toEqual(['t']);
      });
    } finally {
      await services.close();
    }
  });
});
