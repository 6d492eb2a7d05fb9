import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { say } from '../../src/bot/messages.js';
import { converse, createTicketBot } from '../support/tickets.js';

const en = (key: Parameters<typeof say>[0], params?: Record<string, string | number>) => say(key, 'en', params);
const zh = (key: Parameters<typeof say>[0], params?: Record<string, string | number>) => say(key, 'zh', params);

describe('complaint dialog, English', () => {
  it('receives, classifies, confirms and files a complaint, then tells the ticket number and what happens next', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['I want to complain', en('complaintAskDescription')],
      ['My blender arrived broken and the jug is cracked', en('complaintAskOrder')],
      ['12345', en('complaintAskContact')],
      ['bob@example.com', (text) => {
        expect(text).toContain('• What happened: My blender arrived broken and the jug is cracked');
        expect(text).toContain('• Order: 12345');
        expect(text).toContain('• Contact: b***@example.com');
        expect(text).toContain('• Type: product quality');
        expect(text).toMatch(/Shall I file it\?$/);
      }],
      ['yes', 'Your complaint is filed as ticket T-1001. A member of our team will look into it and get back to you within 24 hours (by Tue 4 Mar, 09:00 UTC). You can ask me "status of T-1001" at any time.'],
    ]);
    const ticket = await bot.tickets.get('T-1001');
    expect(ticket).toMatchObject({ category: 'product_quality', priority: 'high', orderNumber: '12345', contact: { email: 'bob@example.com' }, language: 'en', customerId: 'customer-1' });
    expect(bot.events.map((event) => event.name)).toEqual(['ticket.created']);
  });

  it("tells the due time in the customer's own time zone when their client says it", async () => {
    const bot = await createTicketBot();
    const fromShanghai = (text: string) => ({ type: 'message', text, locale: 'zh-CN', localTimezone: 'Asia/Shanghai' }) as const;
    await converse(bot.adapter, [
      [fromShanghai('我要投诉：订单 778899 的杯子碎了，邮箱 ann@example.com'), /确认提交吗？$/],
      [fromShanghai('确认提交'), /在3天内（3月6日周四 17:00（GMT\+8）前）答复您/],
    ]);
  });

  it('never asks for an order number or contact the customer already gave', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['I want to complain: order 778899 arrived damaged, email me at ann@example.com', /^Here is your complaint:\n• What happened: order 778899 arrived damaged, email me at a\*\*\*@example\.com\n• Order: 778899\n• Contact: a\*\*\*@example\.com/],
      ['Yes, file it', /^Your complaint is filed as ticket T-1001\./],
    ]);
    expect((await bot.tickets.get('T-1001')).contact).toEqual({ email: 'ann@example.com' });
  });

  it('takes corrections at any question and shows the corrected summary', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['I want to complain, my order 11111 never arrived', en('complaintAskContact')],
      ['no, the order is 12345', `${en('complaintCorrected', { what: 'the order is 12345' })}\n\n${en('complaintAskContact')}`],
      ['+1 555 123 4567', /• Order: 12345\n• Contact: \*+4567/],
      ['no', en('complaintWhatToChange')],
      ['my email is bob@example.com', /^Got it: we will reach you at b\*\*\*@example\.com\.\nHere is your complaint:[\s\S]*• Contact: b\*\*\*@example\.com/],
      ['The courier also left it in the rain', /^Got it: I added that to the description\.\nHere is your complaint:\n• What happened: my order 11111 never arrived\. The courier also left it in the rain/],
      ['yes', /filed as ticket T-1001/],
    ]);
    expect(await bot.tickets.get('T-1001')).toMatchObject({ orderNumber: '12345', contact: { email: 'bob@example.com' } });
  });

  it('takes "change something" typed at the summary as the button, in either language, not as words about the problem', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['I want to complain, my order 11111 never arrived, email bob@example.com', /Shall I file it\?$/],
      // Typed in lower case, it went into the description: "my order 11111 never arrived change something".
      ['change something', en('complaintWhatToChange')],
      ['the order is 12345', /^Got it: the order is 12345\.\nHere is your complaint:\n• What happened: my order 11111 never arrived, email b\*\*\*@example\.com\n/],
      ['I want to change something', en('complaintWhatToChange')],
      // Said in Chinese, the bot follows the customer into Chinese.
      ['改一下', zh('complaintWhatToChange')],
      ['确认', /工单号 T-1001/],
    ]);
    expect((await bot.tickets.get('T-1001')).description).toBe('my order 11111 never arrived, email b***@example.com');
  });

  it('keeps the detail given with the order number at the order question', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['I want to complain', en('complaintAskDescription')],
      ['My blender arrived broken', en('complaintAskOrder')],
      ['order 12345, and the box was soaking wet too', en('complaintAskContact')],
      ['bob@example.com', /• What happened: My blender arrived broken\. order 12345, and the box was soaking wet too\n• Order: 12345\n/],
    ]);
  });

  it('hands over to a person when asked, instead of insisting on the question', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['I want to complain, the courier threw my parcel over the fence', en('complaintAskOrder')],
      ['I want to talk to a real person', en('handoffQueued', { position: 1, minutes: 2 })],
    ]);
    expect(await bot.tickets.list()).toEqual([]);
  });

  it('at "what happened?", hands over a request for a person but takes a complaint about an agent as the description', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['I want to complain', en('complaintAskDescription')],
      ['let me speak to someone', en('handoffQueued', { position: 1, minutes: 2 })],
    ]);
    const other = await createTicketBot();
    await converse(other.adapter, [
      ['I want to complain', en('complaintAskDescription')],
      ['the agent on the phone was rude to me', en('complaintAskContact')],
    ]);
    expect(await bot.tickets.list()).toEqual([]);
  });

  it('takes "call me at …" at the summary as the contact, not as a request for a person', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['I want to complain: order 778899 arrived damaged, email me at ann@example.com', /^Here is your complaint:/],
      ['actually, call me at +1 555 123 4567', /^Got it: we will reach you at \*+4567\.\nHere is your complaint:/],
    ]);
  });

  it('rejects an invalid e-mail address and asks again', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ["I'd like to file a complaint about the rude agent who hung up on me", en('complaintAskContact')],
      ['bob@example', en('complaintEmailInvalid')],
      ['call me maybe', en('complaintContactInvalid')],
      ['bob@example.org', /• Contact: b\*\*\*@example\.org[\s\S]*• Type: service/],
    ]);
  });

  it('lets a customer without an email or phone hear back in the chat, offered at every ask', async () => {
    const bot = await createTicketBot();
    const offersChat = (key: 'complaintAskContact' | 'complaintContactInvalid', language: 'en' | 'zh') => (text: string, last?: Partial<Activity>) => {
      expect(text).toBe(say(key, language));
      // The question names the button, so a customer without email or phone sees what to tap.
      expect(text).toContain(say('complaintContactInChat', language));
      const cancel = key === 'complaintContactInvalid' ? [say('complaintCancelButton', language)] : [];
      expect(last?.suggestedActions?.actions.map((action) => action.title)).toEqual([say('complaintContactInChat', language), ...cancel]);
    };
    await converse(bot.adapter, [
      ["I'd like to complain, the agent on the phone was rude to me", offersChat('complaintAskContact', 'en')],
      ['what is the status of my complaint?', offersChat('complaintContactInvalid', 'en')],
      ['Reply in this chat', /• Contact: this chat\n/],
      ['yes', /^Your complaint is filed as ticket T-1001\./],
    ]);
    expect((await bot.tickets.get('T-1001')).contact).toBeNull();
    await converse(bot.adapter, [
      ['我要投诉，客服态度太差了', offersChat('complaintAskContact', 'zh')],
      ['就在这里', /• 联系方式：本聊天窗口\n/],
    ]);
  });

  it('asks what happened when the first message only says how angry the customer is; a reply choice is not a description', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['this is the worst shop ever, i want to complain', en('complaintAskDescription')],
      ['the courier threw my parcel over the fence and the TV screen is smashed', en('complaintAskOrder')],
      ['Not about an order', en('complaintAskContact')],
      ['Reply in this chat', /^Here is your complaint:\n• What happened: the courier threw my parcel over the fence and the TV screen is smashed\n• Order: none\n• Contact: this chat\n/],
    ]);
  });

  it('asks for a few words when "what happened?" gets a bare "yes", "ok", 「好的」 or 「是的」, in the customer\'s language, and files what they say next', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['I want to complain', en('complaintAskDescription')],
      // It was filed as what happened: "• What happened: yes".
      ['yes', en('complaintNeedDescription')],
      ['ok', en('complaintNeedDescription')],
      ['the kettle I bought leaks', en('complaintAskOrder')],
      ['Not about an order', en('complaintAskContact')],
      ['Reply in this chat', /^Here is your complaint:\n• What happened: the kettle I bought leaks\n/],
    ]);
    const chinese = await createTicketBot();
    await converse(chinese.adapter, [
      ['我要投诉', zh('complaintAskDescription')],
      ['好的', zh('complaintNeedDescription')],
      ['是的', zh('complaintNeedDescription')],
      ['取消', zh('complaintCancelled')],
    ]);
    expect(await chinese.tickets.list({})).toEqual([]);
  });

  it('takes an e-mail address, a phone number or an order number given at "what happened?" as that, and asks again what happened, in either language', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['I want to complain', en('complaintAskDescription')],
      // It was filed as the description: "What happened: j***@example.com".
      ['jane@example.com', `${en('complaintCorrected', { what: en('complaintContactIs', { contact: 'j***@example.com' }) })}\n\n${en('complaintAskDescriptionAgain')}`],
      ['my parcel arrived broken', en('complaintAskOrder')],
      // The contact is not asked for again.
      ['Not about an order', /^Here is your complaint:\n• What happened: my parcel arrived broken\n• Order: none\n• Contact: j\*\*\*@example\.com\n• Type: product quality\n/],
      ['yes', /filed as ticket T-1001/],
    ]);
    expect(await bot.tickets.get('T-1001')).toMatchObject({ description: 'my parcel arrived broken', contact: { email: 'jane@example.com' }, category: 'product_quality' });

    const zhBot = await createTicketBot();
    await converse(zhBot.adapter, [
      ['我要投诉', zh('complaintAskDescription')],
      ['13812345678', `${zh('complaintCorrected', { what: zh('complaintContactIs', { contact: '*******5678' }) })}\n\n${zh('complaintAskDescriptionAgain')}`],
      ['订单号 20251130', `${zh('complaintCorrected', { what: zh('complaintOrderIs', { order: '20251130' }) })}\n\n${zh('complaintAskDescriptionAgain')}`],
      ['收到的杯子是碎的', /^您的投诉内容如下：\n• 问题描述：收到的杯子是碎的\n• 订单：20251130\n• 联系方式：\*+5678\n/],
    ]);
  });

  it('keeps more about what happened, given where a contact or order number was asked, and asks again', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ["I'd like to complain, the agent on the phone was rude to me", en('complaintAskContact')],
      ['and the headphones they sent me are broken too', `${en('complaintCorrected', { what: en('complaintDetailAdded') })}\n\n${en('complaintAskContact')}`],
      ['bob@example.com', /• What happened: the agent on the phone was rude to me, and the headphones they sent me are broken too\n/],
    ]);
  });

  it('takes waiting for an order that has not come as a delivery complaint, asks which order, and types it so, in either language', async () => {
    for (const [start, described, noOrder, inChat, type] of [
      ['I want to complain', 'my order still is not here', 'Not about an order', 'Reply in this chat', '• Type: delivery'],
      // It was answered as "how do I track my order?", and the flow asked again what happened.
      ['I want to complain', 'where is my parcel? it has been ages', 'Not about an order', 'Reply in this chat', '• Type: delivery'],
      // It asked for a contact, never the order, and filed the ticket as "other".
      ['我要投诉', '太慢了，很不满意', '与订单无关', '在聊天里回复我', '• 类型：物流配送'],
      ['我要投诉', '怎么还没到', '与订单无关', '在聊天里回复我', '• 类型：物流配送'],
    ] as const) {
      const bot = await createTicketBot();
      const language = start === '我要投诉' ? 'zh' : 'en';
      await converse(bot.adapter, [
        [start, say('complaintAskDescription', language)],
        [described, say('complaintAskOrder', language)],
        [noOrder, say('complaintAskContact', language)],
        [inChat, (text) => expect(text).toContain(type)],
      ]);
    }
  });

  it('keeps more about the problem told where the order number was asked (waiting, or any words that are plainly no order number), asks for the order again, and follows the customer into Chinese', async () => {
    const added = (say_: typeof en, question: Parameters<typeof say>[0]) => `${say_('complaintCorrected', { what: say_('complaintDetailAdded') })}\n\n${say_(question)}`;
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['I want to complain', en('complaintAskDescription')],
      ['my order is late', en('complaintAskOrder')],
      // Each was "That doesn't look like an order number…", and the words were lost.
      ['my order still is not here', added(en, 'complaintAskOrder')],
      ['where is my parcel? it has been ages', added(en, 'complaintAskOrder')],
      ['I never got any email about it', added(en, 'complaintAskOrder')],
      // Putting the answer off is no detail: the bot says what an order number looks like.
      ['let me check my emails', /^That doesn't look like an order number/],
      // It was the Chinese "I added that to the description", then the question in English.
      ['太慢了，很不满意', (text, last) => {
        expect(text).toBe(added(zh, 'complaintAskOrder'));
        expect(last?.suggestedActions?.actions.map((action) => action.title)).toEqual([zh('complaintNoOrder')]);
      }],
      ['我去查一下', /^这似乎不是订单号/],
      ['与订单无关', zh('complaintAskContact')],
      ['在聊天里回复我', /^您的投诉内容如下：\n• 问题描述：my order is late\. my order still is not here\. where is my parcel\? it has been ages\. I never got any email about it\. 太慢了，很不满意\n• 订单：无\n[\s\S]*• 类型：物流配送/],
    ]);
    const chinese = await createTicketBot();
    await converse(chinese.adapter, [
      ['我要投诉', zh('complaintAskDescription')],
      ['快递没到', zh('complaintAskOrder')],
      ['太慢了，很不满意', added(zh, 'complaintAskOrder')],
      ['20251130', zh('complaintAskContact')],
      ['在聊天里回复我', /• 问题描述：快递没到。太慢了，很不满意\n• 订单：20251130\n/],
    ]);
  });

  it('keeps how the item came apart, told where the order number was asked, instead of calling it a bad order number', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['this is ridiculous, worst service ever!!! my parcel is broken', en('complaintOffer')],
      ['yes', en('complaintAskOrder')],
      // It was "That doesn't look like an order number", and the vase was not on the ticket.
      ['the vase was smashed when I opened the box', `${en('complaintCorrected', { what: en('complaintDetailAdded') })}\n\n${en('complaintAskOrder')}`],
      ['order PD-20458', en('complaintAskContact')],
      ['reply in this chat', /• What happened: this is ridiculous, worst service ever!!! my parcel is broken\. the vase was smashed when I opened the box\n• Order: PD-20458\n/],
    ]);
  });

  it('cancels on "never mind, forget it" and "算了 不投诉了", whichever question it is at', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['I want to complain', en('complaintAskDescription')],
      ['My parcel is late', en('complaintAskOrder')],
      ['never mind, forget it', en('complaintCancelled')],
      ['我要投诉，客服态度太差了', zh('complaintAskContact')],
      ['算了 不投诉了', zh('complaintCancelled')],
    ]);
    expect(await bot.tickets.list()).toEqual([]);
  });

  it('cancels on a change of mind said the way people say it: "算了不投诉了", "没事了，谢谢", "never mind, I don\'t want to complain anymore"', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['我要投诉', zh('complaintAskDescription')],
      ['算了不投诉了', zh('complaintCancelled')],
      ['我要投诉', zh('complaintAskDescription')],
      ['收到的杯子是碎的', zh('complaintAskOrder')],
      ['没事了，谢谢', zh('complaintCancelled')],
      ['我要投诉', zh('complaintAskDescription')],
      ['我改主意了，不想投诉了', zh('complaintCancelled')],
      ['I want to complain', en('complaintAskDescription')],
      ["never mind, I don't want to complain anymore", en('complaintCancelled')],
      ['I want to complain', en('complaintAskDescription')],
      ['My parcel is late', en('complaintAskOrder')],
      ["I've changed my mind, thanks", en('complaintCancelled')],
    ]);
    expect(await bot.tickets.list()).toEqual([]);
  });

  it('cancels at any step and files nothing', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['I want to complain', en('complaintAskDescription')],
      ['My parcel is late', en('complaintAskOrder')],
      ['cancel', en('complaintCancelled')],
    ]);
    expect(await bot.tickets.list()).toEqual([]);
  });

  it('explains the current question on "help" and asks it again', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['I want to complain', en('complaintAskDescription')],
      ['My parcel is late', en('complaintAskOrder')],
      ['help', `${en('complaintHelp', { now: en('complaintHelpOrder') })}\n\n${en('complaintAskOrder')}`],
      ['hmm', en('complaintOrderInvalid')],
      ['Not about an order', en('complaintAskContact')],
    ]);
  });

  it('takes "I want to complain" again, at a question of the complaint under way, as a question: says what it needs now', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['I want to complain', en('complaintAskDescription')],
      ['I want to complain!', `${en('complaintHelp', { now: en('complaintHelpDescription') })}\n\n${en('complaintAskDescription')}`],
      ['My parcel arrived with the box crushed', en('complaintAskOrder')],
      ['12345', en('complaintAskContact')],
      ['I want to file a complaint', `${en('complaintHelp', { now: en('complaintHelpContact') })}\n\n${en('complaintAskContact')}`],
      ['bob@example.com', /^Here is your complaint:\n• What happened: My parcel arrived with the box crushed\n/],
    ]);
    const zhBot = await createTicketBot();
    await converse(zhBot.adapter, [
      ['我要投诉', zh('complaintAskDescription')],
      ['我要投诉', `${zh('complaintHelp', { now: zh('complaintHelpDescription') })}\n\n${zh('complaintAskDescription')}`],
      ['我要投诉快递员，他把包裹扔在门口', /订单/],
    ]);
  });

  it('skips the contact question for a customer already known, and says where the contact came from', async () => {
    const bot = await createTicketBot({ identifiedContact: { email: 'known@example.com' } });
    await converse(bot.adapter, [
      ['I want to complain, I was charged twice for order 55555', /• Contact: k\*\*\*@example\.com \(from your earlier details\)\n• Type: refund or billing/],
    ]);
  });
});

