import { readFile } from 'node:fs/promises';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { say } from '../../src/bot/messages.js';
import { loadKnowledgeDir, type Intent } from '../../src/kb/index.js';
import { generateToken, openDirectLine, type ClientActivity, type DirectLineSession } from '../support/directline.js';
import { request, send, startConversation } from '../support/http.js';
import { scriptOf, traditionalConverter } from '../../src/nlu/traditional.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { startChildServer } from '../support/child-server.js';
import { tempDirs } from '../support/temp.js';

let server: TestServer;
let intents: Map<string, Intent>;

beforeAll(async () => {
  server = await startTestServer();
  intents = new Map((await loadKnowledgeDir(path.resolve('knowledge'))).map((intent) => [intent.name, intent]));
});
afterAll(async () => {
  await server?.cleanup();
});

const isBot = (activity: ClientActivity) => activity.type === 'message' && activity.from.role === 'bot';

/** The reply is one of the intent's answers in that language. */
function expectAnswer(reply: ClientActivity, intent: string, language: 'en' | 'zh') {
  const answers = intents.get(intent)!.answers[language];
  expect(answers.some((answer) => reply.text?.startsWith(answer)), `"${reply.text}" should answer ${intent} in ${language}`).toBe(true);
  expect(reply.locale).toBe(language === 'zh' ? 'zh-CN' : 'en');
}

describe.each([
  ['polling', false],
  ['WebSocket', true],
])('Microsoft Direct Line client over %s', (_mode, webSocket) => {
  let session: DirectLineSession;

  beforeAll(async () => {
    session = await openDirectLine(server.url, { webSocket });
  });
  afterAll(() => session?.end());

  it('is greeted in both languages when it gave no locale', async () => {
    const welcome = await session.next(isBot);
    expect(welcome.text).toContain(say('welcome', 'en'));
    expect(welcome.text).toContain(say('welcome', 'zh'));
  });

  it('gets its own message back with the server id and its clientActivityID, and a server-chosen sender', async () => {
    const id = await session.say('where is my order?');
    const echo = await session.next((activity) => activity.id === id);
    expect(echo.text).toBe('where is my order?');
    expect(echo.channelData?.clientActivityID).toMatch(/^test-/);
    expect(echo.from.id).not.toBe('spoofed-user');
    expect(echo.from.id).toMatch(/^dl_/);
    expectAnswer(await session.next(isBot), 'order_status', 'en');
  });

  it.each([
    ['how do I return something', 'return_item', 'en'],
    ['我的快递到哪了', 'order_status', 'zh'],
    ['怎么退货', 'return_item', 'zh'],
    ['wher is my oder??', 'order_status', 'en'],
    ['how do i retrun sumthing', 'return_item', 'en'],
    ['我的快第到哪了', 'order_status', 'zh'],
  ] as const)('answers %j from the knowledge base', async (text, intent, language) => {
    expectAnswer(await session.ask(text), intent, language);
  });

  it('offers quick replies where the answer has choices', async () => {
    const withChoices = [...intents.values()].find((intent) => (intent.quickReplies?.en.length ?? 0) > 0 && !intent.dialog)!;
    const reply = await session.ask(withChoices.title!.en);
    expect(reply.suggestedActions?.actions.map((action) => action.title)).toEqual(withChoices.quickReplies!.en);
  });

  it('says it is not sure, and offers a person, instead of guessing', async () => {
    const reply = await session.ask("what's the weather on Mars");
    expect(reply.text).toBe(say('fallback', 'en'));
    expect(reply.suggestedActions?.actions.map((action) => action.title)).toEqual([intents.get('contact_human')!.title!.en]);
    // The second miss in a row, in Chinese: a brief "not sure", and the offer of a person right after it.
    const zh = await session.ask('给我写一首关于月亮的诗');
    expect(zh.text).toBe(say('fallbackBrief', 'zh'));
    // One button under the two messages: the brief "not sure" offers none of its own.
    expect(zh.suggestedActions).toBeUndefined();
    const offer = await session.next(isBot);
    expect([say('humanOfferedOffline', 'zh'), say('humanOfferedForFallbacks', 'zh')]).toContain(offer.text);
    expect(offer.suggestedActions?.actions.map((action) => action.title)).toEqual([intents.get('contact_human')!.title!.zh]);
  });
});

