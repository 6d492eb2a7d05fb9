import type { Request, Response } from 'express';
import type { EventBus, EventName, ParleyEvents } from '../../events/index.js';
import type { AgentPresence } from '../../handoff/index.js';
import { requireUser } from '../auth.js';
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
}

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
  'handoff.rated': 'queue',
  'conversation.activity': 'activity',
  'customer.typing': 'typing',
  'customer.updated': 'customer',
};

/**
 * `GET /api/events`: the console's live feed as Server-Sent Events — queue changes, new
 * lines in conversations, the customer typing. While it is open the agent counts as online.
 * It ends at once on logout, and at the next heartbeat when the session goes idle.
 */
export function addEventRoutes(api: ApiRouter, deps: EventRouteDeps): void {
  api.add('get', '/events', 'agent', (req, res) => {
    const user = requireUser(res);
    const sessionId = res.locals.sessionId as string;
    openStream(req, res);
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const goOffline = deps.presence.connect({ id: user.id, name: user.name });
    const stopPresence = deps.presence.onChange((agentsOnline) => send('presence', { agentsOnline }));
    const stopEvents = deps.events.subscribeAll((event, payload) => {
      const name = FORWARDED[event];
      if (name) send(name, { event, ...(payload as ParleyEvents[typeof event]) });
    });
    send('hello', { agent: { id: user.id, name: user.name }, agentsOnline: deps.presence.count() });

    const stopSignOut = deps.events.subscribe('session.ended', (ended) => {
      if (ended.sessionId !== sessionId) return;
      send('signed-out', {});
      res.end();
    });
    const heartbeat = setInterval(() => {
      void deps.isSessionLive(sessionId).then((live) => {
        if (live) return void res.write(': heartbeat\n\n');
        send('signed-out', {});
        res.end();
      });
    }, deps.heartbeatMs);
    const stop = () => {
      clearInterval(heartbeat);
      stopSignOut();
      stopEvents();
      stopPresence();
      goOffline();
    };
    const forget = deps.streams.add(() => res.end());
    req.on('close', stop);
    res.on('close', () => {
      stop();
      forget();
    });
  });
}

function openStream(req: Request, res: Response): void {
  req.socket.setTimeout(0);
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  res.write('retry: 3000\n\n');
}
