/** One agent's open consoles, and how many of them each of the agent's sessions holds. */
interface Online {
  name: string;
  connections: number;
  sessions: Map<string, number>;
}

/**
 * Which agents are online: an agent counts while at least one of their consoles holds the
 * live event stream open. Several tabs count once.
 */
export class AgentPresence {
  private readonly online = new Map<string, Online>();
  private readonly listeners = new Set<(agentsOnline: number) => void>();

  /** Mark a console connected (signed in as `session`); returns the function to call when it disconnects. */
  connect(agent: { id: string; name: string }, session = ''): () => void {
    const entry = this.online.get(agent.id) ?? { name: agent.name, connections: 0, sessions: new Map<string, number>() };
    entry.connections += 1;
    entry.sessions.set(session, (entry.sessions.get(session) ?? 0) + 1);
    this.online.set(agent.id, entry);
    this.changed();
    let connected = true;
    return () => {
      if (!connected) return;
      connected = false;
      entry.connections -= 1;
      const left = (entry.sessions.get(session) ?? 1) - 1;
      if (left > 0) entry.sessions.set(session, left);
      else entry.sessions.delete(session);
      if (entry.connections <= 0) this.online.delete(agent.id);
      this.changed();
    };
  }

  /** The agent has a console open signed in as another session than `session` (another browser or device). */
  onlineElsewhere(agentId: string, session: string): boolean {
    return [...(this.online.get(agentId)?.sessions.keys() ?? [])].some((each) => each !== session);
  }

  count(): number {
    return this.online.size;
  }

  agents(): { id: string; name: string }[] {
    return [...this.online].map(([id, { name }]) => ({ id, name }));
  }

  onChange(listener: (agentsOnline: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener(this.online.size);
  }
}
