import { randomUUID } from 'node:crypto';
import type { Collection } from '../storage/ports.js';
import type { ProfileService } from './profile-service.js';

const DAY_MS = 86_400_000;
/** A customer is asked "would you recommend us?" at most once in this many days, answered or not. */
export const NPS_QUIET_DAYS = 30;

/**
 * One time a customer was asked the Net Promoter question, and their answer (0–10) if they
 * gave one. Kept whatever the consent to profiling, as a ticket's rating is: it is an answer the
 * customer chose to give, and the record of asking is what keeps the bot from asking again.
 */
export interface NpsSurvey {
  id: string;
  customerId: string;
  conversationId: string;
  /** The resolved ticket the question followed, if it followed one. */
  ticketId?: string;
  askedAt: string;
  score: number | null;
  answeredAt: string | null;
}

export interface NpsServiceDeps {
  surveys: Collection<NpsSurvey>;
  profiles: Pick<ProfileService, 'recordNps'>;
  /** Keeps the answer in the history of the ticket the question followed. */
  onTicketAnswer?: (ticketId: string, customerId: string, score: number) => Promise<unknown>;
  clock?: () => Date;
}

/**
 * The Net Promoter question: whether a customer is due to be asked (not within
 * `NPS_QUIET_DAYS`), that they were asked, and their answer (into the survey record, the
 * customer's profile and the ticket it followed).
 */
export class NpsService {
  private readonly clock: () => Date;

  constructor(private readonly deps: NpsServiceDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  async isDue(customerId: string): Promise<boolean> {
    const since = new Date(this.clock().getTime() - NPS_QUIET_DAYS * DAY_MS).toISOString();
    return (await this.deps.surveys.filter((survey) => survey.customerId === customerId && survey.askedAt >= since)).length === 0;
  }

  /** The question was put to the customer; resolves with the survey's id, for the answer. */
  async asked(input: { customerId: string; conversationId: string; ticketId?: string }): Promise<string> {
    const askedAt = this.clock().toISOString();
    const id = `nps-${randomUUID()}`;
    await this.deps.surveys.put({ id, ...input, askedAt, score: null, answeredAt: null });
    return id;
  }

  async answered(surveyId: string, score: number): Promise<void> {
    const survey = await this.deps.surveys.get(surveyId);
    if (!survey || !Number.isInteger(score) || score < 0 || score > 10) return;
    const at = this.clock().toISOString();
    await this.deps.surveys.put({ ...survey, score, answeredAt: at });
    const { customerId, conversationId, ticketId } = survey;
    await this.deps.profiles.recordNps(customerId, { score, conversationId, ...(ticketId ? { ticketId } : {}) });
    if (ticketId) await this.deps.onTicketAnswer?.(ticketId, customerId, score);
  }

  /** Every answer given (analytics' NPS). */
  async answers(): Promise<{ score: number; at: string }[]> {
    return (await this.deps.surveys.filter((survey) => survey.score !== null)).map((survey) => ({ score: survey.score!, at: survey.answeredAt ?? survey.askedAt }));
  }

  /** How many times the question was put (for the answer rate). */
  async askedSince(from: string, to: string): Promise<number> {
    return (await this.deps.surveys.filter((survey) => survey.askedAt >= from && survey.askedAt <= to)).length;
  }
}
