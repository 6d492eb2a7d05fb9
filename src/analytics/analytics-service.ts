import { mapLimit } from '../concurrency.js';
import { groupQuestions } from '../kb/index.js';
import { countBy, netPromoterScore, rate, round, statOf, top } from './stats.js';
import { dayIn, daysIn } from './time-zone.js';
import type { ActivityFacts, AgentStats, AnalyticsSources, AnalyticsSummary, ConversationFacts, TicketFacts, TurnFact } from './types.js';
import { handoffsOf } from '../conversations/index.js';
import { agentFirstResponses, botResponseTimes, type Holding, holdingsOf } from './response-times.js';

export interface DateRange {
  /** ISO time, inclusive. */
  from: string;
  /** ISO time, inclusive. */
  to: string;
  /** The IANA time zone whose calendar days the per-day numbers count in (default UTC). */
  timeZone?: string;
}

/** What a conversation's own files (turn log, transcript, insight) say, as the summary needs it. */
interface FileFacts {
  turns: TurnFact[];
  /** The customer wrote at least once. */
  customerWrote: boolean;
  /** Milliseconds from each customer message to the bot's reply. */
  botResponseMs: number[];
  mood: number | undefined;
  temperature: { score: number; label: string } | undefined;
  escalated: boolean;
  /** Per request for a human (`handoffsOf`), seconds to an agent's first line, when one came. */
  agentResponses: (number | undefined)[];
  /** Each agent's time with each request for a human. */
  holdings: Holding[];
}

interface ConversationData extends FileFacts {
  record: ConversationFacts;
}

/** A settled conversation's facts, and the state of its record they were computed with. */
interface Settled {
  facts: FileFacts;
  recordState: string;
}

/** How the engaged conversations felt: average touchpoint temperature, and cold / cool / warm counts. */
function temperatureOf(conversations: { temperature: { score: number; label: string } | undefined }[]): AnalyticsSummary['temperature'] {
  const known = conversations.flatMap((data) => (data.temperature ? [data.temperature] : []));
  const count = (label: string) => known.filter((temperature) => temperature.label === label).length;
  const average = known.length === 0 ? null : round(known.reduce((sum, temperature) => sum + temperature.score, 0) / known.length);
  return { count: known.length, average, cold: count('cold'), cool: count('cool'), warm: count('warm') };
}

const within = (iso: string | undefined | null, range: DateRange) => !!iso && iso >= range.from && iso <= range.to;
const CLOSED_TICKET = new Set(['resolved', 'closed']);
/** Conversations whose files are read at the same time (three files each). */
const CONVERSATIONS_AT_ONCE = 16;
/**
 * A conversation quiet this long has written everything its last turn writes (turn log and
 * insight follow the transcript within a second): its facts are kept until a line is added.
 */
const SETTLED_MS = 5 * 60_000;
/** What of a record the facts depend on: if it changes, they are read again. */
const recordStateOf = (record: ConversationFacts) => `${record.status}|${handoffsOf(record).map((handoff) => handoff.requestedAt).join(',')}`;

