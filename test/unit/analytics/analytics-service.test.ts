import { describe, expect, it } from 'vitest';
import { AnalyticsService, TurnLog } from '../../../src/analytics/index.js';
import { ConversationLog } from '../../../src/conversations/index.js';
import { UnansweredLog } from '../../../src/kb/index.js';
import { createMemoryStorage } from '../../../src/storage/index.js';
import { seedHistory } from './history.js';

const END = Date.parse('2026-03-15T00:00:00.000Z');

/** `transcripts`: how the summary reads a transcript (default: from the storage). */
async function seeded(transcripts?: (storage: ReturnType<typeof createMemoryStorage>) => { read(id: string): Promise<any[]> }) {
  const storage = createMemoryStorage();
  const seed = await seedHistory(storage, END);
  const analytics = new AnalyticsService(
    {
      conversations: storage.collection('conversations') as never,
      insights: { get: (id) => storage.keyValue('customer-insights').get(id) },
      transcripts: transcripts?.(storage) ?? storage.transcripts,
      turns: new TurnLog(storage.keyValue('analytics-turns')),
      unanswered: new UnansweredLog(storage.collection('unanswered')),
      tickets: storage.collection('tickets') as never,
    },
    () => new Date(END),
  );
  return { analytics, seed, storage };
}

