import { conflict } from '../errors.js';
import { applyTurn, choiceKey, type CustomerTurn, emptyInsight, InsightStore, withTemperature } from './conversation-insights.js';
import type { VerifiedIdentity } from './identity.js';
import type { ProfileStore } from './profile-store.js';
import { FRUSTRATED_BELOW } from './tag-rules.js';
import { nextMood } from './temperature.js';
import type { Complaint, ContactSummary, ConversationInsight, CsatAnswer, CustomerProfile, NpsAnswer } from './types.js';

/** Points of sentiment history kept per customer (the rolling score covers them all). */
export const MAX_HISTORY = 200;
/** Identities of visitors who have not (yet) agreed to profiling, kept in memory only. */
const MAX_PENDING_IDENTITIES = 1000;

export interface ProfileServiceDeps {
  profiles: ProfileStore;
  insights: InsightStore;
  /** The ids of a customer's conversations (to clear their per-message scores). */
  conversationIdsOf: (customerId: string) => Promise<string[]>;
  clock?: () => Date;
}

/**
 * Builds customer profiles from what happens in chats: each message's sentiment, how each
 * turn went, complaints, cancel requests, CSAT answers. A profile exists only while the
 * customer agrees to profiling; without it only the per-conversation counters are kept.
 */
export class ProfileService {
  private readonly clock: () => Date;
  private readonly pendingIdentities = new Map<string, VerifiedIdentity>();

