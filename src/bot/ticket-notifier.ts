import type { BotAdapter } from './botbuilder-lite.js';
import { CSAT_DIALOG, type CsatOptions } from '../../dialogs/csat-dialog.js';
import { TICKET_QUESTION_DIALOG, type TicketQuestionOptions } from '../../dialogs/ticket-question-dialog.js';
import { formatDue } from '../../dialogs/ticket-replies.js';
import type { Logger } from '../logger.js';
import type { TicketEventPayloads } from '../tickets/index.js';
import type { DialogStarter } from './dialog-starter.js';
import { reply } from '../../dialogs/knowledge-replies.js';
import { say } from './messages.js';

export interface TicketNotifierDeps {
  adapter: Pick<BotAdapter, 'continueConversation'>;
  /** Starts the CSAT dialog (registered under the main dialog). */
  startDialog: DialogStarter;
  /** The conversation is with an agent (or waiting for one): the bot asks nothing there. */
  withAgent: (conversationId: string) => Promise<boolean>;
  /** When the ticket is due now (it may have moved since the event). */
  dueAtOf: (ticketId: string) => Promise<string>;
  /** Time zone for due times told to customers; UTC by default. */
  timeZone?: string;
  logger: Logger;
}

/**
 * Feeds a ticket's progress back to the customer, in proactive turns on the ticket's
 * conversation and in its language:
 * - a person took it;
 * - the team needs something from them: the bot keeps their next message as the answer;
 * - it was resolved: the bot says how and asks for a rating, and the customer's next message
 *   answers the CSAT dialog this turn leaves waiting.
 * While an agent has the chat (an agent often works the ticket while talking to the customer)
 * the customer is only told: their answers go to the agent, and the chat's own rating follows
 * the handback.
 */
export class TicketNotifier {
  constructor(private readonly deps: TicketNotifierDeps) {}

  async notifyResolved(resolved: TicketEventPayloads['ticket.resolved']): Promise<void> {
    const { ticketId, language, resolution } = resolved;
    const options: CsatOptions = { ticketId, language, resolution };
    const withAgent = await this.deps.withAgent(resolved.conversationId);
    await this.deps.adapter.continueConversation({ conversation: { id: resolved.conversationId, isGroup: false, conversationType: '', name: '' } }, async (context) => {
      if (withAgent) await context.sendActivity(reply(say('ticketResolvedNotice', language, { id: ticketId, resolution }), language));
      else await this.deps.startDialog(context, CSAT_DIALOG, options);
    });
    this.deps.logger.info({ ticketId: resolved.ticketId }, 'resolution sent to the customer');
  }

  async notifyTaken(taken: TicketEventPayloads['ticket.taken']): Promise<void> {
    const { ticketId: id, language, agentName } = taken;
    const due = formatDue(await this.deps.dueAtOf(id), language, this.deps.timeZone);
    const text = agentName ? say('ticketTakenNotice', language, { id, agent: agentName, due }) : say('ticketTakenNoticeNoName', language, { id, due });
    await this.continueIn(taken.conversationId, async (context) => void (await context.sendActivity(reply(text, language))));
  }

  async notifyWaiting(waiting: TicketEventPayloads['ticket.waiting']): Promise<void> {
    const { ticketId, language, question } = waiting;
    const options: TicketQuestionOptions = { ticketId, language, question };
    const withAgent = await this.deps.withAgent(waiting.conversationId);
    await this.continueIn(waiting.conversationId, async (context) => {
      if (!withAgent) return this.deps.startDialog(context, TICKET_QUESTION_DIALOG, options);
      const text = question ? say('ticketQuestionNotice', language, { id: ticketId, question }) : say('ticketQuestionAskGeneric', language, { id: ticketId });
      await context.sendActivity(reply(text, language));
    });
    this.deps.logger.info({ ticketId }, 'question sent to the customer');
  }

  private continueIn(conversationId: string, logic: Parameters<TicketNotifierDeps['adapter']['continueConversation']>[1]): Promise<void> {
    return this.deps.adapter.continueConversation({ conversation: { id: conversationId, isGroup: false, conversationType: '', name: '' } }, logic);
  }
}
