import path from 'node:path';
import { type Activity, ConversationState, TestAdapter } from 'botbuilder';
import { MainDialog, type MainDialogDeps } from '../../dialogs/main-dialog.js';
import { ParleyBot, createTurnErrorHandler } from '../../src/bot/parley-bot.js';
import { BotStateStorage } from '../../src/bot/state-storage.js';
import { dropStateTraces } from '../../src/bot/state-trace-filter.js';
import { maskPersonalData } from '../../src/customers/index.js';
import { indexIntents, KnowledgeRuntime, loadKnowledgeDir, toTrainingExamples, UnansweredLog, type Intent } from '../../src/kb/index.js';
import { createLogger } from '../../src/logger.js';
import { loadOrTrainRecognizer } from '../../src/nlu/index.js';
import { analyzeSentiment, isUpset } from '../../src/sentiment/index.js';
import { createMemoryStorage } from '../../src/storage/index.js';
import { sharedModelDir } from './server.js';

export interface BotHarness {
  adapter: TestAdapter;
  intents: Map<string, Intent>;
  storage: ReturnType<typeof createMemoryStorage>;
  knowledge: KnowledgeRuntime;
}

/** The real bot and dialogs over the default knowledge base, with memory storage, driven by botbuilder's TestAdapter. */
export async function createBotHarness(
  options: {
    trace?: boolean;
    /** More for the main dialog (dialogs an intent starts, the complaint trigger), built on the harness's storage. */
    main?: (storage: ReturnType<typeof createMemoryStorage>, knowledge: KnowledgeRuntime) => Partial<MainDialogDeps>;
    /** Turn middleware and wiring around the bot (the handoff gate), once the adapter exists. */
    wire?: (parts: { storage: ReturnType<typeof createMemoryStorage>; adapter: TestAdapter; bot: ParleyBot; conversationState: ConversationState }) => void;
  } = {},
): Promise<BotHarness> {
  const intents = await loadKnowledgeDir(path.resolve('knowledge'));
  const recognizer = await loadOrTrainRecognizer(toTrainingExamples(intents), sharedModelDir);
  const knowledge = new KnowledgeRuntime({ version: 1, intents: indexIntents(intents), recognizer });
  const storage = createMemoryStorage();
  const logger = createLogger('silent');
  const conversationState = new ConversationState(new BotStateStorage(storage.keyValue('state')));
  // The bot's latest message per conversation, as the web channel's transcript would give it.
  const lastSent = new Map<string, { locale: unknown; channelData: unknown; buttons: string[] }>();
  // The customer's earlier messages per conversation, as the transcript would give them.
  const customerSaid = new Map<string, string[]>();
  // The button titles the bot offered per conversation, as the transcript would show them.
  const offered = new Map<string, Set<string>>();
  const mainDialog = new MainDialog({
    knowledge,
    unanswered: new UnansweredLog(storage.collection('unanswered')),
    redact: maskPersonalData,
    lastBotMessage: async (conversationId) => lastSent.get(conversationId),
    earlierMessages: async (conversationId, _currentId, count) => [...(customerSaid.get(conversationId) ?? [])].reverse().slice(0, count),
    offeredBefore: async (conversationId, title) => offered.get(conversationId)?.has(title.trim().toLowerCase()) ?? false,
    soured: (text, language) => isUpset(analyzeSentiment(text, language)),
    ...options.main?.(storage, knowledge),
  });
  const bot = new ParleyBot({ conversationState, mainDialog, knowledge, analyzeSentiment, trace: options.trace ?? false, logger });
  const adapter = new TestAdapter((context) => bot.run(context));
  // TestAdapter drops trace activities unless asked; the web channel delivers them.
  adapter.enableTrace = options.trace ?? false;
  adapter.onTurnError = createTurnErrorHandler(conversationState, logger);
  adapter.use(dropStateTraces);
  adapter.use(async (context, next) => {
    context.onSendActivities(async (_context, activities, send) => {
      const { id } = context.activity.conversation;
      for (const { type, locale, channelData, suggestedActions } of activities) {
        if (type !== 'message') continue;
        lastSent.set(id, structuredClone({ locale, channelData, buttons: (suggestedActions?.actions ?? []).map((action) => action.title) }));
        for (const action of suggestedActions?.actions ?? []) offered.set(id, (offered.get(id) ?? new Set()).add(action.title.toLowerCase()));
      }
      return send();
    });
    await next();
    // Kept after the turn: during it, this message is the current one, not an earlier one.
    const { type, text, conversation } = context.activity;
    if (type === 'message' && typeof text === 'string') customerSaid.set(conversation.id, [...(customerSaid.get(conversation.id) ?? []), text]);
  });
  options.wire?.({ storage, adapter, bot, conversationState });
  return { adapter, intents: indexIntents(intents), storage, knowledge };
}

export type Expectation = string | RegExp | ((reply: Partial<Activity>) => void);

/** Play `[user says, bot replies]` steps in order through one conversation. */
export async function play(adapter: TestAdapter, steps: readonly (readonly [string | Partial<Activity>, Expectation])[]): Promise<void> {
  let flow: ReturnType<TestAdapter['send']> | undefined;
  for (const [userSays, expected] of steps) {
    const sent: ReturnType<TestAdapter['send']> = flow ? flow.send(userSays) : adapter.send(userSays);
    flow = sent.assertReply((reply) => {
      if (typeof expected === 'function') return expected(reply);
      const text = reply.text ?? '';
      if (typeof expected === 'string' ? text !== expected : !expected.test(text)) {
        throw new Error(`after "${typeof userSays === 'string' ? userSays : userSays.text}" the bot said "${text}", expected ${String(expected)}`);
      }
    });
  }
  await flow;
}
