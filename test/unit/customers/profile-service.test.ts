import { describe, expect, it } from 'vitest';
import {
  type CustomerProfile,
  type CustomerTurn,
  InsightStore,
  ProfileService,
  ProfileStore,
} from '../../../src/customers/index.js';
import { createMemoryStorage } from '../../../src/storage/index.js';
import type { Collection } from '../../../src/storage/index.js';
import { NOW } from './helpers.js';

/** A collection that counts writes, to show profiles are written in batches. */
function counting(inner: Collection<CustomerProfile>) {
  const counter = { puts: 0 };
  const collection: Collection<CustomerProfile> = {
    get: (id) => inner.get(id),
    all: () => inner.all(),
    filter: (wanted) => inner.filter(wanted),
    put: async (item) => {
      counter.puts += 1;
      await inner.put(item);
    },
    delete: (id) => inner.delete(id),
    deleteMany: (ids) => inner.deleteMany(ids),
    purge: () => inner.purge(),
  };
  return { collection, counter };
}

function setup(clock: () => Date = () => NOW) {
  const storage = createMemoryStorage();
  const { collection, counter } = counting(storage.collection<CustomerProfile>('customers'));
  const store = new ProfileStore(collection, 60_000);
  const insights = new InsightStore(storage.keyValue('customer-insights'));
  const profiles = new ProfileService({ profiles: store, insights, conversationIdsOf: async () => ['conv1'], clock });
  return { profiles, collection, counter, insights };
}

const turn = (score: number, change: Partial<CustomerTurn> = {}): CustomerTurn => ({
  conversationId: 'conv1',
  customerId: 'cu_ann',
  activityId: `conv1|${Math.random()}`,
  sentiment: { score, label: score <= -0.25 ? 'negative' : score >= 0.25 ? 'positive' : 'neutral' },
  outcome: 'answered',
  complaint: false,
  cancelRequest: false,
  ...change,
});