describe('complaint dialog, Chinese', () => {
  it('asks what happened after a threat to go to the authorities: 「我要去消协投诉你们」 is not the complaint itself', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['我要去消协投诉你们', zh('complaintAskDescription')],
      ['买的耳机左边没声音', zh('complaintAskOrder')],
      ['订单号 778899', zh('complaintAskContact')],
      // The threat is not the description, but it still makes the ticket urgent.
      ['在聊天里回复我', /• 问题描述：买的耳机左边没声音\n[\s\S]*• 答复时限：4小时内/],
    ]);
    const english = await createTicketBot();
    await converse(english.adapter, [
      ["I'm going to sue you", en('complaintOffer')],
      ['Yes, file a complaint', en('complaintAskDescription')],
    ]);
    // Calling the shop a cheat is offered a complaint too, and is no description either.
    const accused = await createTicketBot();
    await converse(accused.adapter, [
      ['you guys are scammers', en('complaintOffer')],
      ['Yes, file a complaint', en('complaintAskDescription')],
    ]);
  });

  it('files a complaint in Chinese from start to end', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['我要投诉', zh('complaintAskDescription')],
      ['快递一直没到，已经等了两个星期了', zh('complaintAskOrder')],
      ['订单号是20231115001', zh('complaintAskContact')],
      ['13812345678', /^您的投诉内容如下：\n• 问题描述：快递一直没到，已经等了两个星期了\n• 订单：20231115001\n• 联系方式：\*{7}5678\n• 类型：物流配送\n• 答复时限：24小时内\n确认提交吗？$/],
      ['确认', '您的投诉已登记，工单号 T-1001。我们的客服专员会跟进处理，并在24小时内（3月4日周二 09:00（UTC）前）答复您。您可以随时问我“T-1001 进度如何”。'],
    ]);
    expect(await bot.tickets.get('T-1001')).toMatchObject({ language: 'zh', category: 'delivery', contact: { phone: '13812345678' } });
  });

  it('types a broken item as product quality when the customer asks for a refund to put it right, in either language', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['我要投诉', zh('complaintAskDescription')],
      ['收到的杯子是碎的，我要退款，请尽快把钱退给我', zh('complaintAskOrder')],
      ['订单号是20231115001', zh('complaintAskContact')],
      ['在聊天里回复我', /• 问题描述：收到的杯子是碎的，我要退款，请尽快把钱退给我\n• 订单：20231115001\n• 联系方式：本聊天窗口\n• 类型：商品质量\n/],
      ['确认', /^您的投诉已登记，工单号 T-1001。/],
      ['I want to complain', en('complaintAskDescription')],
      ['the mug arrived broken, I want my money back', en('complaintAskOrder')],
      ['order 20231115002', en('complaintAskContact')],
      ['Reply in this chat', /• Type: product quality\n/],
      ['yes', /^Your complaint is filed as ticket T-1002\./],
    ]);
    expect((await bot.tickets.list()).map((ticket) => ticket.category)).toEqual(['product_quality', 'product_quality']);
  });

  it('asks a Traditional Chinese "我要投訴" what happened, as the Simplified one', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [['我要投訴', (text) => expect(text).toMatch(/^很抱歉遇到這樣的情況|^很抱歉遇到这样的情况/)]]);
  });

  it('files a complaint written in Traditional Chinese, reading its order number, choices and category', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['我要投訴，耳機收到就是壞的', zh('complaintAskOrder')],
      ['訂單號 20251130', zh('complaintAskContact')],
      ['在聊天裡回覆我', /^您的投诉内容如下：[\s\S]*• 订单：20251130\n• 联系方式：本聊天窗口\n• 类型：商品质量/],
      ['確認', /^您的投诉已登记，工单号 T-1001。/],
      ['T-1001 進度如何', /^工单 T-1001/],
    ]);
    expect(await bot.tickets.get('T-1001')).toMatchObject({ language: 'zh', category: 'product_quality', orderNumber: '20251130' });
  });

  it('keeps the whole description, minus only the words that asked to complain (QA: "我又要 ，我买的耳机坏了")', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['我又要投诉，我买的耳机坏了，左边没声音', zh('complaintAskOrder')],
      ['订单号 20251201', zh('complaintAskContact')],
      ['在聊天里回复我', /^您的投诉内容如下：\n• 问题描述：我买的耳机坏了，左边没声音\n/],
      ['确认', /^您的投诉已登记/],
    ]);
    expect((await bot.tickets.get('T-1001')).description).toBe('我买的耳机坏了，左边没声音');
    const english = await createTicketBot();
    await converse(english.adapter, [
      ['My new headphones arrived broken, I want to complain!', /^Which order is this about\?/],
      ['Not about an order', /^How should our team get back to you/],
      ['Reply in this chat', /^Here is your complaint:\n• What happened: My new headphones arrived broken\n/],
    ]);
  });

  it('takes the order number and a phone number given in one answer, and asks for neither again', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['我要投诉，收到的耳机是坏的', zh('complaintAskOrder')],
      ['订单号是 20251128，手机 13812345678', /^您的投诉内容如下：\n• 问题描述：.*耳机是坏的\n• 订单：20251128\n• 联系方式：\*{7}5678\n/],
      ['确认', /^您的投诉已登记，工单号 T-1001。/],
    ]);
    expect(await bot.tickets.get('T-1001')).toMatchObject({ orderNumber: '20251128', contact: { phone: '13812345678' } });
  });

  it('keeps what a customer says beside a correction or an answer, in the description', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['我要投诉，你们客服态度太差了', zh('complaintAskContact')],
      ['邮箱 amy@example.com', /^您的投诉内容如下：\n• 问题描述：你们客服态度太差了\n• 订单：无\n/],
      ['上周买的耳机，客服一直不回复我，订单号 PD-20458', /^好的，已更新：订单号 PD-20458，补充了问题描述。\n您的投诉内容如下：\n• 问题描述：你们客服态度太差了。上周买的耳机，客服一直不回复我，订单号 PD-20458\n• 订单：PD-20458\n/],
      ['订单号应该是 PD-20459', /^好的，已更新：订单号 PD-20459。\n您的投诉内容如下：\n• 问题描述：你们客服态度太差了。上周买的耳机，客服一直不回复我，订单号 PD-20458\n/],
      ['确认', /^您的投诉已登记，工单号 T-1001。/],
    ]);
    expect(await bot.tickets.get('T-1001')).toMatchObject({ orderNumber: 'PD-20459', description: '你们客服态度太差了。上周买的耳机，客服一直不回复我，订单号 PD-20458' });
  });

  it('files what the customer told in several messages as separate sentences, in the script of each', async () => {
    // They were joined by a space: "my parcel is late the courier never called" read as one run-on sentence.
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['I want to complain', en('complaintAskDescription')],
      ['my parcel is late', en('complaintAskOrder')],
      ['the courier never called me', `${en('complaintCorrected', { what: en('complaintDetailAdded') })}\n\n${en('complaintAskOrder')}`],
      ['why is nobody answering my emails?', `${en('complaintCorrected', { what: en('complaintDetailAdded') })}\n\n${en('complaintAskOrder')}`],
      ['12345', en('complaintAskContact')],
      ['Reply in this chat', /\n• What happened: my parcel is late\. the courier never called me\. why is nobody answering my emails\?\n/],
      ['yes', /filed as ticket T-1001/],
      ['我要投诉', zh('complaintAskDescription')],
      ['快递没到', zh('complaintAskOrder')],
      ['太慢了，很不满意', `${zh('complaintCorrected', { what: zh('complaintDetailAdded') })}\n\n${zh('complaintAskOrder')}`],
      ['20251130', zh('complaintAskContact')],
      ['在聊天里回复我', /\n• 问题描述：快递没到。太慢了，很不满意\n/],
      ['确认', /工单号 T-1002/],
    ]);
    expect((await bot.tickets.get('T-1001')).description).toBe('my parcel is late. the courier never called me. why is nobody answering my emails?');
    expect((await bot.tickets.get('T-1002')).description).toBe('快递没到。太慢了，很不满意');
  });

  it('转人工 at the contact question or the summary hands the chat to a person', async () => {
    for (const answers of [['转人工'], ['在聊天里回复我', '我要找人工客服']]) {
      const bot = await createTicketBot();
      const steps: [string, RegExp | string][] = [
        ['我要投诉，快递员把包裹扔在门口被偷了', zh('complaintAskOrder')],
        ['没有订单号', zh('complaintAskContact')],
        ...answers.slice(0, -1).map((answer): [string, RegExp] => [answer, /^您的投诉内容如下：/]),
        [answers.at(-1)!, zh('handoffQueued', { position: 1, minutes: 2 })],
      ];
      await converse(bot.adapter, steps);
      expect(await bot.tickets.list()).toEqual([]);
    }
  });

  it('takes a correction, and cancels with "算了"', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['我要投诉，订单号是11111的杯子收到就是碎的', zh('complaintAskContact')],
      ['不对，订单号是12345', `${zh('complaintCorrected', { what: '订单号 12345' })}\n\n${zh('complaintAskContact')}`],
      ['邮箱是 wang@example', zh('complaintEmailInvalid')],
      ['算了', zh('complaintCancelled')],
    ]);
    expect(await bot.tickets.list()).toEqual([]);
  });

  it('does not ask again what happened or which order, when the customer said so just before asking to complain', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      // The late-order answer offers "我要投诉"; tapped, it asked "请用您自己的话描述一下发生了什么" and then the order number.
      ['我的订单20251130十天了还没到', /物流/],
      ['我要投诉', zh('complaintAskContact')],
      ['13812345678', /^您的投诉内容如下：\n• 问题描述：我的订单20251130十天了还没到\n• 订单：20251130\n/],
      ['确认', /工单号 T-1001/],
    ]);
    expect(await bot.tickets.get('T-1001')).toMatchObject({ orderNumber: '20251130', description: '我的订单20251130十天了还没到' });

    // A question in between: what happened is asked, but the order named before is kept (it was filed with "Order: none").
    const other = await createTicketBot();
    await converse(other.adapter, [
      ['hi my order 20251130 hasnt arrived yet its been 10 days', /tracking/],
      ['what can i do', /./],
      ['i want to complain', en('complaintAskDescription')],
      ["it's still not here", en('complaintAskContact')],
      ['jane@example.com', /^Here is your complaint:\n• What happened: it's still not here\n• Order: 20251130\n/],
    ]);
  });

  it('types a complaint that only says how the customer feels by what they said before it: a late order is a delivery complaint, in either language', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['my order is late', /tracking/],
      ['what is your phone number', /./],
      ['I want to complain', en('complaintAskDescription')],
      // It was typed "other", and the order was not asked for.
      ["I'm fed up with waiting", en('complaintAskOrder')],
      ['Not about an order', en('complaintAskContact')],
      ['Reply in this chat', /\n• Type: delivery\n/],
      ['yes', /filed as ticket T-1001/],
    ]);
    expect(await bot.tickets.get('T-1001')).toMatchObject({ category: 'delivery', description: "I'm fed up with waiting" });

    const zhBot = await createTicketBot();
    await converse(zhBot.adapter, [
      ['我的快递怎么还没到', /物流/],
      ['你们电话多少', /./],
      ['我要投诉', zh('complaintAskDescription')],
      ['等了太久了，很失望', zh('complaintAskOrder')],
      ['与订单无关', zh('complaintAskContact')],
      ['在聊天里回复我', /\n• 类型：物流配送\n/],
    ]);
  });

  it('uses the order number from the first message and never asks for it', async () => {
    const bot = await createTicketBot({ identifiedContact: { phone: '13912345678' } });
    await converse(bot.adapter, [
      ['我要投诉，订单20231115001的衣服质量太差，洗一次就掉色', /^您的投诉内容如下：\n• 问题描述：.*\n• 订单：20231115001\n• 联系方式：\*+5678（沿用您之前留下的）\n• 类型：商品质量/],
      ['不用了', zh('complaintCancelled')],
    ]);
  });
});

