import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, startChildServer } from '../support/child-server.js';
import { request } from '../support/http.js';
import { personalDataInLog } from '../support/log-check.js';
import { tempDirs } from '../support/temp.js';

describe('failed sign-ins in the log', () => {
  const scratch = tempDirs();

  it('each names the client address (behind the proxy, the real one), never the e-mail or password tried; a client hammering on is named once a minute', async () => {
    const work = await scratch();
    const logFile = path.join(work, 'server.log');
    const server = await startChildServer({ dataDir: path.join(work, 'data'), logFile, env: { PARLEY_TRUST_PROXY: 'loopback', PARLEY_LOGIN_ATTEMPTS_PER_MINUTE: '2' } });
    const guess = { email: 'boss@example.com', password: 'letmein-please-123' };
    const headers = { 'x-forwarded-for': '203.0.113.7' };
    try {
      expect((await request(server.url, 'POST', '/api/auth/login', { body: guess, headers })).status).toBe(401);
      expect((await request(server.url, 'POST', '/api/auth/login', { body: guess, headers })).status).toBe(401);
      // Hammering on: refused every time, and said once a minute, not once a request.
      for (let i = 0; i < 6; i++) expect((await request(server.url, 'POST', '/api/auth/login', { body: guess, headers })).status).toBe(429);
    } finally {
      await server.stop();
    }
    const lines = (await readFile(logFile, 'utf8')).split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { level: number; msg: string; ip?: string });
    const signIns = lines.filter((line) => line.msg.startsWith('sign-in'));
    expect(signIns).toEqual([
      expect.objectContaining({ level: 40, msg: 'sign-in failed', ip: '203.0.113.7' }),
      expect.objectContaining({ level: 40, msg: 'sign-in failed', ip: '203.0.113.7' }),
      expect.objectContaining({ level: 40, msg: 'sign-in refused: too many failed attempts from this client', ip: '203.0.113.7' }),
    ]);
    expect(personalDataInLog(logFile, [guess.email, guess.password])).toEqual([]);
  }, 90_000);

  it('a disabled account signed in to with its right password is logged as refused for that, with its id; a wrong password as any failed one; both count towards the limit', async () => {
    const work = await scratch();
    const logFile = path.join(work, 'server.log');
    const server = await startChildServer({ dataDir: path.join(work, 'data'), logFile, env: { PARLEY_LOGIN_ATTEMPTS_PER_MINUTE: '3' } });
    const agent = { email: 'gone@example.com', password: 'gone agent password' };
    let agentId = '';
    try {
      const admin = (await request(server.url, 'POST', '/api/auth/login', { body: ADMIN })).headers.get('set-cookie')!.split(';')[0]!;
      agentId = (await request(server.url, 'POST', '/api/users', { cookie: admin, body: { ...agent, role: 'agent' } })).body.user.id;
      expect((await request(server.url, 'PATCH', `/api/users/${agentId}`, { cookie: admin, body: { disabled: true } })).status).toBe(200);
      expect((await request(server.url, 'POST', '/api/auth/login', { body: agent })).status).toBe(403);
      expect((await request(server.url, 'POST', '/api/auth/login', { body: { ...agent, password: 'a wrong password' } })).status).toBe(401);
      expect((await request(server.url, 'POST', '/api/auth/login', { body: agent })).status).toBe(403);
      // Three failed attempts a minute for this address: the right password does not get round it.
      expect((await request(server.url, 'POST', '/api/auth/login', { body: agent })).status).toBe(429);
    } finally {
      await server.stop();
    }
    const lines = (await readFile(logFile, 'utf8')).split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { level: number; msg: string; ip?: string; userId?: string });
    expect(lines.filter((line) => line.msg.startsWith('sign-in'))).toEqual([
      expect.objectContaining({ level: 40, msg: 'sign-in refused: account disabled', ip: '127.0.0.1', userId: agentId }),
      expect.objectContaining({ level: 40, msg: 'sign-in failed', ip: '127.0.0.1' }),
      expect.objectContaining({ level: 40, msg: 'sign-in refused: account disabled', ip: '127.0.0.1', userId: agentId }),
      expect.objectContaining({ level: 40, msg: 'sign-in refused: too many failed attempts from this client', ip: '127.0.0.1' }),
    ]);
    expect(personalDataInLog(logFile, [agent.email, agent.password])).toEqual([]);
  }, 90_000);
});
