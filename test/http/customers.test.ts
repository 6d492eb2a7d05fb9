import { createHmac } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { say } from '../../src/bot/messages.js';
import { TokenService } from '../../src/channels/index.js';
import type { ConversationRecord } from '../../src/conversations/index.js';
import type { ParleyEvents } from '../../src/events/index.js';
import { replyTexts, request, signIn } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

const SECRET = 'server-secret-for-the-customers-test';
const IDENTITY_SECRET = 'host-site-identity-secret-for-tests';
const KNOWLEDGE = path.resolve(import.meta.dirname, '..', 'fixtures', 'customers', 'knowledge');

let server: TestServer;
let admin: string;
let agent: string;
const handoffs: ParleyEvents['handoff.requested'][] = [];

const login = (email: string, password: string) => signIn(server.url, email, password);

beforeAll(async () => {
  server = await startTestServer({ env: { KNOWLEDGE_DIR: KNOWLEDGE, PARLEY_SECRET: SECRET, PARLEY_IDENTITY_SECRET: IDENTITY_SECRET } });
  server.parley.events.subscribe('handoff.requested', (event) => handoffs.push(event));
  admin = await login('admin@example.com', 'correct horse battery');
  const created = await request(server.url, 'POST', '/api/users', { cookie: admin, body: { email: 'agent@example.com', password: 'agent password 1', role: 'agent' } });
  expect(created.status).toBe(201);
  agent = await login('agent@example.com', 'agent password 1');
});

afterAll(async () => {
  await server?.cleanup();
});

interface Visit {
  conversationId: string;
  token: string;
  customerId: string;
}

/** A widget visit: a token (maybe carrying an earlier one or a host-site identity), then the conversation. */
async function visit(options: { previousToken?: string; user?: Record<string, unknown>; resume?: boolean } = {}): Promise<Visit> {
  const generated = await request(server.url, 'POST', '/v3/directline/tokens/generate', {
    ...(options.previousToken ? { token: options.previousToken } : {}),
    body: { ...(options.user ? { user: options.user } : {}), ...(options.resume ? { resume: true } : {}) },
  });
  expect(generated.status).toBe(200);
  const started = await request(server.url, 'POST', '/v3/directline/conversations', { token: generated.body.token, body: {} });
  expect(started.status).toBe(201);
  const record = await server.parley.storage.collection<ConversationRecord>('conversations').get(started.body.conversationId);
  return { conversationId: started.body.conversationId, token: started.body.token, customerId: record!.customerId };
}

/** An agent with the console open (its live feed) counts as online until `close`. */
async function agentOnline(cookie: string): Promise<() => void> {
  const abort = new AbortController();
  const response = await fetch(`${server.url}/api/events`, { headers: { cookie }, signal: abort.signal });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  await reader.read();
  return () => abort.abort();
}

async function consent(conversation: Visit, profiling: boolean): Promise<void> {
  const posted = await request(server.url, 'POST', `/v3/directline/conversations/${conversation.conversationId}/activities`, {
    token: conversation.token,
    body: { type: 'event', name: 'parley.consent', value: { profiling } },
  });
  expect(posted.status).toBe(200);
}

const ask = (chat: Visit, text: string) => replyTexts(server, chat, text);

