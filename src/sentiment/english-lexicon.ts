/**
 * English word lists for support chats, layered over natural's AFINN vocabulary.
 * Valences use AFINN's scale (-5 … 5). Written by hand from general knowledge of how
 * customers write to a support desk; nothing here is learned from a data set.
 */

/** Corrections to AFINN words whose everyday sense in a support chat is different. */
export const WORD_OVERRIDES: Record<string, number> = {
  // Requests and names, not feelings.
  please: 0, help: 0, helping: 0, want: 0, like: 0, likes: 0, united: 0, chance: 0, big: 0,
  reach: 0, allow: 0, matter: 0, support: 0, safety: 0, share: 0, gold: 0, award: 0,
  friend: 0, wish: 0, true: 0, top: 0, kind: 0, pretty: 0, super: 0, huge: 0, leave: 0,
  drop: 0, cut: 0, empty: 0, apology: 0, apologies: 0, sure: 0, certain: 0, clear: 0,
  credit: 0, save: 0, saved: 0, interested: 0, join: 0, dear: 0, number: 0, pay: -0.5,
  stop: -0.5, loyal: 0.5, hope: 0.5, hoping: 0.5, hopefully: 0.5, free: 0.5, care: 0.5,
  yes: 0.5, yeah: 0.3, fine: 0.5, no: 0, luck: 1, wow: 1, funny: 1, fun: 2, lol: 1, haha: 1,
  joke: -1.5, worries: -1, crazy: -1.5, charged: -2, sorry: -0.5, spam: 0, cool: 1.5, well: 0,
  // Missing from AFINN but common in complaints.
  delayed: -2, delay: -2, delays: -2, cancelled: -2, canceled: -2, cancel: -1,
  cancellation: -1, refund: -1.5, refunds: -1.5, reimburse: -1, reimbursement: -1,
  compensation: -1, late: -1.5, later: 0, overdue: -2, stranded: -2.5, waiting: -1,
  waited: -1.5, still: -0.5, hold: -0.5, broken: -2, damaged: -2, defective: -2,
  faulty: -2, incorrect: -2, missing: -2, lost: -2.5, misplaced: -2, overbooked: -2,
  oversold: -2, bumped: -1.5, diverted: -1, downgraded: -2, dirty: -2, filthy: -3,
  smelly: -2, cramped: -1.5, uncomfortable: -2, slow: -2, slowest: -3, forever: -1,
  expensive: -1.5, overpriced: -2.5, overcharged: -2.5, fee: -1, fees: -1, issue: -1,
  issues: -1, bug: -1.5, crash: -2, crashed: -2, crashes: -2, glitch: -1.5, outage: -2,
  confusing: -1.5, unable: -1.5, unacceptable: -3, incompetent: -3, incompetence: -3,
  unprofessional: -3, unhelpful: -2.5, useless: -3, pathetic: -3, rude: -2.5, mess: -2,
  hassle: -2, inconvenience: -2, inconvenienced: -2, ruined: -3, scam: -3, scams: -3, scammer: -3, scammers: -3, scammed: -3, fraud: -3, fraudster: -3, fraudsters: -3, crooks: -3, thieves: -3,
  complaint: -2, complain: -2, complaining: -2, fail: -2, failed: -2, fails: -2,
  epicfail: -3, nightmare: -3, sucks: -3, ugh: -2, argh: -2, smh: -2, fml: -3, seriously: -1,
  hung: -1, ignored: -2, ignoring: -2, unanswered: -2, worst: -3.5, wasted: -2, waste: -2,
  rebooked: -0.5, delaying: -2, cracked: -2, scratched: -2, dented: -2, leaking: -2, leaked: -2, stuck: -2, lied: -3, lying: -3, liar: -3, garbage: -3, trash: -2.5,
  // Positive service words missing from AFINN or under-weighted.
  thanks: 2, thank: 2, thx: 2, ty: 1.5, kudos: 3, resolved: 2.5, solved: 2, fixed: 1.5,
  sorted: 1.5, smooth: 2, seamless: 2.5, quick: 1.5, quickly: 1, fast: 1.5, prompt: 1.5,
  promptly: 1.5, courteous: 2, polite: 1.5, professional: 1.5, patient: 1.5,
  friendly: 2, helpful: 2.5, appreciate: 2.5, appreciated: 2.5, recommend: 2, props: 2,
  shoutout: 2, yay: 2, woohoo: 3, impressed: 3, attentive: 2, efficient: 2,
};

