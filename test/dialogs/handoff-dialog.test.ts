import type { Activity } from 'botbuilder';
import { beforeEach, describe, expect, it } from 'vitest';
import { HandoffDialog } from '../../dialogs/handoff-dialog.js';
import { say } from '../../src/bot/messages.js';
import { connectHandoffToBot, HandoffGate } from '../../src/bot/handoff-gate.js';
import { ConversationLog, ConversationRepository, type ConversationRecord } from '../../src/conversations/index.js';
import { EventBus } from '../../src/events/index.js';
import { AgentPresence, HandoffService } from '../../src/handoff/index.js';
import { createBotHarness, play, type BotHarness } from '../support/bot.js';

interface Rig {
  harness: BotHarness;
  handoff: HandoffService;
  forAgents: string[];
  /** The bot's turn on the latest `handoff.status` event. */
  statusTurn: () => Promise<void>;
  conversationId: string;
}

/** The bot with the handoff dialog and gate, one agent online, the TestAdapter's conversation on record. */
async function rig(claimTimeoutMs = 180_000): Promise<Rig> {
  let log!: ConversationLog;
  let handoff!: HandoffService;
  let statusTurn: Promise<void> = Promise.resolve();
  const events = new EventBus();
  const forAgents: string[] = [];
  events.subscribe('conversation.activity', ({ activity }) => forAgents.push(String(activity.text)));
  const harness = await createBotHarness({
    main: (storage) => {
      log = new ConversationLog(storage.transcripts);
      return { dialogs: [new HandoffDialog({ transcriptOf: (id) => log.all(id) })] };
    },
    wire: ({ storage, adapter, bot, conversationState }) => {
      const conversations = new ConversationRepository(storage.collection<ConversationRecord>('conversations'));
      const presence = new AgentPresence();
      presence.connect({ id: 'alice', name: 'Alice' });
      handoff = new HandoffService({ conversations, log, events, presence, claimTimeoutMs });
      adapter.use(new HandoffGate({ handoff, conversations, events, redact: (text) => text, resetDialogs: (context) => conversationState.delete(context), logger: console }));
      connectHandoffToBot(events, (activity) => {
        statusTurn = adapter.processActivity(activity as Activity, (context) => bot.run(context));
      });
    },
  });
  const conversationId = harness.adapter.conversation.conversation.id;
  await harness.storage.collection<ConversationRecord>('conversations').put({ id: conversationId, userId: 'user1', customerId: 'user1', createdAt: '2026-03-02T09:00:00Z', status: 'bot' });
  return { harness, handoff, forAgents, statusTurn: () => statusTurn, conversationId };
}

