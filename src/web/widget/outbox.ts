/**
 * What the customer sent that the server has not acknowledged yet (messages and events), kept
 * in the saved state so a reload or a lost connection loses nothing. Sent in order, each with
 * the same client activity id on every try, so the server stores it once. Network trouble:
 * try again with a growing pause; refused by the server (or failing three times in a row):
 * a message is marked failed for the customer to retry, an event is dropped.
 */
import { isRejected } from './connection.js';
import { HttpError } from './directline.js';
import type { OutboxItem, Store } from './store.js';

export interface OutboxDeps {
  /** Send one item; resolves once the server has it. */
  deliver(item: OutboxItem): Promise<void>;
  /** A message the server refused: the customer may retry it. */
  failed(item: OutboxItem): void;
}

export const newClientId = (): string => 'w' + Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');

export class Outbox {
  private timer = 0;
  private flushing = false;
  private networkFailures = 0;
  private serverFailures = 0;

  constructor(
    private readonly store: Store,
    private readonly deps: OutboxDeps,
  ) {}

  get items(): readonly OutboxItem[] {
    return this.store.state.outbox;
  }

  add(item: OutboxItem): void {
    this.store.state.outbox.push(item);
    this.store.save();
    void this.flush();
  }

  /** The server has it (seen come back on the stream, or the POST answered). */
  remove(cid: string): void {
    this.store.state.outbox = this.store.state.outbox.filter((item) => item.cid !== cid);
    this.store.save();
  }

  /** The customer asked to send a failed message again. */
  retry(cid: string): boolean {
    const item = this.store.state.outbox.find((candidate) => candidate.cid === cid);
    if (!item) return false;
    item.failed = false;
    this.store.save();
    void this.flush();
    return true;
  }

  /** Back online: no more waiting. */
  online(): void {
    this.networkFailures = 0;
    void this.flush();
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  /** Send what is waiting, in order. */
  async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    clearTimeout(this.timer);
    try {
      for (let item = this.next(); item; item = this.next()) {
        if (!navigator.onLine) return;
        try {
          await this.deps.deliver(item);
          this.serverFailures = 0;
          this.remove(item.cid);
        } catch (error) {
          if (error instanceof HttpError && error.status === 429) {
            // Too many messages a minute: the server says when it takes them again; not a failure.
            this.timer = window.setTimeout(() => void this.flush(), Math.min(60_000, Math.max(1000, error.retryAfterMs ?? 5000)));
            return;
          }
          const refused = error instanceof HttpError && !isRejected(error) && error.status < 500 && error.status !== 408;
          if (refused || (error instanceof HttpError && !isRejected(error) && ++this.serverFailures >= 3)) {
            this.serverFailures = 0;
            if (item.text) {
              item.failed = true;
              this.store.save();
              this.deps.failed(item);
            } else this.remove(item.cid);
            continue;
          }
          const delay = Math.min(30_000, 1000 * 2 ** Math.min(this.networkFailures++, 5));
          this.timer = window.setTimeout(() => void this.flush(), delay);
          return;
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private next(): OutboxItem | undefined {
    return this.store.state.outbox.find((item) => !item.failed);
  }
}
