import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import { giftCards, openKnowledge } from './helpers.js';

/** Two admins open the same intent; the second to save has loaded a revision that is gone. */
describe('saving an intent another admin changed meanwhile', () => {
  it('refuses the second save (409 intent_changed) and keeps the first', async () => {
    const { knowledge } = await openKnowledge();
    await knowledge.saveIntent('gift_cards', giftCards, 'ann@example.com');
    const loaded = (await knowledge.draft()).revisions.gift_cards!;

    const ann = await knowledge.saveIntent('gift_cards', { ...giftCards, answers: { en: ["Ann's answer."], zh: ['安的回答。'] } }, 'ann@example.com', { ifRevision: loaded });
    expect(ann.revision).not.toBe(loaded);
    const bob = await knowledge.saveIntent('gift_cards', { ...giftCards, answers: { en: ["Bob's answer."], zh: ['鲍勃的回答。'] } }, 'bob@example.com', { ifRevision: loaded }).catch((error: unknown) => error);
    expect(bob).toBeInstanceOf(AppError);
    expect(bob).toMatchObject({ status: 409, code: 'intent_changed' });
    expect((await knowledge.intentsOf('draft')).find((intent) => intent.name === 'gift_cards')!.answers.en).toEqual(["Ann's answer."]);

    // Loaded again, Bob's save goes through; so does a save that sends no revision at all (API clients).
    const fresh = (await knowledge.draft()).revisions.gift_cards!;
    expect(fresh).toBe(ann.revision);
    await knowledge.saveIntent('gift_cards', { ...giftCards, answers: { en: ["Bob's answer."], zh: ['鲍勃的回答。'] } }, 'bob@example.com', { ifRevision: fresh });
    await knowledge.saveIntent('gift_cards', giftCards, 'carl@example.com');
  });

  it('refuses to delete an intent that changed since it was loaded, and to save one deleted meanwhile', async () => {
    const { knowledge } = await openKnowledge();
    await knowledge.saveIntent('gift_cards', giftCards, 'ann@example.com');
    const loaded = (await knowledge.draft()).revisions.gift_cards!;
    await knowledge.addExample('gift_cards', 'en', 'vouchers please', 'ann@example.com');
    await expect(knowledge.deleteIntent('gift_cards', 'bob@example.com', { ifRevision: loaded })).rejects.toMatchObject({ code: 'intent_changed' });
    await knowledge.deleteIntent('gift_cards', 'ann@example.com');
    await expect(knowledge.saveIntent('gift_cards', giftCards, 'bob@example.com', { ifRevision: loaded })).rejects.toMatchObject({ status: 404 });
    expect((await knowledge.intentsOf('draft')).some((intent) => intent.name === 'gift_cards')).toBe(false);
  });
});
