import type { Language } from '../src/nlu/types.js';
import { extractEntities } from '../src/nlu/index.js';
import { canonicalText } from '../src/nlu/normalize.js';
import { classifyCategory, namesProblem, threatensOrAccuses, type TicketContact } from '../src/tickets/index.js';
import { ticketIdIn } from './ticket-replies.js';

/** What the customer's words in a complaint flow mean: yes, no, cancel, help, slots. */

const clean = (text: string) => canonicalText(text).trim().toLowerCase().replace(/[\s,，.。!！?？~～]+$/u, '');

const YES = /^(y|yes|yeah|yep|yup|sure|ok|okay|please|please do|go ahead|do it|correct|right|that's right|confirm|file it|yes,? (please|file it|file a complaint|do it)|是|是的|对|对的|好|好的|好的[,，]\s*登记投诉|可以|行|确认|确认提交|没问题|提交|嗯)$/u;
const NO = /^(n|no|nope|nah|no thanks|no,? thank you|not now|don't|no,? just answer|不|不是|不用|不要|不对|没有|不用[,，]\s*先回答问题|否)$/u;
/**
 * One way of saying "stop the complaint"; a message may say it twice ("never mind, forget it",
 * "算了不投诉了", with or without a mark between) and end with thanks ("没事了，谢谢").
 */
const NOT_WANTING = String.raw`(?:i\s+)?(?:don['’]?t|do not|no longer)\s+(?:want|need)\s+to\s+(?:complain|file (?:it|(?:a |the )?complaint))(?:\s+any ?more)?`;
const CANCEL_PHRASE =
  String.raw`(?:(?:ok|okay|please|oh|actually|no)\s+)?(?:cancel|stop|quit|exit|abort|never ?mind|forget (?:it|about it)|don['’]?t bother|no complaint|no need|(?:i(?:['’]?ve| have)?\s+)?changed my mind|${NOT_WANTING})(?: (?:it|this|that|the complaint|my complaint|please))?` +
  String.raw`|(?:那|好吧|哎|哦|嗯)?我?(?:还是)?(?:算了|不用了|不要了|不需要了|退出|取消(?:投诉)?|没事了?|改主意了|(?:不|不想|不用|不要|不需要)再?投诉了?)(?:吧|啦)?`;
const THANKS = String.raw`thanks|thank you|thx|谢谢(?:你|您)?|多谢`;
const CANCEL = new RegExp(String.raw`^(?:${CANCEL_PHRASE})(?:[\s,，.。!！、]*(?:${CANCEL_PHRASE}))*(?:[\s,，.。!！、]*(?:${THANKS}))?$`, 'u');
const HELP = /^(help|\?|what\?|what do you (need|mean)|what should i (say|type|do)|i don't understand|帮助|怎么填|什么意思|不明白|不懂|我该说什么|要填什么)$/u;
const IN_CHAT = /^(reply in this chat|in (this|the) chat|(reply|answer|write to me|get back to me|contact me) (here|in (this|the) chat)|here|just here|chat|no (email|phone|contact)|i'd rather not( say)?|在聊天里回复我|在聊天里回复|聊天里回复|就在这里|这里就行|在这里回复|不留了?|不想留|不方便留)$/u;
/** No order number to give: there is none, or the customer does not have, know or remember it. */
const THE_ORDER = String.raw`(?:\s+(?:it|one|that|them|the|my|an?|any))?(?:\s+order(?:\s+(?:number|no|#|id))?|\s+number)?`;
const NONE = new RegExp(
  String.raw`^(?:none|no order(?: number)?|not about an order|(?:there(?:['’]?s| is)|i have) no order(?: number)?|n\/a|no idea|not sure|unknown|i lost it` +
    String.raw`|(?:i\s+)?(?:don['’]?t|do not|didn['’]?t)\s+(?:have|know|remember|recall|get)${THE_ORDER}|(?:i\s+)?(?:can['’]?t|cannot|couldn['’]?t)\s+(?:find|remember|recall)${THE_ORDER}` +
    String.raw`|无|没有|与订单无关|不是订单的问题|不清楚|我?(?:没有|没|不知道|不记得了?|记不得了?|记不清了?|忘了|忘记了|找不到)(?:订单号?|单号)?(?:了|啊|呢)?)$`,
  'u',
);

/**
 * "Change something" at the summary: the button, typed as it reads in either case or language,
 * or said another way ("I want to change something", "改一下").
 */
const CHANGE = /^(change|change something|change it|edit|edit it|i (want|need|would like|'d like) to change (something|it|that)|修改|修改内容|修改一下|改一下|我要修改|我想修改|要改一下)$/u;

/** A bare reply that says nothing by itself: "hmm", "got it", "嗯嗯", "知道了" (besides a yes or a no). */
const BARE = /^(h+m+|u+m+|u+h+|a+h+|oh|k|kk|alright|all right|fine|got it|i see|嗯+|哦+|噢|啊|好吧|收到|知道了|明白了?)$/u;

export const isYes = (text: string) => YES.test(clean(text));
/** "yes", "ok", "no", 「好的」, 「嗯」: an answer to a question put as yes or no, which tells nothing of what happened. */
export const isBareReply = (text: string) => isYes(text) || isNo(text) || BARE.test(clean(text));
export const isChange = (text: string) => CHANGE.test(clean(text));
export const isNo = (text: string) => NO.test(clean(text));
export const isCancel = (text: string) => CANCEL.test(clean(text));
export const isHelp = (text: string) => HELP.test(clean(text));

/** Asking for the complaint the flow is already taking ("I want to complain", "我要投诉"), and nothing more. */
const TO_COMPLAIN = /^(?:(?:i|i'm)\s+(?:want|would like|'d like|wanna|need|going)\s+to\s+|let me\s+|can i\s+|please\s+)?(?:complain|(?:file|make|lodge|submit|raise|open)\s+(?:a\s+|my\s+)?complaint|complaint)(?:\s+(?:again|please|now))*$|^我?(?:还|就)?(?:要|想|需要)?(?:投诉|登记投诉|提交投诉)(?:一下)?(?:吧|啊)?$/u;
export const asksToComplain = (text: string) => TO_COMPLAIN.test(clean(text));
/** "No, I don't have one", 「没有，不记得了」: a no before the words that say there is no order number. */
const LEADING_NO = /^(?:no|nope|nah|sorry|不|没有)[\s,，.。!！、]+/u;
/**
 * No order number to give, at "which order?": said in words ("I don't have one", 「不记得了」),
 * with a no before them, or as a bare no ("no", "nope", 「没有」), which there answers the question.
 */
export const isNoOrder = (text: string) => {
  const said = clean(text);
  return NONE.test(said) || NO.test(said) || NONE.test(said.replace(LEADING_NO, ''));
};
/** "Call me", "打电话给我": at "how can we reach you?", a way to be reached, not a request for a person. */
export const mentionsCalling = (text: string) => /\b(call|phone|ring|text)\b|电话|回电|打给我/iu.test(canonicalText(text));
/** The customer would rather hear back in the chat than give an email or a phone number. */
export const isContactInChat = (text: string) => IN_CHAT.test(clean(text));

/** Order numbers a message names, leaving out ticket ids (which look alike). */
export function orderNumbersIn(text: string): string[] {
  const ticket = ticketIdIn(text);
  return extractEntities(text).orderNumbers.filter((order) => order !== ticket && !/^T-\d+$/i.test(order));
}

/** An answer to "which order?": a named order number, or a bare one (at least 4 digits). */
export function orderAnswer(text: string): string | undefined {
  const named = orderNumbersIn(text)[0];
  if (named) return named;
  const bare = /^\s*#?\s*([A-Za-z]{0,4}-?\d{4,20})\s*$/u.exec(text.normalize('NFKC'));
  return bare ? bare[1]!.toUpperCase() : undefined;
}

/**
 * What may stand around an order number given as an answer: "order no. 123456", "it was order
 * 123456", "it's for #123456", "订单号是 123456", "就是这个订单：123456".
 */
const AROUND_AN_ORDER = /\b(?:my|the|this|that|order|number|no|is|it|it's|its|it was|was|for|about|on|id)\b|订单号?|单号|号码|我的|就是|这个|是|的|[#:：,，.。\s-]/giu;

/** The message is an order number and little more ("1048213", "订单号1048213", "order no. 1048213", "it was order 1048213"). */
export function onlyOrderNumber(text: string): string | undefined {
  const order = orderAnswer(text);
  const canonical = canonicalText(text).toUpperCase();
  const at = order ? canonical.indexOf(order) : -1;
  if (at < 0) return undefined;
  const rest = canonical.slice(0, at) + canonical.slice(at + order!.length);
  return rest.replace(AROUND_AN_ORDER, '').trim() === '' ? order : undefined;
}

/** An e-mail address or phone number in a message. */
export function contactIn(text: string): TicketContact | undefined {
  const { emails, phones } = extractEntities(text);
  if (emails[0]) return { email: emails[0] };
  if (phones[0]) return { phone: phones[0] };
  const bareDigits = /^\s*(\+?\d[\d\s-]{6,18}\d)\s*$/u.exec(text.normalize('NFKC'));
  return bareDigits ? { phone: bareDigits[1]!.trim() } : undefined;
}

/**
 * The message is a contact or an order number and nothing more ("jane@example.com", "my phone is
 * 13812345678", "1048213"): given where "what happened?" was asked, it says nothing about the
 * problem. An e-mail address or a number shaped like a phone is the contact; any other bare number
 * is an order ("20251130" too, which only the contact question would take for a phone).
 */
export function onlySlot(text: string): { contact: TicketContact } | { orderNumber: string } | undefined {
  if (addsDetail(text)) return undefined;
  const { emails, phones } = extractEntities(text);
  if (emails[0]) return { contact: { email: emails[0] } };
  if (phones[0]) return { contact: { phone: phones[0] } };
  const order = onlyOrderNumber(text);
  return order ? { orderNumber: order } : undefined;
}

/** The customer typed something meant as an e-mail address that is not one. */
export const looksLikeBadEmail = (text: string) => text.includes('@') && extractEntities(text).emails.length === 0;

/**
 * Where a clause starts: the text's start, or after a punctuation mark and a little space (a
 * bounded look back: `\s*` there made a long run of spaces cost quadratic time).
 */
const CLAUSE_START = String.raw`(?<=^|[,，.。!！?？:：;；]\s{0,4})`;
/** The punctuation after a trigger phrase, which goes with it. */
const TRAILING = String.raw`[\s,，:：.。!！?？;；-]*`;
/**
 * "I want to complain (about)", "I'd like to file a formal complaint", "我又要投诉", "我想申诉一下":
 * removed only where they open a clause, so "this is my third complaint" or "这是我第三次投诉了"
 * keep their words.
 */
const TRIGGERS = [
  new RegExp(
    CLAUSE_START +
      String.raw`(?:(?:i\s*(?:want|would like|'d like|wish|need)\s+to|can i|could i|how (?:do|can) i|let me|i'm going to|i am going to)\s+)?(?:(?:make|file|lodge|submit|raise|open|have)\s+)?(?:(?:a|an)\s+)?(?:formal\s+)?complain(?:t|ts|ing)?\b(?:\s+again)?(?:\s+about)?` +
      TRAILING,
    'giu',
  ),
  new RegExp(CLAUSE_START + String.raw`我?(?:又|还|也|再|就|真的|一定|必须|现在|今天)*(?:要|想|想要|需要|得)?(?:再|来)?(?:投[诉訴]|申[诉訴])(?:一下)?` + TRAILING, 'gu'),
];

/** Punctuation and space that may trail what is left of a complaint. */
const TRAILING_MARK = /[\s,，:：;；、-]/u;

/**
 * The complaint minus "I want to complain" (in either script), with the punctuation that went
 * with it: what is left, in the customer's words, says what happened, if anything.
 * "我又要投诉，我买的耳机坏了" → "我买的耳机坏了"; "My screen cracked, I want to complain!" → "My screen cracked".
 */
export function withoutBoilerplate(text: string): string {
  const rest = TRIGGERS.reduce((kept, pattern) => kept.replace(pattern, ''), text).replace(/^[\s,，:：.。!！?？;；-]+/u, '');
  // Trailing punctuation, walked back by hand: an unanchored `[…]+$` retries from every start (quadratic on a long run).
  let end = rest.length;
  while (end > 0 && TRAILING_MARK.test(rest[end - 1]!)) end -= 1;
  return rest.slice(0, end).trim();
}

/**
 * The message already says what went wrong ("I want to complain, my parcel arrived broken"),
 * so the bot need not ask for a description. Anger alone is not a description: "this is the
 * worst shop ever, I want to complain" is asked what happened.
 */
export function describesProblem(text: string): boolean {
  const rest = withoutBoilerplate(text);
  // 「我要去消协投诉你们」, "I'll sue you", "you guys are scammers": what the customer will do or thinks of the shop, not what went wrong.
  const onlyThreat = threatensOrAccuses(rest) && classifyCategory(rest).category === 'other';
  return saysSomething(rest) && !onlyThatThereIsOne(rest) && !onlyThreat && namesProblem(canonicalText(rest));
}

/** "I have a problem with my payment", "there's an issue with the delivery": that something is wrong, and with what, but not what. */
const ONLY_THAT_EN =
  /^(?:(?:hi|hello|hey)[\s,!.]*)?(?:i\s+(?:have|have got|'ve got|got|am having|'m having)|there(?:'s|\s+is)|we\s+have)\s+(?:a|an|some)\s+(?:small\s+|little\s+|big\s+)?(?:problem|issue|trouble)s?\s+with\s+(?:my|the|an?|this|our)\s+[a-z]+(?:\s+[a-z]+)?$/u;
/** 「我的退款有问题」, 「快递出了点问题」: the same in Chinese. */
const ONLY_THAT_ZH = /^我?的?\p{Script=Han}{1,4}?(?:有|出了?)(?:点|一点|些)?(?:问题|状况)(?:了|啊)?$/u;

/** The message says there is a problem, and with what, and no more: the flow still asks what happened. */
const onlyThatThereIsOne = (text: string) => {
  const said = clean(text);
  return ONLY_THAT_EN.test(said) || ONLY_THAT_ZH.test(said);
};

/** Four Chinese characters or three other words: enough to say something. */
function saysSomething(text: string): boolean {
  const hanChars = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = text.match(/[\p{L}\p{N}']+/gu)?.length ?? 0;
  return hanChars >= 4 || words - hanChars >= 3;
}

const EMAILS = /\S+@\S+/gu;
const NUMBERS = /[A-Za-z]{0,4}[-#]?\+?\d[\d\s().-]*/gu;
const SLOT_WORDS =
  /\b(?:my|the|new|correct|right|actual(?:ly)?|order|number|no|id|is|it'?s|email|e-mail|address|phone|mobile|tel|contact|call|text|reach|me|at|on|via|by|should|be|was|sorry|wrong|instead|not|use|please|and|ok|okay)\b|订单编?号?|单号|编号|号码|邮箱|手机号?|电话|联系方式|联系我|打给我|我的|是|为|应该|改成|改为|换成|不对|错了|请|用/giu;

/**
 * The message says more than the order number or contact it gives: "订单号 PD-20458" does not;
 * "客服一直不回复我，订单号 PD-20458" does, and its words belong in the complaint's description.
 */
export function addsDetail(text: string): boolean {
  return saysSomething(besidesSlots(text));
}

/** Nothing but an order number or a contact and the words that name it ("order 1048213", "my order number is PD-20458"). */
export function saysOnlySlots(text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(besidesSlots(text));
}

/** What a message says besides the order numbers, contacts and the words that name them. */
const besidesSlots = (text: string) => canonicalText(text).replace(EMAILS, ' ').replace(NUMBERS, ' ').replace(SLOT_WORDS, ' ');

/** Putting the answer off ("let me check", "one moment", "我去查一下"), or asking about the order number itself. */
const NOT_YET_AN_ANSWER =
  /\b(?:let me|i(?:'ll| will| need to| have to)|hold on|hang on|(?:one|just a|wait a|give me a) (?:sec|second|moment|minute))\b|order (?:number|no|#|id)|(?:查|找|翻|看)一下|稍等|等一下|等等|订单号|单号|编号/iu;

/**
 * At "which order?", words about the problem rather than an order number: no digit in them,
 * enough to say something ("I never got any email about it", "太慢了，很不满意"), not a question,
 * and not the customer putting the answer off ("let me check my emails"). They belong in the description.
 */
export function saysMoreThanAnOrder(text: string): boolean {
  const canonical = canonicalText(text).trim();
  return !/\d/u.test(canonical) && saysSomething(canonical) && !isQuestion(canonical) && !NOT_YET_AN_ANSWER.test(canonical);
}

const ORDER_WORDS = /\b(order|parcel|package|purchase|bought|delivery|item|shipment|refund)/iu;
const ORDER_WORDS_ZH = /订单|快递|包裹|购买|买的|下单|商品|退款|发货|收到/u;

/** The complaint is about something bought, so the order number matters. */
export function concernsOrder(text: string): boolean {
  const { category } = classifyCategory(text);
  return category === 'delivery' || category === 'product_quality' || category === 'refund_billing' || ORDER_WORDS.test(text) || ORDER_WORDS_ZH.test(text);
}

/**
 * The language of a message when it is clearly one: any Chinese makes it Chinese, two or
 * more English words make it English; a bare "ok", number or address says nothing.
 */
export function clearLanguageOf(text: string): Language | undefined {
  if (/\p{Script=Han}/u.test(text)) return 'zh';
  const words = text.replace(EMAILS, ' ').match(/\b[a-z]{2,}\b/giu) ?? [];
  return words.length >= 2 ? 'en' : undefined;
}

/** Opens like an English question: "how long …", "do you …", "can I …". */
const QUESTION_OPENING = /^(?:how|what|what's|when|where|why|which|who|do|does|did|can|could|is|are|will|would|should|may|have|has)\b/iu;
/** A Chinese question: a question particle at the end, or a question word ("多久", "怎么", "能不能"). */
const QUESTION_ZH = /[吗呢][\s。.!！~～]*$|多久|多长时间|多少|几天|几点|怎么|怎样|如何|为什么|为何|什么时候|是否|能否|能不能|可不可以|有没有|哪里|哪儿|哪些|哪个/u;
/** Words of the customer's own case: "I", "my", "我", or "still not", "一直", which tell a story rather than ask. */
const OWN_CASE = /\b(?:i|i'm|i've|i'd|me|my|mine|we|our|us|still|yet|never|again)\b|我|还没|还不|一直|仍然|竟然|居然|到现在/iu;

/**
 * A question of the kind the knowledge base answers, not a complaint put as one: "how long does
 * a refund take?", "退款多久到账？", "how do I return an item?" are; "why was I charged twice?",
 * "退款怎么还没到账" (a problem of the customer's own) and "my order arrived broken" (no question) are not.
 */
export function asksGeneralQuestion(text: string): boolean {
  const canonical = canonicalText(text).trim();
  return isQuestion(canonical) && !(OWN_CASE.test(canonical) && describesProblem(text));
}

const isQuestion = (canonical: string) => /[?？]$/u.test(canonical) || /^what if\b/iu.test(canonical) || QUESTION_OPENING.test(canonical) || QUESTION_ZH.test(canonical);

/** Put as a question: a question mark, an opening like "how …", "do you …", or a Chinese question word. */
export const isQuestionText = (text: string) => isQuestion(canonicalText(text).trim());

/** Words for a way to reach the customer. */
const CONTACT_WORDS = /\b(?:e-?mails?|phones?|numbers?|contacts?|call|reach)\b|邮箱|电话|手机|号码|联系/iu;
/** The shop's own phone or e-mail ("what's your phone number?", "你们电话多少"): the knowledge base answers that. */
const SHOPS_CONTACT = /\byour (?:e-?mail|phone|number|contact|hotline)|\b(?:contact|call|reach|email|phone) (?:you|the shop|support)\b|你们|贵公司|客服电话|热线/iu;
/** "I don't have email", "我没有邮箱": said, not asked, it wants the same answer as "what if I don't have one?". */
const LACKS_CONTACT = /\b(?:i\s+)?(?:don['’]?t|do not|dont)\s+(?:have|use)\s+(?:an?\s+|any\s+)?(?:e-?mail|phone|mobile|cell)\b|^(?:我)?(?:没有|没|不用)(?:电子)?(?:邮箱|邮件|手机|电话)/iu;
/** Worries about what is done with it. */
const SAFETY_WORDS = /\b(?:safe|secure|privacy|private|share|shared|sell|spam)\b|安全|泄露|隐私|骚扰|广告|卖/iu;

/**
 * A question about the contact the flow asks for, not a contact: "do you need my phone or email?",
 * "what if I don't have an email?" (`which`); "is my email safe with you?" and "why do you need
 * it?" (`why`).
 */
export function asksAboutContact(text: string): 'why' | 'which' | undefined {
  if (asksWhyNeeded(text)) return 'why';
  const canonical = canonicalText(text).trim();
  if (LACKS_CONTACT.test(canonical)) return 'which';
  if (!isQuestion(canonical) || !CONTACT_WORDS.test(canonical) || SHOPS_CONTACT.test(canonical)) return undefined;
  return SAFETY_WORDS.test(canonical) ? 'why' : 'which';
}

/** An order named: "why do you need my order number?" asks about the order, though "number" may be a phone's. */
const ORDER_NAMED = /\border\b|订单|单号/iu;
/** Asked of something past: "why did you ask for my phone number at checkout?" tells what happened. */
const PAST = /\bdid\b/iu;

/**
 * Why the flow wants a way to reach the customer, asked before it asks for one: "why do you need my
 * email?", 「为什么要我的手机号？」 where it asks what happened, or which order. Not about the order,
 * nor the shop's own phone, nor something past.
 */
export function asksWhyContact(text: string): boolean {
  const canonical = canonicalText(text).trim();
  return asksWhyNeeded(text) && CONTACT_WORDS.test(canonical) && !ORDER_NAMED.test(canonical) && !SHOPS_CONTACT.test(canonical) && !PAST.test(canonical);
}

/** "Why do you need my email?", "what is that for?", "why should I give you my number?" */
const WHY_NEEDED_EN =
  /^why\s*\??$|\bwhy (?:do|does|would|should|must|did) (?:you|u|they|the team) (?:need|want|ask|require)\b|\bwhy (?:should|must|do|would|have to|need to) i (?:give|share|tell|provide|send|type|enter|leave)\b|\bwhat (?:do|would|will) (?:you|u) (?:need|want|use) (?:it|that|this|them|(?:my|the|an?|your) [a-z ]{1,20}?) for\b|\bwhat(?:'s| is) (?:it|that|this) for\b|\bwhy is (?:it|that|this) (?:needed|necessary|required)\b/iu;
/** "为什么要我的手机号", "要订单号干嘛", "留电话有什么用": asks why, about giving something ("为什么要等这么久" is not). */
const WHY_NEEDED_ZH = /(?:为什么|为啥|干嘛|干吗).{0,8}(?:要|需要|得|给|提供|留|填).{0,6}(?:手机|电话|号码|邮箱|订单|联系方式|这个|这些|信息|资料)|(?:要|需要|给|留|填).{0,10}(?:干嘛|干吗|干什么|做什么|有什么用|有啥用)|^(?:这个)?(?:有什么用|有啥用|为什么|为啥)[?？]?$/u;

/**
 * The customer asks why the flow wants what it asks for (an order number, a way to reach them),
 * rather than answering or asking something else: the flow says why, and asks again.
 */
export function asksWhyNeeded(text: string): boolean {
  const canonical = canonicalText(text).trim();
  return canonical.length <= 60 && (WHY_NEEDED_EN.test(canonical) || WHY_NEEDED_ZH.test(canonical));
}
