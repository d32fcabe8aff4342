import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsApi, chatApi, friendsApi, walletApi } from '@maum/protocol';
import { startTestServer, type TestServer } from './support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('system endpoints', () => {
  it('answers /healthz with 200 {"status":"ok"}', async () => {
    const res = await server.request('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('publishes an OpenAPI document that lists every protocol endpoint, and a docs UI', async () => {
    const res = await server.request<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
      'GET',
      '/api/openapi.json',
    );
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    for (const endpoint of [...Object.values(accountsApi), ...Object.values(friendsApi), ...Object.values(chatApi), ...Object.values(walletApi)]) {
      const openapiPath = endpoint.path.replace(/:(\w+)/g, '{$1}');
      expect(res.body.paths[openapiPath], openapiPath).toBeDefined();
      expect(res.body.paths[openapiPath]![endpoint.method.toLowerCase()], `${endpoint.method} ${openapiPath}`).toBeDefined();
    }
    const docs = await server.request('GET', '/api/docs/');
    expect(docs.status).toBe(200);
    expect(String(docs.body)).toContain('<html');
  });

  it('answers unknown API routes with a 404 {code, message}', async () => {
    const res = await server.request('GET', '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'not_found', message: expect.any(String) });
  });

  it('requires a session on every endpoint that says so, and answers anonymous callers 401 {code, message}', async () => {
    const endpoints = [...Object.values(accountsApi), ...Object.values(friendsApi), ...Object.values(walletApi)].filter((e) => e.auth === 'user');
    expect(endpoints.length).toBeGreaterThan(15);
    for (const endpoint of endpoints) {
      const path = endpoint.path
        .replace(':userId', 'usr_01j00000000000000000000000')
        .replace(':sessionId', 'ses_01j00000000000000000000000')
        .replace(':handle', 'somebody')
        .replace(':code', 'abcdefghjk');
      const res = await server.request(endpoint.method, path, { body: 'body' in endpoint ? {} : undefined });
      expect(res.status, `${endpoint.method} ${path}`).toBe(401);
      expect(res.body).toMatchObject({ code: 'unauthorized' });
    }
  });

  it('answers a garbage or expired token with 401', async () => {
    const res = await server.request('GET', '/api/me', { token: 'not-a-real-token' });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'unauthorized' });
  });
});
