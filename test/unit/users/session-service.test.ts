import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../src/storage/index.js';
import { type Session, SessionService, type User } from '../../../src/users/index.js';

const MINUTE = 60_000;
const agent: User = { id: 'u1', email: 'carol@example.com', name: 'Carol', role: 'agent', passwordHash: 'x', disabled: false, createdAt: '2026-12-01T08:00:00.000Z' };

/** Carol's account on one storage and a clock the test moves; `open()` is a process of Parley starting on those files. */
async function rig() {
  const storage = createMemoryStorage();
  await storage.collection<User>('users').put(agent);
  const time = { now: Date.parse('2026-12-01T09:00:00.000Z') };
  const open = () => new SessionService(storage.collection<Session>('sessions'), storage.collection<User>('users'), { idleMinutes: 30, absoluteHours: 12 }, () => time.now);
  return { storage, time, open };
}

describe('agent sessions across a restart', () => {
  it('an agent who signed in two hours ago and worked until a minute before the restart stays signed in after it', async () => {
    const { time, open } = await rig();
    const before = open();
    const { sessionId } = await before.create(agent.id);
    for (let minutes = 0; minutes < 120; minutes += 5) {
      time.now += 5 * MINUTE;
      expect(await before.resolve(sessionId)).toMatchObject({ id: agent.id });
    }

    // Parley restarts a minute later: a new process, the same files.
    time.now += MINUTE;
    const after = open();
    expect(await after.isLive(sessionId)).toBe(true);
    expect(await after.resolve(sessionId)).toMatchObject({ id: agent.id });
  });

  it('one idle for longer than the idle limit before the restart is still signed out after it', async () => {
    const { time, open } = await rig();
    const before = open();
    const { sessionId } = await before.create(agent.id);
    time.now += 10 * MINUTE;
    expect(await before.resolve(sessionId)).toBeDefined();
    time.now += 31 * MINUTE;
    const after = open();
    expect(await after.isLive(sessionId)).toBe(false);
    expect(await after.resolve(sessionId)).toBeUndefined();
  });

  it('a session signed out is not written back by a request that was under way', async () => {
    const { storage, time, open } = await rig();
    const sessions = open();
    const { sessionId } = await sessions.create(agent.id);
    time.now += 2 * MINUTE;
    const underWay = sessions.resolve(sessionId);
    await sessions.destroy(sessionId);
    await underWay;
    expect(await storage.collection<Session>('sessions').all()).toEqual([]);
  });

  it('sessions left without signing out are removed at the next start once they can no longer be used', async () => {
    const { storage, time, open } = await rig();
    const monday = open();
    await monday.create(agent.id);
    time.now += 10 * MINUTE;
    const { sessionId: current } = await monday.create(agent.id);
    time.now += 25 * MINUTE;
    expect(await open().removeLapsed()).toBe(1);
    expect(await open().isLive(current)).toBe(true);
    expect(await storage.collection<Session>('sessions').all()).toHaveLength(1);
  });
});
