import { describe, expect, it } from 'vitest';
import { say } from '../../src/bot/messages.js';
import { converse, createTicketBot, NOW } from '../support/tickets.js';

const agent = { kind: 'agent', id: 'u1', name: 'Ana' } as const;
const file = (bot: Awaited<ReturnType<typeof createTicketBot>>, customerId: string, description: string, language: 'en' | 'zh' = 'en') =>
  bot.tickets.create({ customerId, conversationId: `conv-${customerId}`, description, language, by: { kind: 'customer', id: customerId } });

describe('ticket status in chat', () => {
  it('tells the customer where their ticket stands and when to expect an answer', async () => {
    const bot = await createTicketBot();
    await file(bot, 'customer-1', 'My parcel is late');
    await converse(bot.adapter, [
      ["what's the status of T-1001?", 'Ticket T-1001 (delivery): received, waiting for an agent. We aim to get back to you by Thu 6 Mar, 09:00 UTC.'],
      ['工单T-1001', '工单 T-1001（物流配送）：已受理，等待客服处理。我们会在3月6日周四 09:00（UTC）前答复您。'],
    ]);
  });

  it('takes "how long will it take?" right after a complaint is filed as asked of that ticket, not of delivery times', async () => {
    const bot = await createTicketBot();
    const status = 'Ticket T-1001 (product quality): received, waiting for an agent. We aim to get back to you by Tue 4 Mar, 09:00 UTC.';
    await converse(bot.adapter, [
      ['I want to complain', say('complaintAskDescription', 'en')],
      ['My blender arrived broken and the jug is cracked', say('complaintAskOrder', 'en')],
      ['12345', say('complaintAskContact', 'en')],
      ['bob@example.com', /Shall I file it\?$/],
      ['yes', /^Your complaint is filed as ticket T-1001\./],
      // What comes next, asked right after the filing, is asked of the ticket (it got "Did you mean: Membership and points").
      ['what happens now?', status],
      ['how long will it take?', status],
      // Asked again after the status, in other words, it is still that ticket.
      ['when will I hear back?', status],
      // A question naming a topic of its own is that topic's.
      ['how long does a refund take?', /^Refunds are issued to your original payment method/],
    ]);
  });

  it('takes 「多久能处理好」 after a ticket\'s status as asked of that ticket', async () => {
    const bot = await createTicketBot();
    await file(bot, 'customer-1', '快递一直没到', 'zh');
    const status = '工单 T-1001（物流配送）：已受理，等待客服处理。我们会在3月6日周四 09:00（UTC）前答复您。';
    await converse(bot.adapter, [
      ['我的投诉处理得怎么样了', status],
      ['多久能处理好', status],
      ['然后呢', status],
      ['什么时候回复我', status],
    ]);
  });

  it('shows the resolution of a resolved ticket', async () => {
    const bot = await createTicketBot();
    await file(bot, 'customer-1', 'My parcel is late');
    await bot.tickets.update('T-1001', { status: 'resolved', resolution: 'We re-sent it by express.' }, agent);
    await converse(bot.adapter, [['status of T-1001', 'Ticket T-1001 (delivery): resolved. Resolution: We re-sent it by express.']]);
  });

  it("never reveals another customer's ticket: it answers as if the number did not exist", async () => {
    const bot = await createTicketBot({ customerId: 'customer-1' });
    await file(bot, 'customer-2', 'I was charged twice, my card ends 4242');
    await converse(bot.adapter, [
      ["what's the status of T-1001?", say('ticketNotFound', 'en', { id: 'T-1001' })],
      ["what's the status of T-9999?", say('ticketNotFound', 'en', { id: 'T-9999' })],
      ['我的工单T-1001进度', say('ticketNotFound', 'zh', { id: 'T-1001' })],
    ]);
  });

  it('lists the open tickets when no number is given, and says so when there are none', async () => {
    const bot = await createTicketBot();
    await converse(bot.adapter, [['我的投诉处理得怎么样了', say('ticketNoneOpen', 'zh')]]);
    await file(bot, 'customer-1', 'My parcel is late');
    await file(bot, 'customer-1', '杯子收到就是碎的', 'zh');
    await file(bot, 'customer-2', 'someone else');
    await bot.tickets.update('T-1001', { status: 'in_progress' }, agent);
    expect(NOW.toISOString()).toBe('2025-03-03T09:00:00.000Z');
    await converse(bot.adapter, [
      [
        '我的投诉处理得怎么样了',
        '您处理中的工单：\n• T-1002（商品质量）：已受理，等待客服处理，3月4日周二 09:00（UTC）前答复\n• T-1001（物流配送）：处理中，3月6日周四 09:00（UTC）前答复',
      ],
      ['any update on my ticket', /^Your open tickets:\n• T-1002 \(product quality\): received, waiting for an agent, due Tue 4 Mar, 09:00 UTC\n• T-1001 \(delivery\): being worked on, due/],
    ]);
  });
});