describe('the sentiment trigger', () => {
  it('offers a complaint instead of an FAQ answer when a message is very negative and names a problem', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['My parcel arrived broken and nobody answers my emails, this is terrible!', (text) => {
        expect(text).toBe(en('complaintOffer'));
      }],
      ['Yes, file a complaint', en('complaintAskOrder')],
      ['A-10293', en('complaintAskContact')],
    ]);
  });

  it('takes an order number given in answer to the offer as a yes, with the order', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['你们是骗子吧，东西一直不发货，气死我了', zh('complaintOffer')],
      ['订单号1048213', zh('complaintAskContact')],
      ['13812345678', /^您的投诉内容如下：\n• 问题描述：你们是骗子吧，东西一直不发货，气死我了\n• 订单：1048213\n/],
    ]);
  });

  it('takes "it was order …" in answer to the offer as a yes too, and a question naming an order as a question', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['I returned a jacket two weeks ago and still no refund, this is ridiculous', en('complaintOffer')],
      ['it was order 1048213', en('complaintAskContact')],
    ]);
    const other = await createTicketBot();
    await converse(other.adapter, [
      ['你们是骗子吧，东西一直不发货，气死我了', zh('complaintOffer')],
      ['就是这个订单：1048213', zh('complaintAskContact')],
    ]);
    const asking = await createTicketBot();
    await converse(asking.adapter, [
      ['I returned a jacket two weeks ago and still no refund, this is ridiculous', en('complaintOffer')],
      ['where is order 1048213', (text) => expect(text).not.toBe(en('complaintAskContact'))],
    ]);
  });

  it('takes a bare order number given where a contact was asked as the order, and asks for the contact again', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['我要投诉', zh('complaintAskDescription')],
      // Not about an order by its words ("为什么要等这么久" was, until waiting came to mean a delivery, which asks which order).
      ['客服态度太差了', zh('complaintAskContact')],
      ['1048213', `${zh('complaintCorrected', { what: zh('complaintOrderIs', { order: '1048213' }) })}\n\n${zh('complaintAskContact')}`],
      ['abc@example.com', /^您的投诉内容如下：\n• 问题描述：客服态度太差了\n• 订单：1048213\n• 联系方式：a\*\*\*@example\.com/],
    ]);
    // Once the customer said they have no order number, a number there is a (too short) phone number.
    const other = await createTicketBot();
    await converse(other.adapter, [
      ['I want to complain, the delivery never came', en('complaintAskOrder')],
      ["I don't have an order number", en('complaintAskContact')],
      ['5551234', (text) => expect(text).toMatch(new RegExp(`^${en('complaintContactInvalid').slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))],
    ]);
  });

  it('takes "no", "I don\'t have an order number", "I can\'t find it", 「没有」, 「不记得了」 at the order question as no order', async () => {
    // A bare "no" was "That doesn't look like an order number".
    for (const [start, none, next] of [
      ['I want to complain, the delivery never came', "I don't have an order number", en('complaintAskContact')],
      ['I want to complain, the delivery never came', "I can't find it", en('complaintAskContact')],
      ['I want to complain, the delivery never came', 'no', en('complaintAskContact')],
      ['I want to complain, the delivery never came', 'nope', en('complaintAskContact')],
      ['I want to complain, the delivery never came', "I don't have one", en('complaintAskContact')],
      ['I want to complain, the delivery never came', "No, I don't have one", en('complaintAskContact')],
      ['我要投诉，快递一直没到', '不记得了', zh('complaintAskContact')],
      ['我要投诉，快递一直没到', '我没有订单号', zh('complaintAskContact')],
      ['我要投诉，快递一直没到', '没有', zh('complaintAskContact')],
      ['我要投诉，快递一直没到', '没有，不记得了', zh('complaintAskContact')],
    ] as const) {
      const bot = await createTicketBot();
      await converse(bot.adapter, [
        [start, start.startsWith('I') ? en('complaintAskOrder') : zh('complaintAskOrder')],
        [none, next],
        start.startsWith('I') ? ['Reply in this chat', /\n• Order: none\n/] : ['在聊天里回复我', /\n• 订单：无\n/],
      ]);
    }
  });

  it('asks what went wrong when a customer says there is a problem with their order, then which order, in their language', async () => {
    // "I have a problem with my order" was asked "Did you mean: Membership and points | Track my order | …".
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['I have a problem with my order', en('complaintAskDescription')],
      ['it arrived with a cracked screen', en('complaintAskOrder')],
    ]);
    // Naming what the problem is with is not saying what happened: "I have a problem with my
    // payment" was filed as what happened, and the bot went on to ask for the order.
    for (const [text, asked] of [
      ['there is a problem with my order', en('complaintAskDescription')],
      ['订单出问题了', zh('complaintAskDescription')],
      ['I have a problem with my payment', en('complaintAskDescription')],
      ['I have a problem with my delivery', en('complaintAskDescription')],
      ['我的快递出了点问题', zh('complaintAskDescription')],
    ] as const) {
      const other = await createTicketBot();
      await converse(other.adapter, [[text, asked]]);
    }
  });

  it('answers a plain refund request, in either language, without offering a complaint', async () => {
    const bot = await createTicketBot();
    for (const text of ['I want my money back for order 1234', '我要退款', '退钱']) {
      await converse(bot.adapter, [[text, (reply) => expect(reply, text).not.toMatch(/complaint|投诉/)]]);
    }
    expect(await bot.tickets.list()).toEqual([]);
  });

  it('answers the question instead when the customer declines', async () => {
    const bot = await createTicketBot();
    const question = '快递一直没到，太差劲了，气死我了';
    const recognized = bot.knowledge.current().recognizer.recognize(question);
    const answers = bot.intents.get(recognized.intent ?? '')?.answers.zh ?? [say('fallback', 'zh')];
    await converse(bot.adapter, [
      [question, zh('complaintOffer')],
      ['不用，先回答问题', (text) => expect(answers.some((answer) => text.includes(answer)), text).toBe(true)],
    ]);
    expect(await bot.tickets.list()).toEqual([]);
  });
});

describe('"why do you need that?" mid-complaint', () => {
  const withButtons = (expected: string, buttons: string[]) => (text: string, last?: Partial<Activity>) => {
    expect(text).toBe(expected);
    expect(last?.suggestedActions?.actions.map((action) => action.title)).toEqual(buttons);
  };

  it('says why it asks for the order and the contact, asks again, and goes on with what the customer then gives', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['I want to complain', en('complaintAskDescription')],
      ['The lamp flickers all the time', en('complaintAskOrder')],
      ['what do you need the order number for?', withButtons(en('complaintWhyOrder'), [en('complaintNoOrder')])],
      ['12345', en('complaintAskContact')],
      ['why do you need my email?', withButtons(en('complaintWhyContact'), [en('complaintContactInChat')])],
      ['ok, bob@example.com', /^Here is your complaint:\n• What happened: The lamp flickers all the time\n• Order: 12345\n• Contact: b\*\*\*@example\.com\n/],
    ]);
  });

  it('in Chinese, and "Reply in this chat" after hearing why', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['我要投诉', zh('complaintAskDescription')],
      ['收到的台灯一直闪', zh('complaintAskOrder')],
      ['要订单号干嘛', withButtons(zh('complaintWhyOrder'), [zh('complaintNoOrder')])],
      ['与订单无关', zh('complaintAskContact')],
      ['为什么要我的手机号？', withButtons(zh('complaintWhyContact'), [zh('complaintContactInChat')])],
      [zh('complaintContactInChat'), /^您的投诉内容如下：\n• 问题描述：收到的台灯一直闪\n/],
    ]);
  });

  it('answers a question about the contact it asks for (which will do, is it safe), in either language, and takes the contact after', async () => {
    for (const [language, start, described, order, asked, contact] of [
      ['en', 'I want to complain', 'The lamp I got flickers all the time', '12345', [['do you need my phone or email?', 'complaintContactEither'], ["what if I don't have an email?", 'complaintContactEither'], ['is my email safe with you?', 'complaintWhyContact']], '+1 555 123 4567'],
      ['zh', '我要投诉', '收到的台灯一直闪', '订单号 12345', [['没有邮箱怎么办？', 'complaintContactEither'], ['我的电话会泄露吗？', 'complaintWhyContact'], ['我没有邮箱', 'complaintContactEither']], '13812345678'],
      // Said rather than asked, it was met with "I couldn't find an email address or a phone number in that".
      ['en', 'I want to complain', 'The lamp I got flickers all the time', '12345', [["I don't have email", 'complaintContactEither'], ['i dont have an email address', 'complaintContactEither']], '+1 555 123 4567'],
    ] as const) {
      const bot = await createTicketBot();
      await converse(bot.adapter, [
        [start, say('complaintAskDescription', language)],
        [described, say('complaintAskOrder', language)],
        [order, say('complaintAskContact', language)],
        ...asked.map(([question, key]) => [question, withButtons(say(key, language), [say('complaintContactInChat', language)])] as [string, ReturnType<typeof withButtons>]),
        [contact, /\*+(4567|5678)\n/],
      ]);
    }
  });

  it('asked ahead of the contact question, at "what happened?" or the order question, says why and how to go on without one, asks again, and files what follows', async () => {
    // 「为什么要我的手机号？」 after a refund question at "what happened?" went unanswered: it was filed as
    // what happened (「问题描述：为什么要我的手机号？…」) and the contact asked for; "why do you need my email?" got how to change one's e-mail.
    const whyThenAgain = (language: 'en' | 'zh', resume: Parameters<typeof say>[0], buttons: string[]) => (text: string, last?: Partial<Activity>) => {
      expect(text).toBe(`${say('complaintWhyContact', language)}\n\n${say(resume, language)}`);
      expect(last?.suggestedActions?.actions.map((action) => action.title)).toEqual(buttons);
    };
    for (const [language, start, aside, why, described] of [
      ['zh', '我要投诉', '退款多久到账？', '为什么要我的手机号？', '收到的台灯一直闪'],
      ['en', 'I want to complain', 'how long does a refund take?', 'why do you need my email?', 'The lamp I got flickers all the time'],
    ] as const) {
      const bot = await createTicketBot();
      await converse(bot.adapter, [
        [start, say('complaintAskDescription', language)],
        [aside, (text) => expect(text.endsWith(say('complaintResumeDescription', language)), text).toBe(true)],
        [why, whyThenAgain(language, 'complaintResumeDescription', [say('complaintContactInChat', language)])],
        [described, say('complaintAskOrder', language)],
        [why, whyThenAgain(language, 'complaintResumeOrder', [say('complaintNoOrder', language), say('complaintContactInChat', language)])],
        // The way to go on without one, taken at the order question: the contact is not asked for.
        [say('complaintContactInChat', language), (text) => expect(text.endsWith(say('complaintAskOrder', language)), text).toBe(true)],
        ['12345', (text) => {
          const [, what, order, contact] = say('complaintConfirm', language, { description: described, order: '12345', contact: say('complaintContactChat', language) }).split('\n');
          expect(text).toContain(`${what}\n${order}\n${contact}\n`);
        }],
      ]);
    }
  });

  it("leaves a question about the shop's own phone to the knowledge base", async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['I want to complain', en('complaintAskDescription')],
      ['The lamp I got flickers all the time', en('complaintAskOrder')],
      ['12345', en('complaintAskContact')],
      ["what's your phone number?", (text) => expect(text).toMatch(/^(?!Either will do|Only so our team)[\s\S]+\n\nNow, back to your complaint: how should our team reach you\?$/)],
    ]);
  });

  it('takes a "why" about the problem itself as more about what happened, not as a question about the form', async () => {
    for (const [start, described, why] of [
      ['I want to complain', 'The lamp I got flickers all the time', 'why was I charged twice for it?'],
      ['我要投诉', '收到的台灯一直闪', '为什么要等这么久'],
    ] as const) {
      const bot = await createTicketBot();
      const language = start === '我要投诉' ? 'zh' : 'en';
      await converse(bot.adapter, [
        [start, say('complaintAskDescription', language)],
        [described, say('complaintAskOrder', language)],
        [why, (text) => expect(text).not.toBe(say('complaintWhyOrder', language))],
        [language === 'zh' ? '与订单无关' : 'Not about an order', say('complaintAskContact', language)],
        [say('complaintContactInChat', language), /^(Here is your complaint:|您的投诉内容如下：)/],
      ]);
    }
  });
});

describe('a knowledge-base question asked mid-complaint', () => {
  /** The intent's answer in a language (as the bot gives it outside the flow), then the question the flow was at, in one line with its buttons. */
  const answeredThenAsked = (bot: Awaited<ReturnType<typeof createTicketBot>>, intent: string, language: 'en' | 'zh', resume: Parameters<typeof say>[0], buttons: string[] = []) =>
    (text: string, last?: Partial<Activity>) => {
      const [answer, again] = text.split('\n\n');
      expect(bot.intents.get(intent)!.answers[language].some((each) => answer!.startsWith(each)), text).toBe(true);
      expect(again).toBe(say(resume, language));
      expect(last?.suggestedActions?.actions.map((action) => action.title) ?? []).toEqual(buttons);
    };

  it('answers it, asks the question again in a line, and files the complaint with everything given before and after', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['I want to complain', en('complaintAskDescription')],
      ['how long does a refund take?', answeredThenAsked(bot, 'refund_status', 'en', 'complaintResumeDescription')],
      ['My blender arrived broken and the jug is cracked', en('complaintAskOrder')],
      ['do you ship internationally?', answeredThenAsked(bot, 'international_shipping', 'en', 'complaintResumeOrder', [en('complaintNoOrder')])],
      ['12345', en('complaintAskContact')],
      ['what are your opening hours?', answeredThenAsked(bot, 'store_hours', 'en', 'complaintResumeContact', [en('complaintContactInChat')])],
      ['bob@example.com', /^Here is your complaint:\n• What happened: My blender arrived broken and the jug is cracked\n• Order: 12345\n• Contact: b\*\*\*@example\.com\n/],
      ['how do I return an item?', answeredThenAsked(bot, 'return_item', 'en', 'complaintResumeConfirm', [en('complaintConfirmYes'), en('complaintConfirmChange')])],
      ['yes', /^Your complaint is filed as ticket T-1001\./],
    ]);
    expect(await bot.tickets.get('T-1001')).toMatchObject({
      description: 'My blender arrived broken and the jug is cracked',
      orderNumber: '12345',
      contact: { email: 'bob@example.com' },
      category: 'product_quality',
      language: 'en',
    });
  });

  it('answers in Chinese, with the order page when the complaint already names the order', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['我要投诉', zh('complaintAskDescription')],
      ['退款多久到账？', answeredThenAsked(bot, 'refund_status', 'zh', 'complaintResumeDescription')],
      ['快递一直没到，已经等了两个星期了', zh('complaintAskOrder')],
      ['订单号是20231115001', zh('complaintAskContact')],
      ['我的订单到哪了？', (text, last) => {
        expect(text).toBe(`${zh('orderPage', { order: '20231115001' })}\n我的订单: https://shop.example.com/account/orders/20231115001\n\n${zh('complaintResumeContact')}`);
        expect(last?.suggestedActions?.actions.map((action) => action.title)).toEqual([zh('complaintContactInChat')]);
      }],
      ['13812345678', /^您的投诉内容如下：\n• 问题描述：快递一直没到，已经等了两个星期了\n• 订单：20231115001\n• 联系方式：\*{7}5678\n/],
      ['确认', /^您的投诉已登记，工单号 T-1001。/],
    ]);
    expect(await bot.tickets.get('T-1001')).toMatchObject({
      description: '快递一直没到，已经等了两个星期了',
      orderNumber: '20231115001',
      contact: { phone: '13812345678' },
      category: 'delivery',
      language: 'zh',
    });
  });

  it('takes a description that names a knowledge-base topic, or the customer\'s own problem put as a question, as the description', async () => {
    for (const [start, described] of [
      ['I want to complain', 'my order arrived broken'],
      ['I want to complain', 'why was I charged twice?'],
      ['我要投诉', '退款怎么还没到账'],
    ] as const) {
      const bot = await createTicketBot();
      const language = start === '我要投诉' ? 'zh' : 'en';
      await converse(bot.adapter, [
        [start, say('complaintAskDescription', language)],
        [described, say('complaintAskOrder', language)],
        [language === 'zh' ? '与订单无关' : 'Not about an order', say('complaintAskContact', language)],
        [say('complaintContactInChat', language), (text) => expect(text).toContain(described)],
      ]);
    }
  });
});