/** Multi-word expressions; the longest match wins and replaces its words' own valences. */
export const PHRASES: Record<string, number> = {
  // Neutral: block the words inside from scoring.
  'customer service': 0, 'customer care': 0, 'customer support': 0, 'no thanks': 0,
  // Names of things the shop sells or runs, not opinions: 'gift' and 'free' in them are no praise.
  'gift card': 0, 'gift cards': 0, 'gift wrap': 0, 'gift wrapping': 0, 'free shipping': 0, 'free returns': 0,
  'not sure': 0, 'nothing like': -1.5, "can't believe": -1.5, 'cant believe': -1.5, 'thank you in advance': 0.5, 'thanks in advance': 0.5, 'would like': 0,
  "i'd like": 0, 'feel free': 0, 'kind of': 0, 'sort of': 0, 'please help': 0,
  'help me': 0, 'no longer': 0, 'as soon as possible': 0, 'a lot': 0, 'pretty much': 0,
  'at least': -0.5, 'good morning': 0, 'good afternoon': 0, 'good evening': 0,
  'good night': 0, 'how long': 0, 'in advance': 0, 'any chance': 0, 'let me know': 0,
  'not only': 0,
  // Positive service phrases.
  'no problem': 1.5, 'no problems': 1.5, 'no worries': 1.5, 'no issues': 1.5,
  'not bad': 1.5, "can't wait": 2.5, 'cant wait': 2.5, 'cannot wait': 2.5,
  'thank you': 2.5, 'thank you so much': 3.5, 'thanks so much': 3.5,
  'thank you very much': 3.5, 'thanks a lot': 2.5, 'many thanks': 3, 'much appreciated': 3,
  'great help': 3.5, 'big help': 3, 'huge help': 3.5, 'very helpful': 3, 'super helpful': 3,
  'well done': 3, 'you rock': 3, 'you guys rock': 3.5, 'on time': 1.5, 'ahead of schedule': 2,
  'sorted out': 2, 'taken care of': 2, 'took care of': 2, 'worked out': 1.5,
  'problem solved': 3, 'issue resolved': 3, 'i like': 2, 'we like': 2, 'really like': 2.5,
  'shout out': 2, 'made my day': 3.5, 'above and beyond': 3.5, 'good job': 3, 'great job': 3.5,
  'great service': 3.5, 'good service': 2.5, 'excellent service': 4, 'fly again': 1,
  'keep it up': 2.5, 'love you': 3, 'safe travels': 1, 'good luck': 0.5,
  // Complaints.
  'still waiting': -2.5, 'still no': -2, 'still nothing': -2.5, 'still not': -1,
  'on hold': -2, 'hung up': -2.5, 'hang up': -2, 'hanging up': -2,
  'thanks anyway': -1.5, 'thanks for nothing': -3, 'thank you for nothing': -3,
  'no one': -1.5, 'nobody': -1.5, 'never again': -3, 'not again': -2,
  'waste of time': -3, 'waste of money': -3, 'rip off': -3, 'ripped off': -3,
  'took forever': -2.5, 'taking forever': -2.5, 'takes forever': -2.5,
  'what a joke': -3, 'a joke': -2, 'wrong item': -2.5, 'wrong order': -2.5,
  'lost my bag': -3, 'lost my bags': -3, 'lost my luggage': -3, 'lost luggage': -3,
  'missed my connection': -3, 'missed connection': -2.5, 'late flight': -2,
  'cancelled my flight': -3, 'canceled my flight': -3, 'cancelled flight': -2.5,
  'cancelled flighted': -2.5, 'cancelled flightled': -2.5, 'flight cancelled': -2.5,
  'delayed again': -3, 'charged twice': -3, 'double charged': -3, 'want my money back': -3,
  'money back': -1.5, 'want a refund': -2, 'where is my refund': -2.5, 'fed up': -3,
  'sick of': -3, 'tired of': -2.5, 'had enough': -2.5, 'get it together': -2.5,
  'worst customer service': -4, 'worst airline': -4, 'worst experience': -4,
  'not acceptable': -2.5, 'no excuse': -2.5, 'come on': -1.5, 'how hard': -2,
  'over an hour': -2, 'for hours': -2, 'hours later': -1.5, 'an hour': -0.5,
  'more than an hour': -2, 'what is going on': -1.5, "what's going on": -1.5,
  'no way': -1, 'be ashamed': -3, 'shame on you': -3, 'lost customer': -3,
  'lost a customer': -3, 'switching to': -1.5, 'never flying': -3, 'never fly': -3,
  'never ordering': -3, 'never buying': -3, 'never received': -2.5, 'never arrived': -2.5,
  'never showed': -2.5, 'never got': -2,
};

