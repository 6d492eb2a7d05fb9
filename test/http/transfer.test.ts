/**
 * Passing a chat on (`POST /api/conversations/:id/transfer`): to a colleague who is online, or
 * back to the queue. Real HTTP against a running Parley, the customer read over Direct Line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEvents } from '../support/events.js';
import { request, send, signIn, startConversation } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let admin: string;
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};
/** Alice's and Bob's consoles: they are online. Carol has none open; Dave is disabled. */
let feeds: Awaited<ReturnType<typeof openEvents>>[] = [];

beforeAll(async () => {
  server = await startTestServer();
  admin = await signIn(server.url, 'admin@example.com', 'correct horse battery');
  for (const name of ['Alice', 'Bob', 'Carol', 'Dave']) {
    const email = `${name.toLowerCase()}@example.com`;
    const created = await request(server.url, 'POST', '/api/users', { cookie: admin, body: { email, password: 'agent password 1', role: 'agent', name } });
    expect(created.status).toBe(201);
    ids[name] = created.body.user.id;
    cookies[name] = await signIn(server.url, email, 'agent password 1');
  }
  expect((await request(server.url, 'PATCH', `/api/users/${ids.Dave}`, { cookie: admin, body: { disabled: true } })).status).toBe(200);
  feeds = [await openEvents(server.url, cookies.Alice!), await openEvents(server.url, cookies.Bob!)];
});
afterAll(async () => {
  for (const feed of feeds) feed.close();
  await server?.cleanup();
});

const transfer = (conversationId: string, cookie: string, body: unknown) => request(server.url, 'POST', `/api/conversations/${conversationId}/transfer`, { cookie, body });
const detail = async (conversationId: string) => (await request(server.url, 'GET', `/api/conversations/${conversationId}`, { cookie: admin })).body;
const customerLines = async (customer: { conversationId: string; token: string }) =>
  ((await request(server.url, 'GET', `/v3/directline/conversations/${customer.conversationId}/activities`, { token: customer.token })).body.activities as any[]).filter((activity) => activity.type === 'message');

/** A customer who asked for a person and whom `agent` took. */
async function heldBy(agent: string, locale: string, ask: string) {
  const customer = await startConversation(server.url, locale);
  await send(server.url, customer, ask);
  expect((await request(server.url, 'POST', `/api/conversations/${customer.conversationId}/claim`, { cookie: cookies[agent] })).status).toBe(200);
  return customer;
}

