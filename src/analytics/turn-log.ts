import type { KeyValueStore } from '../storage/ports.js';
import type { TurnFact } from './types.js';

/** Most turns kept per conversation: enough for any real chat, bounded for a hostile one. */
const MAX_TURNS = 500;

/**
 * What the bot understood in each turn, one small document per conversation. A
 * conversation's turns run one after another, so read-change-write does not race.
 */
export class TurnLog {
  constructor(private readonly store: KeyValueStore) {}

  async record(conversationId: string, turn: TurnFact): Promise<void> {
    const turns = await this.of(conversationId);
    await this.store.set(conversationId, { turns: [...turns, turn].slice(-MAX_TURNS) });
  }

  async of(conversationId: string): Promise<TurnFact[]> {
    return (await this.store.get<{ turns: TurnFact[] }>(conversationId))?.turns ?? [];
  }

  delete(conversationId: string): Promise<void> {
    return this.store.delete(conversationId);
  }
}