/**
 * Words that switch the polarity of what follows (within a short scope). Contractions are
 * handled by the `n't` ending as well.
 */
export const NEGATORS = new Set([
  'not', 'no', 'never', 'neither', 'nor', 'none', 'nothing', 'nobody', 'nowhere', 'without',
  'cannot', 'cant', 'dont', 'doesnt', 'didnt', 'isnt', 'wasnt', 'arent', 'werent',
  'havent', 'hasnt', 'hadnt', 'wont', 'wouldnt', 'couldnt', 'shouldnt', 'aint', 'hardly',
  'barely', 'lacks', 'lack', 'lacking',
]);

/**
 * Things a customer expects to happen; saying they did not ("never arrived", "no reply",
 * "isn't working") is a complaint even without an opinion word.
 */
export const EXPECTED_EVENTS = new Set([
  'arrive', 'arrived', 'arrives', 'arriving', 'receive', 'received', 'get', 'got', 'gotten',
  'work', 'works', 'working', 'worked', 'answer', 'answered', 'answers', 'answering',
  'respond', 'responded', 'response', 'responses', 'reply', 'replied', 'replies',
  'help', 'helped', 'helping', 'call', 'called', 'callback', 'calls', 'email', 'emails',
  'come', 'came', 'comes', 'coming', 'signed', 'ordered', 'asked', 'authorized', 'authorised', 'show', 'showed', 'delivered', 'delivery', 'refund', 'refunded',
  'fixed', 'fix', 'update', 'updates', 'info', 'information', 'apology', 'apologies',
  'explanation', 'communication', 'contact', 'heard', 'hear', 'load', 'loading', 'open',
  'confirmation', 'notification', 'compensation', 'acknowledge', 'acknowledged',
  'available', 'functioning', 'assistance', 'sent', 'shipped', 'processed', 'returned',
  'picked', 'pick', 'boarding', 'left', 'moving', 'moved', 'seat', 'seats', 'power',
  'wifi', 'food', 'water', 'agent', 'agents', 'staff', 'crew', 'gate', 'luggage', 'bag',
  'bags', 'baggage', 'way', 'option', 'options', 'record',
]);

/** Transactions a customer may simply ask about ("how do I get a refund?"): complaints only outside a question. */
export const REQUEST_WORDS = new Set([
  'refund', 'refunds', 'cancel', 'cancellation', 'fee', 'fees', 'charges', 'charged',
  'reimburse', 'reimbursement', 'compensation', 'wait', 'waiting', 'hold', 'late', 'delay',
]);

/** Words that only carry an opinion when negated ("don't like", "doesn't help"). */
export const NEGATED_ONLY: Record<string, number> = { like: 2, help: 1.5, want: 0.5, recommend: 2 };

/** Words that close a negation's scope: "can't believe how bad" negates "believe", not "bad". */
export const SCOPE_BREAKERS = new Set([
  'how', 'what', 'why', 'when', 'where', 'which', 'who', 'that', 'because', 'since', 'and',
  'so', 'if', 'until', 'after', 'before', 'while',
]);

/** Degree words: multiply the next opinion word. */
export const BOOSTERS: Record<string, number> = {
  very: 1.4, really: 1.3, so: 1.3, too: 1.3, extremely: 1.6, super: 1.4, totally: 1.4,
  absolutely: 1.5, completely: 1.5, utterly: 1.6, incredibly: 1.5, truly: 1.3, most: 1.3,
  highly: 1.4, especially: 1.2, such: 1.3, terribly: 1.5, insanely: 1.6,
  pretty: 1.15, quite: 1.1, huge: 1.3, beyond: 1.4, extra: 1.2, ridiculously: 1.6,
  exceptionally: 1.5, particularly: 1.2, thoroughly: 1.4, deeply: 1.4, hugely: 1.4,
  slightly: 0.5, somewhat: 0.6, bit: 0.6, little: 0.6, kinda: 0.6, fairly: 0.8,
  marginally: 0.5, partly: 0.6, mildly: 0.5, rather: 0.8,
};

/** Words that open a clause that outweighs what came before ("…, but …"). */
export const CONTRAST_WORDS = new Set(['but', 'however']);
