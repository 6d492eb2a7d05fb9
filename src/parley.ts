import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { AnalyticsService, TurnLog } from './analytics/index.js';
import { wireBot } from './bot/wire-bot.js';
import { attachStreamServer, DirectLineService, TokenService, type WebChannelAdapter } from './channels/index.js';
import type { Config } from './config.js';
import { ConversationLog, ConversationRepository, type ConversationRecord } from './conversations/index.js';
import { type CustomerServices, maskPersonalData } from './customers/index.js';
import { EventBus } from './events/index.js';
import { type AgentPresence, conversationLanguage, type HandoffService } from './handoff/index.js';
import { addAnalyticsRoutes } from './http/api/analytics-routes.js';
import { addAuthRoutes } from './http/api/auth-routes.js';
import { addConversationRoutes } from './http/api/conversation-routes.js';
import { addCustomerRoutes } from './http/api/customer-routes.js';
import { addEventRoutes, OpenStreams } from './http/api/event-routes.js';
import { addKnowledgeRoutes } from './http/api/knowledge-routes.js';
import type { RouteInfo } from './http/api/route-table.js';
import { addTicketRoutes } from './http/api/ticket-routes.js';
import { addUnansweredRoutes } from './http/api/unanswered-routes.js';
import { addUserRoutes } from './http/api/user-routes.js';
import { type AppDeps, createApp } from './http/app.js';
import { changedNames, createKnowledgeServices, knowledgeFolderChanges, type KnowledgeServices, loadKnowledgeDir, summarizeDiff } from './kb/index.js';
import type { Logger } from './logger.js';
import { projectRoot } from './project-root.js';
import { loadSecret } from './secret.js';
import { dataDirError, knowledgeDirError, listenError } from './startup-errors.js';
import { analyzeSentiment as analyzeOnce, rememberingAnalyzer } from './sentiment/index.js';
import { closeDataDirToOthers, createLowdbStorage, type DataDirAccess, lockDataDir, type Storage } from './storage/index.js';
import type { TicketService } from './tickets/index.js';
import { type Session, SessionService, type User, UserService } from './users/index.js';
import { warmUp } from './warm-up.js';
import { wireDomain } from './wire-domain.js';

/** How long requests under way may take to finish when Parley stops, before their sockets are closed. */
const SHUTDOWN_GRACE_MS = 1000;

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
const root = projectRoot(import.meta.dirname);

/**
 * DATA_DIR's storage, held by this process alone until `release` (a second Parley on it is
 * refused), in a folder other users of the machine cannot read (`access`: what was done if they could).
 */
function openStorage(config: Config): { storage: Storage; release: () => void; access: DataDirAccess | null } {
  try {
    const storage = createLowdbStorage(config.dataDir, { fsync: config.fsync });
    return { storage, release: lockDataDir(config.dataDir), access: closeDataDirToOthers(config.dataDir) };
  } catch (error) {
    throw dataDirError(error, config.dataDir);
  }
}

/** `server` listening on `port`; a port it cannot have (taken, not allowed) rejects with `listenError`. */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenError(error, port, host)));
    server.listen(port, host, () => resolve());
  });
}

/** Throws `listenError` when something listens on `port` already (0: any free port, nothing to check). */
async function ensurePortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await listen(probe, port, host);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

/**
 * The composition root: config → storage → services → bot → HTTP. Starts listening and
 * resolves once the bot can take messages.
 */
