import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, send, signIn, startConversation } from '../support/http.js';
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
  /** Messages the customers wrote to the bot, and how many of them got "not sure". */
  const seen = { questions: 0, notSure: 0 };

  beforeAll(async () => {
    server = await startTestServer();
    admin = await signIn(server.url, 'admin@example.com', 'correct horse battery');
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
    expect(topIntents).toContainEqual({ intent: 'complaint', count: 2 });
    expect(topIntents.map((entry: { intent: string }) => entry.intent)).not.toContain('cancel_order');
  });
});
