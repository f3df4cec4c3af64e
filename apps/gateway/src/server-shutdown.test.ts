import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeGateway } from './server.js';
import { startGatewayWithoutServices } from './testing/gateway-without-services.js';

let gateway: Awaited<ReturnType<typeof startGatewayWithoutServices>>;
beforeAll(async () => {
  gateway = await startGatewayWithoutServices();
});
afterAll(async () => gateway?.stop());

describe('a gateway shutting down', () => {
  it('answers requests that arrive while it closes with a 503 in PostHog’s error shape', async () => {
    const closing = closeGateway(gateway.app);
    const response = await gateway.app.inject({ method: 'GET', url: '/api/projects/1/insights/' });
    await closing;
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({
      type: 'server_error',
      code: 'service_unavailable',
      detail: 'A service is unavailable, try again shortly.',
      attr: null,
    });
  });
});
