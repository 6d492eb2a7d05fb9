import type { PublishedKnowledge } from '../src/kb/index.js';
import type { Language } from '../src/nlu/types.js';
import { isQuestionText } from './complaint-parsing.js';
import { type KnowledgeAnswer, knowledgeAnswerTo } from './knowledge-replies.js';

/**
 * Where one question ends and the next begins: a question or full stop, a new line, or a word
 * that adds one ("also", "and", "另外", "还有", "顺便问一下").
 */
const BETWEEN_QUESTIONS = /[?？。!！;；\n]+|\s*[,，]?\s*\b(?:and also|also|and|plus|btw|by the way)\b\s*|另外|还有|以及|顺便问一下|顺便问下|顺便|再问一下/iu;

/**
 * "Do you sell gift cards? Also, how do loyalty points work?", "运费多少？几天能到？": the
 * knowledge base's answer to each question of a message that asks several, in the order asked;
 * empty unless at least two different FAQ intents answer parts of it with confidence. A part
 * after the first counts only when it is a question of its own: "where is my order? I ordered it
 * last week and it still hasn't come" tells one story, and gets one answer.
 */
export function answersToEach(knowledge: PublishedKnowledge, text: string, languageHint?: Language): KnowledgeAnswer[] {
  const [first, ...rest] = text.split(BETWEEN_QUESTIONS).map((part) => part.trim()).filter((part) => part.length > 1);
  // Decided before any part is recognised: most messages ("I ordered shoes and they are late") ask one thing.
  const questions = rest.filter(isQuestionText);
  if (first === undefined || questions.length === 0) return [];
  const found: KnowledgeAnswer[] = [];
  for (const part of [first, ...questions]) {
    const answer = knowledgeAnswerTo(knowledge, part, languageHint);
    if (answer && !found.some((each) => each.intent.name === answer.intent.name)) found.push(answer);
  }
  return found.length >= 2 ? found : [];
}
