import type { BotAdapter, ConversationState, StatePropertyAccessor } from './botbuilder-lite.js';
import { type Dialog, DialogSet, type DialogState } from './botbuilder-lite.js';
import { CSAT_DIALOG, type CsatOptions } from '../../dialogs/csat-dialog.js';
import { MAIN_DIALOG } from '../../dialogs/main-dialog.js';
import type { Logger } from '../logger.js';
import type { TicketEventPayloads } from '../tickets/index.js';

export interface TicketNotifierDeps {
  adapter: Pick<BotAdapter, 'continueConversation'>;
  conversationState: ConversationState;
  /** The main dialog, with the CSAT dialog registered in it. */
  mainDialog: Dialog;
  logger: Logger;
}

/**
 * Feeds a resolution back to the customer: in a proactive turn on the ticket's conversation,
 * the bot says how the ticket was resolved and asks for a rating. The customer's next
 * message answers the CSAT dialog, which this turn leaves waiting.
 */
export class TicketNotifier {
  private readonly dialogState: StatePropertyAccessor<DialogState>;

  constructor(private readonly deps: TicketNotifierDeps) {
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
  }

  async notifyResolved(resolved: TicketEventPayloads['ticket.resolved']): Promise<void> {
    const options: CsatOptions = { ticketId: resolved.ticketId, language: resolved.language, resolution: resolved.resolution };
    await this.deps.adapter.continueConversation({ conversation: { id: resolved.conversationId, isGroup: false, conversationType: '', name: '' } }, async (context) => {
      const dialogs = new DialogSet(this.dialogState);
      dialogs.add(this.deps.mainDialog);
      const dc = await dialogs.createContext(context);
      // Whatever the bot was asking is superseded by the news; the customer can start it again.
      await dc.cancelAllDialogs();
      await dc.beginDialog(MAIN_DIALOG, { start: { dialog: CSAT_DIALOG, options } });
      await this.deps.conversationState.saveChanges(context, false);
    });
    this.deps.logger.info({ ticketId: resolved.ticketId }, 'resolution sent to the customer');
  }
}
