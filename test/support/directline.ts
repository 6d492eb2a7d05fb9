/**
 * Microsoft's own Direct Line client (botframework-directlinejs) in Node: it needs an
 * XMLHttpRequest (xhr2) and a WebSocket (ws), as in the browser.
 */
import xhr2 from 'xhr2';
import WebSocket from 'ws';

(globalThis as Record<string, unknown>).XMLHttpRequest ??= xhr2;
const { DirectLine, ConnectionStatus } = await import('botframework-directlinejs');

export interface ClientActivity {
  id?: string;
  type: string;
  text?: string;
  replyToId?: string;
  locale?: string;
  name?: string;
  value?: unknown;
  from: { id: string; role?: string };
  channelData?: { clientActivityID?: string };
  suggestedActions?: { actions: { title: string; value: unknown }[] };
}

export interface DirectLineSession {
  client: InstanceType<typeof DirectLine>;
  received: ClientActivity[];
  /** Send a message; resolves with the id the server gave it. */
  say(text: string, extra?: Record<string, unknown>): Promise<string>;
  /** Wait for the next activity (after those seen so far) that matches. */
  next(match: (activity: ClientActivity) => boolean, timeoutMs?: number): Promise<ClientActivity>;
  /** Send and wait for the bot's next message. */
  ask(text: string): Promise<ClientActivity>;
  end(): void;
}

export async function generateToken(baseUrl: string): Promise<{ token: string; conversationId: string }> {
  const response = await fetch(`${baseUrl}/v3/directline/tokens/generate`, { method: 'POST' });
  if (!response.ok) throw new Error(`token: ${response.status}`);
  return (await response.json()) as { token: string; conversationId: string };
}

export async function openDirectLine(
  baseUrl: string,
  options: { webSocket: boolean; token?: string; conversationId?: string; watermark?: string },
): Promise<DirectLineSession> {
  const token = options.token ?? (await generateToken(baseUrl)).token;
  const client = new DirectLine({
    domain: `${baseUrl}/v3/directline`,
    token,
    webSocket: options.webSocket,
    pollingInterval: 200,
    ...(options.conversationId ? { conversationId: options.conversationId } : {}),
    ...(options.watermark !== undefined ? { watermark: options.watermark } : {}),
    // The client's services accept a WebSocket implementation; in Node it is ws.
    WebSocket,
  } as unknown as ConstructorParameters<typeof DirectLine>[0]);
  const received: ClientActivity[] = [];
  const waiters = new Set<() => void>();
  client.activity$.subscribe({
    next: (activity) => {
      received.push(activity as unknown as ClientActivity);
      for (const wake of waiters) wake();
    },
    // `end()` completes the stream with "conversation ended": expected, not a test failure.
    error: () => undefined,
  });
  let cursor = 0;
  let counter = 0;

  const next: DirectLineSession['next'] = (match, timeoutMs = 10_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        while (cursor < received.length) {
          const activity = received[cursor++]!;
          if (match(activity)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(activity);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no matching activity within ${timeoutMs} ms; received: ${JSON.stringify(received.map((a) => a.text ?? a.type))}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  const say: DirectLineSession['say'] = (text, extra = {}) =>
    new Promise((resolve, reject) => {
      counter += 1;
      client
        .postActivity({ type: 'message', text, from: { id: 'spoofed-user', role: 'user' }, channelData: { clientActivityID: `test-${counter}` }, ...extra } as never)
        .subscribe({ next: (id) => resolve(String(id)), error: reject });
    });

  return {
    client,
    received,
    say,
    next,
    async ask(text) {
      await say(text);
      return next((activity) => activity.type === 'message' && activity.from.role === 'bot');
    },
    end: () => client.end(),
  };
}

export { ConnectionStatus };
