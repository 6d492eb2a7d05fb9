import type { Request, Response } from 'express';
import { z } from 'zod';
import type { ConversationLog, ConversationRepository } from '../../conversations/index.js';
import type { EventBus, EventName, ParleyEvents } from '../../events/index.js';
import type { AgentPresence } from '../../handoff/index.js';
import { requireUser } from '../auth.js';
import { parse } from '../validate.js';
import { conversationIdSchema } from './conversation-routes.js';
import type { ApiRouter } from './route-table.js';

export interface EventRouteDeps {
  events: EventBus;
  presence: AgentPresence;
  /** Whether the stream's session is still signed in (without counting as activity). */
  isSessionLive: (sessionId: string) => Promise<boolean>;
  /** A comment line this often keeps proxies from closing the stream; the session is checked too. */
  heartbeatMs: number;
  /** Open streams, so shutdown can end them (an open stream would hold the server open). */
  streams: OpenStreams;
  conversations: Pick<ConversationRepository, 'get'>;
  log: Pick<ConversationLog, 'subscribe'>;
}

const watchQuerySchema = z.object({ after: z.coerce.number({ error: 'after must be a number' }).int('after must be a whole number').min(0, 'after must not be negative').default(0) });

/** The live streams currently open; `closeAll` on shutdown. */
export class OpenStreams {
  private readonly open = new Set<() => void>();

  add(close: () => void): () => void {
    this.open.add(close);
    return () => this.open.delete(close);
  }

  closeAll(): void {
    for (const close of [...this.open]) close();
  }
}

/** Domain events the console hears, under the SSE event name it listens for. */
const FORWARDED: Partial<Record<EventName, string>> = {
  'handoff.requested': 'queue',
  'handoff.claimed': 'queue',
  'handoff.released': 'queue',
  'handoff.timeout': 'queue',
  'handoff.closed': 'queue',
  'handoff.requeued': 'queue',
  'handoff.transferred': 'queue',
  'handoff.customerLeft': 'queue',
  'handoff.customerReturned': 'queue',
  'conversation.reopened': 'queue',
  'handoff.rated': 'queue',
  'conversation.activity': 'activity',
  'customer.typing': 'typing',
  'customer.updated': 'customer',
  'ticket.created': 'ticket',
  'ticket.updated': 'ticket',
  'ticket.resolved': 'ticket',
  'ticket.overdue': 'ticket',
};

/**
 * `GET /api/events`: the console's live feed as Server-Sent Events — queue changes, new
 * lines in conversations waiting for or talking to an agent, the customer typing. While it is
 * open the agent counts as online.
 *
 * `GET /api/conversations/:id/live?after=N`: every line of one conversation after the first N,
 * as they are stored (bot replies included), for an agent watching a chat the bot still has.
 *
 * Both end at once on logout, and at the next heartbeat when the session goes idle.
 */
export function addEventRoutes(api: ApiRouter, deps: EventRouteDeps): void {
  api.add('get', '/events', 'agent', (req, res) => {
    const user = requireUser(res);
    const { send } = openAgentStream(req, res, deps, () => {
      stopEvents();
      stopPresence();
      goOffline();
    });
    const goOffline = deps.presence.connect({ id: user.id, name: user.name }, res.locals.sessionId as string);
    const stopPresence = deps.presence.onChange((agentsOnline) => send('presence', { agentsOnline }));
    const stopEvents = deps.events.subscribeAll((event, payload) => {
      const name = FORWARDED[event];
      if (name) send(name, { event, ...(payload as ParleyEvents[typeof event]) });
    });
    send('hello', { agent: { id: user.id, name: user.name }, agentsOnline: deps.presence.count() });
  });

  // Who a chat can be passed to: the agents and admins with a console open.
  api.add('get', '/agents/online', 'agent', (_req, res) => {
    res.json({ agents: deps.presence.agents() });
  });

  api.add('get', '/conversations/:id/live', 'agent', async (req, res) => {
    const id = parse(conversationIdSchema, req.params.id, 'id');
    const { after } = parse(watchQuerySchema, req.query, 'query');
    await deps.conversations.get(id); // 404 before the stream opens
    let unsubscribe: (() => void) | undefined;
    let ended = false;
    const { send } = openAgentStream(req, res, deps, () => {
      ended = true;
      unsubscribe?.();
    });
    const stop = await deps.log.subscribe(id, after, (set) => send('activities', set));
    if (ended) stop();
    else unsubscribe = stop;
  });
}

/**
 * Open an agent's Server-Sent Events stream: a heartbeat comment keeps proxies from closing it
 * and checks the session; logout, the account disabled or its password reset, an idle session
 * and shutdown end it. `onStop` runs once, however it ends, and nothing is written after the end
 * (events published in the same tick as a sign-out would otherwise write to a closed response).
 */
function openAgentStream(req: Request, res: Response, deps: EventRouteDeps, onStop: () => void): { send: (event: string, data: unknown) => void } {
  const sessionId = res.locals.sessionId as string;
  const userId = requireUser(res).id;
  req.socket.setTimeout(0);
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  res.write('retry: 3000\n\n');
  const write = (text: string) => void (res.writableEnded || res.write(text));
  const send = (event: string, data: unknown) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  const signOut = () => {
    send('signed-out', {});
    res.end();
    stop();
  };
  const stopSessionEnded = deps.events.subscribe('session.ended', (ended) => ended.sessionId === sessionId && signOut());
  const stopUserSignedOut = deps.events.subscribe('user.sessions-ended', (ended) => ended.userId === userId && ended.exceptSessionId !== sessionId && signOut());
  const stopSignOut = () => {
    stopSessionEnded();
    stopUserSignedOut();
  };
  const heartbeat = setInterval(() => {
    void deps.isSessionLive(sessionId).then((live) => (live ? write(': heartbeat\n\n') : signOut()));
  }, deps.heartbeatMs);
  const forget = deps.streams.add(() => res.end());
  let stopped = false;
  function stop(): void {
    if (stopped) return;
    stopped = true;
    clearInterval(heartbeat);
    stopSignOut();
    forget();
    onStop();
  }
  req.on('close', stop);
  res.on('close', stop);
  return { send };
}
