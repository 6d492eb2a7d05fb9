/**
 * Every route × every kind of caller, generated from the app's own route table
 * (`parley.routes`, filled by ApiRouter) plus the Direct Line routes read from their router,
 * so a new route is checked the day it is added — and a Direct Line route without a rule here
 * fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectLineService } from '../../src/channels/index.js';
import { directLineRoutes } from '../../src/http/directline-routes.js';
import type { RouteInfo } from '../../src/http/api/route-table.js';
import { request, signIn, startConversation, streamStatus } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

type Caller = 'anonymous' | 'customerA' | 'customerB' | 'agent' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'customerA', 'customerB', 'agent', 'admin'];
/** `allowed`: the guard let the caller through (any answer but 401/403, never a 5xx). */
type Expectation = number | 'allowed';

let server: TestServer;
let customerA: { conversationId: string; token: string; streamUrl: string };
let customerB: { conversationId: string; token: string };
const cookies: Record<'agent' | 'admin', string> = { agent: '', admin: '' };

const login = (email: string, password: string) => signIn(server.url, email, password);

beforeAll(async () => {
  server = await startTestServer({ env: { PARLEY_LOGIN_ATTEMPTS_PER_MINUTE: '1000' } });
  cookies.admin = await login('admin@example.com', 'correct horse battery');
  const created = await request(server.url, 'POST', '/api/users', { cookie: cookies.admin, body: { email: 'agent@example.com', password: 'agent password 1', role: 'agent' } });
  expect(created.status).toBe(201);
  cookies.agent = await login('agent@example.com', 'agent password 1');
  customerA = await startConversation(server.url);
  customerB = await startConversation(server.url);
});
afterAll(async () => {
  await server?.cleanup();
});

/** What each caller must get from an /api route, from the access the route declares. */
function apiExpectations(route: RouteInfo): Record<Caller, Expectation> {
  switch (route.access) {
    case 'public':
      return { anonymous: 'allowed', customerA: 'allowed', customerB: 'allowed', agent: 'allowed', admin: 'allowed' };
    case 'agent':
      return { anonymous: 401, customerA: 401, customerB: 401, agent: 'allowed', admin: 'allowed' };
    case 'admin':
      return { anonymous: 401, customerA: 401, customerB: 401, agent: 403, admin: 'allowed' };
    default:
      throw new Error(`no access rule for ${route.method.toUpperCase()} ${route.path}: ${String(route.access)}`);
  }
}

/**
 * The Direct Line routes, against customer A's conversation. A token opens exactly its own
 * conversation (B gets 403); agents' cookies mean nothing here (401 without a token).
 */
const DIRECT_LINE: Record<string, Record<Caller, Expectation>> = {
  'POST /tokens/generate': { anonymous: 200, customerA: 200, customerB: 200, agent: 200, admin: 200 },
  'POST /tokens/refresh': { anonymous: 401, customerA: 200, customerB: 200, agent: 401, admin: 401 },
  'POST /conversations': { anonymous: 201, customerA: 201, customerB: 201, agent: 201, admin: 201 },
  'GET /conversations/:id': { anonymous: 401, customerA: 200, customerB: 403, agent: 401, admin: 401 },
  'POST /conversations/:id/activities': { anonymous: 401, customerA: 200, customerB: 403, agent: 401, admin: 401 },
  'GET /conversations/:id/activities': { anonymous: 401, customerA: 200, customerB: 403, agent: 401, admin: 401 },
};

