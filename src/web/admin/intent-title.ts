import { t, uiLanguage } from './i18n.js';
import type { Intent } from './types.js';

/** The intent of off-topic examples, never answered (OUT_OF_SCOPE_INTENT of src/nlu/recognizer.ts). */
export const OFF_TOPIC_INTENT = 'oos';

/**
 * What an admin reads for an intent: its button label in the page's language — the words
 * customers see — else the other language's, else its name (`welcome` has no label). The
 * off-topic examples read as what they are.
 */
export function intentTitle(intent: Pick<Intent, 'name' | 'title'>): string {
  const language = uiLanguage();
  return intent.title?.[language] || intent.title?.[language === 'zh' ? 'en' : 'zh'] || (intent.name === OFF_TOPIC_INTENT ? t('offTopicTitle') : intent.name);
}

/** Name → title for the draft's intents; a name the draft lacks (deleted meanwhile) reads as itself. */
export function titlesOf(intents: readonly Pick<Intent, 'name' | 'title'>[]): (name: string) => string {
  const titles = new Map(intents.map((intent) => [intent.name, intentTitle(intent)]));
  return (name) => titles.get(name) ?? name;
}

/** Intents in the order an admin scans them: by category, then by title in the page's language. */
export function byCategoryAndTitle(a: Pick<Intent, 'name' | 'title' | 'category'>, b: Pick<Intent, 'name' | 'title' | 'category'>): number {
  const locale = uiLanguage() === 'zh' ? 'zh-CN' : 'en';
  return a.category.localeCompare(b.category) || intentTitle(a).localeCompare(intentTitle(b), locale);
}