describe('passing a chat on', () => {
  it('to a colleague: theirs at once, the customer told who has them, no rating asked; notes stay', async () => {
    const customer = await heldBy('Alice', 'en-US', 'I want to talk to a person');
    const id = customer.conversationId;
    expect((await request(server.url, 'POST', `/api/conversations/${id}/messages`, { cookie: cookies.Alice, body: { text: 'Let me check.' } })).status).toBe(201);
    expect((await request(server.url, 'POST', `/api/conversations/${id}/notes`, { cookie: cookies.Alice, body: { text: 'Refund case, Bob knows these.' } })).status).toBe(201);
    expect((await request(server.url, 'GET', '/api/agents/online', { cookie: cookies.Alice })).body.agents.map((each: { name: string }) => each.name).sort()).toEqual(['Alice', 'Bob']);

    const passed = await transfer(id, cookies.Alice!, { to: ids.Bob });
    expect(passed.status).toBe(200);
    expect(passed.body.conversation).toMatchObject({ status: 'active', handoff: { agentId: ids.Bob, agentName: 'Bob', passedBy: { id: ids.Alice, name: 'Alice' } } });
    // Bob's console hears it is his.
    await feeds[1]!.waitFor((item) => item.event === 'queue' && item.data.event === 'handoff.transferred' && item.data.conversationId === id && item.data.toAgentId === ids.Bob);
    await server.parley.adapter.idle();

    const lines = await customerLines(customer);
    expect(lines.at(-1)).toMatchObject({ text: "You're now with Bob", channelData: { parley: { sender: 'system', event: 'transferred' } } });
    expect(lines.map((line) => line.text).join('\n')).not.toMatch(/rate|left the chat/i);
    const after = await detail(id);
    expect(after).toMatchObject({ status: 'active', agent: { id: ids.Bob, name: 'Bob' } });
    expect(after.notes.map((note: { text: string }) => note.text)).toEqual(['Refund case, Bob knows these.']);

    // Bob replies; Alice no longer can.
    expect((await request(server.url, 'POST', `/api/conversations/${id}/messages`, { cookie: cookies.Bob, body: { text: 'Hi, Bob here.' } })).status).toBe(201);
    expect((await request(server.url, 'POST', `/api/conversations/${id}/messages`, { cookie: cookies.Alice, body: { text: 'still me' } })).body.error.code).toBe('not_claimed');
    expect((await customerLines(customer)).at(-1).text).toBe('Hi, Bob here.');
  });

  it('back to the queue, in Chinese: ahead of those who asked later, for any agent to claim', async () => {
    const customer = await heldBy('Alice', 'zh-CN', '转人工');
    const id = customer.conversationId;
    const { requestedAt, claimedAt } = (await detail(id)).handoff;
    const later = await startConversation(server.url, 'zh-CN');
    await send(server.url, later, '转人工');

    expect((await transfer(id, cookies.Alice!, { to: 'queue' })).status).toBe(200);
    await server.parley.adapter.idle();
    const lines = await customerLines(customer);
    expect(lines.at(-1)).toMatchObject({ text: '正在为您转接其他客服，您的排队位置保持不变', channelData: { parley: { sender: 'system', event: 'passedToQueue' } } });
    expect(lines.map((line) => line.text).join('\n')).not.toMatch(/评分|打分/);

    const after = await detail(id);
    expect(after).toMatchObject({ status: 'waiting', handoff: { requestedAt }, queue: { position: 1 } });
    expect(after.agent ?? null).toBeNull();
    const waiting = (await request(server.url, 'GET', '/api/conversations?status=waiting', { cookie: cookies.Bob })).body.conversations.map((each: { id: string }) => each.id);
    expect(waiting.indexOf(id)).toBeLessThan(waiting.indexOf(later.conversationId));
    // The time-out (the test server's: 3 min) counts on from what was left of the customer's wait, not a fresh one.
    const leftAtClaim = Date.parse(requestedAt) + 3 * 60_000 - Date.parse(claimedAt);
    expect(Date.parse(after.timesOutAt) - Date.parse(after.handoff.passedAt)).toBe(leftAtClaim);

    expect((await request(server.url, 'POST', `/api/conversations/${id}/claim`, { cookie: cookies.Bob })).status).toBe(200);
    expect((await customerLines(customer)).at(-1).text).toBe('客服 Bob 已加入对话');
    for (const each of [customer, later]) expect((await request(server.url, 'POST', `/api/conversations/${each.conversationId}/close`, { cookie: admin })).status).toBe(200);
  });

  it('only the holder or an admin passes a chat, only an active one, only to an online, enabled colleague — each refusal says what is wrong', async () => {
    const customer = await heldBy('Alice', 'en-US', 'I want to talk to a person');
    const id = customer.conversationId;
    const refusal = async (cookie: string, body: unknown) => {
      const answer = await transfer(id, cookie, body);
      return { status: answer.status, code: answer.body.error?.code, message: answer.body.error?.message };
    };
    expect(await refusal(cookies.Bob!, { to: ids.Bob })).toMatchObject({ status: 403, message: expect.stringMatching(/Alice has this conversation/) });
    expect(await refusal(cookies.Alice!, { to: ids.Carol })).toEqual({ status: 409, code: 'colleague_offline', message: 'Carol is not online (no console open)' });
    expect(await refusal(cookies.Alice!, { to: ids.Dave })).toEqual({ status: 409, code: 'colleague_disabled', message: "Dave's account is disabled" });
    expect(await refusal(cookies.Alice!, { to: ids.Alice })).toMatchObject({ status: 409, code: 'already_holder' });
    expect(await refusal(cookies.Alice!, { to: 'nobody-by-this-id' })).toMatchObject({ status: 400, code: 'no_such_colleague' });
    expect(await refusal(cookies.Alice!, {})).toMatchObject({ status: 400 });
    expect((await detail(id)).agent.name).toBe('Alice');

    // An admin may pass an agent's chat on.
    expect((await transfer(id, admin, { to: ids.Bob })).status).toBe(200);
    expect((await customerLines(customer)).at(-1).text).toBe("You're now with Bob");
    // A waiting chat, a bot's chat and a closed one cannot be passed.
    expect((await transfer(id, cookies.Bob!, { to: 'queue' })).status).toBe(200);
    expect(await refusal(cookies.Bob!, { to: ids.Alice })).toMatchObject({ status: 409, code: 'not_active', message: expect.stringMatching(/waiting in the queue/) });
    const withBot = await startConversation(server.url, 'en-US');
    await send(server.url, withBot, 'hello');
    expect((await transfer(withBot.conversationId, cookies.Alice!, { to: 'queue' })).body.error).toMatchObject({ code: 'not_active', message: expect.stringMatching(/with the bot/) });
  });
});
