import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { fuzz } from './fuzz-run.js';
import { fuzzTarget, prototypeKeys, stillWorks } from './fuzz-setup.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { PARLEY_LOGIN_ATTEMPTS_PER_MINUTE: '10000' } });
});
afterAll(async () => {
  await server?.cleanup();
});

describe('hostile input (short form of npm run test:fuzz)', () => {
  it('answers 400 requests of garbage at every route with clear 4xx errors, never a 5xx, and keeps working', async () => {
    const before = prototypeKeys();
    const target = await fuzzTarget(server.url, server.parley.routes);
    const result = await fuzz(target, 400, 20_251_123);
    expect(result.failures).toEqual([]);
    expect(result.sent).toBe(400);
    // No request reached Object.prototype (this server runs in the test's own process).
    expect(prototypeKeys()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const after = await stillWorks(server.url);
    expect(after.health).toBe(200);
    expect(after.reply).toMatch(/order/i);
  });
});
