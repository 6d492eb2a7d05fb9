import type { BotAdapter } from './botbuilder-lite.js';
import { CSAT_DIALOG, type CsatOptions } from '../../dialogs/csat-dialog.js';
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
  logger: Logger;
}

/**
 * Feeds a resolution back to the customer: in a proactive turn on the ticket's conversation,
 * the bot says how the ticket was resolved and asks for a rating. The customer's next
 * message answers the CSAT dialog, which this turn leaves waiting. While an agent has the chat
 * (an agent often resolves the ticket while talking to the customer) the customer is told the
 * resolution only: their answers go to the agent, and the chat's own rating follows the handback.
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
}
