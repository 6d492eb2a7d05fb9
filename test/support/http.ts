import WebSocket from 'ws';
/** Plain HTTP calls to a running Parley, for tests that check status codes and bodies. */
export interface JsonResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function request<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; cookie?: string } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = options.cookie;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

/** A customer conversation through the raw Direct Line routes. */
export async function startConversation(baseUrl: string, locale?: string) {
  const started = await request(baseUrl, 'POST', '/v3/directline/conversations', { body: locale ? { locale } : {} });
  if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
  return started.body as { conversationId: string; token: string; streamUrl: string; expires_in: number; team?: string };
}

/** Post a message (with `extra` fields, e.g. `localTimezone`) and poll until the bot has answered it; returns the bot's replies. */
/**
 * The customer says `text` and the test waits until the bot's turn is over (profile recorded,
 * every reply sent), as `idle` tells; the texts of the replies to it.
 */
export async function replyTexts(server: { url: string; parley: { adapter: { idle(): Promise<void> } } }, chat: { conversationId: string; token: string }, text: string): Promise<string[]> {
  const posted = await request(server.url, 'POST', `/v3/directline/conversations/${chat.conversationId}/activities`, { token: chat.token, body: { type: 'message', text } });
  if (posted.status !== 200) throw new Error(`posting "${text}" answered ${posted.status}`);
  await server.parley.adapter.idle();
  const { body } = await request(server.url, 'GET', `/v3/directline/conversations/${chat.conversationId}/activities`, { token: chat.token });
  return (body.activities as { type: string; replyToId?: string; text?: string }[])
    .filter((activity) => activity.type === 'message' && activity.replyToId === posted.body.id)
    .map((activity) => activity.text ?? '');
}

export async function send(baseUrl: string, conversation: { conversationId: string; token: string }, text: string, timeoutMs = 10_000, extra: Record<string, unknown> = {}) {
  const posted = await request(baseUrl, 'POST', `/v3/directline/conversations/${conversation.conversationId}/activities`, {
    token: conversation.token,
    body: { ...extra, type: 'message', text },
  });
  if (posted.status !== 200) throw new Error(`post: ${posted.status} ${JSON.stringify(posted.body)}`);
  const id = posted.body.id as string;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { body } = await request(baseUrl, 'GET', `/v3/directline/conversations/${conversation.conversationId}/activities`, { token: conversation.token });
    const replies = (body.activities as any[]).filter((activity) => activity.replyToId === id && activity.type === 'message');
    if (replies.length > 0) return replies;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no reply to "${text}" within ${timeoutMs} ms`);
}

/** The status a WebSocket upgrade to `url` gets: 101 when the stream opens, else the HTTP refusal. */
export function streamStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('error', () => {});
  });
}

/** Sign in to the console/admin API; resolves with the session cookie (`parley_session=…`), or throws naming the status. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await request(baseUrl, 'POST', '/api/auth/login', { body: { email, password } });
  if (response.status !== 200) throw new Error(`sign-in as ${email} answered ${response.status}`);
  return /parley_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')![0];
}

/** Agent accounts `<name>@example.com` (password "agent password 1"), created by the test server's first admin. */
export async function addAgents(baseUrl: string, names: readonly string[]): Promise<void> {
  const admin = await signIn(baseUrl, 'admin@example.com', 'correct horse battery');
  for (const name of names) {
    const body = { email: `${name.toLowerCase()}@example.com`, password: 'agent password 1', role: 'agent', name };
    const created = await request(baseUrl, 'POST', '/api/users', { cookie: admin, body });
    if (created.status !== 201) throw new Error(`creating agent ${name} answered ${created.status}`);
  }
}
