import { canonicalText } from '../nlu/normalize.js';
import { findTerms, type LexiconEntry, type LexiconHit, terms } from './lexicon.js';
import type { TicketCategory } from './types.js';

/**
 * Waiting for something that has not come: "my order still is not here", "where is my parcel? it
 * has been ages", "太慢了", "等了好久". A delivery, when no other word names what was awaited
 * ("my refund is not here yet" stays a refund, "客服回复太慢" the service), nor, for a ticket, what
 * the customer said before (see `classifyInContext`).
 */
const WAITING: readonly LexiconEntry[] = [
  ...terms(1.5, "(?:not|isn't|hasn't|haven't|has not|have not)\\s+(?:yet\\s+)?(?:here|shown up|showed up|turned up|been (?:delivered|shipped|sent))"),
  ...terms(1, 'where(?: is|\'s) my (?:order|parcel|package|stuff|item|delivery)', 'still waiting', '(?:been|taking|takes|took|for)\\s+(?:ages|forever|so long|too long)', 'too slow', 'so slow'),
  ...terms(1, '太慢', '很慢', '好慢', '真慢', '这么慢', '太久', '好久', '这么久', '等了', '还没来', '还没发', '迟迟'),
];

/**
 * What a complaint is about, from words in either language. Strong words (broken, refund,
 * rude) weigh 2; words that only set the scene (parcel, arrived) weigh less, so "the parcel
 * arrived broken" is about the product, not the delivery.
 */
export const CATEGORY_LEXICON: Readonly<Record<Exclude<TicketCategory, 'other'>, readonly LexiconEntry[]>> = {
  delivery: [
    ...terms(2, 'deliver', 'ship', 'late\\b', 'missing (?:parcel|package|order|delivery)', 'delay', 'never (?:came|arrived|showed up)', 'not (?:yet )?(?:received|arrived)', "(?:hasn't|has not|didn't|did not|haven't|have not) (?:arrive|come|receive|got)", 'tracking', 'dispatch', 'wrong address'),
    ...terms(2, '快递', '物流', '配送', '送货', '发货', '到货', '没收到', '未收到', '没到', '延迟', '丢件', '派送', '运单'),
    ...terms(1, 'lost', 'courier', '丢'),
    ...WAITING,
    ...terms(0.5, 'parcel', 'package', 'arriv', '包裹', '送到'),
  ],
  product_quality: [
    ...terms(2, 'broken', 'broke', 'damag', 'defect', 'faulty', 'crack', 'scratch', "(?:doesn't|does not|don't|not|stopped) work", 'quality', 'fake', 'counterfeit', 'wrong (?:item|size|colou?r|product)', 'missing (?:part|piece)', 'torn', 'leak', 'expired'),
    // How customers say a thing came apart: "the vase was smashed", "shattered", "dented", "mouldy".
    ...terms(2, 'smash', 'shatter', 'dent(?:ed|s)?\\b', 'bent\\b', 'ripped', 'stained', 'mou?ldy?\\b', 'rotten', 'melted', '变形', '发霉', '污渍', '凹陷'),
    ...terms(2, 'no sound', 'flicker', "(?:won't|will not|doesn't|does not|can't|cannot|stopped) (?:turn on|switch on|power on|charg|connect|pair)", 'dead on arrival', 'overheat'),
    ...terms(2, '坏', '破损', '损坏', '质量', '瑕疵', '次品', '假货', '不能用', '用不了', '碎', '裂', '划痕', '漏', '过期', '发错', '缺件', '掉色'),
    ...terms(2, '没声音', '没有声音', '闪烁', '一闪一闪', '不亮', '开不了机', '开不机', '充不进电', '充不了电', '连不上', '发烫', '死机', '黑屏'),
  ],
  refund_billing: [
    ...terms(2, 'refund', 'charged', 'charges?\\b', 'bill(?:ed|ing)?\\b', 'invoice', 'payment', 'overcharg', 'money back', 'my money', 'coupon', 'credit card', 'deduct'),
    ...terms(2, '退款', '到账', '扣款', '扣费', '多扣', '扣了', '账单', '发票', '付款', '支付', '退钱', '优惠券', '返现'),
    ...terms(1, 'paid', 'price', 'money', '钱', '价格'),
  ],
  service_attitude: [
    ...terms(2, 'rude', 'impolite', 'attitude', 'ignor', 'nobody (?:answer|repl|respond|help)', 'no one (?:answer|repl|respond|help)', 'hung up', 'unhelpful', 'unprofessional', 'shout', 'yell', 'disrespect'),
    ...terms(2, '态度', '不理', '没人理', '没人回', '挂电话', '不耐烦', '骂', '敷衍', '不专业', '推脱'),
    // Slow to answer: the waiting is for a reply, not a parcel ("客服回复太慢", "still waiting for a reply").
    ...terms(2, 'slow to (?:reply|respond|answer)', 'waiting for (?:a |an |your |any )?(?:reply|response|answer)', '回复太慢', '回复慢', '回得慢', '回得太慢', '不回复'),
    ...terms(1, 'staff', 'customer service', 'your agent', '客服'),
  ],
  account: [
    ...terms(2, 'account', 'log ?in', 'sign ?in', 'password', 'locked out', 'hacked', 'verification code', 'register', 'two-factor', '2fa'),
    ...terms(2, '账户', '账号', '登录', '登陆', '密码', '被盗', '冻结', '注册', '验证码', '绑定', '封号'),
  ],
};

/** Below this a category is only a hint: the complaint is "other". */
const MIN_SCORE = 1;

export interface Classification {
  category: TicketCategory;
  /** The words that decided it, as the customer wrote them. */
  evidence: string[];
}

