/**
 * The customer's widget says whether a person could answer now. It learns it from the Direct
 * Line responses it gets anyway (start, reconnect, token refresh): `team` is `online` while an
 * agent has the console open, else `away`, and nothing about who or how many.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEvents } from '../support/events.js';
import { addAgents, request, signIn, startConversation } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await addAgents(server.url, ['Mei', 'Tom']);
});
afterAll(async () => {
  await server?.cleanup();
});

/** What a customer's start, reconnect and refresh each say of the team, and every field they carry. */
async function told(chat: { conversationId: string; token: string }) {
  const started = await request(server.url, 'POST', '/v3/directline/conversations', { token: chat.token, body: {} });
  const reconnected = await request(server.url, 'GET', `/v3/directline/conversations/${chat.conversationId}?watermark=0`, { token: chat.token });
  const refreshed = await request(server.url, 'POST', '/v3/directline/tokens/refresh', { token: chat.token });
  const responses = [started, reconnected, refreshed];
  expect(responses.map((response) => response.status)).toEqual([201, 200, 200]);
  return { team: responses.map((response) => response.body.team as unknown), fields: responses.map((response) => Object.keys(response.body).sort()) };
}

describe('whether the team is online, as the customer is told', () => {
  it('says away with nobody online, online while an agent has the console open, away again once they leave', async () => {
    const chat = await startConversation(server.url, 'en-US');
    expect(chat).toMatchObject({ team: 'away' });
    expect((await told(chat)).team).toEqual(['away', 'away', 'away']);

    // Signed in is not online: only an open console (its live feed) is someone who could answer.
    const mei = await signIn(server.url, 'mei@example.com', 'agent password 1');
    expect((await told(chat)).team).toEqual(['away', 'away', 'away']);

    const meiConsole = await openEvents(server.url, mei);
    const tom = await openEvents(server.url, await signIn(server.url, 'tom@example.com', 'agent password 1'));
    const online = await told(chat);
    expect(online.team).toEqual(['online', 'online', 'online']);
    // A word, not the roster: no names, e-mails or count beside Direct Line's own fields.
    expect(online.fields).toEqual([
      ['conversationId', 'expires_in', 'streamUrl', 'team', 'token'],
      ['conversationId', 'expires_in', 'streamUrl', 'team', 'token'],
      ['conversationId', 'expires_in', 'team', 'token'],
    ]);
    expect((await startConversation(server.url)).team).toBe('online');

    meiConsole.close();
    await expect.poll(() => server.parley.presence.count()).toBe(1);
    expect((await told(chat)).team).toEqual(['online', 'online', 'online']);
    tom.close();
    await expect.poll(async () => (await told(chat)).team).toEqual(['away', 'away', 'away']);
  });

  it('tells a stranger nothing: a forged or missing token gets the usual 401, without the field', async () => {
    const chat = await startConversation(server.url);
    const forged = `${chat.token.slice(0, -4)}AAAA`;
    for (const [method, path] of [
      ['GET', `/v3/directline/conversations/${chat.conversationId}?watermark=0`],
      ['POST', '/v3/directline/tokens/refresh'],
    ] as const) {
      for (const token of [forged, undefined]) {
        const response = await request(server.url, method, path, token ? { token } : {});
        expect(response.status, `${method} ${path}`).toBe(401);
        expect(response.body).not.toHaveProperty('team');
      }
    }
  });
});
