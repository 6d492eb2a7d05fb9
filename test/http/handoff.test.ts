import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, send, signIn, startConversation } from '../support/http.js';
import { openEvents } from '../support/events.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { scriptOf } from '../../src/nlu/traditional.js';

/** An agent claims, hands back or closes a customer's chat; the answer's status is checked (200 unless said). */
async function agentDoes(baseUrl: string, customer: { conversationId: string }, action: 'claim' | 'release' | 'close', cookie: string, status = 200): Promise<void> {
  expect((await request(baseUrl, 'POST', `/api/conversations/${customer.conversationId}/${action}`, { cookie })).status, `${action} answered`).toBe(status);
}

const AGENT_PASSWORD = 'agent password 1';

/** A new agent account `name` (`<name>@example.com`) created by an admin and signed in: its id and session cookie. */
async function agentSignedIn(baseUrl: string, admin: string, name: string): Promise<{ id: string; cookie: string }> {
  const email = `${name.toLowerCase()}@example.com`;
  const created = await request(baseUrl, 'POST', '/api/users', { cookie: admin, body: { email, password: AGENT_PASSWORD, role: 'agent', name } });
  expect(created.status, `${name}'s account created`).toBe(201);
  return { id: created.body.user.id as string, cookie: await signIn(baseUrl, email, AGENT_PASSWORD) };
}

const activitiesOf = async (baseUrl: string, conversation: { conversationId: string; token: string }) =>
  (await request(baseUrl, 'GET', `/v3/directline/conversations/${conversation.conversationId}/activities`, { token: conversation.token })).body.activities as any[];

