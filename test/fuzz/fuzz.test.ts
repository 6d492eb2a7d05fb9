import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { fuzz } from './fuzz-run.js';
import { FUZZ_IDENTITY_SECRET, fuzzTarget, prototypeKeys, stillWorks } from './fuzz-setup.js';

const servers: TestServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.cleanup();
});

describe('hostile input (short form of npm run test:fuzz)', () => {
  it.each([
    ['reached directly', {}],
    ['behind a trusted proxy', { PARLEY_TRUST_PROXY: 'loopback' }],
  ])('answers 250 requests of garbage at every route, %s, with clear 4xx errors, never a 5xx, and keeps working', async (_, env) => {
    const server = await startTestServer({ env: { PARLEY_LOGIN_ATTEMPTS_PER_MINUTE: '10000', PARLEY_IDENTITY_SECRET: FUZZ_IDENTITY_SECRET, ...env } });
    servers.push(server);
    const before = prototypeKeys();
    const target = await fuzzTarget(server.url, server.parley.routes, 2);
    const result = await fuzz(target, 250, 20_251_123);
    expect(result.failures).toEqual([]);
    expect(result.sent).toBe(250);
    // No request reached Object.prototype (this server runs in the test's own process).
    expect(prototypeKeys()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const after = await stillWorks(server.url);
    expect(after.health).toBe(200);
    expect(after.reply).toMatch(/order/i);
  });
});
