import { z } from 'zod';
import type { ConversationRecord, ConversationRepository } from '../../conversations/index.js';
import type { Language } from '../../nlu/types.js';
import { TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES, type TicketService } from '../../tickets/index.js';
import { requireUser } from '../auth.js';
import { parse } from '../validate.js';
import type { ApiRouter } from './route-table.js';

const idSchema = z.string().regex(/^T-\d{1,12}$/i, 'a ticket id looks like T-1042');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

const listQuerySchema = z.object({
  status: z.enum([...TICKET_STATUSES, 'unresolved'], { error: `status must be one of ${TICKET_STATUSES.join(', ')}, unresolved` }).optional(),
  priority: z.enum(TICKET_PRIORITIES, { error: `priority must be one of ${TICKET_PRIORITIES.join(', ')}` }).optional(),
});

const changeSchema = z
  .object({
    status: z.enum(TICKET_STATUSES, { error: `status must be one of ${TICKET_STATUSES.join(', ')}` }).optional(),
    priority: z.enum(TICKET_PRIORITIES, { error: `priority must be one of ${TICKET_PRIORITIES.join(', ')}` }).optional(),
    assignee: text(200).nullable().optional(),
    note: text(4000).optional(),
    question: text(2000).optional(),
    resolution: text(4000).optional(),
    rootCause: text(2000).optional(),
  })
  .strict()
  .refine((change) => Object.keys(change).length > 0, 'send at least one of status, priority, assignee, note, question, resolution, rootCause');

const newTicketSchema = z
  .object({
    conversationId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a conversation id'),
    description: text(4000),
    orderNumber: z.string().trim().regex(/^[A-Za-z0-9-]{3,40}$/, 'an order number is 3-40 letters, digits or dashes').optional(),
    category: z.enum(TICKET_CATEGORIES, { error: `category must be one of ${TICKET_CATEGORIES.join(', ')}` }).optional(),
    priority: z.enum(TICKET_PRIORITIES, { error: `priority must be one of ${TICKET_PRIORITIES.join(', ')}` }).optional(),
  })
  .strict();

export interface TicketRouteDeps {
  tickets: TicketService;
  conversations: Pick<ConversationRepository, 'get'>;
  /** The language the customer last wrote in: a ticket's notices are sent in it. */
  languageOf: (record: ConversationRecord) => Language;
  /** Masks personal data in what an agent types about a customer. */
  redact: (text: string) => string;
  /** What a description says: the order it names, and how the customer feels (-1 … 1). */
  read: (description: string, language: Language) => { orderNumber?: string; sentiment: number };
}

/** Agents list, read, file and work tickets; every change lands in the ticket's history. */
export function addTicketRoutes(api: ApiRouter, deps: TicketRouteDeps): void {
  api.add('get', '/tickets', 'agent', async (req, res) => {
    const filter = parse(listQuerySchema, req.query, 'query');
    res.json({ tickets: await deps.tickets.list(filter) });
  });

  api.add('get', '/tickets/:id', 'agent', async (req, res) => {
    const id = parse(idSchema, req.params.id, 'id');
    res.json(await deps.tickets.get(id));
  });

  api.add('patch', '/tickets/:id', 'agent', async (req, res) => {
    const id = parse(idSchema, req.params.id, 'id');
    const change = parse(changeSchema, req.body, 'body');
    const user = requireUser(res);
    res.json(await deps.tickets.update(id, change, { kind: 'agent', id: user.id, name: user.name }));
  });

  api.add('post', '/tickets', 'agent', async (req, res) => {
    const input = parse(newTicketSchema, req.body, 'body');
    const user = requireUser(res);
    const record = await deps.conversations.get(input.conversationId);
    const language = deps.languageOf(record);
    // Filed from the customer's own words: the order they named and their mood count, as when the bot files it.
    const read = deps.read(input.description, language);
    const ticket = await deps.tickets.create({
      customerId: record.customerId,
      conversationId: input.conversationId,
      description: deps.redact(input.description),
      language,
      orderNumber: input.orderNumber ?? read.orderNumber ?? null,
      sentiment: read.sentiment,
      ...(input.category ? { category: input.category } : {}),
      ...(input.priority ? { priority: input.priority } : {}),
      by: { kind: 'agent', id: user.id, name: user.name },
    });
    res.status(201).json(ticket);
  });
}