describe('handoff over HTTP', () => {
  let server: TestServer;
  let admin: string;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await signIn(server.url, 'admin@example.com', 'correct horse battery');
    alice = (await agentSignedIn(server.url, admin, 'Alice')).cookie;
    bob = (await agentSignedIn(server.url, admin, 'Bob')).cookie;
  });
  afterAll(() => server?.cleanup());

  /** The consoles of the tests before have disconnected: nobody is online. */
  async function nobodyOnline(): Promise<void> {
    for (let i = 0; i < 200 && server.parley.presence.count() > 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(server.parley.presence.count()).toBe(0);
  }

  /** The customer writes a line whose answer may be a system line only (a handoff notice); resolves once the bot is done. */
  async function sayQuietly(customer: { conversationId: string; token: string }, text: string): Promise<void> {
    await request(server.url, 'POST', `/v3/directline/conversations/${customer.conversationId}/activities`, { token: customer.token, body: { type: 'message', text } });
    await server.parley.adapter.idle();
  }

  /** A customer asks for a person; Alice takes the chat, writes `reply` and hands it back (the bot then asks for a rating). */
  async function helpedByAlice(locale: string, ask: string, reply: string) {
    const customer = await startConversation(server.url, locale);
    await send(server.url, customer, ask);
    await agentDoes(server.url, customer, 'claim', alice);
    expect((await request(server.url, 'POST', `/api/conversations/${customer.conversationId}/messages`, { cookie: alice, body: { text: reply } })).status).toBe(201);
    await agentDoes(server.url, customer, 'release', alice);
    await server.parley.adapter.idle();
    return customer;
  }

  it('keeps agent routes from customers and admin routes from agents', async () => {
    const customer = await startConversation(server.url);
    const id = customer.conversationId;
    for (const [method, path] of [['GET', '/api/conversations?status=waiting'], ['GET', `/api/conversations/${id}`], ['POST', `/api/conversations/${id}/claim`], ['GET', '/api/events']]) {
      expect((await request(server.url, method!, path!, { token: customer.token })).status, `${method} ${path} with a customer token`).toBe(401);
    }
    expect((await request(server.url, 'POST', `/api/conversations/${id}/messages`, { token: customer.token, body: { text: 'I am the agent now' } })).status).toBe(401);
    expect((await request(server.url, 'GET', '/api/users', { cookie: alice })).status).toBe(403);
    expect((await request(server.url, 'POST', '/api/users', { cookie: alice, body: { email: 'eve@example.com', password: 'agent password 1', role: 'admin' } })).status).toBe(403);
    // Every conversation route is declared for agents.
    const routes = (server.parley.server.listeners('request')[0] as any).locals.routes as { path: string; access: string }[];
    for (const route of routes.filter((each) => each.path.startsWith('/api/conversations') || each.path === '/api/events')) expect(route.access).toBe('agent');
  });

  it('a customer asks for a person; an agent claims, replies, releases; the bot is quiet meanwhile', async () => {
    const events = await openEvents(server.url, alice);
    const customer = await startConversation(server.url, 'en-US');
    const [queued] = await send(server.url, customer, 'I want to talk to a person');
    expect(queued.text).toMatch(/number 1 in the queue/);

    await events.waitFor((item) => item.event === 'queue' && item.data.event === 'handoff.requested' && item.data.conversationId === customer.conversationId);
    const waiting = (await request(server.url, 'GET', '/api/conversations?status=waiting', { cookie: alice })).body.conversations;
    expect(waiting).toEqual([
      expect.objectContaining({ id: customer.conversationId, status: 'waiting', language: 'en', reason: 'customer_asked', waitingSince: expect.any(String), mood: expect.objectContaining({ label: expect.any(String) }) }),
    ]);

    // Two agents click "claim" at once: one gets the chat, the other a 409.
    const claims = await Promise.all([alice, bob].map((cookie) => request(server.url, 'POST', `/api/conversations/${customer.conversationId}/claim`, { cookie })));
    expect(claims.map((claim) => claim.status).sort()).toEqual([200, 409]);
    const holder = claims[0]!.status === 200 ? alice : bob;
    const other = holder === alice ? bob : alice;
    const holderName = holder === alice ? 'Alice' : 'Bob';
    expect((await request(server.url, 'POST', `/api/conversations/${customer.conversationId}/messages`, { cookie: other, body: { text: 'hi' } })).status).toBe(409);

    const reply = await request(server.url, 'POST', `/api/conversations/${customer.conversationId}/messages`, { cookie: holder, body: { text: 'Hello, I can help with that.' } });
    expect(reply.status).toBe(201);
    const seen = await activitiesOf(server.url, customer);
    expect(seen.find((activity) => activity.text === `${holderName} joined the chat`)?.channelData.parley.sender).toBe('system');
    expect(seen.at(-1)).toMatchObject({ text: 'Hello, I can help with that.', from: { name: holderName }, channelData: { parley: { sender: 'agent' } } });

    // The customer writes: the agent's feed has it, the bot says nothing.
    const before = seen.length;
    await request(server.url, 'POST', `/v3/directline/conversations/${customer.conversationId}/activities`, { token: customer.token, body: { type: 'message', text: 'where is my order?' } });
    await events.waitFor((item) => item.event === 'activity' && item.data.activity.text === 'where is my order?');
    await server.parley.adapter.idle();
    expect((await activitiesOf(server.url, customer)).slice(before).map((activity) => activity.from.role)).toEqual(['user']);

    // A private note stays private.
    expect((await request(server.url, 'POST', `/api/conversations/${customer.conversationId}/notes`, { cookie: holder, body: { text: 'VIP, be gentle' } })).status).toBe(201);
    const detail = (await request(server.url, 'GET', `/api/conversations/${customer.conversationId}`, { cookie: other })).body;
    expect(detail.notes).toEqual([expect.objectContaining({ text: 'VIP, be gentle', agentName: holderName })]);
    expect(JSON.stringify(await activitiesOf(server.url, customer))).not.toContain('VIP, be gentle');

    // Hand back: the customer is told, asked to rate the agent, and the bot answers again.
    await agentDoes(server.url, customer, 'release', other, 403);
    await agentDoes(server.url, customer, 'release', holder);
    await server.parley.adapter.idle();
    const afterRelease = await activitiesOf(server.url, customer);
    expect(afterRelease.map((activity) => activity.text)).toContain(`${holderName} left the chat. You are back with Parley, the assistant.`);
    expect(afterRelease.at(-1)).toMatchObject({ from: { role: 'bot' }, text: `How would you rate the help ${holderName} gave you? From 1 (very unhappy) to 5 (very happy).` });
    expect(afterRelease.at(-1).suggestedActions.actions.map((action: { title: string }) => action.title)).toEqual(['1', '2', '3', '4', '5', 'Skip']);
    expect((await send(server.url, customer, '4'))[0].text).toBe('Thank you for rating us 4/5. Is there anything you would like to add? (optional)');
    // Thanked, and asked once whether they would recommend us; asking something else instead is answered.
    expect((await send(server.url, customer, 'Quick, but call me on 13812345678 next time'))[0].text).toBe(
      'Thank you! Your feedback goes to our team.\nOne more question, if you have a moment: How likely are you to recommend us to a friend? 0–10 (0 = not at all likely, 10 = extremely likely)',
    );
    const rated = (await request(server.url, 'GET', `/api/conversations/${customer.conversationId}`, { cookie: holder })).body.handoff;
    expect(rated.rating).toMatchObject({ score: 4, comment: expect.stringContaining('call me on') });
    expect(rated.rating.comment).not.toContain('13812345678');
    const csat = (await request(server.url, 'GET', '/api/analytics/summary', { cookie: admin })).body.csat;
    expect(csat.distribution['4']).toBeGreaterThanOrEqual(1);
    const answers = await send(server.url, customer, 'where is my order?');
    expect(answers[0].from.role).toBe('bot');
    expect(answers[0].text).not.toMatch(/rate/);
    events.close();
  });

  it("masks personal data in an agent's reply as in the customer's, and keeps the shop's published contacts readable", async () => {
    const customer = await startConversation(server.url, 'en-US');
    await sayQuietly(customer, 'I want to talk to a person');
    await agentDoes(server.url, customer, 'claim', alice);
    const text = 'I will call you on 139 1234 5678, the card 4111 1111 1111 1111 is refunded. Our hotline is 400-000-0000, or privacy@shop.example.com; cc jane.doe@gmail.com';
    expect((await request(server.url, 'POST', `/api/conversations/${customer.conversationId}/messages`, { cookie: alice, body: { text } })).status).toBe(201);
    const sent = (await activitiesOf(server.url, customer)).at(-1);
    expect(sent.text).toBe('I will call you on *******5678, the card ************1111 is refunded. Our hotline is 400-000-0000, or privacy@shop.example.com; cc j***@gmail.com');
    // What is on disk is what the customer got.
    const onDisk = await readFile(path.join(server.dataDir, 'transcripts', `${customer.conversationId}.jsonl`), 'utf8');
    expect(onDisk).not.toMatch(/13912345678|139 1234 5678|4111 1111 1111 1111|jane\.doe/);
    await agentDoes(server.url, customer, 'close', alice);
  });

  it('in Chinese, and closing a chat', async () => {
    const events = await openEvents(server.url, alice);
    const customer = await startConversation(server.url, 'zh-CN');
    const [queued] = await send(server.url, customer, '转人工');
    expect(queued.text).toMatch(/排在第 1 位/);
    await agentDoes(server.url, customer, 'claim', alice);
    const texts = (await activitiesOf(server.url, customer)).map((activity) => activity.text);
    expect(texts).toContain('客服 Alice 已加入对话');
    expect((await request(server.url, 'POST', `/api/conversations/${customer.conversationId}/messages`, { cookie: alice, body: { text: '您的订单我们会尽快处理' } })).status).toBe(201);
    expect((await activitiesOf(server.url, customer)).at(-1).text).toBe('您的订单我们会尽快处理');
    await agentDoes(server.url, customer, 'close', alice);
    await server.parley.adapter.idle();
    // Closing a chat Alice helped in asks the customer how she did, as handing it back does.
    expect((await activitiesOf(server.url, customer)).slice(-2).map((activity) => activity.text)).toEqual(['本次对话已结束。', '您对客服 Alice 的服务满意吗？请打分，1 分非常不满意，5 分非常满意。']);
    const closed = (await request(server.url, 'GET', '/api/conversations?status=closed', { cookie: alice })).body.conversations;
    expect(closed.map((each: { id: string }) => each.id)).toContain(customer.conversationId);
    expect((await send(server.url, customer, '5'))[0].text).toBe('感谢您的评分（5 分）。还有什么想补充的吗？（可选）');
    await send(server.url, customer, '很快就解决了');
    expect((await request(server.url, 'GET', `/api/conversations/${customer.conversationId}`, { cookie: alice })).body.handoff.rating).toMatchObject({ score: 5, comment: '很快就解决了' });
    // The customer writes again: the bot has the chat, and consoles showing it hear so at once.
    await send(server.url, customer, '还有一个问题');
    await events.waitFor((item) => item.event === 'queue' && item.data.event === 'conversation.reopened' && item.data.conversationId === customer.conversationId);
    expect((await request(server.url, 'GET', `/api/conversations/${customer.conversationId}`, { cookie: alice })).body.status).toBe('bot');
    events.close();
  });

  it("tells the customer the truth when an admin hands back an agent's chat, and asks no rating for help never given", async () => {
    const events = await openEvents(server.url, bob);
    const customer = await startConversation(server.url, 'en-US');
    await send(server.url, customer, 'I want to talk to a person');
    await agentDoes(server.url, customer, 'claim', bob);
    await agentDoes(server.url, customer, 'release', admin);
    await server.parley.adapter.idle();
    events.close();
    const texts = (await activitiesOf(server.url, customer)).map((activity) => activity.text);
    expect(texts).toContain('Your chat was handed back to Parley, the assistant.');
    expect(texts.join('\n')).not.toMatch(/Bob left the chat|rate the help/);
    expect(texts.at(-1)).toMatch(/I'm back/);
  });

  it('asks for a rating in Chinese after an agent hands back, and lets the customer skip it', async () => {
    const events = await openEvents(server.url, alice);
    const customer = await helpedByAlice('zh-CN', '转人工', '已经帮您处理好了');
    const ask = (await activitiesOf(server.url, customer)).at(-1);
    expect(ask.text).toBe('您对客服 Alice 的服务满意吗？请打分，1 分非常不满意，5 分非常满意。');
    expect(ask.suggestedActions.actions.at(-1).title).toBe('跳过');
    // Skipped the rating: not asked whether they would recommend us either.
    expect((await send(server.url, customer, '跳过')).map((reply) => reply.text)).toEqual(['好的。还有什么可以帮您？']);
    expect((await request(server.url, 'GET', `/api/conversations/${customer.conversationId}`, { cookie: alice })).body.handoff.rating).toBeUndefined();
    events.close();
  });

  it('takes a rating given with its comment in one message ("10/10 great service")', async () => {
    const events = await openEvents(server.url, alice);
    const customer = await helpedByAlice('en-US', 'I want to talk to a person', 'Sorted, your refund is on its way.');
    expect((await send(server.url, customer, '10/10 great service'))[0].text).toMatch(/^Thank you! Your feedback goes to our team/);
    expect((await request(server.url, 'GET', `/api/conversations/${customer.conversationId}`, { cookie: alice })).body.handoff.rating).toMatchObject({ score: 5, comment: 'great service' });
    events.close();
  });

  it("lists the bot's conversations newest first, a hundred at most, however many are stored", async () => {
    const started: string[] = [];
    for (let i = 0; i < 101; i += 1) started.push((await startConversation(server.url)).conversationId);
    const listed = (await request(server.url, 'GET', '/api/conversations?status=bot', { cookie: alice })).body.conversations as { id: string; createdAt: string }[];
    expect(new Set(listed.map((each) => each.id))).toEqual(new Set(started.slice(1)));
    const times = listed.map((each) => each.createdAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('with no agent online the customer may leave a message, or go back to the assistant', async () => {
    await nobodyOnline();
    const customer = await startConversation(server.url, 'en-US');
    await sayQuietly(customer, 'talk to a person');
    const notice = (await activitiesOf(server.url, customer)).find((activity) => /^No agent is available/.test(activity.text ?? ''));
    const ticketId = /ticket (T-\d+)/.exec(notice?.text ?? '')?.[1];
    expect(notice?.channelData.parley.sender).toBe('system');
    // One outcome, not "waiting for an agent" and then "no agent": the widget would flash both.
    const systemEvents = (await activitiesOf(server.url, customer)).map((activity) => activity.channelData?.parley?.event).filter(Boolean);
    expect(systemEvents).toEqual(['timeoutTicket']);
    expect(ticketId).toBeDefined();
    // Nothing is lost: the ticket carries the transcript.
    const ticket = (await request(server.url, 'GET', `/api/tickets/${ticketId}`, { cookie: alice })).body;
    expect(ticket).toMatchObject({ conversationId: customer.conversationId, description: expect.stringContaining('customer: talk to a person') });
    // Said in words, and filed by what the customer wrote (the bot's greeting names deliveries).
    expect(ticket.description).toMatch(/^The customer asked for a person, but no agent was online\./);
    expect(ticket.category).toBe('other');
    // Then what they can do now; the ticket's number is not said twice.
    const offer = (await activitiesOf(server.url, customer)).at(-1);
    expect(offer.text).toBe('You can leave a message here and an agent will pick it up, or go back to the assistant.');
    expect((await activitiesOf(server.url, customer)).filter((activity) => activity.text?.includes(ticketId!))).toHaveLength(1);
    expect(offer.suggestedActions.actions.map((action: { title: string }) => action.title)).toEqual(['Back to the assistant']);
    // The first message left is acknowledged, once; the rest go to the team quietly.
    for (const text of ['My parcel 1048213 never came.', 'It was a gift, please hurry.']) {
      await request(server.url, 'POST', `/v3/directline/conversations/${customer.conversationId}/activities`, { token: customer.token, body: { type: 'message', text } });
      await server.parley.adapter.idle();
    }
    const left = (await activitiesOf(server.url, customer)).slice(-3).map((activity) => activity.text);
    expect(left).toEqual([
      'My parcel 1048213 never came.',
      `Thanks, your message is kept with ticket ${ticketId}. Someone from our team will reply here as soon as they can; you can close this page meanwhile.`,
      'It was a gift, please hurry.',
    ]);
    await sayQuietly(customer, 'Back to the assistant');
    const last = (await activitiesOf(server.url, customer)).slice(-2).map((activity) => activity.text);
    expect(last[0]).toBe('You left the queue. You are back with Parley, the assistant.');
    expect(last[1]).toMatch(/I'm back/);
    // Asking again in the same chat keeps the one ticket.
    await sayQuietly(customer, 'I want a real person');
    const again = (await activitiesOf(server.url, customer)).filter((activity) => /^No agent is available/.test(activity.text ?? ''));
    expect(again.map((activity) => /ticket (T-\d+)/.exec(activity.text)?.[1])).toEqual([ticketId, ticketId]);
    expect((await request(server.url, 'GET', `/api/tickets/${ticketId}`, { cookie: alice })).body.history.at(-1)).toMatchObject({ text: expect.stringMatching(/asked for a person again/) });
    await sayQuietly(customer, 'Back to the assistant');
  });

  it('a request for a person in Chinese ("转人工客服", the welcome\'s own button) is filed as "其他", not as a complaint about the service', async () => {
    await nobodyOnline();
    const customer = await startConversation(server.url, 'zh-CN');
    await sayQuietly(customer, '转人工客服');
    const notice = (await activitiesOf(server.url, customer)).find((activity) => /^暂时没有客服人员可以接待/.test(activity.text ?? ''));
    const ticketId = /工单 (T-\d+)/.exec(notice?.text ?? '')![1]!;
    expect((await request(server.url, 'GET', `/api/tickets/${ticketId}`, { cookie: alice })).body.category).toBe('other');
    await sayQuietly(customer, '返回智能客服');
    await sayQuietly(customer, `${ticketId} 进度如何`);
    expect((await activitiesOf(server.url, customer)).at(-1).text).toMatch(new RegExp(`^工单 ${ticketId}（其他）：`));
  });

  it('a ticket for a chat nobody took carries the order the customer named', async () => {
    await nobodyOnline();
    const customer = await startConversation(server.url, 'en-US');
    await send(server.url, customer, 'where is my order 1048213?');
    await sayQuietly(customer, 'talk to a person');
    const notice = (await activitiesOf(server.url, customer)).find((activity) => /^No agent is available/.test(activity.text ?? ''));
    const ticketId = /ticket (T-\d+)/.exec(notice?.text ?? '')![1];
    expect((await request(server.url, 'GET', `/api/tickets/${ticketId}`, { cookie: alice })).body).toMatchObject({ orderNumber: '1048213' });
    await sayQuietly(customer, 'Back to the assistant');
  });

  it('with a complaint already filed in the chat, a request for a person nobody takes is added to that ticket', async () => {
    await nobodyOnline();
    const customer = await startConversation(server.url, 'en-US');
    await send(server.url, customer, 'I want to complain: order 778899 arrived damaged, email me at ann@example.com');
    const filed = (await send(server.url, customer, 'Yes, file it'))[0].text as string;
    const ticketId = /T-\d+/.exec(filed)![0];
    await sayQuietly(customer, 'talk to a person');
    const notice = (await activitiesOf(server.url, customer)).find((activity) => /^No agent is available/.test(activity.text ?? ''));
    expect(notice?.text).toContain(`ticket ${ticketId}`);
    await sayQuietly(customer, 'Back to the assistant');
  });

  it('an upset customer asking for a person goes ahead of a calm one who asked first', async () => {
    const events = await openEvents(server.url, alice);
    const calm = await startConversation(server.url, 'en-US');
    await send(server.url, calm, 'I want to talk to a person');
    const upset = await startConversation(server.url, 'en-US');
    await send(server.url, upset, 'I want to speak to a real person NOW, this is ridiculous');
    const waiting = (await request(server.url, 'GET', '/api/conversations?status=waiting', { cookie: alice })).body.conversations as { id: string; priority: string }[];
    expect(waiting.map((each) => [each.id, each.priority])).toEqual([
      [upset.conversationId, 'high'],
      [calm.conversationId, 'normal'],
    ]);
    for (const each of [calm, upset]) await request(server.url, 'POST', `/v3/directline/conversations/${each.conversationId}/activities`, { token: each.token, body: { type: 'message', text: 'cancel' } });
    await server.parley.adapter.idle();
    events.close();
  });

  it("shows the mood the customer last expressed, not the mood of '转人工'", async () => {
    const events = await openEvents(server.url, alice);
    const customer = await startConversation(server.url, 'zh-CN');
    await send(server.url, customer, '物流一直不更新，有点失望');
    await send(server.url, customer, '转人工');
    try {
      const queue = (await request(server.url, 'GET', '/api/conversations?status=waiting', { cookie: alice })).body.conversations as any[];
      expect(queue.find((item) => item.id === customer.conversationId)).toMatchObject({ mood: { label: 'negative' } });
    } finally {
      await request(server.url, 'POST', `/api/conversations/${customer.conversationId}/close`, { cookie: alice });
      events.close();
    }
  });

  it('a rule (the mood, repeated fallbacks) can queue a chat through the event bus, ahead of calmer ones', async () => {
    const events = await openEvents(server.url, alice);
    const calm = await startConversation(server.url, 'en-US');
    await send(server.url, calm, 'talk to a person');
    const upset = await startConversation(server.url, 'en-US');
    await send(server.url, upset, 'This is terrible, the worst service ever. I hate it!');
    // What the profiles module publishes when a customer is strongly negative.
    server.parley.events.publish('handoff.requested', { conversationId: upset.conversationId, reason: 'negative_sentiment' });
    await events.waitFor((item) => item.event === 'activity' && item.data.conversationId === upset.conversationId && item.data.activity.channelData?.parley?.sender === 'system');
    await server.parley.adapter.idle();
    const waiting = (await request(server.url, 'GET', '/api/conversations?status=waiting', { cookie: alice })).body.conversations as any[];
    expect(waiting.map((each) => each.id)).toEqual([upset.conversationId, calm.conversationId]);
    expect(waiting[0]).toMatchObject({ priority: 'high', reason: 'negative_sentiment', mood: { label: 'negative' } });
    for (const id of [calm.conversationId, upset.conversationId]) await request(server.url, 'POST', `/api/conversations/${id}/close`, { cookie: alice });
    events.close();
  });

  it('canned replies come from the knowledge base, in the customer\'s language', async () => {
    const en = (await request(server.url, 'GET', '/api/canned-replies?language=en&q=order', { cookie: alice })).body.replies;
    const zh = (await request(server.url, 'GET', '/api/canned-replies?language=zh', { cookie: alice })).body.replies;
    expect(en.length).toBeGreaterThan(0);
    expect(zh[0].text).toMatch(/\p{Script=Han}/u);
    // A customer who writes Traditional: the queue says so, and the replies come converted; a search in Traditional finds them.
    const customer = await startConversation(server.url);
    await send(server.url, customer, '我要退貨，怎麼辦');
    const summary = (await request(server.url, 'GET', `/api/conversations/${customer.conversationId}`, { cookie: alice })).body;
    expect(summary).toMatchObject({ language: 'zh', traditional: true });
    const traditional = (await request(server.url, 'GET', '/api/canned-replies?language=zh&script=traditional&q=退貨', { cookie: alice })).body.replies as { text: string }[];
    expect(traditional.length).toBeGreaterThan(0);
    expect(traditional.every((reply) => scriptOf(reply.text) !== 'simplified')).toBe(true);
    expect(traditional.some((reply) => reply.text.includes('退貨'))).toBe(true);
    // What the agent types reaches this customer in Traditional too (a Simplified reader's stays as typed: above).
    const events = await openEvents(server.url, alice);
    expect((await send(server.url, customer, '轉人工'))[0].text).toMatch(/排在第 1 位/);
    await agentDoes(server.url, customer, 'claim', alice);
    expect((await request(server.url, 'POST', `/api/conversations/${customer.conversationId}/messages`, { cookie: alice, body: { text: '您的订单我们会尽快处理, order 123' } })).status).toBe(201);
    // …tagged zh-TW, as the bot's converted replies are, so a client can tell which Chinese it is.
    expect((await activitiesOf(server.url, customer)).at(-1)).toMatchObject({ text: '您的訂單我們會盡快處理, order 123', locale: 'zh-TW', channelData: { parley: { sender: 'agent' } } });
    await request(server.url, 'POST', `/api/conversations/${customer.conversationId}/close`, { cookie: alice });
    events.close();
    const refused = await request(server.url, 'GET', '/api/canned-replies?language=zh&script=classical', { cookie: alice });
    expect(refused.status).toBe(400);
  });

  it('canned replies: a search matches every word, titles first; before a search, the answers to what this customer asked lead', async () => {
    const canned = async (query: string) => {
      const response = await request(server.url, 'GET', `/api/canned-replies?language=en&${query}`, { cookie: alice });
      expect(response.status).toBe(200);
      return response.body.replies as { intent: string; title: string; suggested?: boolean }[];
    };
    expect((await canned('q=track'))[0]).toMatchObject({ title: 'Track my order' });
    // Two words, apart in the title: still found, and first.
    expect((await canned('q=cancel%20order'))[0]).toMatchObject({ title: 'Cancel an order' });
    expect(await canned('q=cancel%20zebra')).toEqual([]);

    const customer = await startConversation(server.url, 'en-US');
    await send(server.url, customer, 'hi');
    await send(server.url, customer, 'I sent my return back two weeks ago, when do I get my refund?');
    await sayQuietly(customer, 'talk to a human');
    const suggested = await canned(`conversation=${customer.conversationId}`);
    expect(suggested[0]).toMatchObject({ intent: 'refund_status', suggested: true });
    // Small talk ("hi") is no reply to suggest, nor the bot's own line for a handoff; what was not asked about is not marked.
    const marked = suggested.filter((reply) => reply.suggested).map((reply) => reply.intent);
    expect(marked).not.toContain('greeting');
    expect(marked).not.toContain('contact_human');
    expect(suggested.filter((reply) => !reply.suggested).length).toBeGreaterThan(10);
    // Once the agent searches, the search decides.
    expect((await canned(`conversation=${customer.conversationId}&q=track`))[0]).toMatchObject({ title: 'Track my order' });
    expect((await canned(`conversation=${customer.conversationId}&q=track`)).some((reply) => reply.suggested)).toBe(false);
    const refused = await request(server.url, 'GET', '/api/canned-replies?language=en&conversation=../../etc', { cookie: alice });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/conversation/);
  });

  it('a customer who starts a new conversation while waiting leaves the queue: no agent claims a chat nobody reads', async () => {
    const first = await startConversation(server.url, 'en-US');
    await sayQuietly(first, 'I want to talk to a person');
    const waiting = async () => ((await request(server.url, 'GET', '/api/conversations?status=waiting', { cookie: alice })).body.conversations as { id: string }[]).map((each) => each.id);
    expect(await waiting()).toContain(first.conversationId);
    // "Start a new conversation" in the widget: a new token, from the browser's earlier one.
    const again = await request(server.url, 'POST', '/v3/directline/tokens/generate', { token: first.token, body: {} });
    expect(again.body.conversationId).not.toBe(first.conversationId);
    expect(await waiting()).not.toContain(first.conversationId);
    expect((await request(server.url, 'GET', `/api/conversations/${first.conversationId}`, { cookie: alice })).body.status).toBe('bot');

    // One an agent has stays theirs (to finish a note or a ticket), but they are told, in the
    // transcript and the queue, that the customer is gone: their replies no longer reach anyone.
    const second = await startConversation(server.url, 'en-US');
    await sayQuietly(second, 'I want to talk to a person');
    await agentDoes(server.url, second, 'claim', alice);
    const events = await openEvents(server.url, alice);
    await request(server.url, 'POST', '/v3/directline/tokens/generate', { token: second.token, body: {} });
    await events.waitFor((item) => item.event === 'queue' && item.data.event === 'handoff.customerLeft' && item.data.conversationId === second.conversationId);
    events.close();
    const left = (await request(server.url, 'GET', `/api/conversations/${second.conversationId}`, { cookie: alice })).body;
    expect(left).toMatchObject({ status: 'active', customerLeft: true, agent: { name: 'Alice' } });
    expect(left.activities.at(-1)).toMatchObject({ text: 'The customer started a new conversation and no longer sees this chat.', channelData: { parley: { sender: 'system', event: 'customerLeft' } } });
    const active = (await request(server.url, 'GET', '/api/conversations?status=active', { cookie: alice })).body.conversations as { id: string; customerLeft: boolean }[];
    expect(active.find((each) => each.id === second.conversationId)?.customerLeft).toBe(true);

    // The customer comes back to it (an old tab) and writes: they read this chat again, and the console says so.
    const back = await openEvents(server.url, alice);
    await sayQuietly(second, 'sorry, I am back here');
    await back.waitFor((item) => item.event === 'queue' && item.data.event === 'handoff.customerReturned' && item.data.conversationId === second.conversationId);
    back.close();
    expect((await request(server.url, 'GET', `/api/conversations/${second.conversationId}`, { cookie: alice })).body).toMatchObject({ status: 'active', customerLeft: false });
    const activeAgain = (await request(server.url, 'GET', '/api/conversations?status=active', { cookie: alice })).body.conversations as { id: string; customerLeft: boolean; lastMessage: { sender: string } }[];
    expect(activeAgain.find((each) => each.id === second.conversationId)).toMatchObject({ customerLeft: false, lastMessage: { sender: 'customer' } });
    await agentDoes(server.url, second, 'close', alice);
  });
});

describe('the live feed', () => {
  it('an agent who signs out or is disabled leaves: the chats they held go back to the queue, their console closes', async () => {
    const server = await startTestServer();
    try {
      const admin = await signIn(server.url, 'admin@example.com', 'correct horse battery');
      const carol = (await agentSignedIn(server.url, admin, 'Carol')).cookie;
      const { id: danId, cookie: danCookie } = await agentSignedIn(server.url, admin, 'Dan');
      const carolEvents = await openEvents(server.url, carol);
      const danEvents = await openEvents(server.url, danCookie);
      const customer = await startConversation(server.url, 'en-US');
      await send(server.url, customer, 'I want to talk to a person');
      await agentDoes(server.url, customer, 'claim', carol);

      expect((await request(server.url, 'POST', '/api/auth/logout', { cookie: carol })).status).toBe(204);
      await carolEvents.ended;
      await danEvents.waitFor((item) => item.event === 'queue' && item.data.event === 'handoff.requeued' && item.data.conversationId === customer.conversationId);
      const requeued = (await request(server.url, 'GET', `/api/conversations/${customer.conversationId}`, { cookie: danCookie })).body;
      expect(requeued).toMatchObject({ status: 'waiting', handoff: { reason: 'agent_left' } });
      expect((await activitiesOf(server.url, customer)).at(-1).text).toBe('Carol had to leave. You are back in the queue: the next agent will take over.');

      // Dan takes it, and is disabled: his console is signed out at once, and with nobody left the chat times out into a ticket.
      await agentDoes(server.url, customer, 'claim', danCookie);
      expect((await request(server.url, 'PATCH', `/api/users/${danId}`, { cookie: admin, body: { disabled: true } })).status).toBe(200);
      await danEvents.waitFor((item) => item.event === 'signed-out');
      await danEvents.ended;
      expect((await fetch(`${server.url}/api/events`, { headers: { cookie: danCookie } })).status).toBe(401);
      let texts: string[] = [];
      for (let i = 0; i < 100 && !texts.some((text) => text?.startsWith('Dan had to leave')); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        texts = (await activitiesOf(server.url, customer)).map((activity) => activity.text);
      }
      // One line says both: not "back in the queue, the next agent will take over", then "no agent".
      expect(texts.filter((text) => /Dan had to leave|No agent is available/.test(text ?? ''))).toEqual([expect.stringMatching(/^Dan had to leave, and no other agent is available right now\. Your conversation was saved as ticket T-\d+\.$/)]);
    } finally {
      await server.cleanup();
    }
  });

  it('an agent who leaves a chat that had already timed out, with nobody else online: the customer is not told twice, the ticket gets no note', async () => {
    const server = await startTestServer({ env: { PARLEY_HANDOFF_TIMEOUT_SECONDS: '5' } });
    try {
      const admin = await signIn(server.url, 'admin@example.com', 'correct horse battery');
      const { cookie: fay } = await agentSignedIn(server.url, admin, 'Fay');
      const fayEvents = await openEvents(server.url, fay);
      const timeouts: unknown[] = [];
      server.parley.events.subscribe('handoff.timeout', (payload) => timeouts.push(payload));
      const customer = await startConversation(server.url, 'en-US');
      await send(server.url, customer, 'I want to talk to a person');
      const noticesOf = async () => (await activitiesOf(server.url, customer)).map((activity) => String(activity.text)).filter((text) => /^No agent is available|all busy/.test(text));
      // Fay is busy elsewhere: the chat times out into a ticket, then she takes it after all, and signs out.
      await expect.poll(noticesOf, { timeout: 10_000 }).toHaveLength(1);
      const ticketId = /ticket (T-\d+)/.exec((await noticesOf())[0]!)![1]!;
      await agentDoes(server.url, customer, 'claim', fay);
      expect((await request(server.url, 'POST', '/api/auth/logout', { cookie: fay })).status).toBe(204);
      await fayEvents.ended;
      await expect.poll(async () => (await activitiesOf(server.url, customer)).map((activity) => activity.text)).toContain('Fay had to leave. You are back in the queue: the next agent will take over.');
      await server.parley.adapter.idle();
      expect((await activitiesOf(server.url, customer)).at(-1).text).toBe('Fay had to leave. You are back in the queue: the next agent will take over.');

      expect(await noticesOf()).toHaveLength(1);
      expect(timeouts).toHaveLength(1);
      const history = (await request(server.url, 'GET', `/api/tickets/${ticketId}`, { cookie: admin })).body.history as { text?: string }[];
      expect(history.filter((entry) => /asked for a person again/.test(entry.text ?? ''))).toEqual([]);
    } finally {
      await server.cleanup();
    }
  });

  it('an agent who leaves a chat asked for again, with nobody else online: the open ticket reads that the agent left, not that the customer asked again', async () => {
    const server = await startTestServer({ env: { PARLEY_HANDOFF_TIMEOUT_SECONDS: '5' } });
    try {
      const admin = await signIn(server.url, 'admin@example.com', 'correct horse battery');
      const customer = await startConversation(server.url, 'en-US');
      const say = async (text: string) => {
        await request(server.url, 'POST', `/v3/directline/conversations/${customer.conversationId}/activities`, { token: customer.token, body: { type: 'message', text } });
        await server.parley.adapter.idle();
      };
      // Nobody online: a ticket keeps the chat; the customer goes back to the assistant.
      await say('I want to talk to a person');
      const notice = (await activitiesOf(server.url, customer)).find((activity) => /^No agent is available/.test(activity.text ?? ''));
      const ticketId = /ticket (T-\d+)/.exec(notice?.text ?? '')![1]!;
      await say('Back to the assistant');
      // Later Gus is online, takes the chat the customer asked for again, and signs out: nobody else is there.
      const { cookie: gus } = await agentSignedIn(server.url, admin, 'Gus');
      const gusEvents = await openEvents(server.url, gus);
      await say('I want a real person');
      await agentDoes(server.url, customer, 'claim', gus);
      expect((await request(server.url, 'POST', '/api/auth/logout', { cookie: gus })).status).toBe(204);
      await gusEvents.ended;
      const history = async () => ((await request(server.url, 'GET', `/api/tickets/${ticketId}`, { cookie: admin })).body.history as { text?: string }[]).map((entry) => entry.text ?? '');
      await expect.poll(history).toContain('The agent who had the chat left, and no other agent took it.');
      expect((await history()).filter((text) => /asked for a person again/.test(text))).toEqual([]);
    } finally {
      await server.cleanup();
    }
  });

  it("signing out in one browser keeps the chats an agent is still at in another browser's console; the last one out requeues them", async () => {
    const server = await startTestServer();
    try {
      const admin = await signIn(server.url, 'admin@example.com', 'correct horse battery');
      // Erin's console is open at her desk; she also signed in on a laptop.
      const { cookie: desk } = await agentSignedIn(server.url, admin, 'Erin');
      const laptop = await signIn(server.url, 'erin@example.com', AGENT_PASSWORD);
      const deskEvents = await openEvents(server.url, desk);
      const adminEvents = await openEvents(server.url, admin);
      const customer = await startConversation(server.url, 'en-US');
      await send(server.url, customer, 'I want to talk to a person');
      await agentDoes(server.url, customer, 'claim', desk);

      // She signs out on the laptop: the chat is still hers, and she answers it from the desk.
      expect((await request(server.url, 'POST', '/api/auth/logout', { cookie: laptop })).status).toBe(204);
      expect((await request(server.url, 'POST', `/api/conversations/${customer.conversationId}/messages`, { cookie: desk, body: { text: 'Still here, checking your order.' } })).status).toBe(201);
      expect((await request(server.url, 'GET', `/api/conversations/${customer.conversationId}`, { cookie: desk })).body).toMatchObject({ status: 'active', agent: { name: 'Erin' } });

      // Signing out at the desk too is leaving: the customer goes back to the queue, told once.
      expect((await request(server.url, 'POST', '/api/auth/logout', { cookie: desk })).status).toBe(204);
      await deskEvents.ended;
      await adminEvents.waitFor((item) => item.event === 'queue' && item.data.event === 'handoff.requeued' && item.data.conversationId === customer.conversationId);
      const texts = (await activitiesOf(server.url, customer)).map((activity) => activity.text);
      expect(texts.filter((text) => /had to leave/.test(text ?? ''))).toEqual(['Erin had to leave. You are back in the queue: the next agent will take over.']);
      expect(texts.indexOf('Still here, checking your order.')).toBeLessThan(texts.indexOf('Erin had to leave. You are back in the queue: the next agent will take over.'));
      adminEvents.close();
    } finally {
      await server.cleanup();
    }
  });

  it('ends when the agent signs out', async () => {
    const server = await startTestServer({ env: { PARLEY_EVENTS_HEARTBEAT_SECONDS: '1' } });
    try {
      const admin = await signIn(server.url, 'admin@example.com', 'correct horse battery');
      const events = await openEvents(server.url, admin);
      expect(server.parley.presence.count()).toBe(1);
      expect((await request(server.url, 'POST', '/api/auth/logout', { cookie: admin })).status).toBe(204);
      await events.waitFor((item) => item.event === 'signed-out');
      await events.ended;
      for (let i = 0; i < 200 && server.parley.presence.count() > 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(server.parley.presence.count()).toBe(0);
      expect((await fetch(`${server.url}/api/events`, { headers: { cookie: admin } })).status).toBe(401);
    } finally {
      await server.cleanup();
    }
  });

  it("lets an agent watch a chat the bot has, line by line, from where the console's copy ends", async () => {
    const server = await startTestServer();
    try {
      const agent = await signIn(server.url, 'admin@example.com', 'correct horse battery');
      const customer = await startConversation(server.url);
      await send(server.url, customer, 'hello');
      const shown = (await request(server.url, 'GET', `/api/conversations/${customer.conversationId}`, { cookie: agent })).body.activities as { id: string }[];
      const live = await openEvents(server.url, agent, `/api/conversations/${customer.conversationId}/live?after=${shown.length}`);
      try {
        await send(server.url, customer, 'where is my order? my email is jo@example.com');
        const lines = () => live.received.flatMap((item) => (item.event === 'activities' ? (item.data.activities as { id: string; text?: string; from: { role?: string } }[]) : []));
        await live.waitFor(() => lines().some((line) => line.from.role === 'bot'));
        const [said, ...replies] = lines();
        // Only what came after the console's copy, masked as stored, then the bot's answer.
        expect(shown.some((line) => line.id === said!.id)).toBe(false);
        expect(said!.text).toBe('where is my order? my email is j***@example.com');
        expect(replies[0]!.text).toMatch(/order/i);
      } finally {
        live.close();
      }
      const status = (path: string) => fetch(`${server.url}${path}`, { headers: { cookie: agent } }).then((response) => response.status);
      expect(await status('/api/conversations/no-such-conversation/live')).toBe(404);
      const refused = await request(server.url, 'GET', `/api/conversations/${customer.conversationId}/live?after=-1`, { cookie: agent });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toMatch(/after/);
      expect((await fetch(`${server.url}/api/conversations/${customer.conversationId}/live`, { headers: { authorization: `Bearer ${customer.token}` } })).status).toBe(401);
    } finally {
      await server.cleanup();
    }
  });
});
