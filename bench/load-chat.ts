/**
 * Realistic customer chats for the load bench, from the knowledge base's own utterances:
 * FAQ questions in English and Chinese with small perturbations, small talk, out-of-scope
 * questions (never two in a row: that would rightly hand the chat to a human), and now and
 * then a whole complaint. Seeded, so two runs send the same sentences.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { messages } from '../src/bot/messages.js';
import { canonicalText } from '../src/nlu/normalize.js';
import { createRandom } from '../src/nlu/prng.js';
import { analyzeSentiment } from '../src/sentiment/index.js';
import { complaintTrigger } from '../src/tickets/complaint-trigger.js';

interface KbIntent {
  name: string;
  category: string;
  dialog?: string;
  utterances: { en: string[]; zh: string[] };
}

const SMALL_TALK = new Set(['greeting', 'bot_capabilities', 'thanks', 'goodbye', 'bot_identity']);
const OUT_OF_SCOPE_ZH = ['今天天气怎么样', '推荐一部好看的电影', '昨晚的球赛谁赢了', '帮我写一首诗', '附近有什么好吃的餐馆', '一加一等于几', '明天会下雨吗', '讲个笑话吧'];
const COMPLAINT_EN = ['I want to file a complaint', 'the parcel arrived broken and the box was crushed', 'order 123456', 'customer@example.com', 'yes'];
const COMPLAINT_ZH = ['我要投诉', '收到的杯子是碎的，包装也破了', '订单号 654321', 'kehu@example.com', '确认提交'];

/**
 * How the replies after which the bot goes quiet (the chat is queued for a human) begin: the
 * customer starts over. Compared as canonicalText reads them, so the Traditional forms count too.
 */
const HANDOFF_STARTS = [
  ...(['handoffForMood', 'handoffNoAgent'] as const).flatMap((key) => [messages[key].en.slice(0, 40), messages[key].zh.slice(0, 40)]),
  messages.handoffQueued.en.slice(0, 30),
  messages.handoffQueued.zh.slice(0, 10),
].map(canonicalText);

export function isHandoffReply(text: string): boolean {
  const read = canonicalText(text);
  return HANDOFF_STARTS.some((start) => read.includes(start));
}

/** A message would push the chat into a complaint offer or a handoff: not a plain FAQ question. */
function isCalm(text: string, language: 'en' | 'zh'): boolean {
  return analyzeSentiment(text, language).score > -0.4 && complaintTrigger(text, analyzeSentiment(text, language).score) === undefined;
}

export interface Corpus {
  faq: { en: string[]; zh: string[] };
  smallTalk: { en: string[]; zh: string[] };
  outOfScope: { en: string[]; zh: string[] };
}

export function loadCorpus(root: string): Corpus {
  const dir = path.join(root, 'knowledge');
  const intents = readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .flatMap((file) => (JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { intents: KbIntent[] }).intents);
  const pick = (wanted: (intent: KbIntent) => boolean, language: 'en' | 'zh') =>
    intents.filter(wanted).flatMap((intent) => intent.utterances[language].filter((text) => isCalm(text, language)));
  const faq = (intent: KbIntent) => !intent.dialog && !SMALL_TALK.has(intent.name);
  const offTopicEn = readFileSync(path.join(root, 'test', 'fixtures', 'nlu', 'offtopic-en.txt'), 'utf8').split('\n').filter((line) => line.trim() && isCalm(line, 'en'));
  return {
    faq: { en: pick(faq, 'en'), zh: pick(faq, 'zh') },
    smallTalk: { en: pick((intent) => SMALL_TALK.has(intent.name), 'en'), zh: pick((intent) => SMALL_TALK.has(intent.name), 'zh') },
    outOfScope: { en: offTopicEn, zh: OUT_OF_SCOPE_ZH },
  };
}

/** A small typo-like change a real customer makes: case, punctuation, a doubled or dropped letter, a filler word. */
function perturb(text: string, language: 'en' | 'zh', random: () => number): string {
  const roll = random();
  if (language === 'zh') {
    if (roll < 0.25) return `${text}？`;
    if (roll < 0.45) return `请问${text}`;
    if (roll < 0.6) return `${text}呢`;
    return text;
  }
  if (roll < 0.2) return text.toLowerCase().replace(/[?.!]+$/u, '');
  if (roll < 0.35) return `${text}?`;
  if (roll < 0.5) return `hi, ${text}`;
  if (roll < 0.65 && text.length > 6) {
    const at = 2 + Math.floor(random() * (text.length - 4));
    return random() < 0.5 ? text.slice(0, at) + text[at] + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
  }
  return text;
}

/** One customer's chat: 4–8 turns, one language, a complaint in about one chat in ten. */
export function chatScript(corpus: Corpus, seed: number): string[] {
  const random = createRandom(seed);
  const language: 'en' | 'zh' = random() < 0.5 ? 'en' : 'zh';
  const from = (list: string[]) => list[Math.floor(random() * list.length)]!;
  if (random() < 0.1) return [from(corpus.smallTalk[language]), ...(language === 'en' ? COMPLAINT_EN : COMPLAINT_ZH)];
  const turns = [from(corpus.smallTalk[language])];
  const length = 4 + Math.floor(random() * 5);
  let lastWasOutOfScope = false;
  while (turns.length < length) {
    const roll = random();
    if (roll < 0.15 && !lastWasOutOfScope) {
      turns.push(from(corpus.outOfScope[language]));
      lastWasOutOfScope = true;
      continue;
    }
    lastWasOutOfScope = false;
    turns.push(roll < 0.25 ? from(corpus.smallTalk[language]) : perturb(from(corpus.faq[language]), language, random));
  }
  return turns;
}
