import type { TurnContext } from '../src/bot/botbuilder-lite.js';
import { say } from '../src/bot/messages.js';
import type { Intent } from '../src/kb/index.js';
import { languageOfLocale } from '../src/nlu/language.js';
import { canonicalText } from '../src/nlu/normalize.js';
import type { Language } from '../src/nlu/types.js';
import { linkLines, reply, SMALLTALK_CATEGORY, titleOf } from './knowledge-replies.js';

/** What answeredJustBefore reads of a message the bot sent, as the transcript keeps it (plain JSON, so nothing is taken for granted). */
export interface SentMessage {
  locale: unknown;
  channelData: unknown;
  /** The titles of its buttons, when it had any. */
  buttons?: readonly string[];
}

/** How the bot marks a message: sendAnswer an answer (the intent, and the order when it was that order's page); fileComplaint the ticket it filed. */
interface AnswerMark {
  answer?: unknown;
  order?: unknown;
  ticket?: unknown;
}

const markOf = (message: SentMessage | undefined) => (message?.channelData as { parley?: AnswerMark } | undefined)?.parley;

/** The intent whose answer the message is (marked by sendAnswer), if it is one. */
export function answerIn(message: SentMessage | undefined): string | undefined {
  const name = markOf(message)?.answer;
  return typeof name === 'string' ? name : undefined;
}

/** The ticket the message told the customer was filed, if it did. */
export function ticketIn(message: SentMessage | undefined): string | undefined {
  const id = markOf(message)?.ticket;
  return typeof id === 'string' ? id : undefined;
}

/**
 * The bot's latest message (`previous`) is this intent's answer, in this language, and not an
 * order's page: a customer who is told how to return an item and then asks "怎么退" asks again
 * what they were just told. Small talk ("thanks" twice) is answered again as it is.
 */
export function answeredJustBefore(previous: SentMessage | undefined, intent: Intent, language: Language): boolean {
  const mark = markOf(previous);
  if (intent.category === SMALLTALK_CATEGORY || mark?.answer !== intent.name || mark.order !== undefined) return false;
  return typeof previous?.locale === 'string' && languageOfLocale(previous.locale) === language;
}

/**
 * Asked again right after the answer: not the same paragraph again but, as a person at a help
 * desk would, the step of it that says where to go and what to tap ("在「我的订单」里选中商品点
 * 「申请退货」…", "Go to Account → My orders, …"), the answer's links, and the offer of a person
 * (`human`, the intent that brings one) for a customer still stuck. An answer with no such step
 * is pointed to, not repeated. (The step is taken from the knowledge base, not from the message
 * sent: that may have been this short reply already, or reworded for the customer.) A sentence
 * that speaks to what the customer asks now comes first: "what about Apple Pay?" after the
 * payment methods gets the one that lists it; "how long?", "is it free?" the one that says;
 * "it's been 10 days" the one for when that long has passed (see elapsedPart). Told that what it
 * says was tried and did not help (「换了张卡也不行」), it does not say it again but offers the person.
 */
export async function sendAnswerAgain(context: TurnContext, intent: Intent, language: Language, human?: Intent, { pushedBack = false } = {}): Promise<void> {
  const text = pushedBack ? say('answerNotFit', language) : againText(context.activity.text ?? '', intent.answers[language], language);
  // Marked as the intent's answer, as the full one was: it can be rated, and a third ask gets this again.
  await context.sendActivity({
    ...reply([text, ...linkLines(intent, language)].join('\n'), language, human ? [titleOf(human, language)] : []),
    channelData: { parley: { answer: intent.name } },
  });
}

/** Asking the bot to do what the answer says: "ok do it", "can you do that for me?", 「你帮我弄吧」. */
const DO_IT = /\b(?:(?:just |please |pls )?do (?:it|that)(?: for me)?|can you do (?:it|that)|you do it)\b|你(?:们)?(?:帮我|给我|替我)(?:弄|办|处理|操作|做|删|改)|帮我(?:弄|办|操作)一下|你(?:来|直接)(?:弄|办|操作)/iu;

/** The message asks the bot to do what the answer just given says (see DO_IT). */
export const asksToDoIt = (text: string): boolean => DO_IT.test(canonicalText(text));