describe('questions the bot could not answer', () => {
  it('are stored with text, language, time and best guesses, personal data masked', async () => {
    const session = await openDirectLine(server.url, { webSocket: true });
    try {
      await session.next(isBot);
      await session.ask('can you tell me the weather on Mars? mail me at alice@example.com');
    } finally {
      session.end();
    }
    await server.parley.storage.flush();
    const stored = JSON.parse(await readFile(path.join(server.dataDir, 'unanswered.json'), 'utf8'));
    const question = Object.values(stored.items as Record<string, any>).find((item) => item.text.includes('tell me the weather on Mars'));
    expect(question).toMatchObject({ language: 'en', kind: 'fallback', status: 'new' });
    expect(question.text).toContain('a***@example.com');
    expect(question.text).not.toContain('alice@');
    expect(Date.parse(question.at)).not.toBeNaN();
    expect(question.bestGuesses.length).toBeGreaterThan(0);
    expect(question.bestGuesses[0]).toEqual({ intent: expect.any(String), score: expect.any(Number) });
  });

  it('are masked in Chinese too, where nothing separates a number from the words around it', async () => {
    const { token, conversationId } = await generateToken(server.url);
    const session = await openDirectLine(server.url, { webSocket: true, token });
    try {
      await session.next(isBot);
      await session.ask('火星上天气怎么样？我的手机是13912345678，身份证110101199003074514');
    } finally {
      session.end();
    }
    await server.parley.storage.flush();
    const stored = JSON.parse(await readFile(path.join(server.dataDir, 'unanswered.json'), 'utf8'));
    const question = Object.values(stored.items as Record<string, any>).find((item) => item.text.includes('火星上天气怎么样'));
    expect(question.text).toBe('火星上天气怎么样？我的手机是*******5678，身份证**************4514');
    const transcript = await readFile(path.join(server.dataDir, 'transcripts', `${conversationId}.jsonl`), 'utf8');
    expect(transcript).toContain('我的手机是*******5678');
    expect(transcript).not.toContain('13912345678');
    expect(transcript).not.toContain('110101199003074514');
  });
});

describe('a message in both scripts', () => {
  it.each([
    ['zh-CN', 'zh', 'zh-CN'],
    ['en-US', 'en', 'en'],
  ] as const)('is answered in the language of the page the customer is on (%s), which it told once at the start', async (locale, language, replyLocale) => {
    const customer = await startConversation(server.url, locale);
    const [reply] = await send(server.url, customer, '退款 refund status');
    // (An unhappy-sounding message gets a word of sympathy before the answer.)
    expect(intents.get('refund_status')!.answers[language].some((answer) => reply.text.includes(answer)), reply.text).toBe(true);
    expect(reply.locale).toBe(replyLocale);
  });
});

describe('a customer who asks again what the bot just answered', () => {
  it('reads the step of the answer in short and the offer of a person, not the same paragraph, in either language', async () => {
    const session = await openDirectLine(server.url, { webSocket: true });
    try {
      await session.next(isBot);
      expectAnswer(await session.ask('我想退货'), 'return_item', 'zh');
      const again = await session.ask('怎么退');
      expect(again.text).toBe(`${say('answerAgainStep', 'zh', { step: '在「我的订单」里选中商品点「申请退货」，选择原因后可预约快递上门取件或自行寄回。' })}\n退货政策: https://shop.example.com/returns`);
      expect(again.suggestedActions?.actions.map((action) => action.title)).toEqual([intents.get('contact_human')!.title!.zh]);
      expectAnswer(await session.ask('how do I return something'), 'return_item', 'en');
      expect((await session.ask('how do I return it')).text).toMatch(/^In short, as in my answer above: Go to Account → My orders, choose the item and tap Return/);
    } finally {
      session.end();
    }
  });
});

