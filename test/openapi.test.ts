import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSystem, startSystem } from './support/system.js';

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem();
}, 90_000);
afterAll(async () => system?.stop());

describe('/api/schema/', () => {
  it('serves the OpenAPI document with PostHog operation ids and real schemas', async () => {
    const res = await system.api('GET', '/api/schema/');
    expect(res.status).toBe(200);
    const doc = res.body;
    const operationIds = Object.values(doc.paths).flatMap((item: any) =>
      Object.values(item).map((op: any) => op.operationId),
    );
    expect(operationIds).toEqual(
      expect.arrayContaining([
        'insights_list',
        'insights_create',
        'insights_retrieve',
        'insights_update',
        'insights_partial_update',
      ]),
    );
    expect(JSON.stringify(doc)).not.toContain('"schema":{}');
    expect(doc.components.schemas.Insight.properties.created_by).toBeDefined();
    expect(doc).toMatchSnapshot();
  });
});
