import { ComplaintDialog } from '../../dialogs/complaint-dialog.js';
import { CSAT_DIALOG, CsatDialog, type CsatOptions } from '../../dialogs/csat-dialog.js';
import { TicketQuestionDialog } from '../../dialogs/ticket-question-dialog.js';
import { LateChoiceDialog } from '../../dialogs/late-choice-dialog.js';
import { HandoffDialog } from '../../dialogs/handoff-dialog.js';
import { asksForHuman, knowledgeAnswerTo } from '../../dialogs/knowledge-replies.js';
import { MainDialog } from '../../dialogs/main-dialog.js';
import type { TicketDialogDeps } from '../../dialogs/ticket-replies.js';
import { TicketStatusDialog } from '../../dialogs/ticket-status-dialog.js';
import type { TurnLog } from '../analytics/index.js';
import { WebChannelAdapter } from '../channels/index.js';
import type { ChatActivity, ConversationLog, ConversationRepository } from '../conversations/index.js';
import { type CustomerServices, maskPersonalData } from '../customers/index.js';
import type { EventBus } from '../events/index.js';
import type { AgentPresence, HandoffService } from '../handoff/index.js';
import type { KnowledgeServices } from '../kb/index.js';
import type { Logger } from '../logger.js';
import { languageOfMessage } from '../nlu/language.js';
import type { Language } from '../nlu/types.js';
import { isUpset, type Sentiment } from '../sentiment/types.js';
import type { KeyValueStore } from '../storage/index.js';
import { complaintTrigger, type TicketService } from '../tickets/index.js';
import { type Activity, ConversationState, type Dialog } from './botbuilder-lite.js';
import { createDialogStarter } from './dialog-starter.js';
import { handleFeedbackEvents, TurnRecorder } from './feedback-handler.js';
import { connectHandoffToBot, HandoffGate } from './handoff-gate.js';
import { createTurnErrorHandler, ParleyBot } from './parley-bot.js';
import { ProfileRecorder } from './profile-recorder.js';
import { BotStateStorage } from './state-storage.js';
import { dropStateTraces } from './state-trace-filter.js';
import { noticeDestination } from './notice-destination.js';
import { TicketNotifier } from './ticket-notifier.js';
import { TraditionalReplies } from './traditional-replies.js';

/** A chat whose running mood is this low (or whose asking message is negative) is an upset customer's: ahead in the queue. */
const UPSET_MOOD = -0.3;

export interface BotDeps {
  /** Where botbuilder's conversation state (the dialog stacks) is kept. */
  stateStore: KeyValueStore;
  log: ConversationLog;
  conversations: ConversationRepository;
  knowledge: KnowledgeServices;
  turnLog: TurnLog;
  tickets: TicketService;
  customers: CustomerServices;
  handoff: HandoffService;
  presence: AgentPresence;
  events: EventBus;
  analyzeSentiment: (text: string, language: Language) => Sentiment;
  /** Send a `parley.turn` trace after each message (PARLEY_TRACE=1). */
  trace: boolean;
  logger: Logger;
}

export interface WiredBot {
  /** The web channel's adapter: turns run through it, one conversation's turns one at a time. */
  adapter: WebChannelAdapter;
  /** Run the bot on an activity, queued behind the conversation's other turns; failures are logged as `what`; resolves when the turn is done. */
  runTurn(activity: Partial<Activity>, what: string): Promise<void>;
}

/**
 * The bot, wired: the one place that builds botbuilder's objects (conversation state, the
 * dialogs, the turn middleware, the web channel's adapter) from the domain services. The
 * composition root gets back a way to run turns, so moving off botbuilder touches this
 * folder, src/channels and dialogs/ only.
 */
