import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { accuracyWarning } from '../../../src/kb/guard-rails.js';
import { loadKnowledgeDir, structuralWarnings, wrongLanguageWarnings } from '../../../src/kb/index.js';
import { giftCards, miniStoreIntents, openKnowledge } from './helpers.js';

describe('guard rails at publish', () => {
  it('flags an utterance under two intents, thin examples, a missing answer, and too few off-topic examples', () => {
    const intents = miniStoreIntents();
    const refund = intents.find((intent) => intent.name === 'refund')!;
    const thin = { ...giftCards, utterances: { en: ['Where is my order?', 'gift card'], zh: giftCards.utterances.zh }, answers: { en: ['Here.'], zh: [] } };
    const warnings = structuralWarnings([...intents.filter((intent) => intent !== refund), refund, thin]);
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'duplicate_utterance', language: 'en', intents: ['gift_cards', 'order_status'], message: '"where is my order" is an example of gift_cards and order_status' }),
      // The mini store has no `oos` intent at all.
      expect.objectContaining({ code: 'few_out_of_scope', language: 'en', count: 0, min: 10 }),
      expect.objectContaining({ code: 'few_out_of_scope', language: 'zh', count: 0, min: 10 }),
      expect.objectContaining({ code: 'few_examples', intent: 'gift_cards', language: 'en', count: 2, min: 3 }),
      expect.objectContaining({ code: 'missing_answer', intent: 'gift_cards', language: 'zh' }),
    ]);
    const offTopic = { ...giftCards, name: 'oos', utterances: { en: Array.from({ length: 10 }, (_, i) => `off topic ${i}`), zh: ['天气'] } };
    expect(structuralWarnings([...intents, offTopic]).filter((warning) => warning.code === 'few_out_of_scope')).toEqual([expect.objectContaining({ language: 'zh', count: 1 })]);
  });

  it('flags an answer, quick reply, button label or English example written in the other language, and leaves mixed text alone', () => {
    const swapped = {
      ...giftCards,
      utterances: { en: [...giftCards.utterances.en, '礼品卡有吗'], zh: [...giftCards.utterances.zh, 'ok', 'iPhone 礼品卡'] },
      answers: { en: ['礼品卡在礼品页面。'], zh: ['Gift cards are on the gift page.', 'https://shop.example.com/gift', '支持 PayPal 付款。'] },
      quickReplies: { en: ['Check my balance', '查询余额'], zh: ['查询余额'] },
      title: { en: 'Gift cards', zh: 'Gift cards' },
    };
    expect(structuralWarnings([swapped]).filter((warning) => warning.code === 'wrong_language')).toEqual([
      { code: 'wrong_language', intent: 'gift_cards', language: 'en', field: 'utterances', text: '礼品卡有吗', written: 'zh', message: 'the English example "礼品卡有吗" of gift_cards is written in Chinese' },
      expect.objectContaining({ language: 'en', field: 'answers', text: '礼品卡在礼品页面。', written: 'zh' }),
      expect.objectContaining({ language: 'en', field: 'quickReplies', text: '查询余额', written: 'zh' }),
      expect.objectContaining({ language: 'zh', field: 'answers', text: 'Gift cards are on the gift page.', written: 'en', message: 'the Chinese answer "Gift cards are on the gift page." of gift_cards is written in English' }),
      expect.objectContaining({ language: 'zh', field: 'title', text: 'Gift cards', written: 'en' }),
    ]);
  });

  it('finds nothing written in the wrong language in the default knowledge base', async () => {
    const intents = await loadKnowledgeDir(path.resolve(import.meta.dirname, '../../../knowledge'));
    expect(wrongLanguageWarnings(intents)).toEqual([]);
  });

  it('warns with the numbers when the check set gets worse, and a dry run publishes nothing', async () => {
    const { knowledge, runtime } = await openKnowledge();
    const refund = (await knowledge.draft()).intents.find((intent) => intent.name === 'refund')!;
    // Refund's examples replaced by unrelated ones: its held-out questions are now missed.
    await knowledge.saveIntent('refund', { ...refund, utterances: { en: ['blue sky', 'green grass', 'red roses'], zh: ['蓝天', '绿草', '红玫瑰'] } }, 'ann@example.com');

    const dry = await knowledge.publish({ who: 'ann@example.com', dryRun: true });
    const drop = dry.warnings.find((warning) => warning.code === 'accuracy_drop');
    expect(drop).toMatchObject({ total: 36 });
    expect(drop!.code === 'accuracy_drop' && drop!.after < drop!.before).toBe(true);
    expect(drop!.message).toMatch(/^check-set accuracy drops from \d+\.\d% to \d+\.\d% \(\d+ → \d+ of 36 right\)$/);
    // The questions the change broke, the refund ones, not those the published version missed too.
    const missed = drop!.code === 'accuracy_drop' ? drop!.misses : [];
    expect(missed.length).toBeGreaterThan(0);
    expect(missed.every((miss) => miss.expected === 'refund')).toBe(true);
    expect(dry.version).toBeUndefined();
    expect(runtime.current().version).toBe(1);

    const published = await knowledge.publish({ who: 'ann@example.com' });
    expect(published.version!.warnings.map((warning) => warning.code)).toContain('accuracy_drop');
  });

  it('lists under an accuracy drop the questions the change broke, not those the published version missed too', () => {
    const miss = (text: string, expected: string, got: string | null) => ({ text, expected, got });
    const before = { total: 4, correct: 3, accuracy: 0.75, misses: [miss('where is it', 'order_status', null)] };
    const after = { total: 4, correct: 2, accuracy: 0.5, misses: [miss('where is it', 'order_status', null), miss('money back?', 'refund', 'greeting')] };
    expect(accuracyWarning(before, after)).toMatchObject({ code: 'accuracy_drop', misses: [miss('money back?', 'refund', 'greeting')] });
    expect(accuracyWarning(after, before)).toBeUndefined();
  });

  it('warns about a quick reply the bot would not answer, and Try it takes a button label at its word as the bot does', async () => {
    const labelled = { ...giftCards, title: { en: 'Gift cards', zh: '礼品卡' } };
    const intents = miniStoreIntents();
    const refund = intents.find((intent) => intent.name === 'refund')!;
    refund.quickReplies = { en: ['Gift cards', 'zorblax quintessence manifold'], zh: ['礼品卡', '量子引力的弦论解释'] };
    const { knowledge } = await openKnowledge({ seed: [...intents, labelled] });

    const { warnings } = await knowledge.publish({ who: 'ann@example.com', dryRun: true });
    expect(warnings.filter((warning) => warning.code === 'quick_reply_unanswered')).toEqual([
      expect.objectContaining({ intent: 'refund', language: 'en', text: 'zorblax quintessence manifold', decision: 'fallback' }),
      expect.objectContaining({ intent: 'refund', language: 'zh', text: '量子引力的弦论解释', decision: 'fallback' }),
    ]);

    // "Gift cards" is gift_cards' button label: the bot answers it with gift_cards, and Try it says so.
    const tried = await knowledge.tryIt('gift cards');
    expect(tried.draft).toMatchObject({ intent: 'gift_cards', decision: 'answer', matchedBy: 'title', answer: { text: 'Gift cards are on the gift page.' } });
    expect((await knowledge.tryIt('when will my refund arrive')).draft.matchedBy).toBe('recognizer');
  });
});
