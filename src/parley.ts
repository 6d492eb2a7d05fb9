import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type Activity, ConversationState } from './bot/botbuilder-lite.js';
import type { Dialog } from './bot/botbuilder-lite.js';
import { MainDialog } from '../dialogs/main-dialog.js';
import { ComplaintDialog } from '../dialogs/complaint-dialog.js';
import { CsatDialog } from '../dialogs/csat-dialog.js';
import { TicketStatusDialog } from '../dialogs/ticket-status-dialog.js';
import type { TicketDialogDeps } from '../dialogs/ticket-replies.js';
import { TicketNotifier } from './bot/ticket-notifier.js';
import { dropStateTraces } from './bot/state-trace-filter.js';
import { addTicketRoutes } from './http/api/ticket-routes.js';
import { complaintTrigger, type Ticket, type TicketCounter, TicketService } from './tickets/index.js';
import { createTurnErrorHandler, ParleyBot } from './bot/parley-bot.js';
import { BotStateStorage } from './bot/state-storage.js';
import { attachStreamServer, CHANNEL_ID, DirectLineService, TokenService, WebChannelAdapter } from './channels/index.js';
import type { Config } from './config.js';
import { ConversationLog, ConversationRepository, type ConversationRecord } from './conversations/index.js';
import {
  collectionHolder,
  connectCustomerEvents,
  createCustomerServices,
  type CustomerServices,
  maskPersonalData,
  perConversationHolder,
  ticketDataHolder,
} from './customers/index.js';
import { ProfileRecorder } from './bot/profile-recorder.js';
import { connectHandoffToBot, HandoffGate } from './bot/handoff-gate.js';
import { HandoffDialog } from '../dialogs/handoff-dialog.js';
import { AgentPresence, ConversationSummaries, HandoffService, NotesRepository } from './handoff/index.js';
import { addConversationRoutes } from './http/api/conversation-routes.js';
import { addEventRoutes, OpenStreams } from './http/api/event-routes.js';
import { addCustomerRoutes } from './http/api/customer-routes.js';
import { addAuthRoutes } from './http/api/auth-routes.js';
import { addUserRoutes } from './http/api/user-routes.js';
import { type AppDeps, createApp } from './http/app.js';
import type { RouteInfo } from './http/api/route-table.js';
import { EventBus } from './events/index.js';
import { createKnowledgeServices, type KnowledgeServices, loadKnowledgeDir } from './kb/index.js';
import { AnalyticsService, type InsightFacts, TurnLog } from './analytics/index.js';
import { handleFeedbackEvents, TurnRecorder } from './bot/feedback-handler.js';
import { addKnowledgeRoutes } from './http/api/knowledge-routes.js';
import { addUnansweredRoutes } from './http/api/unanswered-routes.js';
import { addAnalyticsRoutes } from './http/api/analytics-routes.js';
import type { Logger } from './logger.js';
import { loadSecret } from './secret.js';
import { analyzeSentiment as analyzeOnce, rememberingAnalyzer } from './sentiment/index.js';
import { createLowdbStorage, type Storage } from './storage/index.js';
import { type Session, SessionService, type User, UserService } from './users/index.js';

export interface Parley {
  server: Server;
  events: EventBus;
  /** The base URL once listening, e.g. `http://127.0.0.1:3978`. */
  url: string;
  storage: Storage;
  users: UserService;
  adapter: WebChannelAdapter;
  customers: CustomerServices;
  handoff: HandoffService;
  presence: AgentPresence;
  tickets: TicketService;
  /** The knowledge base: draft, versions, publish; what the bot missed. */
  knowledge: KnowledgeServices;
  /** Every `/api` route with who may call it (the access tests walk it). */
  routes: RouteInfo[];
  firstAdmin?: { email: string; generatedPassword?: string };
  close(): Promise<void>;
}

const VERSION = '0.1.0';
const root = path.resolve(import.meta.dirname, '..');

/**
 * The composition root: config → storage → services → bot → HTTP. Starts listening and
 * resolves once the bot can take messages.
 */