describe('customer profiles', () => {
  it('without consent keeps no profile and no per-message scores, only the conversation mood', async () => {
    const { profiles } = setup();
    const insight = await profiles.recordTurn(turn(-0.8, { outcome: 'fallback' }));
    expect(await profiles.get('cu_ann')).toBeUndefined();
    expect(insight.messages).toEqual([]);
    expect(insight.mood).toBe(-0.8);
    expect(insight.temperature.label).toBe('cold');
  });

  it('with consent builds sentiment history, a rolling score, contacts, complaints and cancel requests', async () => {
    const { profiles } = setup();
    await profiles.setConsent('cu_ann', true);
    await profiles.recordTurn(turn(0));
    await profiles.recordTurn(turn(-0.7, { complaint: true, outcome: 'dialog' }));
    const insight = await profiles.recordTurn(turn(-0.9, { cancelRequest: true }));
    const profile = (await profiles.get('cu_ann'))!;
    expect(profile.sentiment.map((point) => point.score)).toEqual([0, -0.7, -0.9]);
    expect(profile.rolling).toBeLessThan(-0.3);
    expect(profile.complaints).toEqual([{ at: NOW.toISOString(), conversationId: 'conv1' }]);
    expect(profile.cancelRequests).toHaveLength(1);
    expect(profile.contacts).toEqual([{ conversationId: 'conv1', startedAt: NOW.toISOString(), lastAt: NOW.toISOString(), temperature: insight.temperature.score }]);
    expect(insight.messages.map((message) => message.label)).toEqual(['neutral', 'negative', 'negative']);
  });

  it('counts a complaint once per conversation, whether from the chat or the ticket it led to', async () => {
    const { profiles } = setup();
    await profiles.setConsent('cu_ann', true);
    await profiles.recordTurn(turn(-0.6, { complaint: true, outcome: 'dialog' }));
    await profiles.recordComplaint('cu_ann', 'conv1', 'T-1001');
    await profiles.recordComplaint('cu_ann', 'conv2', 'T-1002');
    expect((await profiles.get('cu_ann'))?.complaints).toEqual([
      { at: NOW.toISOString(), conversationId: 'conv1', ticketId: 'T-1001' },
      { at: NOW.toISOString(), conversationId: 'conv2', ticketId: 'T-1002' },
    ]);
  });

  it('counts a second ticket in a conversation the customer came back to as a second complaint, and a repeated mention that day as none', async () => {
    let now = NOW;
    const { profiles } = setup(() => now);
    await profiles.setConsent('cu_ann', true);
    await profiles.recordTurn(turn(-0.6, { complaint: true, outcome: 'dialog' }));
    await profiles.recordComplaint('cu_ann', 'conv1', 'T-1001');
    await profiles.recordTurn(turn(-0.6, { complaint: true, outcome: 'dialog' }));
    await profiles.recordComplaint('cu_ann', 'conv1', 'T-1001');
    expect((await profiles.get('cu_ann'))?.complaints).toHaveLength(1);
    // The next day, back in the same conversation (the widget resumes it), a new problem.
    now = new Date(NOW.getTime() + 26 * 3_600_000);
    await profiles.recordTurn(turn(-0.7, { complaint: true, outcome: 'dialog' }));
    await profiles.recordComplaint('cu_ann', 'conv1', 'T-1002');
    expect((await profiles.get('cu_ann'))?.complaints.map((each) => each.ticketId)).toEqual(['T-1001', 'T-1002']);
    // A ticket an agent files from the same chat, with no complaint words, counts too.
    await profiles.recordComplaint('cu_ann', 'conv1', 'T-1003');
    expect((await profiles.get('cu_ann'))?.complaints).toHaveLength(3);
  });

  it('counts a visit as a contact: the same conversation resumed the next day is a second contact, a pause of minutes is not', async () => {
    let now = NOW;
    const { profiles } = setup(() => now);
    await profiles.setConsent('cu_ann', true);
    await profiles.recordTurn(turn(0));
    now = new Date(NOW.getTime() + 10 * 60_000);
    await profiles.recordTurn(turn(0.2));
    expect((await profiles.get('cu_ann'))?.contacts.map((contact) => [contact.startedAt, contact.lastAt])).toEqual([[NOW.toISOString(), now.toISOString()]]);
    // Tomorrow, back in the conversation the widget kept.
    const tomorrow = new Date(NOW.getTime() + 26 * 3_600_000);
    now = tomorrow;
    await profiles.recordTurn(turn(-0.3));
    const contacts = (await profiles.get('cu_ann'))!.contacts;
    expect(contacts.map((contact) => [contact.conversationId, contact.startedAt])).toEqual([
      ['conv1', NOW.toISOString()],
      ['conv1', tomorrow.toISOString()],
    ]);
  });

  it('loses nothing when a customer writes in two tabs at once and a ticket is filed meanwhile', async () => {
    const { profiles } = setup();
    await profiles.setConsent('cu_ann', true);
    await Promise.all([
      profiles.recordTurn(turn(-0.2, { conversationId: 'tab1' })),
      profiles.recordTurn(turn(-0.4, { conversationId: 'tab2' })),
      profiles.recordComplaint('cu_ann', 'tab3', 'T-1003'),
      profiles.recordTurn(turn(-0.6, { conversationId: 'tab1' })),
    ]);
    const profile = (await profiles.get('cu_ann'))!;
    expect(profile.sentiment.map((point) => point.score).sort((a, b) => a - b)).toEqual([-0.6, -0.4, -0.2]);
    expect(profile.contacts.map((contact) => contact.conversationId).sort()).toEqual(['tab1', 'tab2']);
    expect(profile.complaints).toHaveLength(1);
  });

  it('counts fallbacks in a row, and an answer resets them', async () => {
    const { profiles } = setup();
    expect((await profiles.recordTurn(turn(0, { outcome: 'fallback' }))).fallbacksInARow).toBe(1);
    expect((await profiles.recordTurn(turn(0, { outcome: 'fallback' }))).fallbacksInARow).toBe(2);
    expect((await profiles.recordTurn(turn(0, { outcome: 'answered' }))).fallbacksInARow).toBe(0);
  });

  it('does not rewrite the customers file on every message: changes go out in one batch', async () => {
    const { profiles, collection, counter } = setup();
    await profiles.setConsent('cu_ann', true);
    for (let i = 0; i < 20; i += 1) await profiles.recordTurn(turn(-0.1));
    expect(counter.puts).toBe(0);
    await profiles.flush();
    expect(counter.puts).toBe(1);
    expect((await collection.get('cu_ann'))?.sentiment).toHaveLength(20);
  });

  it('keeps one satisfaction answer per ticket: the comment that follows a score replaces it', async () => {
    const { profiles } = setup();
    await profiles.setConsent('cu_ann', true);
    await profiles.recordCsat('cu_ann', { score: 2, ticketId: 'T-1', conversationId: 'conv1' });
    await profiles.recordCsat('cu_ann', { score: 2, ticketId: 'T-1', conversationId: 'conv1' });
    await profiles.recordCsat('cu_ann', { score: 4, ticketId: 'T-2', conversationId: 'conv1' });
    expect((await profiles.get('cu_ann'))?.csat.map((answer) => [answer.ticketId, answer.score])).toEqual([
      ['T-1', 2],
      ['T-2', 4],
    ]);
  });

  it('lists satisfaction answers still waiting for the batch write, and none of an erased customer', async () => {
    const { profiles, collection } = setup();
    await profiles.setConsent('cu_ann', true);
    await profiles.setConsent('cu_bob', true);
    await profiles.flush();
    await profiles.recordCsat('cu_ann', { score: 2, ticketId: 'T-1' });
    await profiles.recordCsat('cu_bob', { score: 5 });
    expect((await collection.get('cu_ann'))?.csat).toEqual([]);
    expect((await profiles.csatAnswers()).map((answer) => answer.score).sort()).toEqual([2, 5]);
    await profiles.setConsent('cu_bob', false);
    expect(await profiles.csatAnswers()).toEqual([{ at: NOW.toISOString(), score: 2, ticketId: 'T-1' }]);
  });

  it('withdrawing consent removes the profile and the per-message scores', async () => {
    const { profiles, collection, insights } = setup();
    await profiles.setConsent('cu_ann', true);
    await profiles.recordTurn(turn(-0.5));
    await profiles.flush();
    await profiles.setConsent('cu_ann', false);
    await profiles.flush();
    expect(await profiles.get('cu_ann')).toBeUndefined();
    expect(await collection.get('cu_ann')).toBeUndefined();
    expect((await insights.get('conv1'))?.messages).toEqual([]);
  });

  it('keeps a verified identity for when the customer consents; an admin can mark a VIP', async () => {
    const { profiles } = setup();
    await profiles.noteIdentity('cu_ann', { externalId: 'user-42', email: 'ann@example.com', vip: true });
    expect(await profiles.get('cu_ann')).toBeUndefined();
    await profiles.setConsent('cu_ann', true);
    expect(await profiles.get('cu_ann')).toMatchObject({ identity: { externalId: 'user-42', email: 'ann@example.com' }, vip: { by: 'host-site' } });
    await profiles.setVip('cu_ann', false);
    expect((await profiles.get('cu_ann'))?.vip).toBeUndefined();
    await expect(profiles.setVip('cu_nobody', true)).rejects.toMatchObject({ status: 409 });
  });

  it('an escalation and the wait for a human chill the temperature of the conversation', async () => {
    let now = NOW;
    const storage = createMemoryStorage();
    const profiles = new ProfileService({
      profiles: new ProfileStore(storage.collection<CustomerProfile>('customers')),
      insights: new InsightStore(storage.keyValue('customer-insights')),
      conversationIdsOf: async () => [],
      clock: () => now,
    });
    await profiles.recordTurn(turn(0, { outcome: 'answered' }));
    const before = await profiles.recordTurn(turn(0, { outcome: 'fallback' }));
    await profiles.recordEscalation('conv1');
    const escalated = (await profiles.insight('conv1'))!;
    now = new Date(NOW.getTime() + 300_000);
    await profiles.recordWaitOver('conv1');
    const after = (await profiles.insight('conv1'))!;
    expect(escalated.temperature.score).toBeLessThan(before.temperature.score);
    expect(after).toMatchObject({ escalated: true, waitedSeconds: 300 });
    expect(after.waitingSince).toBeUndefined();
    expect(after.temperature.score).toBeLessThan(escalated.temperature.score);
  });
});
