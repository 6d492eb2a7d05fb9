import { emailPattern } from './email.js';
import { hasHan } from './normalize.js';
import { scriptOf, traditionalConverter, type ToTraditional } from './traditional.js';
import type { Language } from './types.js';

const han = /\p{Script=Han}/gu;
const latinWord = /[a-z]{2,}/gi;
/** Latin letters that are no language: email addresses and web addresses. */
const addresses = new RegExp(`${emailPattern.source}|(?:https?://|www\\.)[^\\s\\p{Script=Han}]+`, 'gu');

/**
 * Chinese or English, from the script the message is written in. A message counts as
 * Chinese when Han characters carry at least as much of it as Latin words do, so
 * "我的order到了吗" is Chinese and "refund 退款 status please" is English; a Han character
 * weighs as much as a Latin word of about two letters. A message in both scripts where
 * neither carries four times the other ("退款 refund status") follows `hint`, the language
 * the customer's page is in, when there is one; so does a message with no words in either
 * script ("1048213", "👍"), or whose only words are ones Chinese writers use as they are ("ok",
 * "OK!", "thx", "bye"), so a Chinese customer's "ok" is answered in Chinese. Email and web addresses
 * are not English: "我的邮箱是 bob@example.com" is Chinese.
 */
export function detectLanguage(text: string, hint?: Language): Language {
  const hanCount = text.match(han)?.length ?? 0;
  // Most messages have no address: skip the (Unicode-class, slow to compile) pattern for them.
  const words = text.includes('@') || text.includes('http') || text.includes('www.') ? text.replace(addresses, ' ') : text;
  const latinLetters = (words.match(latinWord) ?? []).reduce((sum, word) => sum + word.length, 0);
  if (hanCount === 0) return hint && (latinLetters === 0 || inEveryLanguage(words) || isPinyin(words)) ? hint : 'en';
  const zh = hanCount * 2;
  const en = latinLetters * 0.5;
  if (hint && en > 0 && Math.min(zh, en) * 4 >= Math.max(zh, en)) return hint;
  return zh >= en ? 'zh' : 'en';
}

/**
 * Latin words Chinese writers use as they are, alone ("ok", "hi", "thx", "bye"): a message of
 * nothing else says no language.
 */
const everyLanguageWords = /^(?:ok+|okay|okey|ok ?ok|hi|hello|thx|bye|bye ?bye)$/i;

function inEveryLanguage(text: string): boolean {
  const words = text.match(latinWord) ?? [];
  return words.length > 0 && words.length <= 2 && everyLanguageWords.test(words.join(' '));
}

/** A syllable of pinyin without tone marks: an initial (or none) and a final. */
const pinyinSyllable = /^(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?(?:a|o|e|i|u|v|ai|ei|ao|ou|an|en|ang|eng|ong|er|ia|ie|iao|iu|ian|in|iang|ing|iong|ua|uo|uai|ui|uan|un|uang|ue|ve)$/i;

/**
 * Chinese typed as pinyin, for want of a Chinese keyboard ("wo de ding dan dao na le"): three
 * words or more, every one a syllable. English says no such thing for long ("the", "my",
 * "order" are none); the page's language answers it.
 */
function isPinyin(text: string): boolean {
  const words = text.match(/[a-z]+/gi) ?? [];
  return words.length >= 3 && words.every((word) => pinyinSyllable.test(word));
}

/**
 * The language of a customer's message: its script, the page's locale deciding a message in both
 * scripts; a message without text (a button value, an attachment) follows the locale alone.
 */
export function languageOfMessage(text: string | undefined, locale: string | undefined): Language {
  return text ? detectLanguage(text, localeHint(locale)) : languageOfLocale(locale);
}

/**
 * Whether a message shows which language its writer uses: any Chinese, or a Latin word of two
 * letters or more other than those Chinese writers use too. A score ("9"), a ticket or order
 * number ("T-1001", "48213"), an emoji, an "OK" or a "thx" does not.
 */
export function showsLanguage(text: string | undefined): boolean {
  return !!text && (/\p{Script=Han}/u.test(text) || (/\p{Script=Latin}{2,}/u.test(text) && !inEveryLanguage(text)));
}

/** The language a BCP-47 locale names, or undefined when there is no locale (no hint). */
export function localeHint(locale: string | undefined): Language | undefined {
  return locale ? languageOfLocale(locale) : undefined;
}

/** The BCP-47 locale the bot answers with for a language: `en` or `zh-CN`, as CONTRACT.md gives them. */
export function localeOf(language: Language): string {
  return language === 'zh' ? 'zh-CN' : 'en';
}

/** The language of a BCP-47 locale such as `zh-CN`, `zh-TW` or `en-GB`; English by default. */
export function languageOfLocale(locale: string | undefined): Language {
  return locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

const traditionalLocale = /^zh[-_](tw|hk|mo|hant)\b/i;

/**
 * Whether a customer reads Traditional characters. A message in Chinese says so by how it is
 * written; one that does not tell (a number, English, "好的") keeps what was known, which starts
 * from the page's locale (zh-TW, zh-HK, zh-MO, zh-Hant).
 */
export function writesTraditional(text: string | undefined, locale: string | undefined, known: boolean | undefined): boolean {
  const script = text && hasHan(text) ? scriptOf(text) : undefined;
  if (script) return script === 'traditional';
  return known ?? traditionalLocale.test(locale ?? '');
}

/** Whether a conversation's customer reads Traditional: as they last wrote, else their page's locale. */
export const readsTraditional = (conversation: { traditional?: boolean; locale?: string }): boolean =>
  writesTraditional(undefined, conversation.locale, conversation.traditional);

/** What a conversation's customer needs the bot's Chinese converted with: Traditional readers', else nothing. */
export const converterFor = async (conversation: { traditional?: boolean; locale?: string }): Promise<ToTraditional | undefined> =>
  readsTraditional(conversation) ? traditionalConverter() : undefined;