describe('handoff dialog and gate', () => {
  let r: Rig;
  beforeEach(async () => {
    r = await rig();
  });

  it('does not promise a wait longer than the chat may wait: it says when the chat becomes a ticket instead', async () => {
    // One agent, who takes about two minutes a chat (the estimate without history), and a one-minute wait.
    const short = await rig(60_000);
    await play(short.harness.adapter, [
      ['I want to talk to a person', "Sure — I'm getting a person for you. You're number 1 in the queue and our team is busy, so it may take a while. If nobody is free within 1 min, I'll save our conversation as a ticket so nothing is lost, and they'll reply here. You can keep writing meanwhile."],
    ]);
    short.handoff.stop();
  });

  it('asking for a person queues the chat; the bot is quiet until the agent hands back', async () => {
    const { adapter } = r.harness;
    await play(adapter, [['I want to talk to a person', /You're number 1 in the queue; the expected wait is about \d+ min/]]);
    await adapter.send('hello? anyone?').assertNoReply('the bot stays quiet during a handoff', 500);
    expect(r.forAgents).toContain('hello? anyone?');

    await r.handoff.claim(r.conversationId, { id: 'alice', name: 'Alice' });
    await r.statusTurn();
    await adapter.send('where is my order?').assertNoReply('the bot stays quiet during a handoff', 500);

    await r.handoff.release(r.conversationId, { id: 'alice', name: 'Alice' });
    await r.statusTurn();
    await adapter
      .send('where is my order?')
      .assertReply((reply) => expect(reply.text).toMatch(/I'm back — Parley, the assistant/))
      .assertReply((reply) => expect(reply.text).not.toMatch(/queue|I'm back/));
  });

  it('"yes" to the offer of a person brings one, in the language of the offer; "ok" is only heard, "ok?" is a question', async () => {
    const { adapter } = r.harness;
    await play(adapter, [
      ['this is useless', (reply) => expect(reply.suggestedActions?.actions.map((action) => action.title)).toEqual(['Talk to a human'])],
      ['ok', (reply) => expect(reply.text).not.toMatch(/queue/)],
      ['this is useless', (reply) => expect(reply.suggestedActions?.actions.map((action) => action.title)).toEqual(['Talk to a human'])],
      ['ok?', (reply) => expect(reply.text).not.toMatch(/queue/)],
      ['this is useless', (reply) => expect(reply.suggestedActions?.actions.map((action) => action.title)).toEqual(['Talk to a human'])],
      ['yes please', /You're number 1 in the queue/],
    ]);
  });

  it('「行」 or "yes" to an answer given again in short, which also offers a person, is the answer heard: no queue, no ticket', async () => {
    const { adapter } = r.harness;
    const inShortWithPerson = (language: 'en' | 'zh') => (reply: Partial<Activity>) => {
      expect(reply.text).toMatch(new RegExp(`^${say('answerAgainStep', language, { step: '.*' }).split('\n')[0]!}`, 'u'));
      expect(reply.suggestedActions?.actions.length).toBe(1);
    };
    await play(adapter, [
      [{ type: 'message', text: '怎么注销账号', locale: 'zh-CN' }, (reply) => expect(reply.text).toMatch(/注销/)],
      [{ type: 'message', text: '注销账号', locale: 'zh-CN' }, inShortWithPerson('zh')],
      [{ type: 'message', text: '行', locale: 'zh-CN' }, (reply) => expect(reply.text).not.toMatch(/排在第|工单/)],
      ['how do I delete my account', (reply) => expect(reply.text).toMatch(/delete/i)],
      ['how do I delete my account?', inShortWithPerson('en')],
      ['yes', (reply) => expect(reply.text).not.toMatch(/queue|ticket/)],
    ]);
  });

  it('「好的」 to 「转人工客服」 offered alone brings a person; a yes to several buttons picks none of them', async () => {
    const { adapter } = r.harness;
    await play(adapter, [
      ['你好', (reply) => expect(reply.suggestedActions?.actions.length).toBeGreaterThan(1)],
      ['好的', (reply) => expect(reply.text).not.toMatch(/排在第/)],
    ]);
    const other = await rig();
    await play(other.harness.adapter, [
      ['没用', (reply) => expect(reply.suggestedActions?.actions.map((action) => action.title)).toEqual(['转人工客服'])],
      ['好的？', (reply) => expect(reply.text).not.toMatch(/排在第/)],
      ['没用', (reply) => expect(reply.suggestedActions?.actions.map((action) => action.title)).toEqual(['转人工客服'])],
      ['好的', /您目前排在第 1 位/],
    ]);
    other.handoff.stop();
  });

  it('in Chinese, and the customer can leave the queue', async () => {
    const { adapter } = r.harness;
    await play(adapter, [['转人工', /您目前排在第 1 位/]]);
    // Leaving the queue: the customer is greeted back, and the bot answers again.
    await adapter.send('返回智能客服').assertReply((reply) => expect(reply.text).toMatch(/又回来为您服务/));
    await r.statusTurn();
    await adapter.send('我的订单到哪了').assertReply((reply) => {
      expect(reply.locale).toBe('zh-CN');
      expect(reply.text).not.toMatch(/排在第|又回来/);
    });
  });
});
