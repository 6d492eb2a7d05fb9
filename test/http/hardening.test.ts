/**
 * What the hardening tools (load, fuzz, access matrix) asked for: new conversations are rate
 * limited per address with a clear 429 and Retry-After, the console and admin pages carry a
 * strict Content-Security-Policy, and cross-origin calls are open only where the widget needs them.
 */
import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileNameFor } from '../../src/storage/lowdb/file-names.js';
import { request, signIn, startConversation } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let started: { token: string; conversationId: string };
beforeAll(async () => {
  server = await startTestServer({ env: { PARLEY_DIRECTLINE_STARTS_PER_MINUTE: '4' } });
  started = await startConversation(server.url);
});
afterAll(async () => {
  await server?.cleanup();
});

describe('new conversations from one address', () => {
  it('are limited: the fifth in a minute gets 429 with Retry-After, while a token resumes its own chat freely', async () => {
    const first = await request(server.url, 'POST', '/v3/directline/tokens/generate', { body: {} });
    expect(first.status).toBe(200);
    expect((await request(server.url, 'POST', '/v3/directline/conversations', { body: {} })).status).toBe(201);
    expect((await request(server.url, 'POST', '/v3/directline/tokens/generate', { body: {} })).status).toBe(200);
    const refused = await request(server.url, 'POST', '/v3/directline/conversations', { body: {} });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.error).toMatchObject({ code: 'too_many_requests', message: expect.stringMatching(/wait a minute/) });
    const resumed = await request(server.url, 'POST', '/v3/directline/conversations', { token: first.body.token, body: {} });
    expect(resumed.status).toBe(201);
    expect(resumed.body.conversationId).toBe(first.body.conversationId);
  });
});

describe('messages in one conversation', () => {
  it('are limited per conversation: a loop gets 429 with Retry-After, strangers cannot spend the allowance, typing is free', async () => {
    const limited = await startTestServer({ env: { PARLEY_MESSAGES_PER_MINUTE: '5' } });
    try {
      const [a, b] = [await startConversation(limited.url), await startConversation(limited.url)];
      const post = (conversation: { conversationId: string }, token: string, body: object) =>
        request(limited.url, 'POST', `/v3/directline/conversations/${conversation.conversationId}/activities`, { token, body });
      // B's token on A's conversation: refused before it counts.
      for (let i = 0; i < 6; i += 1) expect((await post(a, b.token, { type: 'message', text: 'hi' })).status).toBe(403);
      for (let i = 0; i < 5; i += 1) expect((await post(a, a.token, { type: 'message', text: `question ${i}` })).status).toBe(200);
      const refused = await post(a, a.token, { type: 'message', text: 'one more' });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // …readable by a widget on another site.
      expect(refused.headers.get('access-control-expose-headers')).toMatch(/Retry-After/);
      expect(refused.body.error).toMatchObject({ code: 'too_many_requests', message: expect.stringMatching(/too many messages/) });
      expect((await post(a, a.token, { type: 'typing' })).status).toBe(200);
      expect((await post(b, b.token, { type: 'message', text: 'hello' })).status).toBe(200);
    } finally {
      await limited.cleanup();
    }
  });
});

describe('a full disk', () => {
  it('refuses a message with 503 storage_full and Retry-After instead of an unexplained 500, and other customers carry on', async () => {
    const disk = await startTestServer();
    try {
      // This conversation's transcript is /dev/full: every write to it fails with the kernel's ENOSPC.
      const { body: issued } = await request(disk.url, 'POST', '/v3/directline/tokens/generate', { body: {} });
      await mkdir(path.join(disk.dataDir, 'transcripts'), { recursive: true });
      await symlink('/dev/full', path.join(disk.dataDir, 'transcripts', `${fileNameFor(issued.conversationId)}.jsonl`));
      const refused = await request(disk.url, 'POST', `/v3/directline/conversations/${issued.conversationId}/activities`, {
        token: issued.token,
        body: { type: 'message', text: 'where is my order?' },
      });
      expect(refused.status).toBe(503);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.body.error).toEqual({ code: 'storage_full', message: 'the server cannot store anything right now; try again in a few minutes' });
      const other = await startConversation(disk.url);
      const answered = await request(disk.url, 'POST', `/v3/directline/conversations/${other.conversationId}/activities`, {
        token: other.token,
        body: { type: 'message', text: 'where is my order?' },
      });
      expect(answered.status).toBe(200);
    } finally {
      await disk.cleanup();
    }
  });
});

