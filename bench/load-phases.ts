/**
 * The phases of the load bench, each bounded in time and count: customers chatting with think
 * time (or none: saturation), the bare-express yardstick, idle streams, stored conversations.
 */
import { mapLimit } from '../src/concurrency.js';
import { createRandom } from '../src/nlu/prng.js';
import { DirectLineCustomer, http } from '../test/support/dl-customer.js';
import { chatScript, type Corpus, isHandoffReply } from './load-chat.js';

export interface PhaseStats {
  turns: number;
  errors: number;
  errorSamples: string[];
  handoffs: number;
  /** Turns whose reply never came because the chat went to the human queue meanwhile: each waited out the client's timeout. */
  waitedOut: number;
  conversations: number;
  seconds: number;
  latencies: number[];
  /** The latencies of the turns whose POST went out on a new connection (it waited for the server to accept it). */
  newConnectionLatencies: number[];
  /** Per chat: ms from asking for a token to the bot's greeting on the new stream (what a customer waits for the widget). */
  opens: number[];
  /** Every turn as [sent at (performance.now()), latency ms], in the order they ended: what happened while something else ran. */
  timeline: [number, number][];
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function newStats(): PhaseStats {
  return { turns: 0, errors: 0, errorSamples: [], handoffs: 0, waitedOut: 0, conversations: 0, seconds: 0, latencies: [], newConnectionLatencies: [], opens: [], timeline: [] };
}

function recordError(stats: PhaseStats, error: unknown): void {
  stats.errors += 1;
  if (stats.errorSamples.length < 5) stats.errorSamples.push(String((error as Error)?.message ?? error));
}

export interface ChatPhaseOptions {
  customers: number;
  durationMs: number;
  /** Mean pause between a reply and the next message; 0 = saturation. Uniform in [0.5, 1.5] × mean. */
  thinkMs: number;
  seed: number;
  /** Keep the conversations (id + token) customers opened, for later phases. */
  keep?: { conversationId: string; token: string }[];
}

/** Each customer chats, closes, opens the next chat … until the phase's time is up. */
export async function chatPhase(url: string, corpus: Corpus, options: ChatPhaseOptions): Promise<PhaseStats> {
  const stats = newStats();
  const started = performance.now();
  const deadline = started + options.durationMs;
  const customer = async (index: number) => {
    const random = createRandom(options.seed * 7919 + index);
    // Customers do not all arrive in the same millisecond.
    await sleep(random() * Math.min(1000, options.durationMs / 4));
    for (let chat = 0; performance.now() < deadline && chat < 10_000; chat += 1) {
      const client = new DirectLineCustomer(url, isHandoffReply);
      try {
        const opening = performance.now();
        await client.open();
        stats.opens.push(performance.now() - opening);
        stats.conversations += 1;
        options.keep?.push({ conversationId: client.conversationId, token: client.token });
        for (const text of chatScript(corpus, options.seed * 100_003 + index * 1009 + chat)) {
          if (performance.now() >= deadline) break;
          if (options.thinkMs > 0) await sleep(options.thinkMs * (0.5 + random()));
          // Queued for a human (the bot missed twice, or the mood turned): the bot rightly goes quiet.
          if (client.flagged) break;
          const sentAt = performance.now();
          const { latencyMs, newConnection } = await client.say(text);
          stats.turns += 1;
          stats.latencies.push(latencyMs);
          stats.timeline.push([sentAt, latencyMs]);
          if (newConnection) stats.newConnectionLatencies.push(latencyMs);
        }
      } catch (error) {
        // A reply that never came because the chat went to the human queue meanwhile is not an error.
        if (client.flagged) stats.waitedOut += 1;
        else recordError(stats, error);
        await sleep(100);
      } finally {
        if (client.flagged) stats.handoffs += 1;
        client.close();
      }
    }
  };
  await Promise.all(Array.from({ length: options.customers }, (_, index) => customer(index)));
  stats.seconds = (performance.now() - started) / 1000;
  stats.latencies.sort((a, b) => a - b);
  stats.newConnectionLatencies.sort((a, b) => a - b);
  stats.opens.sort((a, b) => a - b);
  return stats;
}

/** The same client's plain JSON POSTs at a bare express route, as many as it answers. */
export async function barePhase(url: string, concurrency: number, durationMs: number): Promise<PhaseStats> {
  const stats = newStats();
  const started = performance.now();
  const deadline = started + durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      const sent = performance.now();
      try {
        const response = await http(`${url}/v3/echo`, 'POST', { body: { type: 'message', text: 'where is my order' } });
        if (response.status !== 200) throw new Error(`echo answered ${response.status}`);
        stats.turns += 1;
        stats.latencies.push(performance.now() - sent);
      } catch (error) {
        recordError(stats, error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  stats.seconds = (performance.now() - started) / 1000;
  stats.latencies.sort((a, b) => a - b);
  return stats;
}

/** Run `task` for indices 0 … count-1 with at most `concurrency` at a time (the server's own mapLimit). */
export const pool = <T>(count: number, concurrency: number, task: (index: number) => Promise<T>): Promise<T[]> =>
  mapLimit(Array.from({ length: count }, (_, index) => index), concurrency, task);

export interface IdleResult {
  opened: number;
  failed: number;
  stillOpen: number;
  openSeconds: number;
  clients: DirectLineCustomer[];
}

/** Open `count` streams (each a new conversation, greeted), hold them `holdMs`, count the survivors. */
export async function idlePhase(url: string, count: number, holdMs: number): Promise<IdleResult> {
  const started = performance.now();
  const clients: DirectLineCustomer[] = [];
  let failed = 0;
  await pool(count, 64, async () => {
    const client = new DirectLineCustomer(url);
    try {
      await client.open({ timeoutMs: 30_000 });
      clients.push(client);
    } catch {
      failed += 1;
      client.close();
    }
  });
  const openSeconds = (performance.now() - started) / 1000;
  await sleep(holdMs);
  return { opened: clients.length, failed, stillOpen: clients.filter((client) => !client.closed).length, openSeconds, clients };
}