describe('a complaint button pressed after its question has passed', () => {
  it('takes another question\'s button for what it says, says what it needs on a second "yes", and files one ticket', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['My parcel arrived broken and nobody answers my emails, this is terrible!', en('complaintOffer')],
      ['Yes, file a complaint', en('complaintAskOrder')],
      // Pressed twice: it read "That doesn't look like an order number".
      ['Yes, file a complaint', `${en('complaintHelp', { now: en('complaintHelpOrder') })}\n\n${en('complaintAskOrder')}`],
      // The contact question's button, pressed early: taken, and not asked for again.
      ['Reply in this chat', `${en('complaintCorrected', { what: en('complaintInChatNow') })}\n\n${en('complaintAskOrder')}`],
      ['Not about an order', /^Here is your complaint:\n.*\n• Order: none\n• Contact: this chat\n/],
      ['Yes, file it', /filed as ticket T-1001/],
      // After the flow: it read "Great! Is there anything else…", and "Change something" got the answer on changing an order.
      ['Yes, file it', en('lateChoiceFiled', { id: 'T-1001' })],
      ['Change something', en('lateChoiceFiled', { id: 'T-1001' })],
      // It started a new complaint.
      ['Cancel the complaint', en('lateChoiceFiled', { id: 'T-1001' })],
    ]);
    expect((await bot.tickets.list()).map((ticket) => ticket.id)).toEqual(['T-1001']);
  });

  it('at the summary, in Chinese, takes "与订单无关" and "在聊天里回复我" as changes, not as words about the problem', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['我要投诉', zh('complaintAskDescription')],
      ['耳机坏了', zh('complaintAskOrder')],
      ['1048213', zh('complaintAskContact')],
      ['abc@example.com', /• 订单：1048213\n• 联系方式：a\*\*\*@example\.com\n/],
      // Both went into the description: "耳机坏了 与订单无关 在聊天里回复我".
      ['与订单无关', /^好的，已更新：与订单无关。\n您的投诉内容如下：\n• 问题描述：耳机坏了\n• 订单：无\n• 联系方式：a\*\*\*@example\.com\n/],
      ['在聊天里回复我', /^好的，已更新：客服会在本聊天窗口回复您。\n您的投诉内容如下：\n• 问题描述：耳机坏了\n• 订单：无\n• 联系方式：本聊天窗口\n/],
      ['确认提交', /工单号 T-1001/],
      ['确认提交', zh('lateChoiceFiled', { id: 'T-1001' })],
    ]);
    expect(await bot.tickets.get('T-1001')).toMatchObject({ description: '耳机坏了', orderNumber: null, contact: null });
  });

  it('says an offer has passed when "No, just answer" comes after the chat moved on, and answers the question when it comes after a yes, in either language', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ["this is terrible, my order is so late, I'm angry", en('complaintOffer')],
      ['what are your opening hours', /24\/7/],
      // It read "I'm sorry I haven't been much help".
      ['No, just answer', en('lateChoiceNone')],
    ]);
    const zhBot = await createTicketBot();
    await converse(zhBot.adapter, [
      ['快递一直没到，太差劲了，气死我了', zh('complaintOffer')],
      ['你们几点上班', /9:00/],
      ['不用，先回答问题', zh('lateChoiceNone')],
    ]);
    // Said yes, then "No, just answer" at the next question: the question is answered, nothing filed. It read "这似乎不是订单号".
    const changedMind = await createTicketBot();
    await converse(changedMind.adapter, [
      ['快递一直没到，太差劲了，气死我了', zh('complaintOffer')],
      ['好的，登记投诉', zh('complaintAskOrder')],
      ['不用，先回答问题', /^抱歉让您久等了！/],
    ]);
    for (const each of [bot, zhBot, changedMind]) expect(await each.tickets.list()).toEqual([]);
  });

  it('leaves a title typed where the bot never offered it to the knowledge base, and takes a late "Yes, file a complaint" as asking to complain', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ['Change something', (text) => expect(text).not.toBe(en('lateChoiceNone'))],
    ]);
    const late = await createTicketBot();
    await converse(late.adapter, [
      ["this is terrible, my order is so late, I'm angry", en('complaintOffer')],
      ['what are your opening hours', /24\/7/],
      ['Yes, file a complaint', en('complaintAskDescription')],
      ["I'm fed up", en('complaintAskOrder')],
    ]);
  });

  it('does not ask what happened after "No, just answer" and the answer\'s "File a complaint": the customer said it before the button', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [
      ["this is terrible, my order is so late, I'm angry", en('complaintOffer')],
      ['No, just answer', /tracking/],
      // It asked "Please tell me what happened", as if "No, just answer" were what they last said.
      ['File a complaint', en('complaintAskOrder')],
      ['Not about an order', en('complaintAskContact')],
      ['Reply in this chat', /^Here is your complaint:\n• What happened: this is terrible, my order is so late, I'm angry\n• Order: none\n• Contact: this chat\n• Type: delivery\n/],
    ]);
  });
});
