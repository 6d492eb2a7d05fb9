import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ActivityListener, ActivitySet } from '../conversations/index.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { conversationIdSchema, watermarkSchema } from './directline-schema.js';
import type { DirectLineService } from './directline-service.js';

const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/;
const HEARTBEAT_MS = 30_000;
/** A client that lets this much pile up unread is dropped; it reconnects with its watermark. */
const MAX_BUFFERED_BYTES = 1 << 20;

/**
 * The Direct Line WebSocket stream: `{ activities, watermark }` frames, the backlog after the
 * client's watermark first. Returns a function that closes every stream (shutdown).
 */
export function attachStreamServer(server: Server, directLine: DirectLineService, logger: Logger): () => Promise<void> {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const alive = new WeakSet<WebSocket>();

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) return refuse(socket, 404, 'not_found');
    void (async () => {
      try {
        const conversationId = conversationIdSchema.parse(decodeURIComponent(match[1]!));
        const watermark = watermarkSchema.parse(url.searchParams.get('watermark') ?? undefined);
        const token = url.searchParams.get('t') ?? bearerOf(request.headers.authorization);
        await directLine.authorize(token, conversationId);
        wss.handleUpgrade(request, socket, head, (ws) => void follow(ws, token, conversationId, watermark));
      } catch (error) {
        refuse(socket, error instanceof AppError ? error.status : 400, error instanceof AppError ? error.code : 'bad_request');
      }
    })();
  });

  async function follow(ws: WebSocket, token: string | undefined, conversationId: string, watermark: number) {
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
    // Clients send empty pings to keep the socket open; nothing they send is read.
    ws.on('message', () => {});
    ws.on('error', (error) => logger.debug({ err: error }, 'stream socket error'));
    try {
      const stop = await directLine.follow(token, conversationId, watermark, framesFor(ws));
      if (ws.readyState !== ws.OPEN) stop();
      else ws.on('close', stop);
    } catch (error) {
      logger.warn({ err: error }, 'stream could not follow the conversation');
      ws.close(1011);
    }
  }

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return () =>
    new Promise<void>((resolve) => {
      clearInterval(heartbeat);
      for (const ws of wss.clients) ws.terminate();
      wss.close(() => resolve());
    });
}

/**
 * What a stream hears, sent as frames: the activities of one pass of the event loop go out as
 * one frame (the customer's echo and the bot's answer to it are stored in the same turn), so
 * a busy server writes to each socket once per pass, not once per activity.
 */
function framesFor(ws: WebSocket): ActivityListener {
  let pending: ActivitySet | undefined;
  const flush = () => {
    const set = pending!;
    pending = undefined;
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) return ws.terminate();
    ws.send(JSON.stringify(set));
  };
  return ({ activities, watermark }) => {
    if (pending) {
      pending.activities.push(...activities);
      pending.watermark = watermark;
      return;
    }
    pending = { activities: [...activities], watermark };
    setImmediate(flush);
  };
}

function bearerOf(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

function refuse(socket: Duplex, status: number, code: string): void {
  const reason = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status] ?? 'Error';
  const body = JSON.stringify({ error: { code, message: reason } });
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
