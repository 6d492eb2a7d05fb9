import { describe, expect, it } from 'vitest';
import { AgentPresence } from '../../../src/handoff/index.js';

describe('agents online', () => {
  it('counts an agent once however many consoles they have open, until the last one closes', () => {
    const presence = new AgentPresence();
    const seen: number[] = [];
    presence.onChange((count) => seen.push(count));
    const tab1 = presence.connect({ id: 'a', name: 'Alice' });
    const tab2 = presence.connect({ id: 'a', name: 'Alice' });
    const bob = presence.connect({ id: 'b', name: 'Bob' });
    expect(presence.count()).toBe(2);
    tab1();
    tab1();
    expect(presence.count()).toBe(2);
    tab2();
    bob();
    expect(presence.count()).toBe(0);
    expect(seen.at(-1)).toBe(0);
  });
});
