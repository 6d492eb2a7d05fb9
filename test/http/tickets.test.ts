import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, send, signIn, startConversation } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

type Conversation = Awaited<ReturnType<typeof startConversation>>;

const activitiesOf = async (baseUrl: string, conversation: Conversation) =>
  (await request(baseUrl, 'GET', `/v3/directline/conversations/${conversation.conversationId}/activities`, { token: conversation.token })).body.activities as any[];

/** The customer says something; resolves with all the bot said in answer. */
const chat = async (baseUrl: string, conversation: Conversation, text: string) => (await send(baseUrl, conversation, text)).map((reply) => reply.text as string).join('\n\n');

/** Wait until the bot says something matching on its own (a proactive message). */
async function botSays(baseUrl: string, conversation: Conversation, pattern: RegExp): Promise<string> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const found = (await activitiesOf(baseUrl, conversation)).find((activity) => activity.from.role === 'bot' && pattern.test(activity.text ?? ''));
    if (found) return found.text;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the bot never said ${pattern}`);
}

/** The customer asks; resolves, once the bot's last reply to it matches `last`, with the texts of all its replies. */
async function askMidFlow(baseUrl: string, conversation: Conversation, text: string, last: RegExp): Promise<string[]> {
  const [first] = await send(baseUrl, conversation, text);
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const replies = (await activitiesOf(baseUrl, conversation)).filter((activity) => activity.type === 'message' && activity.replyToId === first.replyToId);
    if (last.test(replies.at(-1)?.text ?? '')) return replies.map((reply) => reply.text as string);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`after "${text}" the bot never said ${last}`);
}

/** A complaint filed through the chat; returns the ticket id the bot announced. */
async function fileComplaint(baseUrl: string, conversation: Conversation, turns: string[]): Promise<string> {
  let last = '';
  for (const turn of turns) last = await chat(baseUrl, conversation, turn);
  const id = /T-\d+/.exec(last)?.[0];
  expect(id, last).toBeDefined();
  return id!;
}

describe('tickets over HTTP', () => {
  let server: TestServer;
  let agent: string;

  beforeAll(async () => {
    server = await startTestServer();
    const admin = await signIn(server.url, 'admin@example.com', 'correct horse battery');
    const created = await request(server.url, 'POST', '/api/users', { cookie: admin, body: { email: 'ana@example.com', password: 'agent password 1', role: 'agent', name: 'Ana' } });
    expect(created.status).toBe(201);
    agent = await signIn(server.url, 'ana@example.com', 'agent password 1');
  });
  afterAll(async () => server?.cleanup());

  it('refuses the ticket API without a session, with a customer token, and from another site', async () => {
    const customer = await startConversation(server.url);
    expect((await request(server.url, 'GET', '/api/tickets')).status).toBe(401);
    expect((await request(server.url, 'GET', '/api/tickets', { token: customer.token })).status).toBe(401);
    expect((await request(server.url, 'PATCH', '/api/tickets/T-1001', { token: customer.token, body: { status: 'closed' } })).status).toBe(401);
    const crossSite = await request(server.url, 'PATCH', '/api/tickets/T-1001', { cookie: agent, body: { note: 'x' }, headers: { origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
    expect(server.parley.routes.filter((route) => route.path.startsWith('/api/tickets')).map((route) => `${route.method} ${route.path} ${route.access}`)).toEqual([
      'get /api/tickets agent',
      'get /api/tickets/:id agent',
      'patch /api/tickets/:id agent',
      'post /api/tickets agent',
    ]);
  });

  it('files a complaint from chat, runs its lifecycle, feeds the resolution back and keeps the rating', async () => {
    const customer = await startConversation(server.url, 'en-US');
    const id = await fileComplaint(server.url, customer, ['I want to complain', 'My order 48213 arrived with a cracked screen', 'me@example.com', 'yes']);
    const filed = await request(server.url, 'GET', `/api/tickets/${id}`, { cookie: agent });
    expect(filed.body).toMatchObject({ id, status: 'open', category: 'product_quality', orderNumber: '48213', contact: { email: 'me@example.com' }, overdue: false, csat: null });
    // The raw e-mail address is on the ticket, never in the transcript.
    expect(JSON.stringify(await activitiesOf(server.url, customer))).not.toContain('me@example.com');
    expect((await request(server.url, 'GET', '/api/tickets?status=open', { cookie: agent })).body.tickets.map((ticket: any) => ticket.id)).toContain(id);
    expect((await request(server.url, 'GET', '/api/tickets?status=shipped', { cookie: agent })).status).toBe(400);

    const patch = (body: unknown) => request(server.url, 'PATCH', `/api/tickets/${id}`, { cookie: agent, body });
    expect((await patch({ status: 'in_progress', assignee: 'ana@example.com' })).status).toBe(200);
    const invalid = await patch({ status: 'closed' });
    expect(invalid.status).toBe(409);
    expect(invalid.body.error).toEqual({ code: 'invalid_transition', message: `ticket ${id} cannot go from in_progress to closed: from in_progress it can go to waiting_customer, resolved` });
    expect((await patch({ status: 'resolved' })).body.error.code).toBe('resolution_required');
    expect((await patch({ colour: 'red' })).status).toBe(400);
    const resolved = await patch({ status: 'resolved', resolution: 'We are sending you a new phone by express.', rootCause: 'packed without padding', note: 'called the warehouse' });
    expect(resolved.status).toBe(200);
    expect(resolved.body.summary.text).toMatch(/^product quality complaint/);
    expect(resolved.body.history.map((entry: any) => entry.by.name ?? entry.by.kind)).toEqual(['customer', 'Ana', 'Ana', 'Ana', 'Ana', 'Ana', 'Ana']);

    const feedback = await botSays(server.url, customer, new RegExp(`ticket ${id}: it has been resolved`));
    expect(feedback).toContain('We are sending you a new phone by express.');
    expect(await chat(server.url, customer, '4')).toBe('Thank you for rating us 4/5. Is there anything you would like to add? (optional)');
    // Then, once, whether they would recommend us: 0–10 buttons, and a way out.
    const [nps] = await send(server.url, customer, 'Quick and friendly');
    expect(nps.text).toBe(`Thank you! Your feedback is noted on ticket ${id}.\nOne more question, if you have a moment: How likely are you to recommend us to a friend? 0–10 (0 = not at all likely, 10 = extremely likely)`);
    expect(nps.suggestedActions.actions.map((action: { title: string }) => action.title)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', 'No, thanks']);
    expect((await request(server.url, 'GET', `/api/tickets/${id}`, { cookie: agent })).body.csat).toMatchObject({ score: 4, comment: 'Quick and friendly' });
    expect(await chat(server.url, customer, '9')).toBe('Thank you for telling us! Is there anything else I can help you with?');
    const rated = (await request(server.url, 'GET', `/api/tickets/${id}`, { cookie: agent })).body;
    expect(rated.history.at(-1)).toMatchObject({ action: 'nps', to: '9', by: { kind: 'customer' } });
    expect((await patch({ status: 'closed' })).body.status).toBe('closed');
    const admin = await signIn(server.url, 'admin@example.com', 'correct horse battery');
    expect((await request(server.url, 'GET', '/api/analytics/summary', { cookie: admin })).body.nps).toMatchObject({ score: 100, count: 1, promoters: 1, detractors: 0 });

    // A second resolution the same month: rated, but not asked to recommend us again.
    const second = await fileComplaint(server.url, customer, ['I want to complain', 'The replacement for order 48213 has a dead pixel', 'yes']);
    await request(server.url, 'PATCH', `/api/tickets/${second}`, { cookie: agent, body: { status: 'resolved', resolution: 'A technician will swap the screen.' } });
    await botSays(server.url, customer, new RegExp(`ticket ${second}: it has been resolved`));
    expect(await chat(server.url, customer, '5 great')).toBe(`Thank you! Your feedback is noted on ticket ${second}.`);
  });

  it('asks a Chinese customer whether they would recommend us, in Chinese, and lets them move on by asking something else', async () => {
    const customer = await startConversation(server.url, 'zh-CN');
    const id = await fileComplaint(server.url, customer, ['我要投诉', '耳机左边没声音，订单号20250305', '在聊天里回复我', '确认']);
    await request(server.url, 'PATCH', `/api/tickets/${id}`, { cookie: agent, body: { status: 'resolved', resolution: '已为您换新。' } });
    await botSays(server.url, customer, new RegExp(`工单 ${id}：已处理完毕`));
    const [nps] = await send(server.url, customer, '5分 很快');
    expect(nps.text).toBe(`谢谢！您的反馈已记录在工单 ${id} 中。\n再耽误您一点时间：您有多大可能把我们推荐给朋友？0–10（0 = 完全不可能，10 = 非常可能）`);
    expect(nps.suggestedActions.actions.at(-1).title).toBe('不了，谢谢');
    // Not an answer: the question goes away and the message is answered as any other.
    expect(await chat(server.url, customer, '怎么退货')).toMatch(/退/);
    expect((await request(server.url, 'GET', `/api/tickets/${id}`, { cookie: agent })).body.history.some((entry: any) => entry.action === 'nps')).toBe(false);
  });

  it('lets a Chinese customer turn the recommend question down with its own "No, thanks" button, in Simplified or in Traditional', async () => {
    for (const [locale, complaint, noComment, skipTitle, skipped] of [
      ['zh-CN', ['我要投诉', '耳机左边没声音，订单号20250306', '在聊天里回复我', '确认'], '没有了', '不了，谢谢', '好的。还有什么可以帮您？'],
      ['zh-TW', ['我要投訴，耳機壞了', '訂單號20250307', '在聊天裡回覆我', '確認提交'], '沒有了', '不了，謝謝', '好的。還有什麼可以幫您？'],
    ] as const) {
      const customer = await startConversation(server.url, locale);
      const id = await fileComplaint(server.url, customer, [...complaint]);
      await request(server.url, 'PATCH', `/api/tickets/${id}`, { cookie: agent, body: { status: 'resolved', resolution: '已为您换新。' } });
      await botSays(server.url, customer, new RegExp(`${id}：`));
      await send(server.url, customer, '5');
      const [nps] = await send(server.url, customer, noComment);
      const skip = nps.suggestedActions.actions.at(-1);
      expect(skip.title, `${locale}: ${nps.text}`).toBe(skipTitle);
      // The customer taps it: the question is dropped, not answered as "thanks" small talk.
      expect(await chat(server.url, customer, skip.value)).toBe(skipped);
      expect((await request(server.url, 'GET', `/api/tickets/${id}`, { cookie: agent })).body.history.some((entry: any) => entry.action === 'nps')).toBe(false);
    }
  });

  it('answers a knowledge-base question asked mid-complaint, in English or Chinese, asks the question again, and files the complaint with what was given', async () => {
    const customer = await startConversation(server.url, 'en-US');
    expect(await chat(server.url, customer, 'I want to complain')).toMatch(/^I'm sorry to hear that\. Please tell me what happened/);
    expect(await askMidFlow(server.url, customer, 'how long does a refund take?', /^Now, back to your complaint: what happened\?$/)).toEqual([expect.stringMatching(/Refunds are issued to your original payment method/), 'Now, back to your complaint: what happened?']);
    expect(await chat(server.url, customer, 'My order 48301 arrived with a cracked screen')).toMatch(/How should our team get back to you/);
    expect(await askMidFlow(server.url, customer, '退款多久到账？', /^我们继续登记投诉：客服该如何联系您？$/)).toEqual([expect.stringMatching(/原路退款/), '我们继续登记投诉：客服该如何联系您？']);
    const id = await fileComplaint(server.url, customer, ['me@example.com', '确认']);
    expect((await request(server.url, 'GET', `/api/tickets/${id}`, { cookie: agent })).body).toMatchObject({
      description: 'My order 48301 arrived with a cracked screen',
      orderNumber: '48301',
      contact: { email: 'me@example.com' },
      category: 'product_quality',
    });

    // An upset question, in Chinese: answered, and the complaint goes on (no person is brought in over it).
    const upset = await startConversation(server.url, 'zh-CN');
    expect(await chat(server.url, upset, '我要投诉')).toMatch(/请用您自己的话描述一下发生了什么/);
    const replies = await askMidFlow(server.url, upset, '退款到底多久到账？太差劲了，气死人了', /^我们继续登记投诉：请问发生了什么？$/);
    expect(replies).toEqual([expect.stringMatching(/原路退款/), '我们继续登记投诉：请问发生了什么？']);
    expect(await chat(server.url, upset, '耳机左边没声音，订单号20250308')).toMatch(/客服该如何联系您/);
    expect((await request(server.url, 'GET', `/api/conversations/${upset.conversationId}`, { cookie: agent })).body.status).toBe('bot');
  });

  it("tells a customer in Shanghai their ticket's due time in Shanghai time when a person takes it or it is reopened, as the bot does in their own turns", async () => {
    const customer = await startConversation(server.url, 'en-US');
    // The widget (and Web Chat) send the browser's time zone with every message.
    let filed = '';
    for (const turn of ['I want to complain', 'My order 48299 came without the charger', 'me@example.com', 'yes']) {
      filed = (await send(server.url, customer, turn, 10_000, { localTimezone: 'Asia/Shanghai' })).map((reply) => reply.text as string).join('\n');
    }
    const id = /T-\d+/.exec(filed)![0];
    expect(filed).toMatch(/GMT\+8/);
    const patch = (body: unknown) => request(server.url, 'PATCH', `/api/tickets/${id}`, { cookie: agent, body });

    expect((await patch({ status: 'in_progress' })).status).toBe(200);
    const taken = await botSays(server.url, customer, new RegExp(`ticket ${id}: Ana from our team is now working on it`));
    expect(taken).toMatch(/We aim to get back to you by .* GMT\+8\.$/);
    expect(taken).not.toMatch(/UTC/);

    expect((await patch({ status: 'resolved', resolution: 'A charger is on its way.' })).status).toBe(200);
    await botSays(server.url, customer, new RegExp(`ticket ${id}: it has been resolved`));
    expect((await patch({ status: 'reopened' })).status).toBe(200);
    const reopened = await botSays(server.url, customer, new RegExp(`ticket ${id}: our team has reopened it`));
    expect(reopened).toMatch(/GMT\+8/);
    expect(reopened).not.toMatch(/UTC/);
  });

  it('tells the customer when a person takes their ticket and when the team needs something from them, and keeps their answer', async () => {
    const customer = await startConversation(server.url, 'en-US');
    const id = await fileComplaint(server.url, customer, ['I want to complain', 'My order 48213 came without the charger', 'me@example.com', 'yes']);
    const patch = (body: unknown) => request(server.url, 'PATCH', `/api/tickets/${id}`, { cookie: agent, body });

    // Whoever starts the work owns the ticket, and the customer hears a person is on it.
    expect((await patch({ status: 'in_progress' })).body).toMatchObject({ status: 'in_progress', assignee: 'Ana' });
    expect(await botSays(server.url, customer, new RegExp(`ticket ${id}: Ana from our team is now working on it`))).toMatch(/We aim to get back to you by /);

    // A question only goes with a ticket that waits for the customer.
    const stray = await patch({ question: 'Which colour?' });
    expect(stray.status).toBe(400);
    expect(stray.body.error.code).toBe('question_needs_waiting');

    expect((await patch({ status: 'waiting_customer', question: 'Could you send us the serial number on the box?' })).status).toBe(200);
    expect(await botSays(server.url, customer, /needs something from you/)).toBe(
      `An update on your ticket ${id}: to carry on, our team needs something from you.\nCould you send us the serial number on the box?\nPlease reply here.`,
    );
    expect(await chat(server.url, customer, 'It is SN-55821, call me on +1 555 123 4567')).toMatch(new RegExp(`^Thank you! I've added that to ticket ${id} and our team is back on it\\. We aim to get back to you by `));
    const ticket = (await request(server.url, 'GET', `/api/tickets/${id}`, { cookie: agent })).body;
    expect(ticket.status).toBe('in_progress');
    expect(ticket.history.slice(-4).map((entry: any) => [entry.action, entry.by.kind, entry.to ?? entry.text])).toEqual([
      ['status', 'agent', 'waiting_customer'],
      ['question', 'agent', 'Could you send us the serial number on the box?'],
      // Kept masked, as every customer's words are.
      ['answer', 'customer', expect.stringMatching(/^It is SN-55821, call me on (?!\+1 555 123 4567)/)],
      ['status', 'customer', 'in_progress'],
    ]);
  });

  it("keeps the customer's answer on the ticket when the team's question reaches them while an agent has the chat", async () => {
    const customer = await startConversation(server.url, 'en-US');
    const id = await fileComplaint(server.url, customer, ['I want to complain', 'The blender I got in order 99310 smells of burning', 'me@example.com', 'yes']);
    const post = (text: string) => request(server.url, 'POST', `/v3/directline/conversations/${customer.conversationId}/activities`, { token: customer.token, body: { type: 'message', text } });
    expect((await post('I want to talk to a person')).status).toBe(200);
    await server.parley.adapter.idle();
    expect((await request(server.url, 'POST', `/api/conversations/${customer.conversationId}/claim`, { cookie: agent })).status).toBe(200);
    expect((await request(server.url, 'PATCH', `/api/tickets/${id}`, { cookie: agent, body: { status: 'in_progress' } })).status).toBe(200);
    expect((await request(server.url, 'PATCH', `/api/tickets/${id}`, { cookie: agent, body: { status: 'waiting_customer', question: 'Which model is it?' } })).status).toBe(200);
    expect(await botSays(server.url, customer, /needs something from you/)).toContain('Which model is it?');

    // The bot stays quiet while Ana has the chat; the customer's next message is the answer all the same.
    for (const text of ['It is the BX-200, receipt sent to me@example.com', 'thanks for the help']) {
      expect((await post(text)).status).toBe(200);
      await server.parley.adapter.idle();
    }
    const ticket = (await request(server.url, 'GET', `/api/tickets/${id}`, { cookie: agent })).body;
    expect(ticket.status).toBe('in_progress');
    const answers = ticket.history.filter((entry: { action: string }) => entry.action === 'answer');
    // One answer, masked like every customer's words; the later message stays in the chat only.
    expect(answers).toEqual([expect.objectContaining({ by: expect.objectContaining({ kind: 'customer' }), text: expect.stringMatching(/^It is the BX-200, receipt sent to (?!me@example\.com)/) })]);
  });

  it('asks a Chinese customer for what their ticket needs in Chinese, and keeps the answer', async () => {
    const customer = await startConversation(server.url, 'zh-CN');
    const id = await fileComplaint(server.url, customer, ['我要投诉', '快递显示已签收但我没收到，订单号20250302', '在聊天里回复我', '确认']);
    await request(server.url, 'PATCH', `/api/tickets/${id}`, { cookie: agent, body: { status: 'waiting_customer' } });
    expect(await botSays(server.url, customer, new RegExp(`关于您的工单 ${id}：为了继续处理`))).toBe(`关于您的工单 ${id}：为了继续处理，我们需要您补充更多信息。请直接在这里回复您能提供的细节。`);
    expect(await chat(server.url, customer, '收件地址是公司前台，门卫说没见过快递')).toMatch(new RegExp(`^谢谢！我已把您的回复加到工单 ${id}，客服会继续处理`));
    const ticket = (await request(server.url, 'GET', `/api/tickets/${id}`, { cookie: agent })).body;
    expect(ticket).toMatchObject({ status: 'in_progress', language: 'zh' });
    expect(ticket.history.at(-2)).toMatchObject({ action: 'answer', by: { kind: 'customer' }, text: '收件地址是公司前台，门卫说没见过快递' });
  });

  it('reopens a ticket when the customer says it is not fixed (in Chinese, here written in Traditional)', async () => {
    const customer = await startConversation(server.url, 'zh-CN');
    const id = await fileComplaint(server.url, customer, ['我要投诉', '退款申请了两周还没到账', '订单号是20250301', 'li@example.com', '确认']);
    await request(server.url, 'PATCH', `/api/tickets/${id}`, { cookie: agent, body: { status: 'resolved', resolution: '已为您重新提交退款，1-3 个工作日到账。' } });
    await botSays(server.url, customer, new RegExp(`工单 ${id}：已处理完毕`));
    // Written in Traditional, answered in Traditional.
    expect(await chat(server.url, customer, '還是沒解決')).toMatch(new RegExp(`^很抱歉問題還沒有解決。我已重新打開工單 ${id}`));
    const ticket = (await request(server.url, 'GET', `/api/tickets/${id}`, { cookie: agent })).body;
    expect(ticket).toMatchObject({ status: 'reopened', category: 'refund_billing', language: 'zh' });
    expect(ticket.history.at(-1)).toMatchObject({ action: 'status', from: 'resolved', to: 'reopened', by: { kind: 'customer' } });
  });

  it('tells the customer in the conversation they are in now, in the language they write now, and when the team reopens the ticket', async () => {
    const first = await startConversation(server.url, 'en-US');
    const id = await fileComplaint(server.url, first, ['I want to complain', 'My order 48219 arrived with a broken zip', 'me@example.com', 'yes']);
    // "Start a new conversation" in the widget: the same customer, a fresh chat; now they write Chinese.
    const renewed = await request(server.url, 'POST', '/v3/directline/tokens/generate', { token: first.token, body: {} });
    const second = (await request(server.url, 'POST', '/v3/directline/conversations', { token: renewed.body.token, body: { locale: 'en-US' } })).body as Conversation;
    expect(second.conversationId).not.toBe(first.conversationId);
    await chat(server.url, second, '你好，我想问一下怎么退货');
    // A bare number (a score, an order number) on an English page says nothing about the language they write.
    await chat(server.url, second, '48219');
    await server.parley.adapter.idle();
    const patch = (body: unknown) => request(server.url, 'PATCH', `/api/tickets/${id}`, { cookie: agent, body });

    await patch({ status: 'in_progress' });
    expect(await botSays(server.url, second, new RegExp(`关于您的工单 ${id}：我们的客服 Ana 已开始处理`))).toMatch(/我们会在\d+月\d+日周. \d\d:\d\d（UTC）前答复您。$/);
    await patch({ status: 'resolved', resolution: '我们会寄出新的外套。' });
    await botSays(server.url, second, new RegExp(`关于您的工单 ${id}：已处理完毕。\n我们会寄出新的外套。`));
    // Reopened by the team: the customer hears it is being looked at again, and by when.
    await patch({ status: 'reopened', note: 'warehouse says the replacement is also faulty' });
    expect(await botSays(server.url, second, new RegExp(`关于您的工单 ${id}：我们已重新打开`))).toMatch(/^关于您的工单 T-\d+：我们已重新打开，正在重新处理。我们会在\d+月\d+日周. \d\d:\d\d（UTC）前答复您。$/);
    // The old chat heard none of it (the customer left it).
    expect((await activitiesOf(server.url, first)).filter((activity) => activity.from.role === 'bot' && /An update on your ticket|关于您的工单/.test(activity.text ?? ''))).toEqual([]);

    // Closing a resolved ticket is filing, not news: nothing more is said.
    await patch({ status: 'resolved', resolution: '我们已经寄出两件新外套，请任选一件。' });
    await botSays(server.url, second, /请任选一件/);
    const before = (await activitiesOf(server.url, second)).length;
    expect((await patch({ status: 'closed' })).body.status).toBe('closed');
    await server.parley.adapter.idle();
    expect((await activitiesOf(server.url, second)).length).toBe(before);
  });

  it("says nothing about an erased customer's ticket: its news is written into no conversation", async () => {
    const customer = await startConversation(server.url, 'en-US');
    const id = await fileComplaint(server.url, customer, ['I want to complain', 'My order 48230 came with a cracked lid', 'me@example.com', 'yes']);
    const admin = await signIn(server.url, 'admin@example.com', 'correct horse battery');
    const { customerId } = (await request(server.url, 'GET', `/api/tickets/${id}`, { cookie: agent })).body;
    expect((await request(server.url, 'DELETE', `/api/customers/${customerId}`, { cookie: admin })).status).toBe(200);

    // The team works the anonymised ticket on: taken, a question, resolved, reopened.
    const patch = (body: unknown) => request(server.url, 'PATCH', `/api/tickets/${id}`, { cookie: agent, body });
    expect((await patch({ status: 'in_progress' })).status).toBe(200);
    expect((await patch({ status: 'waiting_customer', question: 'Which shop wombat did you buy it from?' })).status).toBe(200);
    expect((await patch({ status: 'in_progress' })).status).toBe(200);
    expect((await patch({ status: 'resolved', resolution: 'A new lid quokka is on its way.' })).status).toBe(200);
    expect((await patch({ status: 'reopened' })).status).toBe(200);
    await server.parley.adapter.idle();

    // Before, each went to a made-up conversation "[erased]" shared by every erased customer:
    // a transcript and dialog state nobody owns, which neither retention nor erasure ever reach.
    const files = (await readdir(server.dataDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
    const outsideTickets: string[] = [];
    for (const file of files) {
      const where = path.join(file.parentPath, file.name);
      if (path.relative(server.dataDir, where).startsWith('tickets')) continue;
      const text = await readFile(where, 'utf8');
      if (/erased/.test(file.name) || /wombat|quokka/.test(text)) outsideTickets.push(path.relative(server.dataDir, where));
    }
    expect(outsideTickets).toEqual([]);
  });

  it("lets a customer read only their own tickets by number in chat", async () => {
    const owner = await startConversation(server.url);
    const id = await fileComplaint(server.url, owner, ['I want to complain, the courier was rude to me', 'owner@example.com', 'yes']);
    expect(await chat(server.url, owner, `what's the status of ${id}?`)).toMatch(new RegExp(`^Ticket ${id} \\(service\\): received`));
    const stranger = await startConversation(server.url);
    expect(await chat(server.url, stranger, `what's the status of ${id}?`)).toBe(`I couldn't find ticket ${id} among yours. Please check the number; a ticket filed from another device or browser isn't shown here, but a person can look it up for you (say "talk to a person").`);
  });

  it('lets an agent file a ticket from a chat, and 404s an unknown conversation or ticket', async () => {
    const customer = await startConversation(server.url);
    await chat(server.url, customer, '我的快递到哪了');
    const created = await request(server.url, 'POST', '/api/tickets', { cookie: agent, body: { conversationId: customer.conversationId, description: 'Customer reports a missing parcel', priority: 'high' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'open', priority: 'high', category: 'delivery', language: 'zh', history: [{ by: { kind: 'agent', name: 'Ana' } }] });
    // From the customer's own words: the order they named, their mood, what made it urgent.
    const fromWords = await request(server.url, 'POST', '/api/tickets', { cookie: agent, body: { conversationId: customer.conversationId, description: '我要投诉，快递员把包裹扔在门口被偷了，订单号 20251130\n转人工' } });
    expect(fromWords.body).toMatchObject({ orderNumber: '20251130', priority: 'urgent', category: 'delivery' });
    expect(fromWords.body.sentimentAtFiling).toBeLessThan(-0.3);
    const badOrder = await request(server.url, 'POST', '/api/tickets', { cookie: agent, body: { conversationId: customer.conversationId, description: 'x', orderNumber: '<b>' } });
    expect(badOrder.status).toBe(400);
    expect(JSON.stringify(badOrder.body)).toMatch(/orderNumber.*3-40 letters, digits or dashes/);
    expect((await request(server.url, 'POST', '/api/tickets', { cookie: agent, body: { conversationId: 'nope', description: 'x' } })).status).toBe(404);
    expect((await request(server.url, 'GET', '/api/tickets/T-999999', { cookie: agent })).status).toBe(404);
    expect((await request(server.url, 'GET', '/api/tickets/1001', { cookie: agent })).status).toBe(400);
  });

  it('keeps tickets and their numbering across a restart on real files', async () => {
    const before = (await request(server.url, 'GET', '/api/tickets', { cookie: agent })).body.tickets as any[];
    await server.stop();
    server = await startTestServer({ dataDir: server.dataDir });
    agent = await signIn(server.url, 'ana@example.com', 'agent password 1');
    const after = (await request(server.url, 'GET', '/api/tickets', { cookie: agent })).body.tickets as any[];
    expect(after).toEqual(before);
    const customer = await startConversation(server.url);
    const id = await fileComplaint(server.url, customer, ['I want to complain, my account is locked', 'x@example.com', 'yes']);
    expect(Number(id.slice(2))).toBe(Math.max(...before.map((ticket) => Number(ticket.id.slice(2)))) + 1);
  });
});
