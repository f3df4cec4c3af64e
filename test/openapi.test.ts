import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generateApiTypes, typecheckSources } from '@insights/openapi-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually.js';
import { REPO_ROOT, type RunningSystem, seedProject, startSystem } from './support/system.js';

const execFileAsync = promisify(execFile);

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

  it('passes redocly lint with the recommended rules (PostHog’s trailing slashes aside)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-lint-'));
    const file = join(dir, 'openapi.json');
    writeFileSync(file, (await system.api('GET', '/api/schema/')).text);
    const lint = await execFileAsync(
      join(REPO_ROOT, 'test', 'node_modules', '.bin', 'redocly'),
      ['lint', file, '--config', join(REPO_ROOT, 'test', 'openapi', 'redocly.yaml'), '--format', 'summary'],
      { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
    ).catch((failure: { stdout: string; stderr: string }) => ({ ...failure, failed: true }));
    const output = `${lint.stdout}\n${lint.stderr}`;
    expect('failed' in lint, output).toBe(false);
    expect(output).not.toMatch(/^error\s/m);
  });
});

describe('a client generated with openapi-typescript', () => {
  /** The generated response type of an operation: `paths[path][method]['responses'][status]['content'][json]`. */
  const responseType = (path: string, method: string, status: number) =>
    `paths['${path}']['${method}']['responses'][${status}]['content']['application/json']`;

  it('type-checks against real responses, and would catch one that strays', async () => {
    const own = await seedProject(system);
    const api = `/api/projects/${own.project.id}/insights`;
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await system.api(method, path, { key: own.key, body });
      expect(res.status, `${method} ${path}: ${res.text}`).toBeLessThan(300);
      return res.text;
    };
    const created = JSON.parse(
      await call('POST', `${api}/`, {
        name: 'Typed',
        tags: ['t'],
        query: {
          kind: 'InsightVizNode',
          source: { kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event: '$pageview' }] },
        },
      }),
    );
    await call('POST', `${api}/viewed/`, { insight_ids: [created.id] });
    const responses: [string, string][] = [
      [
        responseType('/api/projects/{project_id}/insights/{id}/', 'get', 200),
        await call('GET', `${api}/${created.id}/`),
      ],
      [
        responseType('/api/projects/{project_id}/insights/{id}/', 'get', 200),
        await call('GET', `${api}/${created.id}/?refresh=blocking`),
      ],
      [responseType('/api/projects/{project_id}/insights/', 'get', 200), await call('GET', `${api}/`)],
      [responseType('/api/projects/{project_id}/insights/', 'post', 201), JSON.stringify(created)],
      [
        responseType('/api/projects/{project_id}/insights/{id}/', 'patch', 200),
        await call('PATCH', `${api}/${created.id}/`, { description: 'typed' }),
      ],
      [
        responseType('/api/projects/{project_id}/insights/bulk_update_tags/', 'post', 200),
        await call('POST', `${api}/bulk_update_tags/`, { ids: [created.id], action: 'add', tags: ['u'] }),
      ],
      [
        responseType('/api/projects/{project_id}/insights/my_last_viewed/', 'get', 200),
        await eventually(
          () => call('GET', `${api}/my_last_viewed/`),
          (text) => text.includes('Typed'),
        ),
      ],
      [
        responseType('/api/projects/{project_id}/insights/trending/', 'get', 200),
        await call('GET', `${api}/trending/`),
      ],
      [
        responseType('/api/projects/{project_id}/insights/activity/', 'get', 200),
        await eventually(
          () => call('GET', `${api}/activity/`),
          (text) => text.includes('Typed'),
        ),
      ],
      [
        responseType('/api/projects/{project_id}/query/', 'post', 200),
        await call('POST', `/api/projects/${own.project.id}/query/`, {
          query: { kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event: '$pageview' }] },
        }),
      ],
    ];
    const check = (bodies: readonly [string, string][]) =>
      typecheckSources({
        '/client/api.d.ts': schema,
        '/client/check.ts': [
          "import type { paths } from './api';",
          ...bodies.map(([type, body], n) => `export const response${n}: ${type} = ${body};`),
        ].join('\n'),
      });
    const schema = await generateApiTypes();
    expect(check(responses)).toEqual([]);

    // The same check fails on a response that strays from the document: a field of another type, and one it lacks.
    const strayed = JSON.parse(responses[0]![1]);
    expect(check([[responses[0]![0], JSON.stringify({ ...strayed, name: 5 })]])).toEqual([
      "/client/check.ts:2: Type 'number' is not assignable to type 'string'.",
    ]);
    expect(check([[responses[0]![0], JSON.stringify({ ...strayed, surprise: true })]]).join('\n')).toMatch(
      /'"surprise"' does not exist in type/,
    );
  }, 60_000);
});
