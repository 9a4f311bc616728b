import { describe, expect, it } from 'vitest';
import { createHub, type HubOptions } from './server';
import { startPostgres } from './testing/postgres';
import { startTestHub } from './testing/hub';
import { ENGINES } from './testing/storage';
import { isLoopback } from './transport';

const REMOTE = '203.0.113.7';

describe('plain HTTP from another machine is refused unless allowed', () => {
  it('knows loopback addresses in every form', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect([REMOTE, '::ffff:10.0.0.1', '10.127.0.1', 'fe80::1', undefined].some(isLoopback)).toBe(false);
  });

  it.each(ENGINES)('refuses a remote plain request, serves loopback, health probes, --allow-http and a trusted proxy (%s)', async (engine) => {
    const send = async (opts: Partial<HubOptions>, remoteAddress: string, headers: Record<string, string> = {}, url = '/hub/v1/sync') => {
      const { hub } = await startTestHub(engine, opts);
      const r = await hub.app.inject({ method: 'POST', url, remoteAddress, headers: { 'content-type': 'application/json', ...headers }, payload: '{}' });
      return { status: r.statusCode, body: r.json() as { code?: string; key?: string } };
    };
    expect(await send({}, REMOTE)).toEqual({ status: 403, body: { code: 'hub.https_required', key: 'errors.hub_https_required' } });
    // A forwarded header from an untrusted peer is ignored.
    expect((await send({}, REMOTE, { 'x-forwarded-proto': 'https' })).body.code).toBe('hub.https_required');
    // Past the transport check, the request meets authentication.
    expect((await send({}, '127.0.0.1')).body.code).toBe('hub.unauthorized');
    expect((await send({}, '::1')).body.code).toBe('hub.unauthorized');
    expect((await send({ allowHttp: true }, REMOTE)).body.code).toBe('hub.unauthorized');
    expect((await send({ trustProxy: true }, REMOTE, { 'x-forwarded-proto': 'https' })).body.code).toBe('hub.unauthorized');
    // Behind a trusted proxy its word decides, even when the proxy runs on this machine.
    expect((await send({ trustProxy: true }, '127.0.0.1', { 'x-forwarded-proto': 'http' })).body.code).toBe('hub.https_required');
    const health = await (await startTestHub(engine)).hub.app.inject({ method: 'GET', url: '/health', remoteAddress: REMOTE });
    expect(health.statusCode).toBe(200);
  });
});

describe('health and readiness', () => {
  it.each(ENGINES)('answer over real HTTP (%s)', async (engine) => {
    const { url } = await startTestHub(engine);
    expect(await (await fetch(`${url}/health`)).json()).toEqual({ ok: true });
    const ready = await fetch(`${url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, engine });
    const unknown = await fetch(`${url}/hub/v2/sync`, { method: 'POST' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'hub.bad_request' });
  });

  it('readiness turns false when PostgreSQL goes away, while health (the process) stays up', async () => {
    const server = await startPostgres();
    const hub = await createHub({ storage: { pg: server.url } });
    try {
      const url = await hub.app.listen({ port: 0, host: '127.0.0.1' });
      expect((await fetch(`${url}/ready`)).status).toBe(200);
      await server.stop();
      const ready = await fetch(`${url}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ ready: false });
      expect((await fetch(`${url}/health`)).status).toBe(200);
    } finally {
      await hub.close();
      await server.stop();
    }
  });
});

