import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from '../src/bot/botbuilder-lite.js';
import { say } from '../src/bot/messages.js';
import type { Language } from '../src/nlu/types.js';
import { reply } from './knowledge-replies.js';
import { categoryLabel, customerIdOf, describeTicket, formatDue, statusLabel, type TicketDialogDeps, ticketIdIn, timeZoneOf } from './ticket-replies.js';

export const TICKET_STATUS_DIALOG = 'ticket-status';
const WATERFALL = 'ticket-status.waterfall';

export interface TicketStatusOptions {
  language: Language;
  text: string;
  /** The ticket asked about, when the text does not name it ("how long will it take?" right after it was filed). */
  id?: string;
}

/** What the customer is told, and the one ticket it tells of. */
interface StatusReply {
  message: string;
  ticket?: string;
}

/**
 * "What's the status of T-1042?" / "我的投诉处理得怎么样了": one ticket when the customer names
 * it, otherwise their open tickets. Only the customer's own tickets: another customer's
 * ticket number gets the same answer as a number that does not exist.
 */
export class TicketStatusDialog extends ComponentDialog {
  constructor(private readonly deps: TicketDialogDeps) {
    super(TICKET_STATUS_DIALOG);
    this.addDialog(new WaterfallDialog(WATERFALL, [this.statusStep.bind(this)]));
    this.initialDialogId = WATERFALL;
  }

  private async statusStep(step: WaterfallStepContext<TicketStatusOptions>): Promise<DialogTurnResult> {
    const { language, text } = step.options;
    const customerId = await customerIdOf(step.context, this.deps);
    const id = step.options.id ?? ticketIdIn(text);
    const zone = timeZoneOf(step.context, this.deps);
    const { message, ticket } = id ? await this.oneTicket(id, customerId, language, zone) : await this.openTickets(customerId, language, zone);
    // Marked with the one ticket it tells of: "when will I hear back?" next is asked of it.
    await step.context.sendActivity({ ...reply(message, language), ...(ticket ? { channelData: { parley: { ticket } } } : {}) });
    return step.endDialog();
  }

  private async oneTicket(id: string, customerId: string, language: Language, zone: string | undefined): Promise<StatusReply> {
    const ticket = await this.deps.tickets.findForCustomer(id, customerId);
    return ticket ? { message: describeTicket(ticket, language, zone), ticket: ticket.id } : { message: say('ticketNotFound', language, { id }) };
  }

  private async openTickets(customerId: string, language: Language, zone: string | undefined): Promise<StatusReply> {
    const open = await this.deps.tickets.openForCustomer(customerId);
    if (open.length === 0) return { message: say('ticketNoneOpen', language) };
    if (open.length === 1) return { message: describeTicket(open[0]!, language, zone), ticket: open[0]!.id };
    const list = open.map((ticket) =>
      say('ticketListItem', language, {
        id: ticket.id,
        category: categoryLabel(ticket.category, language),
        status: statusLabel(ticket.status, language),
        due: formatDue(ticket.dueAt, language, zone),
      }),
    );
    return { message: say('ticketListOpen', language, { list: list.join('\n') }) };
  }
}