describe('sign-in attempts', () => {
  it('are limited per account and address: guessing gets 429 with Retry-After, a colleague at the same address still signs in', async () => {
    const limited = await startTestServer({ env: { PARLEY_LOGIN_ATTEMPTS_PER_MINUTE: '3' } });
    try {
      const admin = await signIn(limited.url, 'admin@example.com', 'correct horse battery');
      await request(limited.url, 'POST', '/api/users', { cookie: admin, body: { email: 'ann@example.com', password: 'agent password 1', role: 'agent' } });
      const guess = (password: string) => request(limited.url, 'POST', '/api/auth/login', { body: { email: 'ann@example.com', password } });
      for (let i = 0; i < 3; i += 1) expect((await guess(`wrong ${i}`)).status).toBe(401);
      const refused = await guess('agent password 1');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.body.error).toMatchObject({ code: 'too_many_requests', message: expect.stringMatching(/wait a minute/) });
      // Successful sign-ins do not count, and Ann's mistakes do not lock out the admin.
      for (let i = 0; i < 4; i += 1) await signIn(limited.url, 'admin@example.com', 'correct horse battery');
    } finally {
      await limited.cleanup();
    }
  });
});

describe('a rejected body', () => {
  it('names every field at fault and what is wrong with it, for pages to word in their language', async () => {
    const cookie = await signIn(server.url, 'admin@example.com', 'correct horse battery');
    const response = await request(server.url, 'POST', '/api/tickets', { cookie, body: { conversationId: started.conversationId, description: 'x'.repeat(4001), priority: 'soon' } });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/^description: /) });
    expect(response.body.error.fields).toEqual([
      expect.objectContaining({ path: 'description', code: 'too_long', limit: 4000 }),
      expect.objectContaining({ path: 'priority', code: 'other' }),
    ]);
  });
});

describe('personal data in answers', () => {
  it('is never kept by a browser or proxy cache: every API and Direct Line answer says no-store', async () => {
    // Before the rate-limit test below uses up this address's new conversations.
    const { token, conversationId } = started;
    const transcript = await request(server.url, 'GET', `/v3/directline/conversations/${conversationId}/activities`, { token });
    expect(transcript.status).toBe(200);
    expect(transcript.headers.get('cache-control')).toBe('no-store');
    const login = await request(server.url, 'POST', '/api/auth/login', { body: { email: 'admin@example.com', password: 'correct horse battery' } });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    for (const path of ['/api/auth/me', '/api/users', '/api/tickets', `/api/conversations/${conversationId}`]) {
      const response = await request(server.url, 'GET', path, { cookie });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
    }
  });
});

describe('pages and cross-origin rules', () => {
  it('serve the agent console and admin pages with a strict Content-Security-Policy', async () => {
    for (const page of ['/agent', '/admin']) {
      const response = await fetch(`${server.url}${page}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'self'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('let other sites call Direct Line and load widget.js, but never the agent and admin API', async () => {
    const origin = { origin: 'https://shop.example' };
    const directLine = await fetch(`${server.url}/v3/directline/tokens/generate`, { method: 'OPTIONS', headers: origin });
    expect(directLine.headers.get('access-control-allow-origin')).toBe('*');
    expect(directLine.headers.get('access-control-allow-credentials')).toBeNull();
    const widget = await fetch(`${server.url}/widget.js`, { headers: origin });
    expect(widget.headers.get('access-control-allow-origin')).toBe('*');
    for (const path of ['/api/auth/login', '/api/conversations', '/api/users']) {
      const preflight = await fetch(`${server.url}${path}`, { method: 'OPTIONS', headers: { ...origin, 'access-control-request-method': 'POST' } });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    }
    const crossSite = await request(server.url, 'POST', '/api/auth/login', { headers: origin, body: { email: 'admin@example.com', password: 'correct horse battery' } });
    expect(crossSite.status).toBe(403);
  });
});