export async function startParley(config: Config, logger: Logger): Promise<Parley> {
  const analyzeSentiment = rememberingAnalyzer(analyzeOnce);
  // ── storage, secrets, events ──────────────────────────────────────────────────────────
  const { storage, release: releaseDataDir, access } = openStorage(config);
  // A first start trains for seconds before it listens: a PORT that is taken is said before that.
  await ensurePortFree(config.port, config.host);
  if (access?.closed) logger.warn({ setting: 'DATA_DIR', mode: access.to, was: access.from }, `DATA_DIR was open to every user of this machine (mode ${access.from}); it is now ${access.to}, so only Parley's user${access.to === '0700' ? '' : ' and its group'} can read the conversations in it`);
  if (access && !access.closed) logger.warn({ setting: 'DATA_DIR', mode: access.mode, owner: access.owner }, `DATA_DIR is open to every user of this machine (mode ${access.mode}) and belongs to another user (uid ${access.owner}), so Parley cannot close it: run chmod o= on it as its owner`);
  const { secret, replacedMissing } = await loadSecret(config.dataDir, config.secret);
  if (replacedMissing) {
    logger.warn({ setting: 'DATA_DIR', file: path.join(config.dataDir, 'secret.key') }, 'DATA_DIR had accounts but no secret.key (a backup restored without it?): generated a new one, so customers\' earlier tokens no longer open their chats and signed-in visitors start as new customers; to undo, stop Parley and put the old secret.key back');
  }
  const events = new EventBus((error, event) => logger.error({ err: error, event }, 'event listener failed'));

  // ── knowledge ─────────────────────────────────────────────────────────────────────────
  // The first start stores KNOWLEDGE_DIR as version 1; later starts load the latest published version.
  const kb = await createKnowledgeServices({
    storage,
    seed: () => loadKnowledgeDir(config.knowledgeDir).catch((error: unknown) => Promise.reject(knowledgeDirError(error, config.knowledgeDir))),
    modelDir: config.modelDir,
    // The first start trains for seconds (a large knowledge base, minutes) before it listens: say why it is quiet.
    onTraining: (examples) => logger.info({ examples }, `training the recognizer on ${examples} examples (not cached yet); Parley answers once it is done`),
  });
  const knowledge = kb.runtime;
  const unanswered = kb.unanswered;
  const turnLog = new TurnLog(storage.keyValue('analytics-turns'));
  logger.info({ intents: knowledge.current().intents.size, version: knowledge.current().version }, 'knowledge base loaded');
  const folderChanges = await knowledgeFolderChanges(config.knowledgeDir, () => kb.knowledge.intentsOf(1));
  if (folderChanges) {
    logger.warn(
      { setting: 'KNOWLEDGE_DIR', dir: config.knowledgeDir, ...changedNames(folderChanges) },
      `KNOWLEDGE_DIR has changed since the first start of this DATA_DIR (${summarizeDiff(folderChanges)}), and is read only then: the bot answers from version ${knowledge.current().version}, edited in /admin. To use the folder: npm run knowledge -- bundle DIR > knowledge.json, then Import JSON on the admin Knowledge page and publish`,
    );
  }

  // ── accounts ──────────────────────────────────────────────────────────────────────────
  const users = new UserService(storage.collection<User>('users'));
  const sessions = new SessionService(storage.collection<Session>('sessions'), storage.collection<User>('users'));
  await sessions.removeLapsed();

  // ── conversations ─────────────────────────────────────────────────────────────────────
  const conversations = new ConversationRepository(storage.collection<ConversationRecord>('conversations'));
  const log = new ConversationLog(storage.transcripts);

  // ── domain services (tickets, customers, handoff …) ───────────────────────────────────
  const { tickets, customers, handoff, presence, handoffNotes, handoffSummaries, readComplaint, stop: stopDomain, settled: domainSettled } = await wireDomain({
    storage,
    conversations,
    log,
    events,
    secret,
    turnLog,
    analyzeSentiment,
    config,
    logger,
    intents: () => knowledge.current().intents,
  });

  // ── the bot (botbuilder lives behind this call) ───────────────────────────────────────
  const { adapter, runTurn } = wireBot({
    stateStore: storage.keyValue('state'),
    log,
    conversations,
    knowledge: kb,
    turnLog,
    tickets,
    customers,
    handoff,
    presence,
    events,
    analyzeSentiment,
    trace: config.trace,
    logger,
  });

  // ── the web channel (Direct Line) ─────────────────────────────────────────────────────
  const directLine = new DirectLineService({
    tokens: new TokenService(secret, config.tokenTtlSeconds),
    conversations,
    log,
    redact: maskPersonalData,
    identify: (claim) => customers.identity.resolve(claim),
    // A clock set back by the grace period accepts tokens that expired within it.
    recentTokens: new TokenService(secret, config.tokenTtlSeconds, () => Date.now() - config.returningVisitorDays * 86_400_000),
    resumeWindowMs: config.returningVisitorDays * 86_400_000 + config.tokenTtlSeconds * 1000,
    onTyping: (conversationId) => events.publish('customer.typing', { conversationId }),
    toBot: (activity) => runTurn(activity, 'turn'),
    leftHandoff: (conversationId) => handoff.customerLeft(conversationId),
    // A boolean's worth: the widget says whether a person could answer, never who or how many.
    team: () => (presence.count() > 0 ? 'online' : 'away'),
  });

  // ── HTTP ──────────────────────────────────────────────────────────────────────────────
  const eventStreams = new OpenStreams();
  const analytics = new AnalyticsService({
    conversations,
    insights: customers.insights,
    transcripts: storage.transcripts,
    turns: turnLog,
    unanswered,
    feedback: kb.feedback,
    tickets: { all: () => tickets.list() },
    csat: { all: () => customers.profiles.csatAnswers() },
    nps: customers.nps,
    intentTitle: (intent) => knowledge.current().intents.get(intent)?.title,
  });
  log.onChange((conversationId) => analytics.changed(conversationId));
  const apiModules: AppDeps['apiModules'] = [
    (api) => addKnowledgeRoutes(api, kb.knowledge),
    (api) => addUnansweredRoutes(api, unanswered, kb.knowledge),
    (api) => addAnalyticsRoutes(api, analytics),
    (api) => addAuthRoutes(api, users, sessions, events, { loginAttemptsPerMinute: config.loginAttemptsPerMinute, logger }),
    (api) => addUserRoutes(api, users, sessions, events),
    (api) => addCustomerRoutes(api, customers),
    (api) =>
      addTicketRoutes(api, {
        tickets,
        conversations,
        languageOf: conversationLanguage,
        redact: maskPersonalData,
        read: readComplaint,
      }),
    (api) => addConversationRoutes(api, { handoff, conversations, log, users, notes: handoffNotes, summaries: handoffSummaries, intents: () => knowledge.current().intents, recognizer: () => knowledge.current().recognizer }),
    (api) => addEventRoutes(api, { events, presence, isSessionLive: (id) => sessions.isLive(id), heartbeatMs: config.eventsHeartbeatSeconds * 1000, streams: eventStreams, conversations, log }),
  ];
  let ready = false;
  const app = createApp({
    directLine,
    logger,
    webDir: path.join(root, 'dist', 'web'),
    // Until the first admin exists (made once listening, below), /healthz says `starting`.
    isReady: () => ready,
    version: VERSION,
    sessions,
    apiModules,
    directLineStartsPerMinute: config.directLineStartsPerMinute,
    messagesPerMinute: config.messagesPerMinute,
    trustProxy: config.trustProxy,
  });
  const warmedMs = warmUp({ recognizer: knowledge.current().recognizer, analyzeSentiment: analyzeOnce });
  logger.debug({ ms: Math.round(warmedMs) }, 'text pipeline warmed up');
  const server = createServer(app);
  const closeStreams = attachStreamServer(server, directLine, logger);
  await listen(server, config.port, config.host);
  // Only now, once nothing can stop the start: an account made by a start that then failed (its
  // port taken) had a generated password that was never shown, and locked the shop out.
  const firstAdmin = await users.ensureFirstAdmin(config.admin?.email, config.admin?.password);
  if (!firstAdmin && config.admin?.email && config.admin.password && (await users.authenticate(config.admin.email, config.admin.password)).refused === 'invalid_credentials') {
    // An operator who changed the setting to rotate the password would otherwise be left guessing why it does not work.
    logger.warn({ setting: 'PARLEY_ADMIN_PASSWORD' }, 'PARLEY_ADMIN_PASSWORD is not the password of PARLEY_ADMIN_EMAIL: these settings only create the first admin of a new DATA_DIR, and this one has accounts; to set a password, stop Parley and run: npm run users -- reset-password EMAIL');
  }
  ready = true;
  const address = server.address() as AddressInfo;
  // Listening on every address (HOST=0.0.0.0 or ::): this machine's own is the one to open.
  const reachable = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  const host = reachable.includes(':') ? `[${reachable}]` : reachable;

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
      stopDomain();
      // No new connections; the live feeds and customers' streams end; idle keep-alive sockets
      // close. A socket still busy after a moment goes too: a console's browser reuses its
      // keep-alive socket for the next request, which held shutdown open for good (SIGTERM with
      // an agent console open never exited).
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      eventStreams.closeAll();
      await closeStreams();
      server.closeIdleConnections();
      const late = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await closed;
      clearTimeout(late);
      await adapter.idle();
      await domainSettled();
      await customers.profiles.flush();
      await storage.flush();
      releaseDataDir();
    },
  };
}

