import type { TurnLog } from './analytics/index.js';
import { CHANNEL_ID } from './channels/index.js';
import type { Config } from './config.js';
import { type ConversationLog, type ConversationRepository, type RetentionDeps, RetentionService } from './conversations/index.js';
import { collectionHolder, connectCustomerEvents, createCustomerServices, maskPersonalData, perConversationHolder, publishedContacts, ticketDataHolder } from './customers/index.js';
import type { EventBus } from './events/index.js';
import { AgentPresence, ConversationSummaries, conversationLanguage, HandoffService, NotesRepository } from './handoff/index.js';
import type { Intent } from './kb/index.js';
import type { Logger } from './logger.js';
import { extractEntities } from './nlu/entities.js';
import { converterFor } from './nlu/language.js';
import type { Language } from './nlu/types.js';
import type { Sentiment } from './sentiment/types.js';
import type { Collection, Storage } from './storage/index.js';
import { type Ticket, type TicketCounter, TicketService } from './tickets/index.js';

export interface DomainDeps {
  storage: Storage;
  conversations: ConversationRepository;
  log: ConversationLog;
  events: EventBus;
  /** Signs customer ids (identity) and tokens. */
  secret: string;
  turnLog: TurnLog;
  analyzeSentiment: (text: string, language: Language) => Sentiment;
  config: Pick<Config, 'slaHours' | 'identitySecret' | 'handoffTimeoutSeconds' | 'retentionDays'>;
  logger: Logger;
  /** The published knowledge base's intents: the shop's own contacts in their answers are not masked in agents' replies. */
  intents: () => ReadonlyMap<string, Pick<Intent, 'answers'>>;
}

/**
 * The domain modules, wired to one another through the event bus: tickets (and the sweep that
 * flags overdue ones), customers (profiles, privacy across every store that files data under
 * a conversation), and the human handoff (queue, notes, summaries). No express, no botbuilder.
 */
