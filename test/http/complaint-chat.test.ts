import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { say } from '../../src/bot/messages.js';
import { replyTexts, startConversation } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.cleanup();
});

type Chat = Awaited<ReturnType<typeof startConversation>>;

const ask = (chat: Chat, text: string) => replyTexts(server, chat, text);

const answersOf = (intent: string, language: 'en' | 'zh') => server.parley.knowledge.runtime.current().intents.get(intent)!.answers[language];

describe('"sorry about the trouble" to an upset customer', () => {
  const cases = [
    { language: 'en', locale: 'en-US', upset: "this is terrible, my order is so late, I'm angry", decline: 'No, just answer', hours: 'when are you open? I am really upset', bye: 'thanks for nothing, goodbye' },
    { language: 'zh', locale: 'zh-CN', upset: '太差劲了，我的订单怎么还没到，气死了', decline: '不用，先回答问题', hours: '你们几点上班？烦死了', bye: '算了，再见，真失望' },
  ] as const;

  it('comes before an answer, once: not before one that says sorry itself, nor twice before a sour goodbye, in either language', async () => {
    for (const { language, locale, upset, decline, hours, bye } of cases) {
      const chat = await startConversation(server.url, locale);
      expect(await ask(chat, upset)).toEqual([say('complaintOffer', language)]);
      // The late-delivery answer opens with its own apology ("抱歉让您久等了！…"): not a second one.
      const late = await ask(chat, decline);
      expect(answersOf('order_late', language)).toContain(late[0]!.split('\n')[0]);
      // Upset, and answered with the opening hours: the apology reads naturally there.
      const [open] = await ask(chat, hours);
      expect(open!.startsWith(say('apologyPrefix', language)), open).toBe(true);
      // It read "很抱歉给您带来不便。感谢您的咨询，祝您生活愉快…": a sour goodbye gets one apology and a person.
      const [goodbye] = await ask(chat, bye);
      expect(goodbye).toBe(say('soured', language));
    }
  });
});

describe('a customer who switches to Chinese at the order question', () => {
  it('is added to the description and asked again in Chinese, and an apology before a later retry is in Chinese too', async () => {
    const chat = await startConversation(server.url, 'en-US');
    await ask(chat, 'I want to complain');
    expect(await ask(chat, 'my order is late')).toEqual([say('complaintAskOrder', 'en')]);
    expect(await ask(chat, 'my order still is not here')).toEqual([say('complaintCorrected', 'en', { what: say('complaintDetailAdded', 'en') }), say('complaintAskOrder', 'en')]);
    expect(await ask(chat, '太慢了，很不满意')).toEqual([say('complaintCorrected', 'zh', { what: say('complaintDetailAdded', 'zh') }), say('complaintAskOrder', 'zh')]);
    // It read "Sorry about the trouble. 这似乎不是订单号…".
    const [retry] = await ask(chat, 'blah');
    expect(retry!.endsWith(say('complaintOrderInvalid', 'zh')), retry).toBe(true);
    expect(retry).not.toContain(say('apologyPrefix', 'en').trim());
  });
});

describe('a complaint button pressed after its question has passed', () => {
  it('is known by the buttons the transcript shows the bot offered, in either language', async () => {
    const chat = await startConversation(server.url, 'en-US');
    expect(await ask(chat, "this is terrible, my order is so late, I'm angry")).toEqual([say('complaintOffer', 'en')]);
    await ask(chat, 'what are your opening hours');
    expect(await ask(chat, 'No, just answer')).toEqual([say('lateChoiceNone', 'en')]);
    // Upset and frustrated, the customer still gets no "sorry about the trouble" to a click.
    const upset = await startConversation(server.url, 'zh-CN');
    expect(await ask(upset, '太差劲了，我的订单怎么还没到，气死了')).toEqual([say('complaintOffer', 'zh')]);
    await ask(upset, '你们几点上班？烦死了');
    expect(await ask(upset, '不用，先回答问题')).toEqual([say('lateChoiceNone', 'zh')]);

    const zh = await startConversation(server.url, 'zh-CN');
    await ask(zh, '我要投诉，收到的杯子是碎的');
    await ask(zh, '与订单无关');
    await ask(zh, '在聊天里回复我');
    const [filed] = await ask(zh, '确认提交');
    const id = /T-\d+/.exec(filed!)![0];
    expect(await ask(zh, '修改内容')).toEqual([say('lateChoiceFiled', 'zh', { id })]);
    // Never offered in this chat: "Change something" is a question about changing an order.
    const fresh = await startConversation(server.url, 'en-US');
    expect(await ask(fresh, 'Change something')).not.toEqual([say('lateChoiceNone', 'en')]);
  });
});

describe('a complaint started after another question', () => {
  it('asks what happened when the question before named no problem: "你是智能客服吗" is not the complaint', async () => {
    for (const [locale, question, complain, language] of [
      ['zh-CN', '你是智能客服吗', '我要投诉', 'zh'],
      ['en-US', 'are you customer service or a bot?', 'I want to file a complaint', 'en'],
    ] as const) {
      const chat = await startConversation(server.url, locale);
      await ask(chat, question);
      expect(await ask(chat, complain)).toEqual([say('complaintAskDescription', language)]);
    }
  });
});

describe('a question after an answer', () => {
  it('"how long does a refund take?" after the charged-twice answer gets the refund times, not "I didn\'t get that"', async () => {
    const chat = await startConversation(server.url, 'en-US');
    const [charged] = await ask(chat, 'I was charged twice');
    expect(answersOf('charged_twice', 'en')).toContain(charged);
    const [refund] = await ask(chat, 'how long does a refund take?');
    expect(answersOf('refund_status', 'en').some((answer) => refund!.startsWith(answer)), refund).toBe(true);
  });
});

describe('why the contact is needed, asked before the bot asks for it', () => {
  it('「为什么要我的手机号？」 at "what happened?", after a refund question there, is answered, not filed as what happened, in either language', async () => {
    for (const [locale, language, complain, aside, why, described, noOrder] of [
      ['zh-CN', 'zh', '我要投诉', '退款多久到账？', '为什么要我的手机号？', '收到的台灯一直闪', '与订单无关'],
      ['en-US', 'en', 'I want to complain', 'how long does a refund take?', 'why do you need my email?', 'The lamp I got flickers all the time', 'Not about an order'],
    ] as const) {
      const chat = await startConversation(server.url, locale);
      await ask(chat, complain);
      expect((await ask(chat, aside)).at(-1)).toBe(say('complaintResumeDescription', language));
      // It read 「我们的客服该如何联系您？…」, and the summary 「问题描述：为什么要我的手机号？…」.
      expect(await ask(chat, why)).toEqual([say('complaintWhyContact', language), say('complaintResumeDescription', language)]);
      expect(await ask(chat, described)).toEqual([say('complaintAskOrder', language)]);
      expect(await ask(chat, noOrder)).toEqual([say('complaintAskContact', language)]);
      const [summary] = await ask(chat, say('complaintContactInChat', language));
      expect(summary).toContain(say('complaintConfirm', language, { description: described }).split('\n')[1]);
    }
  });
});
