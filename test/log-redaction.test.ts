import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually.js';
import { type RunningSystem, seedProject, startSystem } from './support/system.js';

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem({ extraEnv: { LOG_LEVEL: 'trace' } });
}, 90_000);
afterAll(async () => system?.stop());

describe('logs', () => {
  it('never contain a personal API key, whether it came in a header, a body or a query string', async () => {
    const seed = await seedProject(system);
    const base = `/api/projects/${seed.project.id}/insights/`;
    const invalid = `phx_${'Z'.repeat(43)}`;
    await system.api('GET', base, { key: seed.key });
    await system.api('GET', `${base}?personal_api_key=${seed.key}&format=json`);
    await system.api('POST', base, { body: { personal_api_key: seed.key, name: 'body key' } });
    await system.api('POST', base, { body: { personal_api_key: seed.key, name: 'x'.repeat(500) } });
    await system.api('GET', base, { key: invalid });
    await system.api('GET', `${base}?personal_api_key=${invalid}`);
    await system.api('POST', base, { rawBody: `{"personal_api_key":"${seed.key}",`, contentType: 'application/json' });
    // Encoded and array forms of the parameter, and an encoded key.
    await system.api('GET', `/api/users/@me/?personal%5Fapi%5Fkey=${seed.key}`);
    await system.api('GET', `/api/users/@me/?personal_api_key[]=${seed.key}`);
    await system.api('GET', `/api/users/@me/?personal_api_key=${seed.key.replaceAll('_', '%5F')}`);
    await system.api('GET', `/api/users/@me/?note=${encodeURIComponent(`key is ${seed.key}`)}`, { key: seed.key });
    // Logs are written asynchronously: wait until every request's line is in.
    const handled = await eventually(
      async () => system.logs.filter((line) => line.includes('"msg":"handled"')),
      (lines) => lines.length >= 11,
    );
    expect(handled.length).toBeGreaterThanOrEqual(11);
    for (const line of system.logs) {
      expect(line).not.toContain(seed.key);
      expect(line).not.toContain(invalid);
      expect(line).not.toContain(seed.key.slice(4));
      expect(line).not.toContain(seed.key.slice(4).replaceAll('_', '%5F'));
    }
  });

  it('are JSON lines that carry the request id', async () => {
    const seed = await seedProject(system);
    await system.api('GET', `/api/projects/${seed.project.id}/insights/`, {
      key: seed.key,
      headers: { 'x-request-id': 'trace-me-123' },
    });
    const line = await eventually(
      async () => system.logs.find((l) => l.includes('trace-me-123')),
      (found) => found !== undefined,
    );
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ requestId: 'trace-me-123', status: 200 });
  });
});
