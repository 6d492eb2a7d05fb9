import { describe, expect, it } from 'vitest';
import { groupQuestions, type UnansweredQuestion } from '../../../src/kb/index.js';
import { ANSWER_RULE } from '../../../src/nlu/index.js';
import { openKnowledge } from './helpers.js';

const question = (id: string, text: string, language: 'en' | 'zh' = 'en'): UnansweredQuestion => ({
  id,
  text,
  language,
  at: `2026-03-01T09:0${id}:00.000Z`,
  conversationId: 'c1',
  kind: 'fallback',
  bestGuesses: [{ intent: 'refund', score: 0.3 }],
  status: 'new',
});

describe('what the bot missed', () => {
  it('groups similar questions with counts, the most frequent first', () => {
    const groups = groupQuestions([
      question('1', 'do you ship to mars'),
      question('2', 'can you ship to mars?'),
      question('3', 'opening hours'),
      question('4', 'do you ship to Mars'),
      question('5', '你们送货到火星吗', 'zh'),
      question('6', '送货到火星吗', 'zh'),
    ]);
    expect(groups.map((group) => [group.text, group.count])).toEqual([
      ['do you ship to mars', 3],
      ['你们送货到火星吗', 2],
      ['opening hours', 1],
    ]);
    expect(groups[0]!.bestGuesses).toEqual([{ intent: 'refund', score: 0.3 }]);
  });

  it('offers the best guess first only when the bot would have answered with it: a 0.01 guess is no suggestion', () => {
    const guessed = (id: string, text: string, score: number): UnansweredQuestion => ({ ...question(id, text), bestGuesses: [{ intent: 'refund', score }, { intent: 'payment', score: score / 2 }] });
    const suggested = (questions: UnansweredQuestion[]) => groupQuestions(questions).map((group) => [group.text, group.suggestedIntent]);
    expect(suggested([guessed('1', 'zorblax refund', 0.01)])).toEqual([['zorblax refund', null]]);
    expect(suggested([guessed('1', 'money back maybe', ANSWER_RULE.answerFloor - 0.01)])).toEqual([['money back maybe', null]]);
    expect(suggested([guessed('1', 'money back please', ANSWER_RULE.answerFloor)])).toEqual([['money back please', 'refund']]);
    // A group's guesses are averaged over its questions: one sure and one lost are not sure together.
    expect(suggested([guessed('1', 'refund my order', 0.9), guessed('2', 'refund my order?', 0.02)])).toEqual([['refund my order', null]]);
  });

  it('a thumbs-down on an answer puts its question up for review', async () => {
    const { feedback, unanswered, storage } = await openKnowledge();
    await storage.transcripts.append('c1', { id: '0', type: 'message', text: 'I want my money back', from: { id: 'u', role: 'user' } });
    await storage.transcripts.append('c1', { id: '1', type: 'message', text: 'Answer about refund.', replyToId: '0', from: { id: 'bot', role: 'bot' }, channelData: { parley: { answer: 'refund' } } });
    await storage.transcripts.append('c1', { id: '2', type: 'message', text: 'Which order is this about?', replyToId: '0', from: { id: 'bot', role: 'bot' } });

    // Not the bot's, or not an answer: nothing recorded.
    expect(await feedback.record({ conversationId: 'c1', activityId: '0', helpful: false })).toBeUndefined();
    expect(await feedback.record({ conversationId: 'c1', activityId: '2', helpful: false })).toBeUndefined();
    await feedback.record({ conversationId: 'c1', activityId: '1', helpful: false });
    const [group] = await unanswered.groups();
    expect(group).toMatchObject({ text: 'I want my money back', kinds: { unhelpful: 1 } });
    expect(group!.bestGuesses[0]!.intent).toBe('refund');
    expect(await feedback.list()).toEqual([expect.objectContaining({ activityId: '1', helpful: false })]);
  });

  it('adding a question as an example puts it in the draft and takes it off the list', async () => {
    const { knowledge, unanswered } = await openKnowledge();
    const stored = (await unanswered.record({ text: 'money back now', language: 'en', conversationId: 'c1', kind: 'fallback', bestGuesses: [] }))!;
    await knowledge.addExample('refund', 'en', stored.text, 'ann@example.com');
    await unanswered.review([stored.id], 'added', 'ann@example.com', { intent: 'refund', language: 'en', text: stored.text });

    expect((await knowledge.intentsOf('draft')).find((intent) => intent.name === 'refund')!.utterances.en).toContain('money back now');
    expect(await unanswered.groups()).toEqual([]);
    expect((await unanswered.groups('added'))[0]).toMatchObject({ text: 'money back now', example: { intent: 'refund', state: 'draft' } });
  });

  it('an added question follows its example: under review again after a rollback took it out, added again when a publish brings it back, nothing rewritten', async () => {
    const { knowledge, unanswered } = await openKnowledge();
    const asked = (text: string) => unanswered.record({ text, language: 'en', conversationId: 'c1', kind: 'fallback', bestGuesses: [] });
    const first = (await asked('money back now'))!;
    const variant = (await asked('money back now!!'))!;
    await knowledge.addExample('refund', 'en', first.text, 'ann@example.com');
    await unanswered.review([first.id, variant.id], 'added', 'ann@example.com', { intent: 'refund', language: 'en', text: first.text });
    const stored = await unanswered.get(first.id);
    const texts = async (status: 'new' | 'added') => (await unanswered.groups(status)).map((group) => [group.text, group.count, group.example]);

    await knowledge.publish({ who: 'ann@example.com' });
    expect(await texts('added')).toEqual([['money back now', 2, { intent: 'refund', state: 'published' }]]);

    // Version 1 had no such example: the questions are to review again, saying what happened.
    await knowledge.restore(1, 'ann@example.com');
    expect(await texts('added')).toEqual([]);
    expect(await texts('new')).toEqual([['money back now', 2, { intent: 'refund', state: 'gone' }]]);
    expect(await unanswered.get(first.id)).toEqual(stored);

    // Version 2 again: the example is live, the questions added.
    await knowledge.restore(2, 'ann@example.com');
    expect(await texts('new')).toEqual([]);
    expect(await texts('added')).toEqual([['money back now', 2, { intent: 'refund', state: 'published' }]]);
  });

  it('keeps no message without a word in it: there is nothing to add as an example', async () => {
    const { unanswered } = await openKnowledge();
    for (const text of ['👍', '???', '1048213', '  ']) expect(await unanswered.record({ text, language: 'en', conversationId: 'c1', kind: 'fallback', bestGuesses: [] })).toBeUndefined();
    await unanswered.record({ text: '发票?', language: 'zh', conversationId: 'c1', kind: 'fallback', bestGuesses: [] });
    expect((await unanswered.groups()).map((group) => group.text)).toEqual(['发票?']);
  });
});