  constructor(private readonly deps: ProfileServiceDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  get(customerId: string): Promise<CustomerProfile | undefined> {
    return this.deps.profiles.get(customerId);
  }

  insight(conversationId: string): Promise<ConversationInsight | undefined> {
    return this.deps.insights.get(conversationId);
  }

  /** The customer's mood if this message were added: the bot adapts its tone to it. */
  async moodWith(customerId: string, conversationId: string, score: number | null): Promise<{ mood: number; frustrated: boolean }> {
    const profile = await this.get(customerId);
    let previous = profile ? profile.rolling : null;
    if (!profile) {
      // Without a profile, the mood of this conversation alone.
      const insight = await this.insight(conversationId);
      previous = insight && (insight.moodTurns ?? insight.turns) > 0 ? insight.mood : null;
    }
    // `null`: a message that does not count (a clicked choice): the mood as it is.
    const mood = score === null ? (previous ?? 0) : nextMood(previous, score);
    return { mood, frustrated: mood < FRUSTRATED_BELOW };
  }

  /** Record one customer message and its outcome; resolves with the conversation's insight. */
  async recordTurn(turn: CustomerTurn): Promise<ConversationInsight> {
    const at = this.clock().toISOString();
    const consented = (await this.get(turn.customerId)) !== undefined;
    const insight = (await this.deps.insights.update(turn.conversationId, (before) =>
      applyTurn(before ?? emptyInsight(turn.conversationId, turn.customerId, at), turn, at, consented),
    ))!;
    await this.deps.profiles.update(turn.customerId, (profile) => profile && addTurn(profile, turn, insight, at));
    return insight;
  }

  /** A human was asked for (by the bot or the customer): the temperature counts it, and the wait starts. */
  async recordEscalation(conversationId: string): Promise<void> {
    const at = this.clock().toISOString();
    await this.deps.insights.update(conversationId, (insight) =>
      insight && !insight.waitingSince ? withTemperature({ ...insight, escalated: true, waitingSince: at }) : undefined,
    );
  }

  /** An agent took the chat, or nobody came in time, or the customer left the queue: the wait ends. */
  async recordWaitOver(conversationId: string): Promise<void> {
    const now = this.clock().getTime();
    await this.deps.insights.update(conversationId, (insight) => {
      if (!insight?.waitingSince) return undefined;
      const { waitingSince, ...rest } = insight;
      const waited = Math.max(0, Math.round((now - Date.parse(waitingSince)) / 1000));
      return withTemperature({ ...rest, waitedSeconds: insight.waitedSeconds + waited });
    });
  }

  /** The bot's latest message in a turn the customer did not start offered these quick replies (or none). */
  async noteOfferedChoices(conversationId: string, offered: string[]): Promise<void> {
    const keys = offered.map(choiceKey);
    await this.deps.insights.update(conversationId, (insight) =>
      insight && JSON.stringify(insight.offeredChoices ?? []) !== JSON.stringify(keys) ? { ...insight, offeredChoices: keys } : undefined,
    );
  }

  /** The bot offered (and asked for) a human in this conversation; it will not offer again. */
  async markOfferedHuman(conversationId: string): Promise<void> {
    const at = this.clock().toISOString();
    await this.deps.insights.update(conversationId, (insight) => insight && { ...insight, offeredHumanAt: at });
  }

  /** Consent to profiling given or withdrawn; withdrawing removes the profile data. */
  async setConsent(customerId: string, profiling: boolean): Promise<void> {
    const at = this.clock().toISOString();
    if (profiling) {
      await this.deps.profiles.update(customerId, (profile) => (profile ? undefined : this.newProfile(customerId, at)));
      return;
    }
    await this.deps.profiles.delete(customerId);
    this.pendingIdentities.delete(customerId);
    for (const conversationId of await this.deps.conversationIdsOf(customerId)) {
      // The per-message scores leave the disk too, not only the current version.
      await this.deps.insights.update(conversationId, (insight) => (insight && insight.messages.length > 0 ? { ...insight, messages: [] } : undefined), { forgetEarlier: true });
    }
  }

  /** A host-site identity was verified for this customer: keep its attributes on the profile. */
  async noteIdentity(customerId: string, identity: VerifiedIdentity): Promise<void> {
    const updated = await this.deps.profiles.update(customerId, (profile) => profile && withIdentity(profile, identity, this.clock().toISOString()));
    if (updated) return;
    if (this.pendingIdentities.size >= MAX_PENDING_IDENTITIES) this.pendingIdentities.delete(this.pendingIdentities.keys().next().value!);
    this.pendingIdentities.set(customerId, identity);
  }

  /** A ticket was filed: a complaint, unless this conversation's complaint is already counted. */
  async recordComplaint(customerId: string, conversationId: string, ticketId?: string): Promise<void> {
    const at = this.clock().toISOString();
    await this.deps.profiles.update(customerId, (profile) => {
      if (!profile) return undefined;
      const complaints = withComplaint(profile.complaints, { at, conversationId, ...(ticketId ? { ticketId } : {}) });
      return complaints === profile.complaints ? undefined : { ...profile, updatedAt: at, complaints };
    });
  }

  async recordCsat(customerId: string, answer: Omit<CsatAnswer, 'at'>): Promise<void> {
    const at = this.clock().toISOString();
    // A ticket is rated once: its comment, or a changed score, replaces the earlier answer.
    const kept = (csat: CsatAnswer[]) => (answer.ticketId ? csat.filter((each) => each.ticketId !== answer.ticketId) : csat);
    await this.deps.profiles.update(customerId, (profile) => profile && { ...profile, updatedAt: at, csat: [...kept(profile.csat), { at, ...answer }].slice(-50) });
  }

  /** A Net Promoter answer (0–10), kept with the customer's other answers when they have a profile. */
  async recordNps(customerId: string, answer: Omit<NpsAnswer, 'at'>): Promise<void> {
    const at = this.clock().toISOString();
    await this.deps.profiles.update(customerId, (profile) => profile && { ...profile, updatedAt: at, nps: [...(profile.nps ?? []), { at, ...answer }].slice(-50) });
  }

  /** Every satisfaction answer kept in profiles (analytics' CSAT). */
  async csatAnswers(): Promise<CsatAnswer[]> {
    return (await this.deps.profiles.all()).flatMap((profile) => profile.csat);
  }

  /** An admin marks or unmarks a VIP. */
  async setVip(customerId: string, vip: boolean): Promise<void> {
    const at = this.clock().toISOString();
    const updated = await this.deps.profiles.update(customerId, (profile) => {
      if (!profile) return undefined;
      const { vip: _old, ...rest } = profile;
      return { ...rest, updatedAt: at, ...(vip ? { vip: { by: 'admin' as const, at } } : {}) };
    });
    if (!updated) throw conflict('no_profile', 'this customer has no profile (no consent to profiling)');
  }

  flush(): Promise<void> {
    return this.deps.profiles.flush();
  }

  private newProfile(customerId: string, at: string): CustomerProfile {
    const profile = emptyProfile(customerId, at);
    const identity = this.pendingIdentities.get(customerId);
    this.pendingIdentities.delete(customerId);
    return identity ? withIdentity(profile, identity, at) : profile;
  }
}

/** The profile a customer gets on consenting at `at`: nothing recorded yet. */
export function emptyProfile(customerId: string, at: string): CustomerProfile {
  return { id: customerId, createdAt: at, updatedAt: at, consent: { profiling: true, at }, sentiment: [], rolling: null, contacts: [], complaints: [], cancelRequests: [], csat: [], nps: [] };
}

function withIdentity(profile: CustomerProfile, identity: VerifiedIdentity, at: string): CustomerProfile {
  const { externalId, email, name } = identity;
  const vip = identity.vip ? (profile.vip ?? { by: 'host-site' as const, at }) : profile.vip?.by === 'admin' ? profile.vip : undefined;
  const { vip: _old, ...rest } = profile;
  return { ...rest, updatedAt: at, identity: { externalId, ...(email ? { email } : {}), ...(name ? { name } : {}) }, ...(vip ? { vip } : {}) };
}

/** A second mention of a complaint in the same conversation within this long is the same complaint. */
const SAME_COMPLAINT_MS = 86_400_000;

/**
 * One complaint per problem: the complaint intent and the ticket it leads to are the same
 * complaint, and so is saying "complaint" again in the same conversation that day. A second
 * ticket is a second complaint, also in a conversation the customer came back to the next day.
 */
function withComplaint(complaints: Complaint[], complaint: Complaint): Complaint[] {
  const sameConversation = complaints.filter((each) => each.conversationId === complaint.conversationId);
  if (complaint.ticketId) {
    if (complaints.some((each) => each.ticketId === complaint.ticketId)) return complaints;
    const untied = sameConversation.findLast((each) => !each.ticketId);
    if (untied) return complaints.map((each) => (each === untied ? { ...each, ticketId: complaint.ticketId } : each));
  } else if (sameConversation.some((each) => Date.parse(complaint.at) - Date.parse(each.at) < SAME_COMPLAINT_MS)) {
    return complaints;
  }
  return [...complaints, complaint].slice(-50);
}

/**
 * A contact is one visit: a customer's messages in a conversation with no pause longer than this
 * (the usual 30 minutes of a web-analytics session). The widget resumes yesterday's conversation,
 * so a customer who comes back the next day makes a second contact in the same conversation.
 */
const CONTACT_GAP_MS = 30 * 60_000;

function withContact(contacts: ContactSummary[], conversationId: string, temperature: number, at: string): ContactSummary[] {
  const last = contacts.findLast((each) => each.conversationId === conversationId);
  const sameVisit = last !== undefined && Date.parse(at) - Date.parse(last.lastAt) <= CONTACT_GAP_MS;
  const contact = { conversationId, startedAt: sameVisit ? last.startedAt : at, lastAt: at, temperature };
  return [...contacts.filter((each) => !sameVisit || each !== last), contact].slice(-MAX_HISTORY);
}

function addTurn(profile: CustomerProfile, turn: CustomerTurn, insight: ConversationInsight, at: string): CustomerProfile {
  const choice = turn.choice === true;
  const point = { at, score: insight.messages.at(-1)?.score ?? turn.sentiment.score, label: turn.sentiment.label, conversationId: turn.conversationId, ...(choice ? { choice: true as const } : {}) };
  return {
    ...profile,
    updatedAt: at,
    sentiment: [...profile.sentiment, point].slice(-MAX_HISTORY),
    rolling: choice ? profile.rolling : nextMood(profile.rolling, turn.sentiment.score),
    contacts: withContact(profile.contacts, turn.conversationId, insight.temperature.score, at),
    complaints: turn.complaint ? withComplaint(profile.complaints, { at, conversationId: turn.conversationId }) : profile.complaints,
    cancelRequests: turn.cancelRequest ? [...profile.cancelRequests, at].slice(-50) : profile.cancelRequests,
  };
}
