import { findTerms, terms } from './lexicon.js';
import { TICKET_PRIORITIES, type TicketPriority } from './types.js';

/**
 * Going to law or to the authorities ("I'm going to sue you", "my lawyer will contact you",
 * 「我要去消协」, 「打12315」): urgent on a ticket, and offered a complaint however calmly put
 * (complaint-trigger.ts).
 */
export const LEGAL_THREATS = [
  ...terms(1, 'lawyer', 'attorney', 'sue\\b', 'suing', 'lawsuit', 'small claims', 'consumer protection', 'trading standards'),
  ...terms(1, '律师', '起诉', '法院', '消协', '消费者协会', '12315', '曝光', '工商'),
];

/** Danger, fraud and legal threats: a person must look at these within hours. */
export const URGENT_TERMS = [
  ...terms(1, 'fraud', 'scam', 'stole', 'stolen', 'injur', 'hurt', 'burn', 'caught fire', 'on fire', 'explod', 'electric shock', 'poison', 'hospital', 'legal', 'court\\b', 'police'),
  ...terms(1, '骗', '欺诈', '被偷', '偷走', '偷了', '失窃', '受伤', '伤到', '烫伤', '着火', '起火', '爆炸', '触电', '中毒', '医院', '法律', '报警', '警察'),
  ...LEGAL_THREATS,
];

/** Money taken wrongly or an account in someone else's hands. */
export const HIGH_TERMS = [
  ...terms(1, 'charged twice', 'double charg', 'charged (?:me )?again', 'hacked', 'unauthori[sz]ed', 'without my permission'),
  ...terms(1, '盗刷', '被盗', '多扣', '扣了两次', '重复扣', '未经'),
];

/** A complaint this negative (sentiment in [-1, 1]) is high priority. */
export const ANGRY_AT_MOST = -0.6;
/** A complaint this mild or friendly (a suggestion, a small niggle) is low priority. */
export const MILD_AT_LEAST = 0.2;

export interface PriorityInput {
  text: string;
  sentiment: number;
  /** The customer's other tickets filed in the last 30 days. */
  recentComplaints: number;
}

export interface PriorityAssessment {
  priority: TicketPriority;
  reasons: string[];
}

const rank = (priority: TicketPriority) => TICKET_PRIORITIES.indexOf(priority);
const higher = (a: TicketPriority, b: TicketPriority) => (rank(a) >= rank(b) ? a : b);
const bump = (priority: TicketPriority) => TICKET_PRIORITIES[Math.min(rank(priority) + 1, TICKET_PRIORITIES.length - 1)]!;

/**
 * Severity from what the customer said, how they said it and how often they complained:
 * keywords set a floor, mood raises or lowers it, a repeat complaint raises it one level (up to high).
 */
export function assessPriority(input: PriorityInput): PriorityAssessment {
  const reasons: string[] = [];
  let priority: TicketPriority = 'normal';
  const urgent = findTerms(input.text, URGENT_TERMS);
  const high = findTerms(input.text, HIGH_TERMS);
  if (urgent.length > 0) {
    priority = 'urgent';
    reasons.push(`mentions ${urgent.map((hit) => `"${hit.phrase}"`).join(', ')}`);
  } else if (high.length > 0) {
    priority = 'high';
    reasons.push(`mentions ${high.map((hit) => `"${hit.phrase}"`).join(', ')}`);
  }
  if (input.sentiment <= ANGRY_AT_MOST) {
    if (rank(priority) < rank('high')) reasons.push(`very negative (${input.sentiment.toFixed(2)})`);
    priority = higher(priority, 'high');
  } else if (input.sentiment >= MILD_AT_LEAST && priority === 'normal') {
    priority = 'low';
    reasons.push(`mild tone (${input.sentiment.toFixed(2)})`);
  }
  // A repeat complaint raises low and normal one level; urgent stays for danger, fraud and the law.
  if (input.recentComplaints > 0 && rank(priority) < rank('high')) {
    priority = bump(priority);
    reasons.push(`repeat complaint (${input.recentComplaints} other ticket${input.recentComplaints > 1 ? 's' : ''} in 30 days)`);
  }
  return { priority, reasons };
}
