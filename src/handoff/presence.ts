/** One agent's open consoles. */
interface Online {
  name: string;
  connections: number;
}

/**
 * Which agents are online: an agent counts while at least one of their consoles holds the
 * live event stream open. Several tabs count once.
 */
export class AgentPresence {
  private readonly online = new Map<string, Online>();
  private readonly listeners = new Set<(agentsOnline: number) => void>();

  /** Mark a console connected; returns the function to call when it disconnects. */
  connect(agent: { id: string; name: string }): () => void {
    const entry = this.online.get(agent.id) ?? { name: agent.name, connections: 0 };
    entry.connections += 1;
    this.online.set(agent.id, entry);
    this.changed();
    let connected = true;
    return () => {
      if (!connected) return;
      connected = false;
      entry.connections -= 1;
      if (entry.connections <= 0) this.online.delete(agent.id);
      this.changed();
    };
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