export async function wireDomain(deps: DomainDeps) {
  const { storage, conversations, log, events, config, logger } = deps;
  const ticketStore = storage.collection<Ticket>('tickets');
  const tickets = new TicketService({ tickets: ticketStore, counters: storage.collection<TicketCounter>('ticket-counters'), events, sla: config.slaHours });
  // Overdue tickets are flagged (and announced) within a minute of their due time.
  const overdueSweep = setInterval(() => {
    tickets.sweepOverdue().catch((error: unknown) => logger.error({ err: error }, 'overdue sweep failed'));
  }, 60_000);
  overdueSweep.unref();

  const dialogState = storage.keyValue('state');
  const dialogStateKey = (conversationId: string) => `${CHANNEL_ID}/conversations/${conversationId}/`;
  const customers = createCustomerServices({
    storage,
    conversations,
    transcripts: log,
    dialogState,
    dialogStateKey,
    idSecret: deps.secret,
    ...(config.identitySecret ? { identitySecret: config.identitySecret } : {}),
    onTicketNps: (ticketId, customerId, score) => tickets.recordNps(ticketId, customerId, score),
    onErased: ({ customerId, conversationIds }) => events.publish('customer.erased', { customerId, conversationIds }),
    tickets,
  });
  events.subscribe('ticket.updated', ({ ticketId, customerId, conversationId, changes }) => {
    if (!changes.includes('csat')) return;
    tickets
      .get(ticketId)
      .then((ticket) => ticket.csat && customers.profiles.recordCsat(customerId, { score: ticket.csat.score, ticketId, conversationId }))
      .catch((error: unknown) => logger.error({ err: error }, 'could not record a CSAT answer in the profile'));
  });
  connectCustomerEvents(events, customers.profiles, (error) => logger.error({ err: error }, 'could not update a customer profile'));

  /** What a customer's words say for a ticket, as the bot's complaint flow reads them: the order they name, and their mood. */
  const readComplaint = (text: string, language: Language) => ({ orderNumber: extractEntities(text).orderNumbers[0], sentiment: deps.analyzeSentiment(text, language).score });

  // The contacts the knowledge base publishes, worked out again when a new version is published.
  let contacts = { of: undefined as unknown, found: new Set<string>() };
  const shopContacts = () => {
    const intents = deps.intents();
    if (contacts.of !== intents) contacts = { of: intents, found: publishedContacts([...intents.values()].flatMap((intent) => [...intent.answers.en, ...intent.answers.zh])) };
    return contacts.found;
  };
  const presence = new AgentPresence();
  const handoff = new HandoffService({
    conversations,
    log,
    events,
    presence,
    claimTimeoutMs: config.handoffTimeoutSeconds * 1000,
    // Nobody took the chat: a ticket keeps the transcript so an agent follows up. One a chat:
    // asking again in the same chat (or its agent leaving it with nobody to take over), while a
    // ticket of it is open (this one, or the complaint filed in it), adds to that ticket.
    tickets: {
      fileTicket: async (request) => {
        const by = { kind: 'system', name: 'handoff' } as const;
        const open = (await tickets.openForCustomer(request.customerId)).find((ticket) => ticket.conversationId === request.conversationId);
        if (!open) return tickets.create({ ...request, ...(request.about ? readComplaint(request.about, request.language) : {}), by });
        const note =
          request.askedBecause === 'agent_left'
            ? 'The agent who had the chat left, and no other agent took it.'
            : 'The customer asked for a person again in the same chat, and again no agent took it.';
        await tickets.update(open.id, { note }, by);
        return { id: open.id };
      },
    },
    logger,
    redact: (text) => maskPersonalData(text, shopContacts()),
    traditionalFor: (record) => converterFor(record),
  });
  const handoffNotes = new NotesRepository(storage.collection('handoff-notes'));
  const handoffSummaries = new ConversationSummaries({
    log,
    claimTimeoutMs: config.handoffTimeoutSeconds * 1000,
    analyzeSentiment: deps.analyzeSentiment,
    languageOf: conversationLanguage,
    tagsOf: async (customerId) => {
      const profile = await customers.profiles.get(customerId);
      return profile ? (await customers.views.assess(profile)).tags.map((tag) => tag.name) : [];
    },
  });
  // A request published by a rule (mood, fallbacks, urgent complaint) queues the chat; the service's own is a no-op here.
  events.subscribe('handoff.requested', ({ conversationId, reason }) => {
    handoff.request(conversationId, reason, { announce: false }).catch((error: unknown) => logger.error({ err: error }, 'could not queue a handoff'));
  });

  // An agent who signs out, or is disabled, leaves: the chats they held go back to the queue.
  // Signing out in one browser while a console of theirs is still open in another (the desk's,
  // after signing out on a laptop) is not leaving: they are still at those chats.
  const requeue = (userId: string) => void handoff.requeueHeldBy(userId).catch((error: unknown) => logger.error({ err: error }, 'could not requeue an agent’s chats'));
  events.subscribe('session.ended', ({ userId, sessionId }) => presence.onlineElsewhere(userId, sessionId) || requeue(userId));
  events.subscribe('user.sessions-ended', ({ userId, exceptSessionId }) => exceptSessionId === undefined && requeue(userId));

  // Erasure and export reach every store that files data under the customer's conversations.
  const { turnLog } = deps;
  customers.privacy.register(perConversationHolder('analytics', { read: (id) => turnLog.of(id), delete: (id) => turnLog.delete(id) }));
  customers.privacy.register(ticketDataHolder(ticketStore));
  customers.privacy.register(collectionHolder('handoffNotes', storage.collection('handoff-notes'), (notes, subject) => subject.conversationIds.includes(notes.id)));
  customers.privacy.register(collectionHolder('feedback', storage.collection<{ id: string; conversationId: string }>('feedback'), (item, subject) => subject.conversationIds.includes(item.conversationId)));

  // The retention period: quiet conversations lose their text at start and once a day.
  const retention = config.retentionDays > 0
    ? scheduleRetention(
        createRetention({
          days: config.retentionDays,
          storage,
          conversations,
          log,
          dialogState,
          dialogStateKey,
          withOpenTickets: async () => new Set((await tickets.list({ status: 'unresolved' })).map((ticket) => ticket.conversationId)),
        }),
        logger,
      )
    : undefined;

  await handoff.resume();
  return {
    tickets,
    customers,
    handoff,
    presence,
    handoffNotes,
    handoffSummaries,
    readComplaint,
    /** Stop the timers (the overdue sweep, the handoff's claim timeouts, the retention sweep). */
    stop() {
      clearInterval(overdueSweep);
      handoff.stop();
      retention?.stop();
    },
    /** Resolves when a retention sweep under way has finished (before storage is flushed on shutdown). */
    settled: () => retention?.settled() ?? Promise.resolve(),
  };
}

/** The retention period over every store that files text under a conversation. */
export function createRetention(deps: Omit<RetentionDeps, 'alsoForget'> & { storage: Pick<Storage, 'collection'> }): RetentionService {
  const { storage, ...rest } = deps;
  return new RetentionService({
    ...rest,
    alsoForget: [
      // The customer's words, quoted for the admin's review.
      { name: 'unanswered', forget: (ids) => deleteWhere(storage.collection<{ id: string; conversationId: string }>('unanswered'), (item) => ids.includes(item.conversationId)) },
      // Agents' private notes, filed under the conversation's id.
      { name: 'handoffNotes', forget: (ids) => storage.collection('handoff-notes').deleteMany(ids) },
    ],
  });
}

const RETENTION_SWEEP_MS = 86_400_000;

/** Sweep now and every day; each sweep's counts go to the log (no personal data). */
const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

function scheduleRetention(retention: RetentionService, logger: Logger) {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const sweep = () => {
    if (stopped) return;
    running = running.then(async () => {
      if (stopped) return;
      try {
        const report = await retention.sweep();
        logger.info({ retention: report }, `retention: took the text out of ${counted(report.conversations, 'conversation')} quiet for over ${counted(report.days, 'day')}`);
      } catch (error) {
        logger.error({ err: error }, 'retention sweep failed');
      }
    });
  };
  sweep();
  const timer = setInterval(sweep, RETENTION_SWEEP_MS);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
    settled: () => running,
  };
}

async function deleteWhere<T extends { id: string }>(collection: Collection<T>, wanted: (item: Readonly<T>) => boolean): Promise<number> {
  return collection.deleteMany((await collection.filter(wanted)).map((item) => item.id));
}
