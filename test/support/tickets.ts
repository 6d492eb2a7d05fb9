import type { Activity, TestAdapter } from 'botbuilder';
import { expect } from 'vitest';
import { ComplaintDialog } from '../../dialogs/complaint-dialog.js';
import { CsatDialog } from '../../dialogs/csat-dialog.js';
import { HandoffDialog } from '../../dialogs/handoff-dialog.js';
import { asksForHuman, knowledgeAnswerTo } from '../../dialogs/knowledge-replies.js';
import type { TicketDialogDeps } from '../../dialogs/ticket-replies.js';
import { TicketStatusDialog } from '../../dialogs/ticket-status-dialog.js';
import { LateChoiceDialog } from '../../dialogs/late-choice-dialog.js';
import { maskPersonalData } from '../../src/customers/index.js';
import { analyzeSentiment } from '../../src/sentiment/index.js';
import { complaintTrigger, type TicketContact, type TicketEventPayloads, TicketService } from '../../src/tickets/index.js';
import { type BotHarness, createBotHarness } from './bot.js';

/** A fixed "now" for ticket tests: Monday 3 March 2025, 09:00 UTC. */
export const NOW = new Date('2025-03-03T09:00:00Z');

export interface TicketBot extends BotHarness {
  tickets: TicketService;
  events: { name: keyof TicketEventPayloads; payload: unknown }[];
  /** What the CSAT dialog kept of chats with an agent: [conversationId, score, comment?]. */
  chatRatings: [conversationId: string, score: number, comment?: string][];
}

/** The real bot with the complaint, ticket-status and CSAT dialogs over memory storage and a fixed clock. */
export async function createTicketBot(options: { customerId?: string; identifiedContact?: TicketContact; clock?: () => Date } = {}): Promise<TicketBot> {
  const events: TicketBot['events'] = [];
  const chatRatings: TicketBot['chatRatings'] = [];
  let tickets: TicketService | undefined;
  const harness = await createBotHarness({
    main: (storage, knowledge) => {
      tickets = new TicketService({
        tickets: storage.collection('tickets'),
        counters: storage.collection('ticket-counters'),
        events: { publish: (name, payload) => events.push({ name, payload }) },
        clock: options.clock ?? (() => NOW),
      });
      const deps: TicketDialogDeps = {
        tickets,
        customerOf: async () => options.customerId ?? 'customer-1',
        analyzeSentiment,
        redact: maskPersonalData,
        wantsHuman: (text) => asksForHuman(knowledge.current(), text),
        knowledgeAnswer: (text, languageHint) => knowledgeAnswerTo(knowledge.current(), text, languageHint),
        ...(options.identifiedContact ? { identifiedContact: async () => options.identifiedContact } : {}),
      };
      return {
        dialogs: [new HandoffDialog({ transcriptOf: async () => [] }), new ComplaintDialog(deps), new TicketStatusDialog(deps), new CsatDialog({ ...deps, rateChat: async (...rating) => chatRatings.push(rating) }), new LateChoiceDialog(deps)],
        complaintTrigger: (text, language) => complaintTrigger(text, analyzeSentiment(text, language).score),
      };
    },
  });
  return { ...harness, tickets: tickets!, events, chatRatings };
}

/** The bot's text in a turn, or a check of it (given the turn's last message too, for its buttons). */
export type TurnExpectation = string | RegExp | ((text: string, last?: Partial<Activity>) => void);

/**
 * Play `[user says, bot replies]` steps; each step's expectation is matched against all the
 * bot's messages of that turn, joined by a blank line.
 */
export async function converse(adapter: TestAdapter, steps: readonly (readonly [string | Partial<Activity>, TurnExpectation])[]): Promise<string[]> {
  const said: string[] = [];
  for (const [sent, expected] of steps) {
    await adapter.send(sent);
    const userSays = typeof sent === 'string' ? sent : (sent.text ?? '');
    const replies: Partial<Activity>[] = [];
    for (let reply = adapter.getNextReply(); reply; reply = adapter.getNextReply()) if (reply.type === 'message') replies.push(reply);
    const text = replies.map((reply) => reply.text ?? '').join('\n\n');
    said.push(`user> ${userSays}`, `bot> ${text}`);
    if (typeof expected === 'function') expected(text, replies.at(-1));
    else if (typeof expected === 'string') expect(text, `after "${userSays}"`).toBe(expected);
    else expect(text, `after "${userSays}"`).toMatch(expected);
  }
  return said;
}