export async function startParley(config: Config, logger: Logger): Promise<Parley> {
  const analyzeSentiment = rememberingAnalyzer(analyzeOnce);
  // ── storage, secrets, events ──────────────────────────────────────────────────────────
  const storage = createLowdbStorage(config.dataDir, { fsync: config.fsync });
  const secret = await loadSecret(config.dataDir, config.secret);
  const events = new EventBus((error, event) => logger.error({ err: error, event }, 'event listener failed'));

  // ── knowledge ─────────────────────────────────────────────────────────────────────────
  // The first start stores KNOWLEDGE_DIR as version 1; later starts load the latest published version.
  const kb = await createKnowledgeServices({ storage, seed: () => loadKnowledgeDir(config.knowledgeDir), modelDir: config.modelDir });
  const knowledge = kb.runtime;
  const unanswered = kb.unanswered;
  const turnLog = new TurnLog(storage.keyValue('analytics-turns'));
  logger.info({ intents: knowledge.current().intents.size, version: knowledge.current().version }, 'knowledge base loaded');

  // ── accounts ──────────────────────────────────────────────────────────────────────────
  const users = new UserService(storage.collection<User>('users'));
  const sessions = new SessionService(storage.collection<Session>('sessions'), storage.collection<User>('users'));
  const firstAdmin = await users.ensureFirstAdmin(config.admin?.email, config.admin?.password);

  // ── conversations and the web channel ─────────────────────────────────────────────────
  const conversations = new ConversationRepository(storage.collection<ConversationRecord>('conversations'));
  const log = new ConversationLog(storage.transcripts);
  const adapter = new WebChannelAdapter(log);
  const conversationState = new ConversationState(new BotStateStorage(storage.keyValue('state')));
  adapter.onTurnError = createTurnErrorHandler(conversationState, logger);
  adapter.use(dropStateTraces);

  // ── domain services (tickets, customers, handoff …) ───────────────────────────────────
  const ticketStore = storage.collection<Ticket>('tickets');
  const tickets = new TicketService({ tickets: ticketStore, counters: storage.collection<TicketCounter>('ticket-counters'), events, sla: config.slaHours });
  // Overdue tickets are flagged (and announced) within a minute of their due time.
  const overdueSweep = setInterval(() => {
    tickets.sweepOverdue().catch((error: unknown) => logger.error({ err: error }, 'overdue sweep failed'));
  }, 60_000);
  overdueSweep.unref();
  const customers = createCustomerServices({
    storage,
    conversations,
    transcripts: log,
    dialogState: storage.keyValue('state'),
    dialogStateKey: (conversationId) => `${CHANNEL_ID}/conversations/${conversationId}/`,
    idSecret: secret,
    ...(config.identitySecret ? { identitySecret: config.identitySecret } : {}),
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
  const presence = new AgentPresence();
  const handoff = new HandoffService({
    conversations,
    log,
    events,
    presence,
    claimTimeoutMs: config.handoffTimeoutSeconds * 1000,
    // Nobody took the chat: a ticket keeps the transcript so an agent follows up.
    tickets: { fileTicket: (request) => tickets.create({ ...request, by: { kind: 'system', name: 'handoff' } }) },
    logger,
  });
  const handoffNotes = new NotesRepository(storage.collection('handoff-notes'));
  // Erasure and export reach every store that files data under the customer's conversations.
  customers.privacy.register(perConversationHolder('analytics', { read: (id) => turnLog.of(id), delete: (id) => turnLog.delete(id) }));
  customers.privacy.register(ticketDataHolder(ticketStore));
  customers.privacy.register(collectionHolder('handoffNotes', storage.collection('handoff-notes'), (notes, subject) => subject.conversationIds.includes(notes.id)));
  customers.privacy.register(collectionHolder('feedback', storage.collection<{ id: string; conversationId: string }>('feedback'), (item, subject) => subject.conversationIds.includes(item.conversationId)));
  const handoffSummaries = new ConversationSummaries({
    log,
    analyzeSentiment,
    languageOf: (record) => handoff.languageOf(record),
    tagsOf: async (customerId) => {
      const profile = await customers.profiles.get(customerId);
      return profile ? (await customers.views.assess(profile)).tags.map((tag) => tag.name) : [];
    },
  });
  const eventStreams = new OpenStreams();
  // A request published by a rule (mood, fallbacks, urgent complaint) queues the chat; the service's own is a no-op here.
  events.subscribe('handoff.requested', ({ conversationId, reason }) => {
    handoff.request(conversationId, reason, { announce: false }).catch((error: unknown) => logger.error({ err: error }, 'could not queue a handoff'));
  });
  await handoff.resume();

  // ── the bot: dialogs an intent can start, turn middleware ─────────────────────────────
  const dialogs: Dialog[] = [new HandoffDialog({ transcriptOf: (id) => log.all(id) })];
  const ticketDialogDeps: TicketDialogDeps = {
    tickets,
    customerOf: async (conversationId) => (await conversations.find(conversationId))?.customerId,
    identifiedContact: async (customerId) => {
      const email = (await customers.profiles.get(customerId))?.identity?.email;
      return email ? { email } : undefined;
    },
    analyzeSentiment,
    redact: maskPersonalData,
  };
  dialogs.push(new ComplaintDialog(ticketDialogDeps), new TicketStatusDialog(ticketDialogDeps), new CsatDialog(ticketDialogDeps));
  const complaintTriggerOf = (text: string, language: 'en' | 'zh') => complaintTrigger(text, analyzeSentiment(text, language).score);
  const mainDialog = new MainDialog({ knowledge, unanswered, redact: maskPersonalData, dialogs, complaintTrigger: complaintTriggerOf });
  const bot = new ParleyBot({ conversationState, mainDialog, knowledge, analyzeSentiment, trace: config.trace, logger });
  adapter.use(new ProfileRecorder({ ...customers, conversations, knowledge, analyzeSentiment, events, logger, agentsOnline: () => presence.count() }));
  adapter.use(new TurnRecorder(turnLog, logger));
  handleFeedbackEvents(bot, kb.feedback, logger);
  const ticketNotifier = new TicketNotifier({ adapter, conversationState, mainDialog, logger });
  events.subscribe('ticket.resolved', (resolved) => {
    ticketNotifier.notifyResolved(resolved).catch((error: unknown) => logger.error({ err: error }, 'could not tell the customer about a resolution'));
  });
  // After the profile recorder, so a customer's mood is still recorded while an agent has the chat.
  adapter.use(new HandoffGate({ handoff, conversations, events, redact: maskPersonalData, resetDialogs: (context) => conversationState.delete(context), logger }));
  /** Run the bot on an activity, queued behind the conversation's other turns. */
  const runTurn = (activity: Partial<Activity>, what: string) => {
    adapter.processActivity(activity, (context) => bot.run(context)).catch((error: unknown) => logger.error({ err: error }, `${what} could not run`));
  };
  connectHandoffToBot(events, (activity) => runTurn(activity, 'handoff status turn'));

  const directLine = new DirectLineService({
    tokens: new TokenService(secret, config.tokenTtlSeconds),
    conversations,
    log,
    redact: maskPersonalData,
    identify: (claim) => customers.identity.resolve(claim),
    // A clock set back by the grace period accepts tokens that expired within it.
    recentTokens: new TokenService(secret, config.tokenTtlSeconds, () => Date.now() - config.returningVisitorDays * 86_400_000),
    onTyping: (conversationId) => events.publish('customer.typing', { conversationId }),
    toBot: (activity) => runTurn(activity, 'turn'),
  });

  // ── HTTP ──────────────────────────────────────────────────────────────────────────────
  const analytics = new AnalyticsService({
    conversations,
    insights: { get: (id) => storage.keyValue('customer-insights').get<InsightFacts>(id) },
    transcripts: storage.transcripts,
    turns: turnLog,
    unanswered,
    feedback: kb.feedback,
    // Read as stored; empty until the tickets module files one.
    tickets: storage.collection<{ id: string; status: string; createdAt: string }>('tickets'),
    csat: { all: async () => (await storage.collection<{ id: string; csat?: { score: number; at: string; ticketId?: string }[] }>('customers').all()).flatMap((profile) => profile.csat ?? []) },
  });
  const apiModules: AppDeps['apiModules'] = [
    (api) => addKnowledgeRoutes(api, kb.knowledge),
    (api) => addUnansweredRoutes(api, unanswered, kb.knowledge),
    (api) => addAnalyticsRoutes(api, analytics),
    (api) => addAuthRoutes(api, users, sessions, events, { loginAttemptsPerMinute: config.loginAttemptsPerMinute }),
    (api) => addUserRoutes(api, users),
    (api) => addCustomerRoutes(api, customers),
    (api) => addTicketRoutes(api, { tickets, conversations, log, redact: maskPersonalData }),
    (api) => addConversationRoutes(api, { handoff, conversations, log, notes: handoffNotes, summaries: handoffSummaries, intents: () => knowledge.current().intents }),
    (api) => addEventRoutes(api, { events, presence, isSessionLive: (id) => sessions.isLive(id), heartbeatMs: config.eventsHeartbeatSeconds * 1000, streams: eventStreams }),
  ];
  const app = createApp({
    directLine,
    logger,
    webDir: path.join(root, 'dist', 'web'),
    isReady: () => true,
    version: VERSION,
    sessions,
    apiModules,
    directLineStartsPerMinute: config.directLineStartsPerMinute,
  });
  const server = createServer(app);
  const closeStreams = attachStreamServer(server, directLine, logger);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    server,
    events,
    url: `http://${host}:${address.port}`,
    storage,
    users,
    adapter,
    customers,
    handoff,
    presence,
    tickets,
    knowledge: kb,
    routes: app.locals.routes,
    ...(firstAdmin ? { firstAdmin } : {}),
    async close() {
      clearInterval(overdueSweep);
      eventStreams.closeAll();
      handoff.stop();
      await closeStreams();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await adapter.idle();
      await customers.profiles.flush();
      await storage.flush();
    },
  };
}

