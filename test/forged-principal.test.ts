import { createServiceClients } from '@insights/clients';
import { signPrincipal } from '@insights/scope-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSystem, startSystem } from './support/system.js';

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem();
}, 90_000);
afterAll(async () => system?.stop());

const principal = {
  user: {
    id: 1,
    uuid: '00000000-0000-4000-8000-000000000001',
    distinct_id: 'x',
    first_name: 'Eve',
    last_name: '',
    email: 'eve@example.com',
    is_email_verified: true,
  },
  projectId: 1,
  organizationId: null,
  projectLevel: 'manager' as const,
  scopes: ['*'],
  client: null,
};

// One authenticated procedure per service; each must refuse the call.
const probes: Record<string, (clients: any, token: string | undefined) => Promise<unknown>> = {
  insights: (c, t) => c.insights.list.query({}, { context: { principalToken: t } }),
  tagging: (c, t) => c.tagging.tagsFor.query({ insightIds: [1] }, { context: { principalToken: t } }),
  views: (c, t) => c.views.lastViewed.query(undefined, { context: { principalToken: t } }),
  activity: (c, t) =>
    c.activity.list.query(
      { scope: 'Insight', limit: 10, page: 1, pageUrl: 'http://localhost/' },
      { context: { principalToken: t } },
    ),
};

describe('a principal forged on the bus', () => {
  it.each([
    ['unsigned', () => undefined],
    ['signed with the wrong secret', () => signPrincipal(principal, 'not-the-secret-of-this-system')],
    ['expired', () => signPrincipal(principal, system.env.PRINCIPAL_SECRET!, 1_000, Date.now() - 60_000)],
    [
      'tampered',
      () => {
        const token = signPrincipal(principal, system.env.PRINCIPAL_SECRET!);
        const [payload, signature] = token.split('.');
        const changed = Buffer.from(
          Buffer.from(payload!, 'base64url').toString().replace('"manager"', '"editor"'),
        ).toString('base64url');
        return `${changed}.${signature}`;
      },
    ],
  ])('is refused by every service when %s', async (_name, token) => {
    const services = await createServiceClients({ natsUrl: system.env.NATS_URL, prefix: system.prefix });
    try {
      expect(Object.keys(probes).sort()).toEqual(['activity', 'insights', 'tagging', 'views']);
      for (const [service, probe] of Object.entries(probes)) {
        await expect(probe(services, token()), service).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
      }
    } finally {
      await services.close();
    }
  });
});