describe('clicks on quick replies', () => {
  it('are recorded, but a furious complaint filed by clicking through the flow leaves the customer frustrated', async () => {
    const chat = await visit();
    await consent(chat, true);
    expect((await ask(chat, 'I want to complain, my parcel never arrived and nobody answers me, this is terrible and I am furious')).join('\n')).toMatch(/Which order/);
    // Three clicks on the buttons the bot offered: each was read as a neutral message that pulled the mood towards 0.
    expect((await ask(chat, 'Not about an order')).join('\n')).toMatch(/How should our team get back to you/);
    expect((await ask(chat, 'Reply in this chat')).join('\n')).toMatch(/Shall I file it\?/);
    expect((await ask(chat, 'Yes, file it')).join('\n')).toMatch(/filed as ticket T-\d+/);

    const profile = (await request(server.url, 'GET', `/api/customers/${chat.customerId}`, { cookie: agent })).body;
    expect(profile.sentiment.history.map((point: { label: string; choice?: boolean }) => [point.label, point.choice ?? false])).toEqual([
      ['negative', false],
      ['neutral', true],
      ['neutral', true],
      ['neutral', true],
    ]);
    expect(profile.sentiment.rolling).toBe(profile.sentiment.history[0].score);
    expect(profile.tags).toContainEqual(expect.objectContaining({ name: 'frustrated', reason: expect.stringMatching(/^rolling sentiment -0\.\d\d over 1 messages$/) }));
    // The conversation's own mood (the agents' queue, the touchpoint temperature) follows the words too.
    expect(profile.conversations[0].mood).toBe(profile.sentiment.rolling);

    // Typed words that are not a choice on offer count as ever.
    await ask(chat, 'ok thanks, that is great, you were very helpful');
    const after = (await request(server.url, 'GET', `/api/customers/${chat.customerId}`, { cookie: agent })).body;
    expect(after.sentiment.history.at(-1).choice).toBeUndefined();
    expect(after.sentiment.rolling).toBeGreaterThan(profile.sentiment.rolling);
  });
});