describe('a customer who writes Traditional Chinese', () => {
  const traditionalOnly = (text: string | undefined) => scriptOf(text ?? '') === 'traditional';

  it('reads the answers, the bot’s own sentences and the buttons in Traditional, until writing Simplified', async () => {
    const session = await openDirectLine(server.url, { webSocket: true });
    try {
      await session.next(isBot);
      const answer = await session.ask('我的訂單到哪裡了');
      expect(answer.text).toContain('我的訂單');
      expect(traditionalOnly(answer.text), answer.text).toBe(true);
      expect(answer.locale).toBe('zh-TW');
      // A message that does not tell ("20251130") keeps Traditional; a button sent back in Traditional is understood.
      expect(traditionalOnly((await session.ask('20251130')).text)).toBe(true);
      const withChoices = [...intents.values()].find((intent) => (intent.quickReplies?.zh.length ?? 0) > 0 && !intent.dialog)!;
      const convert = await traditionalConverter();
      const clicked = await session.ask(convert(withChoices.title!.zh));
      expect(clicked.text).toBe(convert(withChoices.answers.zh[0]!));
      expect(clicked.suggestedActions?.actions.map((action) => action.title)).toEqual(withChoices.quickReplies!.zh.map(convert));
      const notSure = await session.ask('給我寫一首關於月亮的詩');
      expect(notSure.text).toBe(convert(say('fallback', 'zh')));
      const simplified = await session.ask('我的订单到哪了');
      expect(scriptOf(simplified.text ?? '')).toBe('simplified');
      expect(simplified.locale).toBe('zh-CN');
    } finally {
      session.end();
    }
  });

  it('reads the handoff’s own lines in Traditional too', async () => {
    const session = await openDirectLine(server.url, { webSocket: true });
    try {
      await session.next(isBot);
      await session.say('我要轉人工');
      const isSystem = (activity: ClientActivity) => (activity.channelData as { parley?: { sender?: string } } | undefined)?.parley?.sender === 'system';
      // Nobody is online here: the handoff's one line is its outcome (no "转接" first), in Traditional.
      const timedOut = await session.next((activity) => isSystem(activity));
      expect(timedOut.text).toMatch(/沒有客服.*工單 T-\d+/);
      expect(scriptOf(timedOut.text ?? ''), timedOut.text).toBe('traditional');
      expect(timedOut.locale).toBe('zh-TW');
      // Then the bot says what they can do now, in the turn the handoff's news runs in (the ticket is not named twice).
      const offer = await session.next((activity) => isBot(activity) && !isSystem(activity) && /留言/.test(activity.text ?? ''));
      expect(scriptOf(offer.text ?? ''), offer.text).toBe('traditional');
      expect(offer.text).not.toMatch(/T-\d+/);
    } finally {
      session.end();
    }
  });

  it('is welcomed in Traditional on a zh-TW page', async () => {
    const customer = await startConversation(server.url, 'zh-TW');
    const welcome = async () => {
      const { activities } = (await request(server.url, 'GET', `/v3/directline/conversations/${customer.conversationId}/activities`, { token: customer.token })).body as { activities: ClientActivity[] };
      return activities.find(isBot)?.text ?? '';
    };
    // The welcome is sent just after the conversation starts.
    await expect.poll(welcome, { timeout: 10_000 }).toContain((await traditionalConverter())(say('welcome', 'zh')));
  });
});

describe('the first message of a conversation', () => {
  const scratch = tempDirs();

  it('comes after the welcome, even sent the moment the conversation started on a fresh server (so a reloaded history does not open with the question)', async () => {
    const work = await scratch();
    const child = await startChildServer({ dataDir: path.join(work, 'data'), env: { PARLEY_MODEL_DIR: path.join(work, 'models') } });
    try {
      // The first zh-TW welcome is the slowest there is (the Traditional converter loads on first use).
      const customers = [];
      for (const [locale, text] of [['en-US', 'where is my order?'], ['zh-CN', '怎么退货'], ['zh-TW', '請問可以退貨嗎']] as const) {
        const customer = await startConversation(child.url, locale);
        await send(child.url, customer, text);
        customers.push(customer);
      }
      for (const customer of customers) {
        const { activities } = (await request(child.url, 'GET', `/v3/directline/conversations/${customer.conversationId}/activities`, { token: customer.token })).body as { activities: ClientActivity[] };
        const said = activities.filter((activity) => activity.type === 'message').map((activity) => (isBot(activity) ? 'bot' : 'customer'));
        expect(said.slice(0, 2), customer.conversationId).toEqual(['bot', 'customer']);
      }
    } finally {
      await child.stop();
    }
  }, 60_000);
});

describe('the WebSocket stream', () => {
  it('brings a message’s echo and the answer to it in one frame, with the watermark after both', async () => {
    const chat = await startConversation(server.url, 'en-US');
    const socket = new WebSocket(chat.streamUrl);
    const frames: { activities: ClientActivity[]; watermark: string }[] = [];
    socket.on('message', (data) => frames.push(JSON.parse(String(data))));
    try {
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      const answered = (count: number) => expect.poll(() => frames.flatMap((frame) => frame.activities).filter(isBot).length).toBe(count);
      await answered(1); // the welcome
      // A fresh server's first answer can come a pass of the event loop after its echo (work done
      // on first use; this test may run alone); later ones do not.
      await send(server.url, chat, 'where is my order?');
      await answered(2);
      await server.parley.adapter.idle(); // the turn is over (its profile recorded), not only answered
      const before = frames.length;
      const { id } = (await request(server.url, 'POST', `/v3/directline/conversations/${chat.conversationId}/activities`, { token: chat.token, body: { type: 'message', text: 'how do I return something' } })).body as { id: string };
      await answered(3);
      expect(frames.length).toBe(before + 1);
      const frame = frames[before]!;
      expect(frame.activities.map((activity) => (activity.id === id ? 'echo' : activity.replyToId === id ? 'answer' : activity.type))).toEqual(['echo', 'answer']);
      expect(frame.watermark).toBe(String(frames.flatMap((each) => each.activities).length));
    } finally {
      socket.close();
    }
  });
});
