import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, send, signIn, startConversation } from '../support/http.js';
import { openEvents } from '../support/events.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * The dashboard against what really happened: customers chat over Direct Line, agents work in
 * the API, and the test keeps its own tally of what the customers saw; the summary must agree.
 */

/** The bot's "I'm not sure" (src/bot/messages.ts), in both languages. */
const NOT_SURE = /I'm not sure I understood that|抱歉，我没有完全理解您的问题/;

describe('analytics summary against a scripted day', () => {
  let server: TestServer;
  let admin: string;
  const agents: Record<string, { cookie: string; id: string }> = {};
  /** Messages the customers wrote to the bot, and how many of them got "not sure". */
  const seen = { questions: 0, notSure: 0 };

  beforeAll(async () => {
    server = await startTestServer();
    admin = await signIn(server.url, 'admin@example.com', 'correct horse battery');
    for (const name of ['Alice', 'Bob']) {
      const email = `${name.toLowerCase()}@example.com`;
      const created = await request(server.url, 'POST', '/api/users', { cookie: admin, body: { email, password: 'agent password 1', role: 'agent', name } });
      agents[name] = { id: created.body.user.id, cookie: await signIn(server.url, email, 'agent password 1') };
    }
  });
  afterAll(() => server?.cleanup());

  const summary = async (query = '') => (await request(server.url, 'GET', `/api/analytics/summary${query}`, { cookie: admin })).body;

  /** A customer's question to the bot; tallies whether the bot said it was not sure. */
  async function ask(customer: { conversationId: string; token: string }, text: string): Promise<string> {
    const replies = await send(server.url, customer, text);
    await server.parley.adapter.idle();
    const said = replies.map((reply: { text?: string }) => reply.text ?? '').join('\n');
    seen.questions += 1;
    if (NOT_SURE.test(said)) seen.notSure += 1;
    return said;
  }

  it('counts as "not sure" only the messages the bot said it was not sure about: a complaint it took up is handled', async () => {
    const lost = await startConversation(server.url, 'en-US');
    expect(await ask(lost, 'do you sell unicorn saddles')).toMatch(NOT_SURE);
    // An upset customer is offered a complaint; one who names a complaint beside an order question files one.
    const upset = await startConversation(server.url, 'en-US');
    expect(await ask(upset, "This is ridiculous, I've waited a week and nobody helps. I want a human NOW")).toMatch(/complaint/);
    const complaining = await startConversation(server.url, 'zh-CN');
    expect(await ask(complaining, '我要投诉，订单 999999 一直没发货')).toMatch(/描述|联系您/);

    const { turns, fallbackRate, topIntents, topUnanswered } = await summary();
    expect(turns.total).toBe(seen.questions);
    expect(turns.fallback).toBe(seen.notSure);
    expect(fallbackRate).toBeCloseTo(seen.notSure / seen.questions, 3);
    expect(topUnanswered.reduce((sum: number, entry: { count: number }) => sum + entry.count, 0)).toBe(seen.notSure);
    // Both complaints are counted as complaints, not as the order question the words also matched.
    expect(topIntents).toContainEqual(expect.objectContaining({ intent: 'complaint', count: 2 }));
    expect(topIntents.map((entry: { intent: string }) => entry.intent)).not.toContain('cancel_order');
  });

  /** Runs `run` with every agent's console open: online, so a request for a person waits for them. */
  async function withAgentsOnline(run: () => Promise<void>): Promise<void> {
    const consoles = await Promise.all(Object.values(agents).map(({ cookie }) => openEvents(server.url, cookie)));
    try {
      await run();
    } finally {
      for (const events of consoles) events.close();
    }
  }

  /** `name` takes the chat, writes to the customer and hands it back; the customer rates the help `score` and says no more. */
  async function helped(customer: { conversationId: string; token: string }, name: string, score: number): Promise<void> {
    const { cookie } = agents[name]!;
    expect((await request(server.url, 'POST', `/api/conversations/${customer.conversationId}/claim`, { cookie })).status).toBe(200);
    expect((await request(server.url, 'POST', `/api/conversations/${customer.conversationId}/messages`, { cookie, body: { text: 'Hi, how can I help?' } })).status).toBe(201);
    expect((await request(server.url, 'POST', `/api/conversations/${customer.conversationId}/release`, { cookie })).status).toBe(200);
    await server.parley.adapter.idle();
    expect((await send(server.url, customer, String(score)))[0].text).toMatch(/Thank you for rating us/);
    // Asked whether they would recommend us at most once a month: they decline.
    if (/recommend us/.test((await send(server.url, customer, 'No, thanks'))[0].text)) await send(server.url, customer, 'No, thanks');
  }

  it('counts every agent who helped in a chat where the customer asked for a person twice, and both ratings', async () => {
    await withAgentsOnline(async () => {
      const before = await summary();
      const customer = await startConversation(server.url, 'en-US');
      await ask(customer, 'I want to talk to a person');
      await helped(customer, 'Alice', 5);
      await ask(customer, 'I want to talk to a person again');
      await helped(customer, 'Bob', 2);

      const after = await summary();
      expect(after.csat.count - before.csat.count).toBe(2);
      expect(after.csat.distribution['5'] - before.csat.distribution['5']).toBe(1);
      expect(after.csat.distribution['2'] - before.csat.distribution['2']).toBe(1);
      expect(after.agentFirstResponseSeconds.count - before.agentFirstResponseSeconds.count).toBe(2);
      const row = (name: string) => after.agents.find((agent: { name: string }) => agent.name === name);
      expect(row('Alice')).toMatchObject({ chats: 1, rating: { count: 1, average: 5 }, firstResponseSeconds: { count: 1 } });
      expect(row('Bob')).toMatchObject({ chats: 1, rating: { count: 1, average: 2 }, firstResponseSeconds: { count: 1 } });
    });
  });

  it('counts a chat Alice passed to Bob for both of them, and the rating for Bob who finished it', async () => {
    await withAgentsOnline(async () => {
      const before = await summary();
      const customer = await startConversation(server.url, 'en-US');
      await ask(customer, 'I want to talk to a person');
      const id = customer.conversationId;
      expect((await request(server.url, 'POST', `/api/conversations/${id}/claim`, { cookie: agents.Alice!.cookie })).status).toBe(200);
      expect((await request(server.url, 'POST', `/api/conversations/${id}/messages`, { cookie: agents.Alice!.cookie, body: { text: 'Let me find a colleague.' } })).status).toBe(201);
      expect((await request(server.url, 'POST', `/api/conversations/${id}/transfer`, { cookie: agents.Alice!.cookie, body: { to: agents.Bob!.id } })).status).toBe(200);
      expect((await request(server.url, 'POST', `/api/conversations/${id}/messages`, { cookie: agents.Bob!.cookie, body: { text: 'Bob here, sorted.' } })).status).toBe(201);
      expect((await request(server.url, 'POST', `/api/conversations/${id}/release`, { cookie: agents.Bob!.cookie })).status).toBe(200);
      await server.parley.adapter.idle();
      expect((await send(server.url, customer, '4'))[0].text).toMatch(/Thank you for rating us/);

      const after = await summary();
      const change = (name: string) => {
        const [was, is] = [before, after].map((each) => each.agents.find((agent: { name: string }) => agent.name === name));
        return { chats: is.chats - was.chats, passedOn: is.passedOn - was.passedOn, ratings: is.rating.count - was.rating.count, replies: is.firstResponseSeconds.count - was.firstResponseSeconds.count };
      };
      expect(change('Alice')).toEqual({ chats: 1, passedOn: 1, ratings: 0, replies: 1 });
      expect(change('Bob')).toEqual({ chats: 1, passedOn: 0, ratings: 1, replies: 1 });
      // The chat's own first reply is Alice's, once.
      expect(after.agentFirstResponseSeconds.count - before.agentFirstResponseSeconds.count).toBe(1);
    });
  });
});