describe('a conversation that turns sour', () => {
  it('fills the profile, sets the tags, and the bot apologises and brings in a human', async () => {
    const offline = await agentOnline(agent);
    const chat = await visit();
    await consent(chat, true);
    expect((await ask(chat, 'where is my order'))[0]).toMatch(/^You can follow your order/);
    await ask(chat, 'it still has not arrived and I am annoyed');
    // Frustrated now (rolling mood below -0.3): the answer opens with a short apology.
    expect(await ask(chat, 'when are you open? I am really upset')).toEqual([`Sorry about the trouble. We're here every day from 9:00 to 21:00.`]);
    expect(handoffs.map((each) => each.conversationId)).not.toContain(chat.conversationId);

    // Strongly negative: the bot asks for a human and says what will happen. That line says
    // sorry itself: the answer before it does not say it first.
    const sour = await ask(chat, 'still waiting. terrible.');
    expect(sour).toEqual([expect.stringMatching(/^You can follow your order/), say('handoffForMood', 'en')]);
    expect(handoffs).toContainEqual({ conversationId: chat.conversationId, reason: 'negative_sentiment' });

    const profile = await request(server.url, 'GET', `/api/customers/${chat.customerId}`, { cookie: agent });
    expect(profile.status).toBe(200);
    expect(profile.body.sentiment.history.map((point: { label: string }) => point.label)).toEqual(['neutral', 'negative', 'negative', 'negative']);
    expect(profile.body.sentiment.rolling).toBeLessThan(-0.3);
    expect(profile.body.tags).toContainEqual(
      expect.objectContaining({ name: 'frustrated', reason: expect.stringMatching(/^rolling sentiment -0\.\d\d over 4 messages$/) }),
    );
    expect(profile.body.churnRisk.signals.map((signal: { name: string }) => signal.name)).toContain('falling-sentiment');
    expect(profile.body.conversations).toEqual([
      expect.objectContaining({ id: chat.conversationId, escalated: true, turns: 4, temperature: expect.objectContaining({ label: expect.stringMatching(/cool|cold/) }) }),
    ]);

    // A calm customer gets the plain answer.
    const calm = await visit();
    expect(await ask(calm, 'what are your opening hours')).toEqual([`We're here every day from 9:00 to 21:00.`]);
    offline();
  });

  it('apologises to the upset message, not to a calm request after it, in either language', async () => {
    const cases = [
      { upset: '你们几点开门？我真的很生气', hours: '我们每天 9:00 到 21:00 提供服务。', calm: '我想退货', returns: '收货后 30 天内可在“我的订单 → 退货”申请退货。', language: 'zh' },
      { upset: 'when are you open? I am really upset', hours: "We're here every day from 9:00 to 21:00.", calm: 'I want to send it back and get a refund', returns: 'You can return an item within 30 days from My orders → Return.', language: 'en' },
    ] as const;
    for (const { upset, hours, calm, returns, language } of cases) {
      const chat = await visit();
      expect(await ask(chat, upset)).toEqual([say('apologyPrefix', language) + hours]);
      // Still frustrated (the chat's mood is below -0.3), and "退货" or "refund" counts against
      // the mood, but the message only asks for a return: the answer, without another "sorry".
      expect(await ask(chat, calm)).toEqual([returns]);
    }
  });

  it('two fallbacks in a row make the bot offer a person, and keep answering until the customer takes it', async () => {
    const offline = await agentOnline(agent);
    const chat = await visit();
    expect((await ask(chat, 'purple elephants dance quietly'))).toEqual([say('fallback', 'en')]);
    const second = (await ask(chat, 'the quantum flux capacitor broke'));
    // The second "not sure" offers no person itself: the offer follows it.
    expect(second).toEqual([say('fallbackBrief', 'en'), say('humanOfferedForFallbacks', 'en')]);
    expect(handoffs.map((each) => each.conversationId)).not.toContain(chat.conversationId);
    expect(await ask(chat, 'what are your opening hours')).toEqual([`We're here every day from 9:00 to 21:00.`]);
    offline();
  });

  it('with nobody online, the bot offers a person instead of going quiet, and keeps answering', async () => {
    const chat = await visit();
    await ask(chat, 'purple elephants dance quietly');
    expect(await ask(chat, 'the quantum flux capacitor broke')).toEqual([say('fallbackBrief', 'en'), say('humanOfferedOffline', 'en')]);
    expect(handoffs.map((each) => each.conversationId)).not.toContain(chat.conversationId);
    expect(await ask(chat, 'what are your opening hours')).toEqual([`We're here every day from 9:00 to 21:00.`]);
  });

  it('offers a complaint to a threat to go to law, however calmly put, in either language', async () => {
    expect(await ask(await visit(), "I'm going to sue you")).toEqual([say('complaintOffer', 'en')]);
    expect(await ask(await visit(), '再不处理我就打12315')).toEqual([say('complaintOffer', 'zh')]);
  });

  it('meets a furious message it does not understand with one offer of a person, in Chinese too, not two', async () => {
    for (const [text, language] of [['😡😡😡 useless!!!', 'en'], ['😡😡😡 垃圾！！！', 'zh']] as const) {
      const chat = await visit();
      expect(await ask(chat, text)).toEqual([say('fallbackBrief', language), say('humanOfferedOffline', language)]);
    }
  });

  it('does not break into a complaint under way: an angry answer to "what happened?" gets the next question only', async () => {
    const chat = await visit();
    expect(await ask(chat, '我要投诉')).toEqual([say('complaintAskDescription', 'zh')]);
    expect(await ask(chat, '快递员态度很差，把箱子直接扔门口，东西摔坏了，气死我了')).toEqual([say('apologyPrefix', 'zh') + say('complaintAskOrder', 'zh')]);
  });

  it('a Chinese customer who is furious is told in Chinese', async () => {
    const chat = await visit();
    const replies = (await ask(chat, '快递还没到，太差了，气死我了！！'));
    // It names a problem, so the bot offers a complaint (in Chinese) — and only that, not a
    // second offer of a person in the same breath.
    expect(replies).toContain(say('complaintOffer', 'zh'));
    expect(replies).not.toContain(say('handoffForMood', 'zh'));
  });

  it('without consent there is no profile, only the conversations; withdrawing removes the profile', async () => {
    const chat = await visit();
    await ask(chat, 'still waiting. terrible.');
    const bare = await request(server.url, 'GET', `/api/customers/${chat.customerId}`, { cookie: agent });
    expect(bare.body).toMatchObject({ consent: { profiling: false }, tags: [], sentiment: { rolling: null, history: [] } });
    expect(bare.body.conversations).toHaveLength(1);

    await consent(chat, true);
    await ask(chat, 'where is my order');
    const profiled = await request(server.url, 'GET', `/api/customers/${chat.customerId}`, { cookie: agent });
    expect(profiled.body.sentiment.history).toHaveLength(1);
    await consent(chat, false);
    await ask(chat, 'what are your opening hours');
    const withdrawn = await request(server.url, 'GET', `/api/customers/${chat.customerId}`, { cookie: agent });
    expect(withdrawn.body).toMatchObject({ consent: { profiling: false }, tags: [], sentiment: { rolling: null, history: [] } });
    // The scores of each message are gone from the disk, not only from the current version of the file.
    const insightFiles = (await filesUnder(path.join(server.dataDir, 'customer-insights'))).filter(({ text }) => text.includes(chat.conversationId));
    expect(insightFiles).toHaveLength(1);
    expect(insightFiles[0]!.text).not.toContain('"activityId"');
  });
});