/** The short reply to an answer asked again, from what the customer says now (`asked`). */
function againText(asked: string, answers: readonly string[], language: Language): string {
  const keyStep = keyStepIn(answers);
  if (keyStep && asksToDoIt(asked)) return say('answerDoItYourself', language, { step: keyStep });
  const elapsed = tellsElapsed(asked) ? elapsedPart(answers) : undefined;
  if (elapsed) return elapsedReply(elapsed, language);
  const kind = askedKind(asked);
  if (!kind && saysTried(asked)) return say('answerTried', language);
  const step = (kind && sentenceOfKind(answers, kind)) ?? partAskedAbout(answers, keyStep ?? '', asked) ?? keyStep;
  if (!step) return say('answerAgain', language);
  return say(OFFERS_PERSON.test(step) ? 'answerAgainStepOnly' : 'answerAgainStep', language, { step });
}

/** A sentence that sends the customer somewhere to do something: a path in the shop's pages, or a button to press. */
const STEP = /→|「|\b(?:go to|tap|click)\b/iu;

/**
 * Where a sentence ends: after 。！？, or after . ! ? and a space before a capital or a number
 * (not "tap Forgot password? and choose …").
 */
const SENTENCE_END = /(?<=[。！？])|(?<=[.!?])\s+(?=[\p{Lu}\p{N}])/u;

/** The sentences of answers, in order. */
const sentencesOf = (answers: readonly string[]): string[] =>
  answers.flatMap((answer) => answer.split('\n').flatMap((line) => line.split(SENTENCE_END))).map((sentence) => sentence.trim());

/** The first sentence of an answer that says where to go and what to do, if one does. */
export function keyStepOf(answer: string): string | undefined {
  return sentencesOf([answer]).find((sentence) => STEP.test(sentence));
}

/** The key step of the first of an intent's answers (in one language) that has one. */
export function keyStepIn(answers: readonly string[]): string | undefined {
  return answers.map(keyStepOf).find((each) => each !== undefined);
}

/** English words too common to say what part of an answer a customer asks about. */
const COMMON = new Set(['about', 'again', 'could', 'would', 'should', 'there', 'these', 'those', 'their', 'which', 'where', 'what', 'still', 'thanks', 'please']);
/** Characters of Chinese questions and small words: a pair with one of them names no part of an answer. */
const QUESTION_CHARS = /[怎么吗呢什哪吧了的我您你是在有要能办啊呀等来]/u;

/** What a message is about, as words to look for in an answer: English words of five letters or more, Chinese character pairs. */
function topicWords(text: string): string[] {
  const canonical = canonicalText(text).toLowerCase();
  const english = (canonical.match(/[a-z]{5,}/gu) ?? []).filter((word) => !COMMON.has(word));
  const han = canonical.match(/\p{Script=Han}+/gu) ?? [];
  const pairs = han.flatMap((run) => Array.from({ length: Math.max(0, run.length - 1) }, (_, at) => run.slice(at, at + 2))).filter((pair) => !QUESTION_CHARS.test(pair));
  return [...english, ...pairs];
}

/**
 * The sentence of an answer that speaks to what the customer asks now, when the key step does
 * not: "cancel my order", then "it already shipped, what now?" wants "Once an order has shipped
 * it can no longer be cancelled, but …", not "go to My orders and tap Cancel order" again.
 */
export function partAskedAbout(answers: readonly string[], keyStep: string, text: string): string | undefined {
  const inStep = canonicalText(keyStep).toLowerCase();
  const words = topicWords(text).filter((word) => !inStep.includes(word));
  if (words.length === 0) return undefined;
  const sentences = sentencesOf(answers).map((sentence) => ({ sentence, lower: canonicalText(sentence).toLowerCase() }));
  // A word found in fewer of the answer's sentences tells more which one is meant: "the tracking
  // says delivered" wants "If it shows Delivered …", not the first sentence to name tracking.
  const weightOf = (word: string) => 1 / Math.max(1, sentences.filter(({ lower }) => lower.includes(word)).length);
  let best: { sentence: string; score: number } | undefined;
  for (const { sentence, lower } of sentences) {
    const score = words.filter((word) => lower.includes(word)).reduce((sum, word) => sum + weightOf(word), 0);
    if (score > 0 && (!best || score > best.score)) best = { sentence, score };
  }
  return best?.sentence;
}

/** What a short question asks of an answer: how long something takes, what it costs, or where the money goes back to. */
export type AskedKind = 'duration' | 'cost' | 'destination';

