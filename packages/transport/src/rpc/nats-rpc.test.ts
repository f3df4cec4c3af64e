import { randomBytes } from 'node:crypto';
import { signPrincipal } from '@insights/scope-auth';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createTRPCClient, TRPCClientError } from '@trpc/client';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contextFactory } from '../service-runtime.js';
import { JsonText } from './json-text.js';
import { natsLink, natsSender } from './nats-link.js';
import { type NatsRpcServer, serveOverNats } from './nats-server.js';
import { createRpcClient, mutateAsJsonText, queryAsJsonText } from './rpc-client.js';
import { createServiceTRPC } from './service-trpc.js';
import { findTransportError } from './transport-error.js';

const SECRET = 'a-principal-secret-for-tests';
const log = pino({ level: 'silent' });
const { router, procedure, scopedProcedure } = createServiceTRPC<{ blob: string }>();
const testRouter = router({
  echo: procedure
    .input(z.object({ text: z.string() }))
    .query(({ input, ctx }) => ({ text: input.text, requestId: ctx.requestId })),
  blob: procedure.query(({ ctx }) => ctx.deps.blob),
  secret: scopedProcedure('insight:read').query(({ ctx }) => ctx.principal.user.email),
  crash: procedure.mutation(() => {
    throw new Error('SELECT password FROM secrets failed');
  }),
  slow: procedure.query(() => new Promise((resolve) => setTimeout(() => resolve('late'), 2_000))),
  // A procedure may be called `query`, and routers nest.
  query: procedure
    .input(z.object({ n: z.number() }))
    .mutation(({ input }) => ({ status: 200, body: { twice: input.n * 2 } })),
  nested: router({
    deeper: router({ leaf: procedure.query(() => ({ unicode: 'é “quoted” \\ \u2028', list: [1, null] })) }),
  }),
});

let nc: NatsConnection;
let server: NatsRpcServer;
const prefix = `rpc${randomBytes(4).toString('hex')}`;
// Three times the server's default max_payload of 1 MiB.
const blob = 'x'.repeat(3 * 1024 * 1024);

beforeAll(async () => {
  nc = await connect({ servers: (process.env.NATS_URL ?? 'nats://127.0.0.1:4222').replace('nats://', '') });
  server = serveOverNats({
    nc,
    prefix,
    service: 'probe',
    router: testRouter,
    createContext: contextFactory({ deps: { blob }, principalSecret: SECRET, log }),
    log,
  });
});
afterAll(async () => {
  await server?.drain();
  await nc?.drain();
});

const clients = {
  "tRPC's client on natsLink": (service: string, timeoutMs: number) =>
    createTRPCClient<typeof testRouter>({ links: [natsLink({ nc, prefix, service, timeoutMs })] }),
  'createRpcClient on natsSender': (service: string, timeoutMs: number) =>
    createRpcClient<typeof testRouter>(natsSender({ nc, prefix, service, timeoutMs })),
};

describe.each(Object.entries(clients))('tRPC over NATS, %s', (_name, makeClient) => {
  const client = (service = 'probe', timeoutMs = 1_000) => makeClient(service, timeoutMs);

  it('calls a procedure named query, and nested routers', async () => {
    expect(await client().query.mutate({ n: 21 })).toEqual({ status: 200, body: { twice: 42 } });
    expect(await client().nested.deeper.leaf.query()).toEqual({ unicode: 'é “quoted” \\ \u2028', list: [1, null] });
  });

  it('answers a result as the JSON text the service sent, unparsed, and errors as errors', async () => {
    const text = await queryAsJsonText(client().nested.deeper.leaf, undefined);
    expect(text).toBeInstanceOf(JsonText);
    expect(text.text).toBe(JSON.stringify({ unicode: 'é “quoted” \\ \u2028', list: [1, null] }));
    expect(text.parse()).toEqual(await client().nested.deeper.leaf.query());
    expect((await mutateAsJsonText(client().query, { n: 1 })).text).toBe('{"status":200,"body":{"twice":2}}');
    const big = await queryAsJsonText(client('probe', 5_000).blob, undefined);
    expect(big.text).toBe(JSON.stringify(blob));
    await expect(mutateAsJsonText(client().crash, undefined)).rejects.toBeInstanceOf(TRPCClientError);
  });

  it('carries the input, and the request id in a header', async () => {
    const result = await client().echo.query({ text: 'hi' }, { context: { requestId: 'req-42' } });
    expect(result).toEqual({ text: 'hi', requestId: 'req-42' });
  });

  it('returns a reply larger than one NATS message, in chunks', async () => {
    const result = await client('probe', 5_000).blob.query();
    expect(result.length).toBe(blob.length);
    expect(result).toBe(blob);
  });

  it('verifies the signed principal and re-checks the scope', async () => {
    const user = {
      id: 1,
      uuid: 'u',
      distinct_id: 'd',
      first_name: 'A',
      last_name: '',
      email: 'a@example.com',
      is_email_verified: true,
    };
    const base = { user, projectId: 1, organizationId: null, projectLevel: 'viewer' as const, client: null };
    const reader = signPrincipal({ ...base, scopes: ['insight:read'] }, SECRET);
    expect(await client().secret.query(undefined, { context: { principalToken: reader } })).toBe('a@example.com');
    const other = signPrincipal({ ...base, scopes: ['activity_log:read'] }, SECRET);
    await expect(client().secret.query(undefined, { context: { principalToken: other } })).rejects.toMatchObject({
      message: "API key missing required scope 'insight:read'",
    });
  });

  it('masks the message of an unexpected error', async () => {
    const error = await client()
      .crash.mutate()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as Error).message).toBe('Internal server error');
  });

  it('reports a call nobody answers as service_unavailable and a slow one as timeout', async () => {
    const missing = await client('nobody-serves-this')
      .echo.query({ text: 'x' })
      .catch((e: unknown) => e);
    expect(findTransportError(missing)?.failure).toBe('service_unavailable');
    const slow = await client('probe', 200)
      .slow.query()
      .catch((e: unknown) => e);
    expect(findTransportError(slow)?.failure).toBe('timeout');
  });
});

describe('a call in flight when its connection closes', () => {
  it('fails at once as service_unavailable, not at its timeout', async () => {
    const own = await connect({ servers: (process.env.NATS_URL ?? 'nats://127.0.0.1:4222').replace('nats://', '') });
    const slow = createRpcClient<typeof testRouter>(
      natsSender({ nc: own, prefix, service: 'probe', timeoutMs: 10_000 }),
    )
      .slow.query()
      .catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await own.close();
    const error = await slow;
    expect(findTransportError(error)?.failure).toBe('service_unavailable');
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