describe('one customer across visits', () => {
  const sign = (value: string, secret = IDENTITY_SECRET) => createHmac('sha256', secret).update(value).digest('hex');

  it('the same browser, sending its old token, stays the same customer, also after the token expired', async () => {
    const first = await visit();
    const again = await visit({ previousToken: first.token });
    expect(again.customerId).toBe(first.customerId);
    expect(again.conversationId).not.toBe(first.conversationId);

    const tokens = (hoursAgo: number) => new TokenService(SECRET, 3600, () => Date.now() - hoursAgo * 3_600_000);
    const expired = tokens(48).issue(first.conversationId, 'dl_whoever').token;
    expect((await visit({ previousToken: expired })).customerId).toBe(first.customerId);
    const tooOld = tokens(24 * 40).issue(first.conversationId, 'dl_whoever').token;
    expect((await visit({ previousToken: tooOld })).customerId).not.toBe(first.customerId);
    const forged = new TokenService('another-secret-of-enough-length', 3600).issue(first.conversationId, 'dl_x').token;
    expect((await visit({ previousToken: forged })).customerId).not.toBe(first.customerId);
  });

  it('a signed host-site identity merges devices; an unsigned or wrongly signed one is ignored', async () => {
    const phone = await visit({ user: { id: 'shop-user-7', hash: sign('shop-user-7'), email: 'seven@example.com' } });
    const laptop = await visit({ user: { id: 'shop-user-7', hash: sign('shop-user-7') } });
    expect(laptop.customerId).toBe(phone.customerId);
    const unsigned = await visit({ user: { id: 'shop-user-7' } });
    const wrong = await visit({ user: { id: 'shop-user-7', hash: sign('shop-user-7', 'not-the-identity-secret') } });
    expect(new Set([phone.customerId, unsigned.customerId, wrong.customerId]).size).toBe(3);

    await consent(laptop, true);
    await ask(laptop, 'where is my order');
    const vip = await visit({ user: { id: 'shop-user-7', hash: sign('shop-user-7'), vip: true, vipHash: sign('vip:shop-user-7') } });
    await ask(vip, 'thanks');
    const profile = await request(server.url, 'GET', `/api/customers/${phone.customerId}`, { cookie: agent });
    expect(profile.body.conversations).toHaveLength(3);
    expect(profile.body.tags).toContainEqual(expect.objectContaining({ name: 'vip', reason: expect.stringContaining('host site') }));
  });
});

