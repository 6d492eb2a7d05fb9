import { ConversationLog, ConversationRepository, type ConversationRecord } from '../../../src/conversations/index.js';
import { EventBus, type ParleyEvents } from '../../../src/events/index.js';
import { AgentPresence, HandoffService, type TicketFiler, type Timers } from '../../../src/handoff/index.js';
import { createMemoryStorage } from '../../../src/storage/index.js';

/** A clock and timers that only move when the test says so. */
export class FakeTime implements Timers {
  now = Date.parse('2026-03-02T09:00:00.000Z');
  private pending: { at: number; callback: () => void; handle: number }[] = [];
  private nextHandle = 1;

  readonly clock = () => new Date(this.now);

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.pending.push({ at: this.now + ms, callback, handle });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((timer) => timer.handle !== handle);
  }

  /** Move the clock on, firing the timers that fall due, then let their work settle. */
  async advance(ms: number): Promise<void> {
    this.now += ms;
    const due = this.pending.filter((timer) => timer.at <= this.now);
    this.pending = this.pending.filter((timer) => timer.at > this.now);
    for (const timer of due) timer.callback();
    await settle();
  }
}

export const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

export const CLAIM_TIMEOUT_MS = 120_000;
export const alice = { id: 'agent-alice', name: 'Alice' };
export const bob = { id: 'agent-bob', name: 'Bob' };

/** The handoff over memory storage, with a recorder of every event and a ticket desk. */
export async function handoffFixture(options: { tickets?: boolean; agentsOnline?: number } = {}) {
  const storage = createMemoryStorage();
  const time = new FakeTime();
  const conversations = new ConversationRepository(storage.collection<ConversationRecord>('conversations'), time.clock);
  const log = new ConversationLog(storage.transcripts, time.clock);
  const events = new EventBus();
  const published: { event: string; payload: unknown }[] = [];
  events.subscribeAll((event, payload) => published.push({ event, payload }));
  const presence = new AgentPresence();
  for (let i = 0; i < (options.agentsOnline ?? 1); i += 1) presence.connect({ id: `online-${i}`, name: `Online ${i}` });
  const filed: Parameters<TicketFiler['fileTicket']>[0][] = [];
  const tickets: TicketFiler = {
    async fileTicket(request) {
      filed.push(request);
      return { id: `T-${1000 + filed.length}` };
    },
  };
  const deps = { conversations, log, events, presence, claimTimeoutMs: CLAIM_TIMEOUT_MS, clock: time.clock, timers: time, ...(options.tickets === false ? {} : { tickets }) };
  const handoff = new HandoffService(deps);
  const newConversation = async (language: 'en' | 'zh' = 'en') => {
    const record = await conversations.create('dl_customer', language === 'zh' ? 'zh-CN' : 'en-US');
    await log.append(record.id, { type: 'message', text: language === 'zh' ? '我要转人工' : 'my parcel never came', from: { id: 'dl_customer', role: 'user' } });
    return record.id;
  };
  const systemLines = async (id: string) =>
    (await log.all(id)).filter((activity) => (activity.channelData as { parley?: { sender?: string } } | undefined)?.parley?.sender === 'system').map((activity) => activity.text);
  const eventsNamed = <E extends keyof ParleyEvents>(name: E) => published.filter((each) => each.event === name).map((each) => each.payload as ParleyEvents[E]);
  return { storage, time, conversations, log, events, presence, handoff, deps, filed, newConversation, systemLines, eventsNamed };
}
