import { describe, expect, it } from 'vitest';
import { createKnowledgeServices, InvalidKnowledgeError } from '../../../src/kb/index.js';
import { giftCards, miniStoreIntents, openKnowledge, steppingClock } from './helpers.js';

describe('knowledge versions', () => {
  it('stores KNOWLEDGE_DIR as version 1 on the first start, by the system', async () => {
    const { knowledge, runtime } = await openKnowledge();
    expect(runtime.current().version).toBe(1);
    const [v1] = await knowledge.versions();
    expect(v1).toMatchObject({ number: 1, by: 'system', current: true, intentCount: 6 });
    expect((await knowledge.audit())[0]).toMatchObject({ who: 'system', action: 'knowledge.seeded' });
  });

  it('keeps draft edits away from customers until a publish swaps them in', async () => {
    const { knowledge, runtime } = await openKnowledge();
    await knowledge.saveIntent('gift_cards', giftCards, 'ann@example.com');
    expect(runtime.current().intents.has('gift_cards')).toBe(false);
    expect(runtime.current().recognizer.recognize('do you sell gift cards').intent).not.toBe('gift_cards');

    const result = await knowledge.publish({ who: 'ann@example.com', note: 'gift cards' });
    expect(result.version).toMatchObject({ number: 2, by: 'ann@example.com', note: 'gift cards', summary: '1 added (gift_cards)' });
    expect(runtime.current().version).toBe(2);
    expect(runtime.current().recognizer.recognize('can I buy a gift card').intent).toBe('gift_cards');
  });

  it('refuses to publish a draft with no changes', async () => {
    const { knowledge } = await openKnowledge();
    await expect(knowledge.publish({ who: 'ann@example.com' })).rejects.toMatchObject({ status: 409, code: 'nothing_to_publish' });
  });

  it('after a restart, serves the latest published version and keeps the draft', async () => {
    const first = await openKnowledge();
    await first.knowledge.saveIntent('gift_cards', giftCards, 'ann@example.com');
    await first.knowledge.publish({ who: 'ann@example.com' });
    await first.knowledge.deleteIntent('greeting', 'ann@example.com');

    const again = await createKnowledgeServices({ storage: first.storage, seed: async () => [], modelDir: first.modelDir, trainIn: 'inline', clock: steppingClock() });
    expect(again.runtime.current().version).toBe(2);
    expect(again.runtime.current().intents.has('gift_cards')).toBe(true);
    expect((await again.knowledge.draft()).changes.removed).toEqual(['greeting']);
  });

  it('diffs two versions: intents added, removed, and the utterances changed', async () => {
    const { knowledge } = await openKnowledge();
    const refund = miniStoreIntents().find((intent) => intent.name === 'refund')!;
    await knowledge.saveIntent('refund', { ...refund, utterances: { ...refund.utterances, en: [...refund.utterances.en, 'money back please'] } }, 'ann@example.com');
    await knowledge.saveIntent('gift_cards', giftCards, 'ann@example.com');
    await knowledge.deleteIntent('greeting', 'ann@example.com');
    await knowledge.publish({ who: 'ann@example.com' });

    const diff = await knowledge.diff(1, 2);
    expect(diff.added).toEqual(['gift_cards']);
    expect(diff.removed).toEqual(['greeting']);
    expect(diff.changed).toEqual([{ name: 'refund', fields: ['utterances'], utterancesAdded: ['money back please'], utterancesRemoved: [] }]);
  });

  it('restores an old version as a new version, for customers and the draft', async () => {
    const { knowledge, runtime } = await openKnowledge();
    await knowledge.saveIntent('gift_cards', giftCards, 'ann@example.com');
    await knowledge.publish({ who: 'ann@example.com' });

    const restored = await knowledge.restore(1, 'bob@example.com');
    expect(restored.version).toMatchObject({ number: 3, restoredFrom: 1, by: 'bob@example.com', summary: '1 removed (gift_cards)' });
    expect(runtime.current().version).toBe(3);
    expect(runtime.current().intents.has('gift_cards')).toBe(false);
    expect((await knowledge.draft()).intents.map((intent) => intent.name)).not.toContain('gift_cards');
    expect((await knowledge.versions()).map((version) => [version.number, version.current])).toEqual([[3, true], [2, false], [1, false]]);
    await expect(knowledge.restore(9, 'bob@example.com')).rejects.toMatchObject({ status: 404 });
  });

  it('names every invalid field of an intent, as the loader does', async () => {
    const { knowledge } = await openKnowledge();
    const error = await knowledge.saveIntent('gift_cards', { ...giftCards, answers: { en: [], zh: ['好'] }, utterances: { en: ['ok', ' '], zh: [] } }, 'ann@example.com').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidKnowledgeError);
    expect((error as InvalidKnowledgeError).fields).toEqual([
      { path: 'utterances.en.1', message: 'must not be empty', code: 'empty' },
      { path: 'answers.en', message: 'needs at least one answer', code: 'too_few', limit: 1 },
    ]);
  });

  it('renames an intent, and will not rename onto another', async () => {
    const { knowledge } = await openKnowledge();
    const refund = (await knowledge.draft()).intents.find((intent) => intent.name === 'refund')!;
    await knowledge.saveIntent('refund', { ...refund, name: 'refund_request' }, 'ann@example.com');
    expect((await knowledge.draft()).changes).toMatchObject({ added: ['refund_request'], removed: ['refund'] });
    await expect(knowledge.saveIntent('refund_request', { ...refund, name: 'greeting' }, 'ann@example.com')).rejects.toMatchObject({ status: 409, code: 'intent_exists' });
  });
});