/** The Direct Line router's own routes, read from a router built on a stand-in service. */
function declaredDirectLineRoutes(): string[] {
  const router = directLineRoutes({} as DirectLineService) as unknown as { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  return router.stack.flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${layer.route!.path}`) : []));
}

function credentials(caller: Caller): { token?: string; cookie?: string } {
  if (caller === 'customerA') return { token: customerA.token };
  if (caller === 'customerB') return { token: customerB.token };
  if (caller === 'agent' || caller === 'admin') return { cookie: cookies[caller] };
  return {};
}

/** Status of one call; streams (Server-Sent Events) are cut off once the status is known. */
async function statusOf(method: string, path: string, caller: Caller, body?: unknown): Promise<number> {
  const { token, cookie } = credentials(caller);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (cookie) headers.cookie = cookie;
  const response = await fetch(`${server.url}${path}`, { method: method.toUpperCase(), headers, body: method === 'get' || method === 'GET' ? undefined : JSON.stringify(body ?? {}) });
  await response.body?.cancel();
  return response.status;
}

function check(label: string, status: number, expected: Expectation, failures: string[]): void {
  const ok = expected === 'allowed' ? status !== 401 && status !== 403 && status < 500 : status === expected;
  if (!ok) failures.push(`${label}: got ${status}, expected ${expected}`);
}

describe('the access matrix', () => {
  it('has a rule for every Direct Line route', () => {
    const declared = declaredDirectLineRoutes();
    expect(declared.length).toBeGreaterThanOrEqual(6);
    expect(declared.filter((route) => !DIRECT_LINE[route])).toEqual([]);
  });

  it('gives every /api route the answer its access rule says, for each of the five callers', async () => {
    const routes = server.parley.routes;
    expect(routes.length).toBeGreaterThan(10);
    const failures: string[] = [];
    // Signing out ends the session it is sent with: those calls get sessions of their own, last.
    const ordered = [...routes].sort((a, b) => Number(a.path === '/api/auth/logout') - Number(b.path === '/api/auth/logout'));
    for (const route of ordered) {
      const expectations = apiExpectations(route);
      const path = route.path.replace(/:[A-Za-z]+/g, 'no-such-id');
      for (const caller of CALLERS) {
        if (route.path === '/api/auth/logout' && (caller === 'agent' || caller === 'admin')) {
          cookies[caller] = caller === 'admin' ? await login('admin@example.com', 'correct horse battery') : await login('agent@example.com', 'agent password 1');
        }
        check(`${route.method.toUpperCase()} ${route.path} as ${caller}`, await statusOf(route.method, path, caller), expectations[caller], failures);
      }
    }
    expect(failures).toEqual([]);
  });

  it('asks the same of a route whatever its query or conditions: an import\'s dry run and a publish sent with a check\'s draftRevision are admin-only too', async () => {
    // The matrix above ends with signing out: sessions of their own.
    cookies.admin = await login('admin@example.com', 'correct horse battery');
    cookies.agent = await login('agent@example.com', 'agent password 1');
    const failures: string[] = [];
    const variants: [string, string, Record<string, string>][] = [
      ['post', '/api/knowledge/import?dryRun=true', {}],
      ['post', '/api/knowledge/import?dryRun=false', {}],
      ['post', '/api/knowledge/publish', { 'if-match': '"AAAAAAAAAAAAAAAA"' }],
      ['post', '/api/knowledge/publish?dryRun=true', { 'if-match': '"AAAAAAAAAAAAAAAA"' }],
      ['put', '/api/knowledge/intents/no-such-id', { 'if-match': '"AAAAAAAAAAAAAAAA"' }],
    ];
    for (const [method, path, extra] of variants) {
      const route = server.parley.routes.find((each) => each.method === method && path.split('?')[0]!.replace('no-such-id', ':name') === each.path);
      expect(route, `${method} ${path} is in the route table`).toBeDefined();
      const expectations = apiExpectations(route!);
      for (const caller of CALLERS) {
        const { token, cookie } = credentials(caller);
        const headers: Record<string, string> = { 'content-type': 'application/json', ...extra, ...(token ? { authorization: `Bearer ${token}` } : {}), ...(cookie ? { cookie } : {}) };
        // A dry run's body is a whole knowledge base (the draft's own: nothing changes if it goes through).
        const response = await fetch(`${server.url}${path}`, { method: method.toUpperCase(), headers, body: JSON.stringify({ intents: [] }) });
        await response.body?.cancel();
        check(`${method.toUpperCase()} ${path} ${JSON.stringify(extra)} as ${caller}`, response.status, expectations[caller], failures);
      }
    }
    expect(failures).toEqual([]);
  });

  it('gives every Direct Line route the answer its rule says, for each of the five callers', async () => {
    const failures: string[] = [];
    for (const [route, expectations] of Object.entries(DIRECT_LINE)) {
      const [method, pattern] = route.split(' ') as [string, string];
      const path = `/v3/directline${pattern.replace(':id', customerA.conversationId)}`;
      const body = pattern.endsWith('/activities') ? { type: 'message', text: 'hello' } : {};
      for (const caller of CALLERS) check(`${route} as ${caller}`, await statusOf(method, path, caller, body), expectations[caller], failures);
    }
    expect(failures).toEqual([]);
  });

  it('opens a conversation stream only with that conversation own token', async () => {
    const statusFor = (token?: string) => streamStatus(customerA.streamUrl.replace(/t=[^&]+/, token ? `t=${token}` : 't='));
    expect({ anonymous: await statusFor(), customerA: await statusFor(customerA.token), customerB: await statusFor(customerB.token) }).toEqual({ anonymous: 401, customerA: 101, customerB: 403 });
  });
});