/**
 * Words that ask for a person ("转人工客服", "我要找客服", "talk to customer service") or name the
 * bot ("你是智能客服吗", "is this customer service or a bot?"): they say how the customer wants help
 * or whom they are talking to, not what went wrong, so "客服" or "customer service" in them is
 * no complaint about the service. "人工客服态度很差" still is, by "态度".
 */
const ASKING_FOR_A_PERSON = [
  /(?:转|找|接|要|联系|呼叫|叫)?(?:人工|真人)(?:客服|服务|坐席)?|(?:转|找|接|联系|呼叫)(?:一下)?客服/gu,
  /\b(?:talk|speak|chat)\s+(?:to|with)\s+(?:a\s+|an\s+|your\s+|the\s+)?(?:real\s+|live\s+)?(?:human|person|agent|someone|representative|customer\s+service)\b|\b(?:transfer|put)\s+me\s+(?:through\s+)?to\s+(?:a\s+|an\s+|the\s+)?(?:human|person|agent|customer\s+service)\b/giu,
  /智能客服|(?:ai|AI|机器人)客服|客服机器人/gu,
  /\b(?:are\s+you|is\s+this|am\s+i\s+(?:talking|chatting|speaking)\s+(?:to|with))\s+(?:a\s+|an\s+|the\s+)?(?:real\s+|live\s+)?(?:customer\s+service|agent|staff)\b/giu,
];

/** Verbs that ask for something, not negated ("didn't get a refund" is a refund refused: the trouble itself). */
const ASK_EN = String.raw`(?<!(?:n't|not|never|no)\s)(?:want|need|would like|'d like|wanna|demand|request|expect|deserve|get|give me|issue me)`;
/**
 * Words that ask for a refund as the way to put things right ("我要退款", "请尽快把钱退给我",
 * "I want a refund", "give me my money back"): beside a problem they name the remedy, not what
 * went wrong, so "收到的杯子是碎的，我要退款" is about the broken cup. Negated ("不给我退款") they are not asked for.
 */
const REFUND_AS_REMEDY = [
  /(?<![不没未别])(?:要|想|想要|要求|申请|需要|希望|请|给我)(?:全额)?(?:退货)?退款|(?<![不没未别])把钱退(?:给我|回来|还给我)?|(?<![不没未别])退钱/gu,
  new RegExp(String.raw`\b(?:${ASK_EN}\s+(?:a\s+)?(?:full\s+)?refund|${ASK_EN}\s+(?:my\s+|the\s+)?money\s+back|refund\s+me|please\s+refund|for\s+a\s+(?:full\s+)?refund)\b`, 'giu'),
];

/** The weight of a word that names a problem ("broken", "碎", "charged"), not only the scene ("the parcel arrived"). */
const STRONG = 2;

interface Scored {
  category: TicketCategory;
  score: number;
  hits: LexiconHit[];
}

/**
 * The category of a complaint; ties go to the category listed first. A refund asked for is
 * left out when the rest names another problem and no trouble with money ("退款还没到账",
 * "I was charged twice, I want a refund" stay refund and billing).
 */
export function classifyCategory(text: string): Classification {
  const about = ASKING_FOR_A_PERSON.reduce((rest, pattern) => rest.replace(pattern, ' '), canonicalText(text));
  const rest = REFUND_AS_REMEDY.reduce((left, pattern) => left.replace(pattern, ' '), about);
  const beside = scoresIn(rest, WITHOUT_WAITING);
  const remedyOnly = beside[0]!.score >= STRONG && beside.every((each) => each.category !== 'refund_billing' || each.score < STRONG);
  const told = remedyOnly || rest === about ? rest : about;
  // Waiting words decide only when nothing else names a problem: "I want my refund, it's taking forever" waits for the refund.
  const named = scoresIn(told, WITHOUT_WAITING)[0]!;
  const best = named.score >= MIN_SCORE ? named : scoresIn(told)[0]!;
  if (best.score < MIN_SCORE) return { category: 'other', evidence: [] };
  return { category: best.category, evidence: best.hits.map((hit) => hit.phrase) };
}

/**
 * The category of a complaint told over several messages: what the complaint itself says or,
 * when that names no category or only waiting ("I'm fed up with waiting", "等了太久了"), what the customer said
 * just before (`earlier`, latest first: "my order is late"), the nearest message that names one.
 */
export function classifyInContext(text: string, earlier: readonly string[] = []): Classification {
  const own = classifyCategory(text);
  if (own.category !== 'other' && !onlyWaiting(text)) return own;
  for (const message of earlier) {
    const before = classifyCategory(message);
    if (before.category !== 'other') return before;
  }
  return own;
}

type LexiconTable = readonly (readonly [TicketCategory, readonly LexiconEntry[]])[];
const ALL_WORDS: LexiconTable = Object.entries(CATEGORY_LEXICON) as [TicketCategory, LexiconEntry[]][];
/** The lexicon less the waiting words (built once: classification runs on every customer message). */
const WITHOUT_WAITING: LexiconTable = ALL_WORDS.map(([category, lexicon]) => [category, lexicon.filter((entry) => !WAITING.includes(entry))] as const);
/** Only the waiting words name a category: "等了太久了" says a delivery unless an earlier message says what was awaited. */
export const onlyWaiting = (text: string) => scoresIn(canonicalText(text), WITHOUT_WAITING)[0]!.score < MIN_SCORE;

/** Every category's score in the text, best first (a stable sort: ties keep the lexicon's order). */
function scoresIn(text: string, table: LexiconTable = ALL_WORDS): Scored[] {
  return table
    .map(([category, lexicon]) => {
      const hits = findTerms(text, lexicon);
      return { category, score: hits.reduce((sum, hit) => sum + hit.weight, 0), hits };
    })
    .sort((a, b) => b.score - a.score);
}
