import { touchpointTemperature } from '../../../src/customers/index.js';
import type { Identified, Storage } from '../../../src/storage/index.js';

type Row = Identified & Record<string, unknown>;

const DAY = 86_400_000;
const iso = (at: number) => new Date(at).toISOString();

/**
 * Two weeks of service, written where the modules keep it: conversations, their insights,
 * what the bot understood each turn, transcripts, tickets and unanswered questions.
 * Day d (1…14 before `end`) has d % 4 + 2 conversations; every third is escalated to an agent
 * (Mei and Ravi by turns) who answers after 45 s, and every third of those chats is rated; moods drift from negative to positive; every conversation has one
 * fallback turn out of three.
 */
/** Escalated chats alternate between two agents: Mei answers after 45 s, Ravi after 45 s too. */
const agentOf = (n: number) => (n % 2 === 0 ? { agentId: 'mei', agentName: 'Mei' } : { agentId: 'ravi', agentName: 'Ravi' });
/** Every third escalated chat was rated by the customer: Mei's 5, Ravi's 3. */
const ratingOf = (n: number, start: number) => (n % 3 === 0 ? { endedAt: iso(start + 600_000), rating: { score: n % 2 === 0 ? 5 : 3, at: iso(start + 610_000) } } : {});

export async function seedHistory(
  storage: Pick<Storage, 'collection' | 'keyValue' | 'transcripts'>,
  end: number,
): Promise<{ conversations: number; escalated: number; temperatures: number[] }> {
  const temperatures: number[] = [];
  const intents = ['order_status', 'order_status', 'return_item', 'shipping_time', 'refund_status'];
  let conversations = 0;
  let escalated = 0;
  for (let day = 14; day >= 1; day--) {
    for (let k = 0; k < (day % 4) + 2; k++) {
      const start = end - day * DAY + k * 3_600_000;
      const id = `seed-${day}-${k}`;
      const isEscalated = conversations % 3 === 0;
      const requestedAt = iso(start + 120_000);
      await storage.collection<Row>('conversations').put({
        id,
        userId: `u-${id}`,
        customerId: `c-${id}`,
        createdAt: iso(start),
        startedAt: iso(start),
        status: isEscalated ? 'closed' : 'bot',
        ...(isEscalated ? { handoff: { reason: 'customer_asked', requestedAt, priority: 'normal', claimedAt: iso(start + 150_000), ...agentOf(escalated), ...ratingOf(escalated, start) } } : {}),
      });
      const mood = -0.6 + (14 - day) * 0.09;
      const temperature = touchpointTemperature(mood, { turns: 3, answered: 2, fallbacks: 1, escalated: isEscalated, waitedSeconds: isEscalated ? 30 : 0 });
      temperatures.push(temperature.score);
      await storage.keyValue('customer-insights').set(id, { conversationId: id, turns: 3, fallbacks: 1, escalated: isEscalated, mood, startedAt: iso(start), temperature });
      await storage.keyValue('analytics-turns').set(id, {
        turns: [
          { at: iso(start + 1000), language: 'en', intent: intents[(day + k) % intents.length], decision: 'answer' },
          { at: iso(start + 2000), language: 'zh', intent: intents[(day * k) % intents.length], decision: 'answer' },
          { at: iso(start + 3000), language: 'en', intent: null, decision: 'fallback' },
        ],
      });
      await storage.transcripts.append(id, { id: `${id}-q`, type: 'message', timestamp: iso(start + 1000), from: { id: 'u', role: 'user' }, text: 'where is my order' });
      await storage.transcripts.append(id, { id: `${id}-a`, type: 'message', timestamp: iso(start + 1040), from: { id: 'parley', role: 'bot' }, replyToId: `${id}-q`, text: 'It is on its way.' });
      if (isEscalated) {
        const agent = agentOf(escalated);
        await storage.transcripts.append(id, { id: `${id}-h`, type: 'message', timestamp: iso(start + 165_000), from: { id: `agent_${agent.agentId}`, name: agent.agentName, role: 'bot' }, channelData: { parley: { sender: 'agent' } }, text: `Hi, I am ${agent.agentName}.` });
        escalated += 1;
      }
      conversations += 1;
    }
    const status = ['open', 'in_progress', 'resolved', 'closed'][day % 4]!;
    const createdAt = end - day * DAY;
    await storage.collection<Row>('tickets').put({
      id: `T-${1000 + day}`,
      status,
      category: ['delivery', 'product_quality', 'refund_billing'][day % 3],
      createdAt: iso(createdAt),
      dueAt: iso(createdAt + 2 * DAY),
      resolvedAt: status === 'resolved' || status === 'closed' ? iso(createdAt + 6 * 3_600_000) : null,
      overdueAt: null,
      csat: status === 'closed' ? { score: (day % 5) + 1, comment: null, at: iso(createdAt + 7 * 3_600_000) } : null,
    });
    await storage.collection<Row>('unanswered').put({ id: `q-${day}`, text: day % 2 ? 'do you sell gift wrapping' : 'do you sell gift wrap', language: 'en', at: iso(end - day * DAY), conversationId: `seed-${day}-0`, kind: 'fallback', bestGuesses: [], status: 'new' });
  }
  return { conversations, escalated, temperatures };
}
