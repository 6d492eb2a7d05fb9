import type { Activity, TurnContext } from '../src/bot/botbuilder-lite.js';
import type { DialogContext } from '../src/bot/botbuilder-lite.js';
import { say } from '../src/bot/messages.js';
import type { Language } from '../src/nlu/types.js';
import type { Assessment, TicketContact } from '../src/tickets/index.js';
import { contactIn, orderNumbersIn } from './complaint-parsing.js';
import { reply } from './knowledge-replies.js';
import { categoryLabel, customerIdOf, formatDue, slaText, type TicketDialogDeps, timeZoneOf } from './ticket-replies.js';

/** What the complaint flow has gathered so far (kept in the waterfall's values). */
export interface ComplaintDraft {
  language: Language;
  /** The message that started the flow. */
  given: string;
  /** What happened, masked. */
  description?: string;
  sentiment?: number;
  /** `null`: the customer said it is not about an order. */
  orderNumber?: string | null;
  /** Raw values: they go to the ticket's contact field, never into a transcript. */
  contact?: TicketContact;
  contactKnown?: boolean;
  /** No email or phone: the customer hears back in the chat (the ticket's updates are posted there). */
  contactInChat?: boolean;
  assessment?: Assessment;
  /** What the customer said before the flow began, latest first: it types a complaint that does not say what kind it is. */
  earlier?: readonly string[];
}

/** The draft of the complaint waterfall running in a component's inner dialog context. */
export function draftIn(innerDc: DialogContext, waterfallId: string): ComplaintDraft | undefined {
  const instance = innerDc.stack.find((entry) => entry.id === waterfallId);
  return (instance?.state as { values?: { draft?: ComplaintDraft } } | undefined)?.values?.draft;
}

/** A contact as it may be shown back in chat: masked like the transcript masks it. */
function shownContact(draft: ComplaintDraft, deps: TicketDialogDeps): string {
  const contact = draft.contact?.email ?? draft.contact?.phone;
  if (!contact) return say(draft.contactInChat ? 'complaintContactChat' : 'complaintNone', draft.language);
  const masked = deps.redact(contact);
  return draft.contactKnown ? say('complaintKnownContact', draft.language, { contact: masked }) : masked;
}

/** Classify the complaint and show the customer what will be filed, asking to confirm. */
export async function confirmPrompt(draft: ComplaintDraft, deps: TicketDialogDeps, customerId: string, lead?: string): Promise<Partial<Activity>> {
  const { language } = draft;
  draft.assessment = await deps.tickets.assess(customerId, draft.description ?? draft.given, draft.sentiment ?? 0, draft.earlier, deps.redact(draft.given));
  const summary = say('complaintConfirm', language, {
    description: draft.description ?? '',
    order: draft.orderNumber ?? say('complaintNone', language),
    contact: shownContact(draft, deps),
    category: categoryLabel(draft.assessment.category, language),
    sla: slaText(deps.tickets.sla[draft.assessment.priority], language),
  });
  return reply(lead ? `${lead}\n${summary}` : summary, language, [say('complaintConfirmYes', language), say('complaintConfirmChange', language)]);
}

/** A slot the customer corrected outside its own question: "no, the order is 12345". */
export function correctionIn(text: string, askingOrder: boolean, askingContact: boolean): Partial<Pick<ComplaintDraft, 'orderNumber' | 'contact'>> | undefined {
  const order = askingOrder ? undefined : orderNumbersIn(text)[0];
  const contact = askingContact || /^\s*\+?[\d\s-]+\s*$/u.test(text) ? undefined : contactIn(text);
  if (!order && !contact) return undefined;
  return { ...(order ? { orderNumber: order } : {}), ...(contact ? { contact } : {}) };
}

/** Add the customer's further words to the description (masked), as a sentence of their own. */
export function addToDescription(draft: ComplaintDraft, text: string, deps: TicketDialogDeps): void {
  draft.description = joinSentences(draft.description ?? '', deps.redact(text.trim()));
}

/** How a part of a description may already end a sentence: a full stop, a question, a closing bracket or quote. */
const CLOSED = /[.!?。！？…)）"”'’]$/u;

/** A part that carries on the sentence before it ("and the box was wet too", 「而且还漏液」): joined by a comma, not a full stop. */
const CARRIES_ON = /^(?:and|but|or|so|plus|because|though)\b|^(?:而且|并且|但是|可是|不过|然后|因为|所以)/iu;

/**
 * What the customer told in several messages, read as several sentences on the ticket: a part
 * with no closing mark gets one in its own script ("it's late." / 「太慢了。」), a comma left at
 * its end giving way to it, or a comma when the next part carries the sentence on ("…, and the
 * box was wet too"). Chinese follows Chinese punctuation without a space.
 */
export function joinSentences(before: string, part: string): string {
  const next = part.trim();
  const kept = before.trim();
  if (kept === '' || next === '') return kept || next;
  const open = kept.replace(/[\s,，;；:：、-]+$/u, '');
  const chinese = /\p{Script=Han}$/u.test(open);
  const joined = CLOSED.test(open) ? open : `${open}${CARRIES_ON.test(next) ? (chinese ? '，' : ',') : chinese ? '。' : '.'}`;
  return /[。！？，]$/u.test(joined) && /^\p{Script=Han}/u.test(next) ? joined + next : `${joined} ${next}`;
}

/** Apply a correction and say what changed, in a sentence (`detailAdded`: and that the description grew). */
export function applyCorrection(draft: ComplaintDraft, correction: Partial<Pick<ComplaintDraft, 'orderNumber' | 'contact'>>, deps: TicketDialogDeps, detailAdded = false): string {
  const said: string[] = [];
  if (correction.orderNumber) {
    draft.orderNumber = correction.orderNumber;
    said.push(say('complaintOrderIs', draft.language, { order: correction.orderNumber }));
  }
  if (correction.contact) {
    draft.contact = correction.contact;
    draft.contactKnown = false;
    said.push(say('complaintContactIs', draft.language, { contact: shownContact(draft, deps) }));
  }
  if (detailAdded) said.push(say('complaintDetailAdded', draft.language));
  return say('complaintCorrected', draft.language, { what: said.join(draft.language === 'zh' ? '，' : ', ') });
}

/** Step four: file the ticket, and tell the customer its number and what happens next. */
export async function fileComplaint(context: TurnContext, draft: ComplaintDraft, deps: TicketDialogDeps): Promise<string> {
  const customerId = await customerIdOf(context, deps);
  const ticket = await deps.tickets.create({
    customerId,
    conversationId: context.activity.conversation.id,
    description: draft.description ?? deps.redact(draft.given),
    language: draft.language,
    orderNumber: draft.orderNumber ?? null,
    contact: draft.contact ?? null,
    sentiment: draft.sentiment ?? 0,
    ...(draft.assessment ? { category: draft.assessment.category, priority: draft.assessment.priority, priorityReasons: draft.assessment.reasons } : {}),
    by: { kind: 'customer', id: customerId },
  });
  const { language } = draft;
  const sla = slaText(deps.tickets.sla[ticket.priority], language);
  // Marked with the ticket: "how long will it take?" next is asked of it (see MainDialog.ticketJustFiled).
  await context.sendActivity({
    ...reply(say('complaintFiled', language, { id: ticket.id, sla, due: formatDue(ticket.dueAt, language, timeZoneOf(context, deps)) }), language),
    channelData: { parley: { ticket: ticket.id } },
  });
  return ticket.id;
}
