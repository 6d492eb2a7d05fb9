import { canonicalText } from '../nlu/normalize.js';
import type { KeyValueStore } from '../storage/ports.js';
import { nextMood, touchpointTemperature } from './temperature.js';
import type { ConversationInsight, MoodLabel, TurnOutcome } from './types.js';

/** One customer message and what the bot made of it. */
export interface CustomerTurn {
  conversationId: string;
  customerId: string;
  activityId: string;
  sentiment: { score: number; label: MoodLabel };
  outcome: TurnOutcome;
  /** The customer filed or started a complaint. */
  complaint: boolean;
  /** The customer asked to cancel or close their account. */
  cancelRequest: boolean;
  /** The message is exactly one of the choices the bot had just offered: recorded, not counted in the mood. */
  choice?: boolean;
  /** The quick replies of the bot's last message this turn (`[]`: it offered none); absent when the bot said nothing. */
  offered?: string[];
}

/** How a message and a quick reply are compared: "Yes, file a complaint" and "yes, file a complaint " are one choice, "確認" and "确认" too. */
export const choiceKey = (text: string) => canonicalText(text).trim().toLowerCase().replace(/\s+/gu, ' ');

/** The message is exactly one of the choices the bot offered last in the conversation (a click, or the same words typed). */
export function isOfferedChoice(text: string, insight: Pick<ConversationInsight, 'offeredChoices'> | undefined): boolean {
  const key = choiceKey(text);
  return key !== '' && (insight?.offeredChoices ?? []).includes(key);
}

export function emptyInsight(conversationId: string, customerId: string, at: string): ConversationInsight {
  return {
    conversationId,
    customerId,
    startedAt: at,
    lastAt: at,
    turns: 0,
    answered: 0,
    fallbacks: 0,
    fallbacksInARow: 0,
    escalated: false,
    waitedSeconds: 0,
    mood: 0,
    lastLabel: 'neutral',
    messages: [],
    temperature: touchpointTemperature(0, { turns: 0, answered: 0, fallbacks: 0, escalated: false, waitedSeconds: 0 }),
  };
}

/** Recompute the temperature after a change of mood or service facts. */
export function withTemperature(insight: ConversationInsight): ConversationInsight {
  return { ...insight, temperature: touchpointTemperature(insight.mood, insight) };
}

/**
 * The insight after one more turn. The per-message scores are kept only with consent;
 * the running mood and the counters serve the conversation itself (the agents' queue).
 */
export function applyTurn(insight: ConversationInsight, turn: CustomerTurn, at: string, keepMessages: boolean): ConversationInsight {
  const fallback = turn.outcome === 'fallback';
  const counted = insight.moodTurns ?? insight.turns;
  const choice = turn.choice === true;
  const next: ConversationInsight = {
    ...insight,
    lastAt: at,
    turns: insight.turns + 1,
    answered: insight.answered + (turn.outcome === 'answered' || turn.outcome === 'dialog' ? 1 : 0),
    fallbacks: insight.fallbacks + (fallback ? 1 : 0),
    fallbacksInARow: fallback ? insight.fallbacksInARow + 1 : turn.outcome === 'none' ? insight.fallbacksInARow : 0,
    // A clicked choice ("Yes", "4", "Reply in this chat") says nothing about how the customer feels.
    mood: choice ? insight.mood : nextMood(counted === 0 ? null : insight.mood, turn.sentiment.score),
    moodTurns: counted + (choice ? 0 : 1),
    lastLabel: choice ? insight.lastLabel : turn.sentiment.label,
    ...(turn.offered ? { offeredChoices: turn.offered.map(choiceKey) } : {}),
    messages: keepMessages
      ? [...insight.messages, { activityId: turn.activityId, at, score: round(turn.sentiment.score), label: turn.sentiment.label, ...(choice ? { choice: true as const } : {}) }]
      : [],
  };
  return withTemperature(next);
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** Insights, one small document per conversation (written once per customer message). */
export class InsightStore {
  /** Changes to one conversation's insight run one after another (turns and events interleave). */
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(private readonly store: KeyValueStore) {}

  /** Read, change and write one insight without losing a concurrent change (`forgetEarlier`: see KeyValueStore.set). */
  update(
    conversationId: string,
    change: (current: ConversationInsight | undefined) => ConversationInsight | undefined,
    options?: { forgetEarlier?: boolean },
  ): Promise<ConversationInsight | undefined> {
    const run = async () => {
      const next = change(await this.store.get<ConversationInsight>(conversationId));
      if (next) await this.put(next, options);
      return next;
    };
    const result = (this.tails.get(conversationId) ?? Promise.resolve()).then(run);
    const settled = result.catch(() => undefined);
    this.tails.set(conversationId, settled);
    void settled.then(() => {
      if (this.tails.get(conversationId) === settled) this.tails.delete(conversationId);
    });
    return result;
  }

  /** The insight, after any change still being written. */
  async get(conversationId: string): Promise<ConversationInsight | undefined> {
    await this.tails.get(conversationId);
    return this.store.get<ConversationInsight>(conversationId);
  }

  put(insight: ConversationInsight, options?: { forgetEarlier?: boolean }): Promise<void> {
    return this.store.set(insight.conversationId, insight, options);
  }

  delete(conversationId: string): Promise<void> {
    return this.store.delete(conversationId);
  }
}
