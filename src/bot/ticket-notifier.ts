import type { BotAdapter } from './botbuilder-lite.js';
import { CSAT_DIALOG, type CsatOptions } from '../../dialogs/csat-dialog.js';
import type { Logger } from '../logger.js';
import type { TicketEventPayloads } from '../tickets/index.js';
import type { DialogStarter } from './dialog-starter.js';

export interface TicketNotifierDeps {
  adapter: Pick<BotAdapter, 'continueConversation'>;
  /** Starts the CSAT dialog (registered under the main dialog). */
  startDialog: DialogStarter;
  logger: Logger;
}

/**
 * Feeds a resolution back to the customer: in a proactive turn on the ticket's conversation,
 * the bot says how the ticket was resolved and asks for a rating. The customer's next
 * message answers the CSAT dialog, which this turn leaves waiting.
 */
export class TicketNotifier {
  constructor(private readonly deps: TicketNotifierDeps) {}

  async notifyResolved(resolved: TicketEventPayloads['ticket.resolved']): Promise<void> {
    const options: CsatOptions = { ticketId: resolved.ticketId, language: resolved.language, resolution: resolved.resolution };
    await this.deps.adapter.continueConversation({ conversation: { id: resolved.conversationId, isGroup: false, conversationType: '', name: '' } }, (context) =>
      this.deps.startDialog(context, CSAT_DIALOG, options),
    );
    this.deps.logger.info({ ticketId: resolved.ticketId }, 'resolution sent to the customer');
  }
}