describe('analytics summary', () => {
  it('computes the service KPIs from what is stored', async () => {
    const { analytics, seed } = await seeded();
    const summary = await analytics.summary({ from: '2026-03-01T00:00:00.000Z', to: '2026-03-14T23:59:59.999Z' });
    expect(summary.conversations.total).toBe(seed.conversations);
    expect(summary.conversations.byDay).toHaveLength(14);
    expect(summary.escalationRate).toBeCloseTo(seed.escalated / seed.conversations, 3);
    expect(summary.containmentRate).toBeCloseTo(1 - seed.escalated / seed.conversations, 3);
    expect(summary.fallbackRate).toBeCloseTo(1 / 3, 3);
    expect(summary.botResponseMs).toMatchObject({ median: 40, count: seed.conversations });
    expect(summary.agentFirstResponseSeconds).toMatchObject({ median: 45, count: seed.escalated });
    expect(summary.resolutionHours.median).toBe(6);
    expect(summary.topIntents[0]!.intent).toBe('order_status');
    expect(summary.topUnanswered[0]).toMatchObject({ count: 14, language: 'en' });
    expect(summary.tickets).toMatchObject({ available: true, total: 14, byStatus: { open: 3, in_progress: 4, resolved: 4, closed: 3 } });
    // Three ticket ratings, and every third chat an agent took.
    expect(summary.csat.count).toBe(3 + Math.ceil(seed.escalated / 3));
    const moods = summary.sentiment.byDay.map((day) => day.average);
    expect(moods[0]!).toBeLessThan(0);
    expect(moods.at(-1)!).toBeGreaterThan(0.5);
    // How the conversations felt: the touchpoint temperature the dashboard shows beside CSAT.
    const { temperature } = summary;
    expect(temperature.count).toBe(seed.conversations);
    expect(temperature.cold + temperature.cool + temperature.warm).toBe(seed.conversations);
    expect(temperature.average).toBeCloseTo(seed.temperatures.reduce((a, b) => a + b, 0) / seed.temperatures.length, 3);
    expect(temperature.warm).toBe(seed.temperatures.filter((score) => score >= 0.25).length);
    expect(temperature.warm).toBeGreaterThan(0);
  });

  it('shows each agent: the chats they took, how customers rated them, how fast they answered', async () => {
    const { analytics, seed } = await seeded();
    const { agents } = await analytics.summary({ from: '2026-03-01T00:00:00.000Z', to: '2026-03-14T23:59:59.999Z' });
    const chats = Array.from({ length: seed.escalated }, (_, n) => n);
    const mei = chats.filter((n) => n % 2 === 0);
    const ravi = chats.filter((n) => n % 2 === 1);
    expect(agents).toEqual([
      { agentId: 'mei', name: 'Mei', chats: mei.length, passedOn: 0, rating: { count: mei.filter((n) => n % 3 === 0).length, average: 5, median: 5 }, firstResponseSeconds: { count: mei.length, average: 45, median: 45 } },
      { agentId: 'ravi', name: 'Ravi', chats: ravi.length, passedOn: 0, rating: { count: ravi.filter((n) => n % 3 === 0).length, average: 3, median: 3 }, firstResponseSeconds: { count: ravi.length, average: 45, median: 45 } },
    ]);
  });

  it('counts a chat passed from one agent to another for both, each timed from when it became theirs; signing out is not passing on', async () => {
    const { analytics, storage } = await seeded();
    const at = (seconds: number) => new Date(Date.parse('2026-03-14T10:00:00.000Z') + seconds * 1000).toISOString();
    const says = (n: number, agent: string, seconds: number) =>
      storage.transcripts.append('passed', { id: `passed-${n}`, type: 'message', timestamp: at(seconds), from: { id: `agent_${agent}`, role: 'bot' }, channelData: { parley: { sender: 'agent' } }, text: 'Hello' });
    // Carol claims at 10 s and signs out at 20 s without a word; Alice takes it at 25 s and answers
    // at 40 s, passes it to Bob at 100 s; Bob answers at 130 s and the customer rates the chat 4.
    await storage.collection<any>('conversations').put({
      id: 'passed',
      userId: 'u-passed',
      customerId: 'c-passed',
      createdAt: at(-60),
      startedAt: at(-60),
      status: 'closed',
      handoff: {
        reason: 'customer_asked',
        requestedAt: at(0),
        priority: 'normal',
        heldBefore: [
          { id: 'carol', name: 'Carol', claimedAt: at(10), passedAt: at(20), left: true },
          { id: 'alice', name: 'Alice', claimedAt: at(25), passedAt: at(100) },
        ],
        passedAt: at(100),
        passedBy: { id: 'alice', name: 'Alice' },
        agentId: 'bob',
        agentName: 'Bob',
        claimedAt: at(100),
        endedAt: at(200),
        rating: { score: 4, at: at(210) },
      },
    });
    await storage.transcripts.append('passed', { id: 'passed-0', type: 'message', timestamp: at(-1), from: { id: 'u-passed', role: 'user' }, text: 'I want a person' });
    await says(1, 'alice', 40);
    await says(2, 'bob', 130);
    const { agents } = await analytics.summary({ from: '2026-03-01T00:00:00.000Z', to: '2026-03-14T23:59:59.999Z' });
    const of = (agentId: string) => agents.find((agent) => agent.agentId === agentId);
    expect(of('carol')).toMatchObject({ chats: 1, passedOn: 0, firstResponseSeconds: { count: 0 }, rating: { count: 0 } });
    // Alice's chat was hers from Carol's leaving (20 s); Bob's from Alice's pass (100 s).
    expect(of('alice')).toMatchObject({ chats: 1, passedOn: 1, firstResponseSeconds: { count: 1, median: 20 }, rating: { count: 0 } });
    expect(of('bob')).toMatchObject({ chats: 1, passedOn: 0, firstResponseSeconds: { count: 1, median: 30 }, rating: { count: 1, average: 4 } });
  });

  it('counts what happens in a conversation after an earlier summary: settled facts are kept only until a line is added', async () => {
    const { analytics, seed, storage } = await seeded();
    const log = new ConversationLog(storage.transcripts, () => new Date(END - 3_600_000));
    log.onChange((conversationId) => analytics.changed(conversationId));
    const range = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-14T23:59:59.999Z' };
    expect((await analytics.summary(range)).botResponseMs.count).toBe(seed.conversations);

    // A customer comes back to a two-week-old conversation and the bot answers.
    const question = await log.append('seed-1-0', { type: 'message', from: { id: 'u-seed-1-0', role: 'user' }, text: 'is it shipped yet?' } as never);
    await log.append('seed-1-0', { type: 'message', from: { id: 'bot', role: 'bot' }, replyToId: question.id, text: 'Yes, yesterday.' } as never);
    expect((await analytics.summary(range)).botResponseMs.count).toBe(seed.conversations + 1);
  });

  it('does not keep what it read of a conversation that changed while it was reading', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let readStarted = () => {};
    const reading = new Promise<void>((resolve) => (readStarted = resolve));
    // This transcript is read, then its reader is held up while the customer writes.
    const { analytics, seed, storage } = await seeded((store) => ({
      read: async (id) => {
        const lines = await store.transcripts.read(id);
        if (id === 'seed-1-0') {
          readStarted();
          await held;
        }
        return lines;
      },
    }));
    const log = new ConversationLog(storage.transcripts, () => new Date(END - 3_600_000));
    log.onChange((conversationId) => analytics.changed(conversationId));
    const range = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-14T23:59:59.999Z' };
    const first = analytics.summary(range);
    await reading;
    const question = await log.append('seed-1-0', { type: 'message', from: { id: 'u-seed-1-0', role: 'user' }, text: 'is it shipped yet?' } as never);
    await log.append('seed-1-0', { type: 'message', from: { id: 'bot', role: 'bot' }, replyToId: question.id, text: 'Yes, yesterday.' } as never);
    release();
    expect((await first).botResponseMs.count).toBe(seed.conversations);
    expect((await analytics.summary(range)).botResponseMs.count).toBe(seed.conversations + 1);
  });

  it('counts only what happened in the range, and overdue tickets by the injected clock', async () => {
    const { analytics } = await seeded();
    const lastDay = await analytics.summary({ from: '2026-03-14T00:00:00.000Z', to: '2026-03-14T23:59:59.999Z' });
    expect(lastDay.conversations.total).toBe(3);
    expect(lastDay.tickets).toMatchObject({ total: 1, byStatus: { in_progress: 1 }, overdue: 0 });
    const older = await analytics.summary({ from: '2026-03-10T00:00:00.000Z', to: '2026-03-11T23:59:59.999Z' });
    // The open and the in-progress ticket of March 10 and 11 were due two days later: overdue by March 15.
    expect(older.tickets.overdue).toBe(2);
  });
});
