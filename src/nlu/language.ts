import type { Language } from './types.js';

const han = /\p{Script=Han}/gu;
const latinWord = /[a-z]{2,}/gi;

/**
 * Chinese or English, from the script the message is written in. A message counts as
 * Chinese when Han characters carry at least as much of it as Latin words do, so
 * "我的order到了吗" is Chinese and "refund 退款 status please" is English.
 * A Han character weighs as much as a Latin word of about two letters.
 */
export function detectLanguage(text: string): Language {
  const hanCount = text.match(han)?.length ?? 0;
  if (hanCount === 0) return 'en';
  const latinLetters = (text.match(latinWord) ?? []).reduce((sum, word) => sum + word.length, 0);
  return hanCount * 2 >= latinLetters * 0.5 ? 'zh' : 'en';
}

/** The BCP-47 locale the bot answers with for a language. */
export function localeOf(language: Language): string {
  return language === 'zh' ? 'zh-CN' : 'en-US';
}

/** The language of a BCP-47 locale such as `zh-CN`, `zh-TW` or `en-GB`; English by default. */
export function languageOfLocale(locale: string | undefined): Language {
  return locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
