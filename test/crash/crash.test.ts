import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.js';
import { runCrashRounds } from './crash-run.js';

let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('kill -9 (short form of npm run test:crash)', () => {
  it('loses no acknowledged message, announced ticket, answer to the team or NPS score over four crashes, one of them in the middle of the sweep that clears aged chats, and every file still parses', async () => {
    dir = await tempDir('parley-crash-');
    const report = await runCrashRounds({ dataDir: `${dir}/data`, rounds: 4, customers: 8, seed: 7, maxRunMs: 1200, minAckedPerRound: 8, retentionEvery: 2 });
    expect(report.rounds).toBe(4);
    // The three rounds with customers each wait for eight acknowledged messages before their random kill, however busy the machine.
    expect(report.acknowledged).toBeGreaterThanOrEqual(24);
    expect(report.lost).toEqual([]);
    expect(report.ticketsMissing).toEqual([]);
    expect(report.journeyLosses).toEqual([]);
    // The third round starts on the chats of the first two, aged past the retention period, and is
    // killed while its sweep clears them; the fourth finishes the sweep, some of those customers back.
    expect(report.agingRounds).toBe(1);
    expect(report.conversationsAged).toBeGreaterThan(0);
    expect(report.killedMidSweep).toBe(1);
    expect(report.retentionMissed).toEqual([]);
    expect(report.badFiles).toEqual([]);
    expect(report.startProblems).toEqual([]);
  }, 90_000);
});
