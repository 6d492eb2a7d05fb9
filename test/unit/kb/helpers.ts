import type { Intent } from '../../../src/kb/index.js';
import { createKnowledgeServices } from '../../../src/kb/index.js';
import { detectLanguage } from '../../../src/nlu/index.js';
import { createMemoryStorage } from '../../../src/storage/index.js';
import { miniStore } from '../nlu/helpers.js';
import path from 'node:path';

/** The mini store as a knowledge base: 9 examples per language to train on, 3 held out as the check set. */
export function miniStoreIntents(): Intent[] {
  const byIntent = new Map<string, { en: string[]; zh: string[] }>();
  for (const { text, intent } of miniStore()) {
    const lists = byIntent.get(intent) ?? { en: [], zh: [] };
    lists[detectLanguage(text)].push(text);
    byIntent.set(intent, lists);
  }
  return [...byIntent].map(([name, { en, zh }]) => ({
    name,
    category: 'store',
    utterances: { en: en.slice(0, 9), zh: zh.slice(0, 9) },
    answers: { en: [`Answer about ${name}.`], zh: [`关于${name}的回答。`] },
    check: { en: en.slice(9), zh: zh.slice(9) },
  }));
}

/** A fixed clock that moves one minute per reading, so "when" is known and ordered. */
export function steppingClock(start = '2026-03-01T09:00:00.000Z'): () => Date {
  let at = Date.parse(start);
  return () => new Date((at += 60_000));
}

/** The knowledge module on memory storage, trained in this thread, seeded with the mini store. */
export async function openKnowledge(options: { storage?: ReturnType<typeof createMemoryStorage>; modelDir?: string; seed?: Intent[] } = {}) {
  const storage = options.storage ?? createMemoryStorage();
  const modelDir = options.modelDir ?? path.resolve(import.meta.dirname, '..', '..', '.tmp', 'kb-models');
  const services = await createKnowledgeServices({ storage, seed: async () => options.seed ?? miniStoreIntents(), modelDir, trainIn: 'inline', clock: steppingClock() });
  return { ...services, storage, modelDir };
}

export const giftCards: Intent = {
  name: 'gift_cards',
  category: 'payments',
  utterances: {
    en: ['do you sell gift cards', 'can I buy a gift card', 'gift card for a friend', 'i want a voucher as a present'],
    zh: ['你们有礼品卡吗', '怎么买礼品卡', '我想送朋友礼品卡'],
  },
  answers: { en: ['Gift cards are on the gift page.'], zh: ['礼品卡在礼品页购买。'] },
};
