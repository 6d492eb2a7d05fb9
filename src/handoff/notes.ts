import { randomUUID } from 'node:crypto';
import type { Collection } from '../storage/ports.js';
import type { AgentNote, AgentRef } from './types.js';

interface NotesRecord {
  /** The conversation id. */
  id: string;
  notes: AgentNote[];
}

/** Agents' private notes per conversation, kept apart from the transcript the customer sees. */
export class NotesRepository {
  constructor(
    private readonly records: Collection<NotesRecord>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async add(conversationId: string, agent: AgentRef, text: string): Promise<AgentNote> {
    const record = (await this.records.get(conversationId)) ?? { id: conversationId, notes: [] };
    const note: AgentNote = { id: randomUUID(), at: this.clock().toISOString(), agentId: agent.id, agentName: agent.name, text };
    await this.records.put({ id: conversationId, notes: [...record.notes, note] });
    return note;
  }

  async of(conversationId: string): Promise<AgentNote[]> {
    return (await this.records.get(conversationId))?.notes ?? [];
  }
}
