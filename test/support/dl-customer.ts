/**
 * A light Direct Line customer for the load bench and the crash test: plain `node:http` with
 * keep-alive (cheaper per request than fetch, so the client does not eat the server's CPU) and
 * the `ws` stream. Every wait is bounded.
 */
import { Agent, request as httpRequest } from 'node:http';
import WebSocket from 'ws';

/**
 * Idle sockets are closed a second before the server would (its `Keep-Alive: timeout=5`): Node 20's
 * agent closes them at the server's hint itself, so now and then it reused a socket the server was
 * closing at that very moment, and the request was reset (one POST in 6,000 at 200 customers).
 * Browsers retry such a request; Node 24's agent keeps the same one-second margin.
 */
export const agent = new Agent({ keepAlive: true, maxSockets: 20_000, timeout: 4_000 });

export interface HttpResult {
  status: number;
  body: any;
  headers: Record<string, string | string[] | undefined>;
  /** Sent on a kept-alive connection; false when it had to open (and wait for the server to accept) a new one. */
  reusedSocket: boolean;
}

/** One JSON request over the shared keep-alive agent; `timeoutMs` bounds it. */
export function http(url: string, method: string, options: { token?: string; body?: unknown; raw?: Buffer | string; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const payload = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const headers: Record<string, string | number> = { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (payload !== undefined) headers['content-length'] = Buffer.byteLength(payload);
    const req = httpRequest(url, { method, headers, agent, timeout: options.timeoutMs ?? 15_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          // keep the text
        }
        resolve({ status: res.statusCode ?? 0, body, headers: res.headers, reusedSocket: req.reusedSocket });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
    // Name the request, and whether it went out on a reused keep-alive socket (a server closing an idle one as it is reused resets it).
    req.on('error', (error) => reject(new Error(`${method} ${new URL(url).pathname.replace(/conversations\/[^/]+/, 'conversations/:id')}${req.reusedSocket ? ' (reused socket)' : ''}: ${error.message}`)));
    req.end(payload);
  });
}

interface Activity {
  id: string;
  type: string;
  text?: string;
  replyToId?: string;
  from: { role?: string };
}

/** A customer with an open stream. `say` resolves with the bot's first reply and the latency. */
export class DirectLineCustomer {
  private socket?: WebSocket;
  /** Bot replies by the id of the customer activity they answer, with their arrival time. */
  private readonly replies = new Map<string, { at: number; activities: Activity[] }>();
  private readonly waiting = new Map<string, () => void>();
  readonly transcript: Activity[] = [];
  conversationId = '';
  token = '';
  closed = false;
  /** Set once a bot message matched `watch` (e.g. the chat was handed to a human). */
  flagged = false;
  /** That message: it answers the `say` in flight, whatever it replies to (a handoff's notice may reply to none). */
  private flaggedBy?: { at: number; activities: Activity[] };

  constructor(
    private readonly baseUrl: string,
    private readonly watch?: (text: string) => boolean,
  ) {}

  /**
   * Token, conversation, stream; resolves once the bot's greeting arrived (or the stream is open,
   * `greeting: false`). With `token`, resumes that token's conversation: the stream replays it.
   */
  async open(options: { greeting?: boolean; timeoutMs?: number; token?: string } = {}): Promise<void> {
    let token = options.token;
    if (!token) {
      const generated = await http(`${this.baseUrl}/v3/directline/tokens/generate`, 'POST', { body: {} });
      if (generated.status !== 200) throw new Error(`tokens/generate answered ${generated.status}`);
      token = generated.body.token as string;
    }
    const started = await http(`${this.baseUrl}/v3/directline/conversations`, 'POST', { token, body: {} });
    if (started.status !== 201) throw new Error(`conversations answered ${started.status}`);
    this.conversationId = started.body.conversationId;
    this.token = started.body.token;
    const greeted = new Promise<void>((resolve) => this.waiting.set('greeting', resolve));
    await new Promise<void>((resolve, reject) => {
      const socket = new WebSocket(started.body.streamUrl, { perMessageDeflate: false });
      this.socket = socket;
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.on('close', () => (this.closed = true));
      socket.on('message', (data) => this.receive(String(data)));
    });
    if (options.greeting !== false) await withTimeout(greeted, options.timeoutMs ?? 15_000, 'no greeting');
  }

  private receive(frame: string): void {
    if (!frame) return;
    const now = performance.now();
    for (const activity of (JSON.parse(frame) as { activities: Activity[] }).activities) {
      this.transcript.push(activity);
      if (activity.from.role !== 'bot' || activity.type !== 'message') continue;
      if (this.watch?.(activity.text ?? '')) {
        this.flagged = true;
        this.flaggedBy ??= { at: now, activities: [activity] };
        for (const [key, wake] of this.waiting) if (key !== 'greeting') wake();
      }
      const key = !activity.replyToId || activity.replyToId.endsWith('|start') ? 'greeting' : activity.replyToId;
      const entry = this.replies.get(key) ?? { at: now, activities: [] };
      entry.activities.push(activity);
      this.replies.set(key, entry);
      this.waiting.get(key)?.();
    }
  }

  /**
   * Post a message; resolves when the first reply to it arrives on the stream, or a message
   * matching `watch` does (the bot goes quiet once the chat is queued for a human).
   */
  async say(text: string, timeoutMs = 15_000): Promise<{ id: string; latencyMs: number; reply: string; newConnection: boolean }> {
    const started = performance.now();
    const posted = await http(`${this.baseUrl}/v3/directline/conversations/${this.conversationId}/activities`, 'POST', {
      token: this.token,
      body: { type: 'message', text, locale: /[\u4e00-\u9fff]/u.test(text) ? 'zh-CN' : 'en-US' },
      timeoutMs,
    });
    if (posted.status !== 200) throw new Error(`post answered ${posted.status}`);
    const id = posted.body.id as string;
    if (!this.replies.has(id) && !this.flagged) {
      await withTimeout(new Promise<void>((resolve) => this.waiting.set(id, resolve)), timeoutMs, 'no reply');
      this.waiting.delete(id);
    }
    const reply = this.replies.get(id) ?? this.flaggedBy!;
    this.replies.delete(id);
    return { id, latencyMs: reply.at - started, reply: reply.activities.map((activity) => activity.text ?? '').join('\n'), newConnection: !posted.reusedSocket };
  }

  close(): void {
    this.socket?.terminate();
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}