export function wireBot(deps: BotDeps): WiredBot {
  const { log, conversations, tickets, customers, handoff, events, analyzeSentiment, logger } = deps;
  const knowledge = deps.knowledge.runtime;
  const adapter = new WebChannelAdapter(log);
  const conversationState = new ConversationState(new BotStateStorage(deps.stateStore));
  adapter.onTurnError = createTurnErrorHandler(conversationState, logger);
  adapter.use(dropStateTraces);

  // Dialogs an intent can start.
  const ticketDialogDeps: TicketDialogDeps = {
    tickets,
    customerOf: async (conversationId) => (await conversations.find(conversationId))?.customerId,
    identifiedContact: async (customerId) => {
      const email = (await customers.profiles.get(customerId))?.identity?.email;
      return email ? { email } : undefined;
    },
    analyzeSentiment,
    redact: maskPersonalData,
    wantsHuman: (text) => asksForHuman(knowledge.current(), text),
    knowledgeAnswer: (text, languageHint) => knowledgeAnswerTo(knowledge.current(), text, languageHint),
  };
  const rateChat = (conversationId: string, score: number, comment?: string) => handoff.rate(conversationId, score, comment);
  const dialogs: Dialog[] = [
    new HandoffDialog({ transcriptOf: (id) => log.all(id) }),
    new ComplaintDialog(ticketDialogDeps),
    new TicketStatusDialog(ticketDialogDeps),
    new CsatDialog({ ...ticketDialogDeps, rateChat, nps: customers.nps }),
    new TicketQuestionDialog(ticketDialogDeps),
    new LateChoiceDialog(ticketDialogDeps),
  ];
  const complaintTriggerOf = (text: string, language: Language) => complaintTrigger(text, analyzeSentiment(text, language).score);
  const soured = (text: string, language: Language) => isUpset(analyzeSentiment(text, language));
  // What the customer last read from our side (the bot, an agent, a notice): an answer asked for again is not repeated word for word.
  const lastBotMessage = async (conversationId: string) => {
    const last = await log.findLast(conversationId, (activity) => activity.type === 'message' && activity.from.role === 'bot');
    return last && { locale: last.locale, channelData: last.channelData, buttons: buttonTitles(last) };
  };
  // What the customer wrote before this message (masked, as the transcript keeps it): a complaint need not ask again.
  const earlierMessages = async (conversationId: string, currentId: string | undefined, count: number) => {
    const said = await log.latest(conversationId, count, (activity) => activity.type === 'message' && activity.from.role === 'user' && typeof activity.text === 'string', currentId);
    return said.map((activity) => activity.text as string);
  };
  // Whether the bot offered a button with this title before: its title typed now is a late press.
  const offeredBefore = async (conversationId: string, title: string) => {
    const pressed = title.trim().toLowerCase();
    const offers = (activity: ChatActivity) => buttonTitles(activity).some((each) => each.toLowerCase() === pressed);
    return (await log.findLast(conversationId, (activity) => activity.type === 'message' && activity.from.role === 'bot' && offers(activity))) !== undefined;
  };
  const mainDialog = new MainDialog({ knowledge, unanswered: deps.knowledge.unanswered, redact: maskPersonalData, dialogs, complaintTrigger: complaintTriggerOf, lastBotMessage, earlierMessages, offeredBefore, soured });
  const bot = new ParleyBot({ conversationState, mainDialog, knowledge, analyzeSentiment, trace: deps.trace, logger });
  const startDialog = createDialogStarter(conversationState, mainDialog);

  // Turn middleware, in order.
  adapter.use(new ProfileRecorder({ ...customers, conversations, knowledge, analyzeSentiment, events, logger, agentsOnline: () => deps.presence.count() }));
  adapter.use(new TurnRecorder(deps.turnLog, logger));
  // Converts the bot's Chinese for Traditional readers. Every turn must pass it, also those the
  // handoff gate ends itself (its news to the customer), and its hook must come after the
  // profile recorder's, which rewords replies to an upset customer.
  adapter.use(new TraditionalReplies({ conversations }));
  // After the profile recorder, so a customer's mood is still recorded while an agent has the chat.
  adapter.use(
    new HandoffGate({
      handoff,
      conversations,
      events,
      redact: maskPersonalData,
      resetDialogs: (context) => conversationState.delete(context),
      upset: async (conversationId, text, locale) =>
        analyzeSentiment(text, languageOfMessage(text, locale)).label === 'negative' || ((await customers.insights.get(conversationId))?.mood ?? 0) <= UPSET_MOOD,
      askRating: (context, language, agentName) => startDialog(context, CSAT_DIALOG, { language, agentName } satisfies CsatOptions),
      answerTicket: async (record, text) => {
        const { ticketId } = record.awaitingAnswer!;
        await conversations.update(record.id, { awaitingAnswer: undefined });
        try {
          // Only while the ticket still waits for them: a later message is just a message.
          if ((await tickets.get(ticketId)).status === 'waiting_customer') await tickets.answerByCustomer(ticketId, record.customerId, maskPersonalData(text));
        } catch (error) {
          // The agent has the message either way; the ticket may have been erased meanwhile.
          logger.error({ err: error, ticketId }, 'could not put the customer’s answer on the ticket');
        }
      },
      logger,
    }),
  );
  handleFeedbackEvents(bot, deps.knowledge.feedback, logger);

  /** Runs a turn in its conversation's order; resolves when it is done (a failure is logged, not thrown). */
  const runTurn = (activity: Partial<Activity>, what: string): Promise<void> =>
    adapter.processActivity(activity, (context) => bot.run(context)).catch((error: unknown) => logger.error({ err: error }, `${what} could not run`));
  // What the domain tells the customer outside their own turns: ticket resolutions, handoff news.
  const withAgent = async (conversationId: string) => ['active', 'waiting'].includes((await conversations.find(conversationId))?.status ?? '');
  const dueAtOf = async (ticketId: string) => (await tickets.get(ticketId)).dueAt;
  const destinationOf = (ticket: { customerId: string; conversationId: string; language: Language }) =>
    noticeDestination(
      {
        conversationsOf: (customerId) => conversations.ofCustomer(customerId),
        lastWroteAt: async (id) => (await customers.insights.get(id))?.lastAt,
        timeZoneIn: async (id) => (await log.findLast(id, (activity) => activity.from.role === 'user' && typeof activity.localTimezone === 'string'))?.localTimezone as string | undefined,
      },
      ticket,
    );
  const expectAnswer = async (conversationId: string, ticketId: string) => void (await conversations.update(conversationId, { awaitingAnswer: { ticketId } }));
  const ticketNotifier = new TicketNotifier({ adapter, startDialog, withAgent, expectAnswer, dueAtOf, destinationOf, ...(ticketDialogDeps.timeZone ? { timeZone: ticketDialogDeps.timeZone } : {}), logger });
  events.subscribe('ticket.resolved', (resolved) => {
    ticketNotifier.notifyResolved(resolved).catch((error: unknown) => logger.error({ err: error }, 'could not tell the customer about a resolution'));
  });
  events.subscribe('ticket.taken', (taken) => {
    ticketNotifier.notifyTaken(taken).catch((error: unknown) => logger.error({ err: error }, 'could not tell the customer their ticket was taken'));
  });
  events.subscribe('ticket.waiting', (waiting) => {
    ticketNotifier.notifyWaiting(waiting).catch((error: unknown) => logger.error({ err: error }, "could not ask the customer for a ticket's missing information"));
  });
  events.subscribe('ticket.reopened', (reopened) => {
    ticketNotifier.notifyReopened(reopened).catch((error: unknown) => logger.error({ err: error }, 'could not tell the customer their ticket was reopened'));
  });
  connectHandoffToBot(events, (activity) => void runTurn(activity, 'handoff status turn'));
  return { adapter, runTurn };
}

/** The titles of a message's buttons, as the transcript keeps them (plain JSON). */
function buttonTitles(activity: ChatActivity): string[] {
  const actions = (activity.suggestedActions as { actions?: { title?: unknown }[] } | undefined)?.actions ?? [];
  return actions.map((action) => String(action.title));
}