describe('a signed-in customer on another device', () => {
  const sign = (value: string, secret = IDENTITY_SECRET) => createHmac('sha256', secret).update(value).digest('hex');
  const user = { id: 'shop-user-9', hash: sign('shop-user-9') };
  const texts = async (chat: Visit) => ((await request(server.url, 'GET', `/v3/directline/conversations/${chat.conversationId}/activities`, { token: chat.token })).body.activities as { text?: string }[]).map((line) => line.text);

  it('continues the conversation they left open; "Start a new conversation", a forged identity and an anonymous visitor do not', async () => {
    const laptop = await visit({ user });
    await ask(laptop, 'where is my order');
    // The phone has no conversation of its own: the widget asks to resume, and gets the laptop's, history and all.
    const phone = await visit({ user, resume: true });
    expect(phone.conversationId).toBe(laptop.conversationId);
    expect(await texts(phone)).toContain('where is my order');

    // "Start a new conversation" on the phone (its token, no resume) opens a new one; until they write in it, the laptop's is still the one to continue.
    const fresh = await visit({ user, previousToken: phone.token });
    expect(fresh.conversationId).not.toBe(laptop.conversationId);
    expect((await visit({ user, resume: true })).conversationId).toBe(laptop.conversationId);
    await ask(fresh, 'thanks');
    expect((await visit({ user, resume: true })).conversationId).toBe(fresh.conversationId);

    for (const stranger of [{ id: 'shop-user-9', hash: sign('shop-user-9', 'not-the-identity-secret') }, { id: 'shop-user-9' }, undefined]) {
      const other = await visit({ ...(stranger ? { user: stranger } : {}), resume: true });
      expect([laptop.conversationId, fresh.conversationId]).not.toContain(other.conversationId);
    }
  });
});

describe('access to customer data', () => {
  it('needs a session; export, erase and VIP need an admin', async () => {
    const chat = await visit();
    await ask(chat, 'where is my order');
    const customerUrl = `/api/customers/${chat.customerId}`;
    expect((await request(server.url, 'GET', customerUrl)).status).toBe(401);
    expect((await request(server.url, 'GET', `${customerUrl}/export`)).status).toBe(401);
    expect((await request(server.url, 'DELETE', customerUrl)).status).toBe(401);
    expect((await request(server.url, 'GET', `${customerUrl}/export`, { cookie: agent })).status).toBe(403);
    expect((await request(server.url, 'DELETE', customerUrl, { cookie: agent })).status).toBe(403);
    expect((await request(server.url, 'PUT', `${customerUrl}/vip`, { cookie: agent, body: { vip: true } })).status).toBe(403);
    expect((await request(server.url, 'GET', customerUrl, { cookie: agent })).status).toBe(200);
    expect((await request(server.url, 'GET', '/api/customers/nobody_here', { cookie: agent })).status).toBe(404);
    expect((await request(server.url, 'GET', '/api/customers/..%2Fusers', { cookie: agent })).status).toBe(400);
  });
});

describe('a restart', () => {
  it('keeps the profile: pending changes are written on shutdown', async () => {
    const offline = await agentOnline(agent);
    const chat = await visit();
    await consent(chat, true);
    await ask(chat, 'still waiting. terrible.');
    await ask(chat, 'where is my order');
    offline();
    await server.stop();
    server = await startTestServer({ dataDir: server.dataDir, env: { KNOWLEDGE_DIR: KNOWLEDGE, PARLEY_SECRET: SECRET, PARLEY_IDENTITY_SECRET: IDENTITY_SECRET } });
    admin = await login('admin@example.com', 'correct horse battery');
    agent = await login('agent@example.com', 'agent password 1');
    const profile = await request(server.url, 'GET', `/api/customers/${chat.customerId}`, { cookie: agent });
    expect(profile.body.sentiment.history.map((point: { label: string }) => point.label)).toEqual(['negative', 'neutral']);
    expect(profile.body.conversations[0]).toMatchObject({ turns: 2, escalated: true });
  });
});

/** Every file under a directory, with its path. */
async function filesUnder(dir: string): Promise<{ file: string; text: string }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const file = path.join(entry.parentPath, entry.name);
        return { file, text: await readFile(file, 'utf8') };
      }),
  );
}