const ASKS: Readonly<Record<AskedKind, RegExp>> = {
  duration: /\bhow (?:long|soon|quickly|fast|many (?:days|weeks|hours))\b|\bwhen (?:will|would|does|do|can) (?:it|that|they|this|i get)\b|多久|多长时间|(?<!好)几天|多少天|几个工作日|什么时候(?:能|会)?(?:到|收到|送到|到账|发|寄|退)/iu,
  cost: /\bhow much\b|\b(?:have|need) to pay\b|\bpay (?:extra|anything|for (?:it|that|this|the (?:exchange|return|label|shipping|postage)))\b|\bwhat(?:'s| is| does)? (?:the )?(?:cost|price|fee)\b|\bcosts?\b|\bfees?\b|\bcharge\b|\bfree\b|\bwho pays(?: for (?:the )?(?:shipping|postage|delivery))?\b|多少钱|费用|收费|要钱|付钱|付费|花钱|出钱|自费|运费|手续费|免费|包邮|贵|谁(?:出|付|承担|负责)/iu,
  destination:
    /\bwhere (?:does|will|do|would) (?:the |my |that )?(?:money|refund|it|payment) (?:go|be sent|end up)\b|\bwhere(?:'s| is) (?:the |my )?(?:money|refund) (?:going|sent)\b|\bwhich (?:card|account)\b|(?:退|返|打)(?:到|回)(?:哪(?:里|儿|个(?:账户|卡)?)?|什么(?:地方|账户)?)|钱去哪(?:里|儿)?了?/iu,
};

/** The same, to take every asking phrase out of a message. */
const ASKS_ALL = Object.fromEntries(Object.entries(ASKS).map(([kind, pattern]) => [kind, new RegExp(pattern.source, 'giu')])) as Readonly<Record<AskedKind, RegExp>>;

/**
 * Sentences that answer each kind. A duration is a time something takes ("International delivery
 * takes 7-15 business days", 「国际件一般7-15个工作日送达」, "refunds are issued … within 3-5 business
 * days", a hold "released … within 3-7 business days"), not a deadline ("return within 30 days of
 * delivery", 「签收后30天内」); a cost names a price, a fee or that something is free; where the money
 * goes, the way it was paid (「原路退回」).
 */
const TELLS: Readonly<Record<AskedKind, RegExp>> = {
  duration:
    /\b(?:takes?|taking|arriv\w*|deliver\w*|ships?|shipped|reach\w*|issued|credited|processed|refunded|releas\w*|(?:goes|comes) back)\b[^.;]*?\d+(?:\s*[-–]\s*\d+)?\s*(?:business\s+|working\s+)?(?:days?|weeks?|hours?|minutes?)\b|\d+(?:\s*[-–~]\s*\d+)?\s*个?(?:工作日|天|小时|周|分钟)内?[^，。；]{0,4}?(?:送达|到账|到货|发出|发货|退回|退款|处理|开出|生效)/iu,
  cost: /[$¥€£]\s?\d|\d+(?:\.\d+)?\s*元|\bfree\b|\bcosts?\b|\bfees?\b|免费|包邮|运费|费用/iu,
  destination: /\boriginal payment method\b|\bsame (?:card|account|payment method)\b|原路(?:退|返)|退回原/iu,
};

/**
 * How long it has been, told: "it's been 10 days", "still nothing after two weeks", 「已经十天了」,
 * 「都一个多星期了」, 「好久了」; not a wait to come ("I need it in two days", 「30天内」).
 */
const ELAPSED =
  /(?<!\b(?:in|within|takes?|next|another)\s)\b(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty|several|few|couple(?: of)?)\s+(?:more\s+|whole\s+|full\s+)?(?:business\s+|working\s+)?(?:days?|weeks?|months?)\b|\b(?:ages|forever|fortnight)\b|(?:\d+|[一二两三四五六七八九十半几好]+)(?:多)?(?:个)?(?:多)?(?:工作日|天|周|星期|礼拜|月)(?!内|之内|以内)|好久|很久|这么久|那么久/iu;
const ELAPSED_ALL = new RegExp(ELAPSED.source, 'giu');

/** Words that tell how things stand, not a topic: "it's been", "still", 「已经」, 「还没」, 「了」. */
const STANDING = /\b(?:already|still|yet|now|just|been|after|over|more than|almost|nearly|it['’]?s|has|have)\b|已经|还没|还是|过(?=了)|了|都|快|超过/giu;

/** Who does what for whom, no topic: 「那你们给我补发吧」 asks for what the late-parcel answer says (补发). */
const WHO_FOR = /你们|我们|给我|帮我|替我/gu;

/** The message tells how long it has been (and asks neither how long nor how much). */
export function tellsElapsed(text: string): boolean {
  const canonical = canonicalText(text);
  return !askedKind(canonical) && ELAPSED.test(canonical);
}

/**
 * Besides how long it has been, the message names only what the answer just given (`answers`)
 * speaks of: 「已经10天了还没到账」 after the refund answer (「…还没到账，可以转人工…」); not
 * "it's been 2 weeks, where is my parcel" after it.
 */
export function elapsedOnly(text: string, answers: readonly string[]): boolean {
  return toldBesides(text, answers, ELAPSED_ALL, STANDING);
}

/**
 * The part of an answer for when time has passed: its sentence that says what happens then ("If
 * tracking hasn't moved for 5 business days, … we will open a carrier investigation …"), after the
 * sentence that tells the time when it only points back to it ("If it's been longer than that, …").
 */
export function elapsedPart(answers: readonly string[]): string | undefined {
  const after = sentencesOf(answers).find((sentence) => TELLS_AFTER.test(sentence));
  if (!after || /\d/u.test(after)) return after;
  const time = sentenceOfKind(answers, 'duration');
  return time ? `${time} ${after}`.replace(/(?<=[。！？]) /u, '') : after;
}

/** A sentence for when a time has passed: "If … for 5 business days", "If it's been longer than that", 「若物流超过5个工作日没有更新」, 「如果超过这个时间还没到账」. */
const TELLS_AFTER =
  /\bif\b[^.;]*\b(?:(?:for|over|after|more than|longer than)\s+(?:\d+(?:\s*[-–]\s*\d+)?\s*(?:business\s+|working\s+)?(?:days?|weeks?|months?)|that)|(?:it['’]?s|it has) been longer|still (?:missing|not|nothing|hasn['’]t))\b|(?:如果|若)[^。；]*?(?:超过|还没|仍未|仍没)/iu;

/**
 * The customer did what the answer says, and it did not help: "I already tried resetting it",
 * "restarted the app, still crashing", "i asked my neighbours already", 「换了张卡也不行」,
 * 「清了缓存还是不行」, 「问过邻居了」.
 */
const DID = '(?:asked|checked|looked|contacted|called|restarted|reinstalled|cleared|updated|waited|did|done)';
const TRIED = new RegExp(
  [
    `\\b(?:tried|i did that|done that|did not (?:help|work)|didn['’]?t (?:help|work)|doesn['’]?t work|no luck|still (?:the same|not working|doesn['’]?t|won['’]?t|fails|declined|crashing|get|getting|receive|receiving|happening|happens|coming|comes|there))\\b`,
    // "i asked my neighbours already", "already checked", "checked spam too"
    `\\balready ${DID}\\b|\\b${DID}\\b[^.?!]*\\b(?:already|too|as well)\\b`,
    '也不行|还是不行|都不行|也没用|还是没用|没有用|试过了|试了|照做了|还是一样|(?:问|查|找|联系|试|等)过了?|还是(?:一直|会|在)?(?:收到|有|会|出现|弹出)',
  ].join('|'),
  'iu',
);
const TRIED_ALL = new RegExp(TRIED.source, 'giu');

/**
 * Not this either: "my family didn't see it either", 「家里人也说没看到」. Said only of what came
 * before, so never a question of its own, whatever the recognizer makes of the words.
 */
const EITHER = /\b(?:not|no|never|nothing|nobody|none|\w+n['’]t|(?:do|did|does|ca|wo|have|has|is|are|was|were|could)nt)\b[^.?!]*\beither\b|也(?:都|说|是)?(?:没|不)/iu;

/** The message says what the answer suggested was tried, in vain. */
export const saysTried = (text: string): boolean => TRIED.test(canonicalText(text)) || saysEither(text);

/** The message says "not this either" (see EITHER). */
export const saysEither = (text: string): boolean => EITHER.test(canonicalText(text));

/** How often it was tried: "I tried twice" after the payment answer is no double charge, 「试了好几次」 no topic. */
const REPEATED = /\b(?:twice|again|(?:\d+|two|three|four|five|several|many|multiple|a few|a couple of|so many) times)\b|(?:\d+|两|三|四|五|几|好几|很多|多)次|再次|一遍又一遍/giu;

/**
 * Besides saying so, the message names only what the answer just given speaks of: "I still get
 * them" or 「还是一直收到」 after the unsubscribe answer, whatever the recognizer makes of the words.
 */
export function triedOnly(text: string, answers: readonly string[]): boolean {
  return toldBesides(text, answers, TRIED_ALL, STANDING, REPEATED);
}

/** An answer's part for when time has passed, and the offer of a person unless that part makes it ("… I can connect you with an agent"). */
function elapsedReply(part: string, language: Language): string {
  const lines = [say('answerElapsed', language, { step: part })];
  if (!OFFERS_PERSON.test(part)) lines.push(say('answerElapsedPerson', language));
  return lines.join('\n');
}

const OFFERS_PERSON = /\b(?:agent|person|human)\b|人工|客服/iu;

/** The kind of thing a message asks (`undefined`: neither how long nor how much). */
export function askedKind(text: string): AskedKind | undefined {
  const canonical = canonicalText(text);
  return (Object.keys(ASKS) as AskedKind[]).find((kind) => ASKS[kind].test(canonical));
}

/**
 * The message asks only that, of the answer just given (`answers`, or the sentence of it that tells
 * `kind`): "how long would that take?",
 * 「那要多久」, "is it free?", 「要钱吗」, or naming only what that answer speaks of (「换货运费谁出」
 * after the exchange answer); not "how long does a refund take" after the shipping answer, which
 * names a topic of its own.
 */
export function asksOnly(text: string, kind: AskedKind, answers: readonly string[]): boolean {
  return toldBesides(text, answers, ASKS_ALL[kind]);
}

/** Words that point back at what was said (「这个怎么用」): no topic of their own. */
const POINTING = /这个|那个|它/gu;

/**
 * Beside how things stand and what it points back at, the message names nothing ("我买了200多",
 * "it was 200", "how do I use it"): said right after an answer, it can only be of that answer.
 */
export function namesNothing(text: string): boolean {
  return topicsBesides(text, STANDING, WHO_FOR, POINTING).length === 0;
}

/**
 * Every word a message is about is in the answer just given (「能叠加吗」 after the coupon answer,
 * which says coupons 「可以和满减活动叠加」; "i opened them already" after the returns answer, which
 * names opened earphones), and it is about something: not 「请问天猫的订单到哪了」, which shares
 * only 「订单」 with the unsubscribe answer.
 */
export function speaksOnlyOf(text: string, answers: readonly string[]): boolean {
  // "I opened them already", 「我已经拆封了」: how things stand is no topic of its own.
  const words = topicsBesides(text, STANDING, WHO_FOR);
  return words.length > 0 && allTold(words, answers);
}

/** Every word the message is about, once the phrases `besides` (asking how long, telling how things stand…) are taken out, is in the answers. */
function toldBesides(text: string, answers: readonly string[], ...besides: readonly RegExp[]): boolean {
  return allTold(topicsBesides(text, ...besides), answers);
}

/** The topic words of a message (see topicWords) once the phrases `besides` are taken out. */
function topicsBesides(text: string, ...besides: readonly RegExp[]): string[] {
  return topicWords(besides.reduce((rest, phrase) => rest.replace(phrase, ' '), canonicalText(text)));
}

/** Every one of `words` (topic words, as topicWords finds them) is in the answers, as it is or by its stem. */
function allTold(words: readonly string[], answers: readonly string[]): boolean {
  const told = canonicalText(answers.join('\n')).toLowerCase();
  return words.every((word) => told.includes(word) || stemsOf(word).some((stem) => told.includes(stem)));
}

/**
 * An English word without an ending that names no other thing, four letters at least: "I already
 * changed my password" after an answer that says "change your password", "I don't have a printer"
 * after one that says "print the label". Not "-ing" nor "-ed": "it already shipped" is no question of
 * what "shipping" costs.
 */
function stemsOf(word: string): string[] {
  return ['d', 'er', 's'].filter((ending) => word.endsWith(ending) && word.length - ending.length >= 4).map((ending) => word.slice(0, -ending.length));
}

/** The first sentence of an answer that tells what `kind` asks: how long it takes, or what it costs. */
export function sentenceOfKind(answers: readonly string[], kind: AskedKind): string | undefined {
  return sentencesOf(answers).find((sentence) => TELLS[kind].test(sentence));
}