/** The service KPIs, computed from what is stored, for a date range. */
export class AnalyticsService {
  constructor(
    private readonly sources: AnalyticsSources,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Facts of settled conversations by id: a month's summary over 10,000 conversations read
   * 30,000 files each time it was asked (3 s); now only what changed since is read again.
   */
  private readonly settled = new Map<string, Settled>();
  /** Conversations whose files are being read, and those of them that changed meanwhile (not kept). */
  private readonly reading = new Set<string>();
  private readonly changedWhileRead = new Set<string>();

  /** A conversation's transcript changed (a line added, redacted, erased): read its files again. */
  changed(conversationId: string): void {
    this.settled.delete(conversationId);
    if (this.reading.has(conversationId)) this.changedWhileRead.add(conversationId);
  }

  /** Summaries are computed one at a time (each reads many files; and see `changed`). */
  private queue: Promise<unknown> = Promise.resolve();

  summary(range: DateRange): Promise<AnalyticsSummary> {
    const next = this.queue.then(() => this.compute(range));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async compute(range: DateRange): Promise<AnalyticsSummary> {
    const records = await this.sources.conversations.all();
    const conversations = await this.conversationsIn(records, range);
    const engaged = conversations.filter((data) => data.turns.length > 0 || data.customerWrote);
    const turns = engaged.flatMap((data) => data.turns.filter((turn) => within(turn.at, range)));
    const escalated = engaged.filter((data) => data.escalated).length;
    const tickets = await this.ticketsIn(range);
    return {
      range: { from: range.from, to: range.to, timeZone: range.timeZone ?? 'UTC' },
      conversations: { total: conversations.length, engaged: engaged.length, byDay: this.perDay(conversations, range) },
      containmentRate: rate(engaged.length - escalated, engaged.length),
      escalationRate: rate(escalated, engaged.length),
      fallbackRate: rate(turns.filter((turn) => turn.decision === 'fallback').length, turns.length),
      turns: {
        total: turns.length,
        answered: turns.filter((turn) => turn.decision === 'answer').length,
        clarified: turns.filter((turn) => turn.decision === 'clarify').length,
        fallback: turns.filter((turn) => turn.decision === 'fallback').length,
      },
      csat: await this.csatIn(range, tickets.all, records),
      nps: await this.npsIn(range),
      feedback: await this.feedbackIn(range),
      botResponseMs: statOf(engaged.flatMap((data) => data.botResponseMs)),
      agentFirstResponseSeconds: statOf(engaged.flatMap((data) => data.agentResponses.flatMap((seconds) => seconds ?? []))),
      resolutionHours: statOf(tickets.all.filter((ticket) => within(ticket.resolvedAt, range)).map((ticket) => round((Date.parse(ticket.resolvedAt!) - Date.parse(ticket.createdAt)) / 3_600_000, 2))),
      tickets: this.ticketCounts(tickets),
      sentiment: { byDay: this.moodPerDay(engaged, range.timeZone ?? 'UTC') },
      temperature: temperatureOf(engaged),
      topIntents: top(countMap(turns.flatMap((turn) => (turn.intent ? [turn.intent] : []))), 10).map(([intent, count]) => {
        const title = this.sources.intentTitle?.(intent);
        return { intent, count, ...(title ? { title } : {}) };
      }),
      topUnanswered: await this.topUnanswered(range),
      agents: this.perAgent(engaged, range),
    };
  }

  /**
   * The chats each agent had (started in the range; each request for a person apart), busiest
   * first. A chat passed from Alice to Bob counts for both: each is timed from when it became
   * theirs, and the rating, given at the hand-back, is Bob's.
   */
  private perAgent(conversations: ConversationData[], range: DateRange): AgentStats[] {
    const byAgent = new Map<string, { name: string; chats: number; passedOn: number; ratings: number[]; responses: number[] }>();
    const statsOf = (agentId: string, name: string) => {
      const stats = byAgent.get(agentId) ?? { name, chats: 0, passedOn: 0, ratings: [], responses: [] };
      byAgent.set(agentId, stats);
      return stats;
    };
    for (const { record, holdings } of conversations) {
      const handoffs = handoffsOf(record);
      // An agent who had the same request twice (passed it to the queue and took it back) had one chat.
      const counted = new Set<string>();
      for (const holding of holdings) {
        const stats = statsOf(holding.agentId, holding.name);
        const key = `${holding.handoff}|${holding.agentId}`;
        if (!counted.has(key)) {
          counted.add(key);
          stats.chats += 1;
          if (holding.firstResponseSeconds !== undefined) stats.responses.push(holding.firstResponseSeconds);
        }
        if (holding.passedOn && !counted.has(`${key}|passed`)) {
          counted.add(`${key}|passed`);
          stats.passedOn += 1;
        }
      }
      for (const handoff of handoffs) {
        if (handoff.agentId && handoff.rating && within(handoff.rating.at, range)) statsOf(handoff.agentId, handoff.agentName ?? handoff.agentId).ratings.push(handoff.rating.score);
      }
    }
    return [...byAgent]
      .map(([agentId, stats]) => ({ agentId, name: stats.name, chats: stats.chats, passedOn: stats.passedOn, rating: statOf(stats.ratings), firstResponseSeconds: statOf(stats.responses) }))
      .sort((a, b) => b.chats - a.chats || a.name.localeCompare(b.name));
  }

  private async conversationsIn(all: ConversationFacts[], range: DateRange): Promise<ConversationData[]> {
    const records = all.filter((record) => within(record.startedAt ?? record.createdAt, range));
    const known = new Set(all.map((record) => record.id));
    for (const id of this.settled.keys()) if (!known.has(id)) this.settled.delete(id);
    return mapLimit(records, CONVERSATIONS_AT_ONCE, async (record) => {
      const kept = this.settled.get(record.id);
      const facts = kept && kept.recordState === recordStateOf(record) ? kept.facts : await this.readFacts(record);
      return { record, ...facts };
    });
  }

  private async readFacts(record: ConversationFacts): Promise<FileFacts> {
    this.reading.add(record.id);
    const [turns, transcript, insight] = await Promise.all([
      this.sources.turns.of(record.id),
      this.sources.transcripts.read(record.id).catch(() => []),
      this.sources.insights.get(record.id),
    ]).finally(() => this.reading.delete(record.id));
    const changedMeanwhile = this.changedWhileRead.delete(record.id);
    const live = ['waiting', 'active'].includes(record.status);
    const facts: FileFacts = {
      turns,
      customerWrote: transcript.some(isCustomerMessage),
      botResponseMs: botResponseTimes(transcript),
      mood: insight && insight.turns > 0 ? insight.mood : undefined,
      temperature: insight && insight.turns > 0 ? insight.temperature : undefined,
      escalated: !!record.handoff || insight?.escalated === true || live,
      agentResponses: agentFirstResponses(record, transcript),
      holdings: holdingsOf(record, transcript),
    };
    const last = transcript.at(-1)?.timestamp;
    const quietSince = typeof last === 'string' ? Date.parse(last) : Date.parse(record.startedAt ?? record.createdAt);
    if (!live && !changedMeanwhile && this.clock().getTime() - quietSince >= SETTLED_MS) this.settled.set(record.id, { facts, recordState: recordStateOf(record) });
    return facts;
  }

  /** Conversations by the day they started on in the range's time zone (the admin's, not UTC's). */
  private perDay(conversations: ConversationData[], range: DateRange) {
    const timeZone = range.timeZone ?? 'UTC';
    const counts = countBy(conversations, (data) => dayIn(data.record.startedAt ?? data.record.createdAt, timeZone));
    return daysIn(range.from, range.to, timeZone).map((day) => ({ day, count: counts[day] ?? 0 }));
  }

  private moodPerDay(conversations: ConversationData[], timeZone: string) {
    // Sums, not lists copied per conversation: that was quadratic, a second's stall at 10,000 chats a day.
    const byDay = new Map<string, { sum: number; count: number }>();
    for (const data of conversations) {
      if (data.mood === undefined) continue;
      const day = dayIn(data.record.startedAt ?? data.record.createdAt, timeZone);
      const totals = byDay.get(day) ?? { sum: 0, count: 0 };
      totals.sum += data.mood;
      totals.count += 1;
      byDay.set(day, totals);
    }
    return [...byDay].sort((a, b) => a[0].localeCompare(b[0])).map(([day, { sum, count }]) => ({ day, average: round(sum / count), count }));
  }

  private async ticketsIn(range: DateRange): Promise<{ available: boolean; created: TicketFacts[]; all: TicketFacts[] }> {
    if (!this.sources.tickets) return { available: false, created: [], all: [] };
    const all = await this.sources.tickets.all();
    return { available: true, all, created: all.filter((ticket) => within(ticket.createdAt, range)) };
  }

  private ticketCounts({ available, created }: { available: boolean; created: TicketFacts[] }): AnalyticsSummary['tickets'] {
    const now = this.clock().toISOString();
    const overdue = created.filter((ticket) => !CLOSED_TICKET.has(ticket.status) && (!!ticket.overdueAt || (!!ticket.dueAt && ticket.dueAt < now)));
    return {
      available,
      total: created.length,
      byStatus: countBy(created, (ticket) => ticket.status),
      byCategory: countBy(created, (ticket) => ticket.category ?? 'other'),
      overdue: overdue.length,
    };
  }

  /**
   * Satisfaction answers: ticket ratings, ratings of chats with an agent, and any other answer
   * kept in profiles (each answer counted once, though a profile keeps a copy of the others).
   */
  private async csatIn(range: DateRange, tickets: TicketFacts[], conversations: ConversationFacts[]): Promise<AnalyticsSummary['csat']> {
    const scores: number[] = [];
    const ratedTickets = new Set<string>();
    const ratedChats = new Set<string>();
    for (const ticket of tickets) {
      if (!ticket.csat || !within(ticket.csat.at ?? ticket.resolvedAt, range)) continue;
      scores.push(ticket.csat.score);
      ratedTickets.add(ticket.id);
    }
    for (const record of conversations) {
      for (const { rating } of handoffsOf(record)) {
        if (!rating || !within(rating.at, range)) continue;
        scores.push(rating.score);
        ratedChats.add(record.id);
      }
    }
    for (const answer of (await this.sources.csat?.all()) ?? []) {
      const counted = answer.ticketId ? ratedTickets.has(answer.ticketId) : !!answer.conversationId && ratedChats.has(answer.conversationId);
      if (within(answer.at, range) && !counted) scores.push(answer.score);
    }
    const valid = scores.filter((score) => score >= 1 && score <= 5);
    const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
    for (const score of valid) distribution[String(Math.round(score)) as keyof typeof distribution] += 1;
    return { ...statOf(valid), distribution };
  }

  private async npsIn(range: DateRange): Promise<AnalyticsSummary['nps']> {
    const answers = ((await this.sources.nps?.answers()) ?? []).filter((answer) => within(answer.at, range));
    const asked = (await this.sources.nps?.askedSince(range.from, range.to)) ?? 0;
    return { ...netPromoterScore(answers.map((answer) => answer.score)), asked };
  }

  private async feedbackIn(range: DateRange) {
    const ratings = ((await this.sources.feedback?.list()) ?? []).filter((rating) => within(rating.at, range));
    return { helpful: ratings.filter((rating) => rating.helpful).length, unhelpful: ratings.filter((rating) => !rating.helpful).length };
  }

  /** Similar questions counted together, as the review page groups them. */
  private async topUnanswered(range: DateRange) {
    const questions = (await this.sources.unanswered.list()).filter((question) => within(question.at, range));
    return groupQuestions(questions)
      .slice(0, 10)
      .map((group) => ({ text: group.text, language: group.language, count: group.count }));
  }
}

function countMap(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

export function isCustomerMessage(activity: ActivityFacts): boolean {
  return activity.type === 'message' && (activity.from as { role?: string } | undefined)?.role !== 'bot';
}