describe('export and erasure', () => {
  it('exports everything about a customer, then erases it from every file in the data directory', async () => {
    const first = await visit();
    await consent(first, true);
    await ask(first, 'zorblax quintessence manifold');
    await ask(first, 'my email is ann.lee@example.com and my phone is 13812345678, the parcel never arrived, this is awful');
    const second = await visit({ previousToken: first.token });
    await ask(second, 'please close my account, I am done with you');
    const other = await visit();
    await ask(other, 'my parcel never arrived either');
    // A ticket filed from the first conversation (as the complaint dialog does), with the raw contact.
    const ticket = await server.parley.tickets.create({
      customerId: first.customerId,
      conversationId: first.conversationId,
      description: 'Parcel lost, customer wrote: plinkerdoodle',
      language: 'en',
      contact: { email: 'ann.lee@example.com', phone: '13812345678' },
      orderNumber: '20240501123456',
      by: { kind: 'customer', id: first.customerId },
    });
    const note = await request(server.url, 'POST', `/api/conversations/${first.conversationId}/notes`, { cookie: agent, body: { text: 'Prefers calls after six, quibbleflux' } });
    expect(note.status).toBe(201);
    const userIds = [first, second].map((chat) => JSON.parse(Buffer.from(chat.token.split('.')[0]!, 'base64url').toString()).u as string);

    const exported = await request(server.url, 'GET', `/api/customers/${first.customerId}/export`, { cookie: admin });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    const transcripts = exported.body.data.conversations.conversations.flatMap((each: { transcript: { text?: string }[] }) => each.transcript.map((a) => a.text));
    expect(transcripts).toContain('my email is a***@example.com and my phone is *******5678, the parcel never arrived, this is awful');
    expect(transcripts).toContain('please close my account, I am done with you');
    expect(exported.body.data.profile.profile.cancelRequests).toHaveLength(1);
    expect(exported.body.data.conversations.unanswered).toEqual([expect.objectContaining({ text: 'zorblax quintessence manifold' })]);
    expect(JSON.stringify(exported.body.data.handoffNotes)).toContain('quibbleflux');
    expect(exported.body.data.tickets).toContainEqual(expect.objectContaining({ id: ticket.id, contact: { email: 'ann.lee@example.com', phone: '13812345678' } }));

    await server.parley.adapter.idle();
    const told: ParleyEvents['customer.erased'][] = [];
    server.parley.events.subscribe('customer.erased', (event) => told.push(event));
    const erased = await request(server.url, 'DELETE', `/api/customers/${first.customerId}`, { cookie: admin });
    expect(erased.status).toBe(200);
    expect(erased.body.erased).toMatchObject({ profile: 3, tickets: exported.body.data.tickets.length, handoffNotes: 1 });
    expect(told).toEqual([{ customerId: first.customerId, conversationIds: [first.conversationId, second.conversationId] }]);
    // No flush: the erasure itself leaves nothing behind by the time it answers.
    const secrets = [first.customerId, first.conversationId, second.conversationId, ...userIds, 'ann.lee', 'a***@example.com', '*******5678', 'this is awful', 'zorblax', 'I am done with you', 'quibbleflux', 'plinkerdoodle', '13812345678', '20240501123456'];
    const files = await filesUnder(server.dataDir);
    expect(files.length).toBeGreaterThan(3);
    for (const { file, text } of files) {
      for (const secret of secrets) {
        expect(text.includes(secret) ? `${secret} in ${file}` : '', `found ${secret}`).toBe('');
        expect(path.relative(server.dataDir, file)).not.toContain(secret);
      }
    }
    // The ticket stays for the numbers, without the customer.
    expect((await request(server.url, 'GET', `/api/tickets/${ticket.id}`, { cookie: agent })).body).toMatchObject({ id: ticket.id, contact: null, description: '[erased]' });
    // Someone else's conversation is untouched.
    expect(files.some(({ text }) => text.includes('my parcel never arrived either'))).toBe(true);

    expect((await request(server.url, 'GET', `/api/customers/${first.customerId}`, { cookie: agent })).status).toBe(404);
    expect((await request(server.url, 'GET', `/api/customers/${first.customerId}/export`, { cookie: admin })).status).toBe(404);
    expect((await request(server.url, 'DELETE', `/api/customers/${first.customerId}`, { cookie: admin })).status).toBe(404);
    const oldToken = await request(server.url, 'GET', `/v3/directline/conversations/${first.conversationId}/activities`, { token: first.token });
    expect(oldToken.status).toBe(404);
  });
});
