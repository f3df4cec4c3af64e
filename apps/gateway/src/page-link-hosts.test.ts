import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPersonalApiKey, createProject, createUser } from './admin/index.js';
import { startGatewayWithoutServices } from './testing/gateway-without-services.js';

/**
 * Issue 7 §4: `next`/`previous` links are absolute. Without PUBLIC_URL they may only be built from a trusted host, so
 * a forged `Host` never ends up in them; and a key sent in the query string is never echoed back in them.
 */

let gateway: Awaited<ReturnType<typeof startGatewayWithoutServices>>;
let key: string;

beforeAll(async () => {
  gateway = await startGatewayWithoutServices();
  const user = await createUser(gateway.db, { email: 'links@example.com' });
  for (const name of ['one', 'two', 'three']) {
    const project = await createProject(gateway.db, { name });
    const { addMember } = await import('./admin/index.js');
    await addMember(gateway.db, { projectId: project.id, userId: user.id, level: 'viewer' });
  }
  key = (await createPersonalApiKey(gateway.db, { userId: user.id, scopes: ['*'] })).key;
});
afterAll(async () => gateway?.stop());

const projectsPage = (headers: Record<string, string>, query = 'limit=1') =>
  gateway.app.inject({ method: 'GET', url: `/api/projects/?${query}`, headers });

describe('pagination links', () => {
  it('are built from a trusted Host', async () => {
    const response = await projectsPage({ authorization: `Bearer ${key}`, host: 'localhost:8000' });
    expect(response.statusCode).toBe(200);
    expect(response.json().next).toBe('http://localhost:8000/api/projects/?limit=1&offset=1');
  });

  it('never carry a Host that is not trusted: they fall back to the listen address', async () => {
    const response = await projectsPage({ authorization: `Bearer ${key}`, host: 'evil.example' });
    expect(response.statusCode).toBe(200);
    expect(response.json().next).toBe('http://127.0.0.1:8000/api/projects/?limit=1&offset=1');
    expect(response.body).not.toContain('evil.example');
  });

  it.each([
    ['plain', (k: string) => `personal_api_key=${k}&limit=1`, false],
    ['encoded name', (k: string) => `personal%5Fapi%5Fkey=${k}&limit=1`, false],
    // Not a way to authenticate (the header does here), but still never echoed.
    ['array form', (k: string) => `personal_api_key[]=${k}&limit=1`, true],
  ])('never echo a key sent in the query string (%s)', async (_, query, withHeader) => {
    const auth: Record<string, string> = withHeader ? { authorization: `Bearer ${key}` } : {};
    const response = await projectsPage({ host: 'localhost:8000', ...auth }, query(key));
    expect(response.statusCode).toBe(200);
    const { next } = response.json();
    expect(next).toBe('http://localhost:8000/api/projects/?limit=1&offset=1');
    expect(response.body).not.toContain(key.slice(4));
  });
});
