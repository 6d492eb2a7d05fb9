import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { say } from '../../src/bot/messages.js';
import { scriptOf } from '../../src/nlu/traditional.js';
import { openDirectLine, type ClientActivity } from '../support/directline.js';
import { request, signIn, startConversation } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

const isBot = (activity: ClientActivity) => activity.type === 'message' && activity.from.role === 'bot';

/** The greeting a shop writes for itself, with buttons of its own. */
const lotusTea = {
  name: 'welcome',
  category: 'smalltalk',
  utterances: { en: [], zh: [] },
  answers: { en: ['Welcome to Lotus Tea! Ask me about your order, shipping or our teas.'], zh: ['欢迎光临莲花茶！订单、配送和茶叶的问题都可以问我。'] },
  quickReplies: { en: ['Track my order', 'Talk to a human'], zh: ['查询订单物流', '转人工客服'] },
  links: [{ url: 'https://lotus-tea.example/help', label: { en: 'Help centre', zh: '帮助中心' } }],
};

describe('the greeting of a new conversation, edited by the admin', () => {
  let server: TestServer;
  let admin: string;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await signIn(server.url, 'admin@example.com', 'correct horse battery');
  });
  afterAll(() => server?.cleanup());

  /** The first bot message of a conversation started on a page of that locale. */
  async function greetingOn(locale: string): Promise<ClientActivity> {
    const customer = await startConversation(server.url, locale);
    const { activities } = (await request(server.url, 'GET', `/v3/directline/conversations/${customer.conversationId}/activities`, { token: customer.token })).body as { activities: ClientActivity[] };
    return activities.find(isBot)!;
  }

  async function publish(note: string): Promise<void> {
    const published = await request(server.url, 'POST', '/api/knowledge/publish', { cookie: admin, body: { note } });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
  }

  it('is the welcome intent of the default knowledge base, first in the draft a new admin opens', async () => {
    const draft = await request(server.url, 'GET', '/api/knowledge', { cookie: admin });
    const welcome = draft.body.intents.find((intent: { name: string }) => intent.name === 'welcome');
    expect(welcome.answers).toEqual({ en: [say('welcome', 'en')], zh: [say('welcome', 'zh')] });
    const greeting = await greetingOn('en-US');
    expect(greeting.text).toBe(say('welcome', 'en'));
    expect((greeting as { suggestedActions?: { actions: { title: string }[] } }).suggestedActions?.actions.map((action) => action.title)).toEqual(welcome.quickReplies.en);
  });

  it('greets the next customers with what the admin wrote once published, in their language, with its buttons and links', async () => {
    const saved = await request(server.url, 'PUT', '/api/knowledge/intents/welcome', { cookie: admin, body: lotusTea });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    // A greeting has no examples, and the check before publishing does not warn about that.
    const check = await request(server.url, 'POST', '/api/knowledge/publish', { cookie: admin, body: { dryRun: true } });
    expect(check.status).toBe(200);
    expect(check.body.warnings.filter((warning: { intent?: string }) => warning.intent === 'welcome')).toEqual([]);
    expect((await greetingOn('en-US')).text, 'not before the publish').toBe(say('welcome', 'en'));
    await publish('our own greeting');

    const english = await greetingOn('en-US');
    expect(english.text).toBe(`${lotusTea.answers.en[0]}\nHelp centre: https://lotus-tea.example/help`);
    expect((english as { suggestedActions?: { actions: { title: string }[] } }).suggestedActions?.actions.map((action) => action.title)).toEqual(lotusTea.quickReplies.en);
    // A greeting is not an answer: no thumbs up/down under it.
    expect((english.channelData as { parley?: { answer?: string } } | undefined)?.parley?.answer).toBeUndefined();
    expect((await greetingOn('zh-CN')).text).toBe(`${lotusTea.answers.zh[0]}\n帮助中心: https://lotus-tea.example/help`);
    const traditional = (await greetingOn('zh-TW')).text!;
    expect(traditional).toContain('歡迎光臨蓮花茶');
    expect(scriptOf(traditional)).toBe('traditional');

    // A page that gives no language is greeted in both, through Microsoft's Direct Line client.
    const session = await openDirectLine(server.url, { webSocket: true });
    try {
      const both = await session.next(isBot);
      expect(both.text).toContain(lotusTea.answers.en[0]);
      expect(both.text).toContain(lotusTea.answers.zh[0]);
      // Its button is answered like any quick reply.
      const tapped = await session.ask('Track my order');
      expect(tapped.channelData).toMatchObject({ parley: { answer: 'order_status' } });
    } finally {
      session.end();
    }
  });

  it('is the built-in greeting again once the admin deletes the welcome intent', async () => {
    const draft = await request(server.url, 'GET', '/api/knowledge', { cookie: admin });
    const deleted = await request(server.url, 'DELETE', '/api/knowledge/intents/welcome', { cookie: admin, headers: { 'if-match': `"${draft.body.revisions.welcome}"` } });
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(204);
    await publish('no greeting of our own');
    expect((await greetingOn('zh-CN')).text).toBe(say('welcome', 'zh'));
  });
});
