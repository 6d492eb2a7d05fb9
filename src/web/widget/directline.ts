import type { WidgetUser } from './options.js';
import type { Activity, ActivitySet } from './types.js';

/** A response the server refused; `status` says why (401/403: this token is no good). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    /** From a 429's Retry-After: when the server takes messages again. */
    readonly retryAfterMs?: number,
  ) {
    super(`HTTP ${status}`);
  }
}

function retryAfterMs(response: Response): number | undefined {
  const seconds = Number(response.headers.get('Retry-After'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

export interface Started {
  conversationId: string;
  token: string;
  expires_in: number;
  streamUrl?: string;
  /** Whether a person could answer now (`online`/`away`); an older server does not say. Untrusted. */
  team?: unknown;
}

/** The Direct Line 3.0 calls the widget makes (see CONTRACT.md). Network failures reject with a TypeError. */
export class DirectLineApi {
  private readonly base: string;

  constructor(server: string) {
    this.base = `${server}/v3/directline`;
  }

  private async call<T>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(this.base + path, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
    if (!response.ok) throw new HttpError(response.status, retryAfterMs(response));
    return (await response.json()) as T;
  }

  /**
   * A token for a conversation. The earlier token (even expired) lets the server recognise the
   * customer; with `resume` it also gives back that conversation, unless it was closed. The
   * host site's signed-in `user` makes the customer the same one on every device.
   */
  generate(previousToken: string | undefined, locale: string, resume: boolean, user?: WidgetUser): Promise<Started> {
    return this.call('POST', '/tokens/generate', previousToken, { locale, ...(resume ? { resume } : {}), ...(user ? { user } : {}) });
  }

  /** Start or resume the token's conversation; the stream URL replays it from the start. */
  start(token: string, locale: string): Promise<Started> {
    return this.call('POST', '/conversations', token, { locale });
  }

  refresh(token: string): Promise<Started> {
    return this.call('POST', '/tokens/refresh', token);
  }

  reconnect(token: string, conversationId: string, watermark: number): Promise<Started> {
    return this.call('GET', `/conversations/${encodeURIComponent(conversationId)}?watermark=${watermark}`, token);
  }

  post(token: string, conversationId: string, activity: Partial<Activity>): Promise<{ id: string }> {
    return this.call('POST', `/conversations/${encodeURIComponent(conversationId)}/activities`, token, activity);
  }

  activities(token: string, conversationId: string, watermark: number): Promise<ActivitySet> {
    return this.call('GET', `/conversations/${encodeURIComponent(conversationId)}/activities?watermark=${watermark}`, token);
  }
}
