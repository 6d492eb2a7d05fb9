import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ConfigError, loadConfig } from '../../src/config.js';
import { requestFrom, startReverseProxy } from '../support/reverse-proxy.js';
import { startTestServer, type TestServer } from '../support/server.js';

// Two customers' browsers, and the admin's: different addresses on this machine's loopback.
const ALICE = '127.0.0.2';
const BOB = '127.0.0.3';
const ADMIN = '127.0.0.4';
const SITE = 'chat.example.com';
const admin = { email: 'admin@example.com', password: 'correct horse battery' };

describe('Parley behind a reverse proxy, with PARLEY_TRUST_PROXY=1', () => {
  let parley: TestServer;
  let proxy: Awaited<ReturnType<typeof startReverseProxy>>;
  const viaProxy = (from: string, method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}) =>
    requestFrom(from, proxy.url, method, path, { ...options, headers: { host: SITE, ...options.headers } });

  beforeAll(async () => {
    parley = await startTestServer({ env: { PARLEY_TRUST_PROXY: '1', PARLEY_DIRECTLINE_STARTS_PER_MINUTE: '3', PARLEY_LOGIN_ATTEMPTS_PER_MINUTE: '1' } });
    proxy = await startReverseProxy(parley.url);
  });
  afterAll(async () => {
    await proxy?.close();
    await parley?.cleanup();
  });

  it('limits each customer behind the proxy separately: one who opens too many chats does not block another', async () => {
    for (let i = 0; i < 3; i++) expect((await viaProxy(ALICE, 'POST', '/v3/directline/conversations', { body: {} })).status).toBe(201);
    const blocked = await viaProxy(ALICE, 'POST', '/v3/directline/conversations', { body: {} });
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    expect((await viaProxy(BOB, 'POST', '/v3/directline/conversations', { body: {} })).status).toBe(201);
  });

  it('counts failed sign-ins per client: someone guessing passwords does not lock the admin out', async () => {
    // One failed attempt per account and client, five per client across accounts.
    for (let i = 0; i < 5; i++) {
      const guess = await viaProxy(BOB, 'POST', '/api/auth/login', { body: { email: `guess${i}@example.com`, password: 'wrong password' } });
      expect(guess.status).toBe(401);
    }
    expect((await viaProxy(BOB, 'POST', '/api/auth/login', { body: admin })).status).toBe(429);
    expect((await viaProxy(ADMIN, 'POST', '/api/auth/login', { body: admin })).status).toBe(200);
  });

  it('sets the session cookie Secure (still httpOnly and SameSite) when the browser came over HTTPS, and accepts the site\'s own origin', async () => {
    const login = await viaProxy(ADMIN, 'POST', '/api/auth/login', { body: admin });
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    const session = /parley_session=[^;]+/.exec(cookie)![0];
    // Parley itself sees Host: 127.0.0.1:port (nginx's default); the browser's origin is the site's.
    const otherSite = await viaProxy(ADMIN, 'POST', '/api/auth/logout', { headers: { cookie: session, origin: 'https://evil.example' } });
    expect(otherSite.status).toBe(403);
    const logout = await viaProxy(ADMIN, 'POST', '/api/auth/logout', { headers: { cookie: session, origin: `https://${SITE}` } });
    expect(logout.status).toBe(204);
    expect(String(logout.headers['set-cookie'])).toMatch(/Max-Age=0; Secure/);
  });

  it('hands out a stream URL only for a well-formed host: a forged X-Forwarded-Host with a path cannot point the client elsewhere', async () => {
    const started = await viaProxy('127.0.0.5', 'POST', '/v3/directline/conversations', { body: {}, headers: { host: 'evil.example/steal?x=' } });
    expect(started.status).toBe(201);
    const streamUrl = String(started.body.streamUrl);
    expect(streamUrl).not.toContain('evil.example');
    expect(new URL(streamUrl).pathname).toMatch(/^\/v3\/directline\/conversations\/[^/]+\/stream$/);
  });

  it('gives the widget a stream URL on the site it sees (wss://), which opens through the proxy', async () => {
    const started = await viaProxy(BOB, 'POST', '/v3/directline/conversations', { body: {} });
    expect(started.status).toBe(201);
    const streamUrl = new URL(started.body.streamUrl as string);
    expect(streamUrl.protocol).toBe('wss:');
    expect(streamUrl.host).toBe(SITE);
    // The test's proxy speaks plain HTTP where nginx would speak TLS.
    const status = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`${proxy.url.replace('http', 'ws')}${streamUrl.pathname}${streamUrl.search}`, { headers: { host: SITE }, localAddress: BOB });
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => {
        socket.close();
        resolve(101);
      });
      socket.on('error', () => {});
    });
    expect(status).toBe(101);
  });
});

describe('without PARLEY_TRUST_PROXY (the default)', () => {
  let parley: TestServer;
  beforeAll(async () => {
    parley = await startTestServer({ env: { PARLEY_DIRECTLINE_STARTS_PER_MINUTE: '3' } });
  });
  afterAll(async () => parley?.cleanup());

  it('ignores X-Forwarded-For and -Proto: a client cannot forge its way past the limit or into a Secure cookie', async () => {
    for (let i = 0; i < 3; i++) {
      const started = await requestFrom(ALICE, parley.url, 'POST', '/v3/directline/conversations', { body: {}, headers: { 'x-forwarded-for': `203.0.113.${i}` } });
      expect(started.status).toBe(201);
      expect(started.body.streamUrl).toMatch(/^ws:\/\/127\.0\.0\.1:/);
    }
    const forged = await requestFrom(ALICE, parley.url, 'POST', '/v3/directline/conversations', { body: {}, headers: { 'x-forwarded-for': '203.0.113.99' } });
    expect(forged.status).toBe(429);
    const login = await requestFrom(ADMIN, parley.url, 'POST', '/api/auth/login', { body: admin, headers: { 'x-forwarded-proto': 'https' } });
    expect(login.status).toBe(200);
    expect(String(login.headers['set-cookie'])).not.toMatch(/Secure/);
  });
});

describe('PARLEY_TRUST_PROXY values', () => {
  const load = (value: string) => loadConfig({ PARLEY_TRUST_PROXY: value }).trustProxy;

  it('takes a hop count, loopback and other named ranges, IPs and CIDRs; off by default', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(load('0')).toBe(false);
    expect(load('off')).toBe(false);
    expect(load('1')).toBe(1);
    expect(load('loopback')).toEqual(['loopback']);
    expect(load('loopback, 10.0.0.0/8,192.168.1.5 ,fd00::/8')).toEqual(['loopback', '10.0.0.0/8', '192.168.1.5', 'fd00::/8']);
  });

  it('refuses "true" (anyone could forge an address) and what is not an address, naming the setting', () => {
    // A range of every address is "true" under another name: any client's X-Forwarded-For would be believed.
    for (const value of ['true', 'nginx', '10.0.0.0/33', '300.1.1.1', '11', '0.0.0.0/0', '::/0', 'loopback, 0.0.0.0/00']) {
      expect(() => load(value)).toThrow(ConfigError);
      expect(() => load(value)).toThrow(/PARLEY_TRUST_PROXY: /);
    }
  });
});
