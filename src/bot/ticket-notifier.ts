import type { BotAdapter } from './botbuilder-lite.js';
import { CSAT_DIALOG, type CsatOptions } from '../../dialogs/csat-dialog.js';
import { TICKET_QUESTION_DIALOG, type TicketQuestionOptions } from '../../dialogs/ticket-question-dialog.js';
import { formatDue } from '../../dialogs/ticket-replies.js';
import type { Logger } from '../logger.js';
import type { TicketEventPayloads } from '../tickets/index.js';
import type { DialogStarter } from './dialog-starter.js';
import { reply } from '../../dialogs/knowledge-replies.js';
import { say } from './messages.js';
import type { Language } from '../nlu/types.js';
import type { NoticeDestination } from './notice-destination.js';

export interface TicketNotifierDeps {
  adapter: Pick<BotAdapter, 'continueConversation'>;
  /** Starts the CSAT dialog (registered under the main dialog). */
  startDialog: DialogStarter;
  /** The conversation is with an agent (or waiting for one): the bot asks nothing there. */
  withAgent: (conversationId: string) => Promise<boolean>;
  /** A question was told to a customer who is with an agent: their next message to the team answers it (see HandoffGate). */
  expectAnswer?: (conversationId: string, ticketId: string) => Promise<void>;
  /** When the ticket is due now (it may have moved since the event). */
  dueAtOf: (ticketId: string) => Promise<string>;
  /**
   * Where the customer reads the news, and in which language; by default the ticket's conversation
   * and language. Undefined: nowhere (the customer was erased), and nothing is said.
   */
  destinationOf?: (ticket: { customerId: string; conversationId: string; language: Language }) => Promise<NoticeDestination | undefined>;
  /** Time zone for due times told to customers whose client never said theirs; UTC by default. */
  timeZone?: string;
  logger: Logger;
}

type TicketNews = { ticketId: string; customerId: string; conversationId: string; language: Language };

/**
 * Feeds a ticket's progress back to the customer, in proactive turns on their most recent open
 * conversation (see `noticeDestination`) and in the language they last wrote in:
 * - a person took it;
 * - the team needs something from them: the bot keeps their next message as the answer;
 * - it was resolved: the bot says how and asks for a rating, and the customer's next message
 *   answers the CSAT dialog this turn leaves waiting;
 * - the team reopened it (after it was resolved): it is being looked at again, by when.
 * Closing a resolved ticket is filing, not news: the customer already heard the resolution.
 * While an agent has the chat (an agent often works the ticket while talking to the customer)
 * the customer is only told: their answers go to the agent, and the chat's own rating follows
 * the handback.
 */
export class TicketNotifier {
  constructor(private readonly deps: TicketNotifierDeps) {}

  async notifyResolved(resolved: TicketEventPayloads['ticket.resolved']): Promise<void> {
    const { ticketId, resolution } = resolved;
    const destination = await this.destinationOf(resolved);
    if (!destination) return;
    const { conversationId, language } = destination;
    const options: CsatOptions = { ticketId, language, resolution };
    await this.askUnlessWithAgent(conversationId, CSAT_DIALOG, options, say('ticketResolvedNotice', language, { id: ticketId, resolution }), language);
    this.deps.logger.info({ ticketId }, 'resolution sent to the customer');
  }

  async notifyTaken(taken: TicketEventPayloads['ticket.taken']): Promise<void> {
    const { ticketId: id, agentName } = taken;
    const destination = await this.destinationOf(taken);
    if (!destination) return;
    const { conversationId, language } = destination;
    const due = await this.dueFor(id, destination);
    const text = agentName ? say('ticketTakenNotice', language, { id, agent: agentName, due }) : say('ticketTakenNoticeNoName', language, { id, due });
    await this.continueIn(conversationId, async (context) => void (await context.sendActivity(reply(text, language))));
  }

  async notifyWaiting(waiting: TicketEventPayloads['ticket.waiting']): Promise<void> {
    const { ticketId, question } = waiting;
    const destination = await this.destinationOf(waiting);
    if (!destination) return;
    const { conversationId, language } = destination;
    const options: TicketQuestionOptions = { ticketId, language, question };
    const notice = question ? say('ticketQuestionNotice', language, { id: ticketId, question }) : say('ticketQuestionAskGeneric', language, { id: ticketId });
    const withAgent = await this.askUnlessWithAgent(conversationId, TICKET_QUESTION_DIALOG, options, notice, language);
    if (withAgent) await this.deps.expectAnswer?.(conversationId, ticketId);
    this.deps.logger.info({ ticketId }, 'question sent to the customer');
  }

  async notifyReopened(reopened: TicketEventPayloads['ticket.reopened']): Promise<void> {
    const { ticketId: id } = reopened;
    const destination = await this.destinationOf(reopened);
    if (!destination) return;
    const { conversationId, language } = destination;
    const due = await this.dueFor(id, destination);
    await this.continueIn(conversationId, async (context) => void (await context.sendActivity(reply(say('ticketReopenedNotice', language, { id, due }), language))));
  }

  /**
   * Start `dialog` in the conversation, so the customer's next message answers it; while an
   * agent has the chat, only tell them `notice`: their answer goes to the agent (and a ticket's
   * question is marked as awaiting it, see `expectAnswer`). Resolves with whether an agent had it.
   */
  private async askUnlessWithAgent(conversationId: string, dialog: string, options: object, notice: string, language: Language): Promise<boolean> {
    const withAgent = await this.deps.withAgent(conversationId);
    await this.continueIn(conversationId, async (context) => {
      if (withAgent) await context.sendActivity(reply(notice, language));
      else await this.deps.startDialog(context, dialog, options);
    });
    return withAgent;
  }

  /** When the ticket is due, as its customer reads it: in their language and time zone (else the shop's). */
  private async dueFor(ticketId: string, { language, timeZone }: NoticeDestination): Promise<string> {
    return formatDue(await this.deps.dueAtOf(ticketId), language, timeZone ?? this.deps.timeZone);
  }

  private async destinationOf(news: TicketNews): Promise<NoticeDestination | undefined> {
    const { ticketId, customerId, conversationId, language } = news;
    const destination = this.deps.destinationOf ? await this.deps.destinationOf({ customerId, conversationId, language }) : { conversationId, language };
    if (!destination) this.deps.logger.info({ ticketId }, 'ticket news not sent: the customer has no conversation left (erased)');
    return destination;
  }

  private continueIn(conversationId: string, logic: Parameters<TicketNotifierDeps['adapter']['continueConversation']>[1]): Promise<void> {
    return this.deps.adapter.continueConversation({ conversation: { id: conversationId, isGroup: false, conversationType: '', name: '' } }, logic);
  }
}
