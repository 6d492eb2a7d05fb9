import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LowdbCollection } from '../../../src/storage/lowdb/lowdb-collection.js';
import { tempDir } from '../../support/temp.js';

interface Row {
  id: string;
  text: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const row = (i: number): Row => ({ id: `r${i}`, text: `conversation record ${i} `.repeat(20) });

describe('a collection with thousands of records', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir('parley-compaction-');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function withThousand(options: { compactAfterMs: number; maxUnsavedMs?: number }, name = 'rows') {
    const rows = new LowdbCollection<Row>(dir, name, options);
    for (let i = 0; i < 1000; i += 1) await rows.put(row(i));
    await rows.flush();
    const snapshot = path.join(dir, `${name}.json`);
    return { rows, snapshot, written: (await stat(snapshot)).mtimeMs };
  }

  it('keeps a change made after a crash that cut the journal\'s only line short, through the next crash', async () => {
    // kill -9 while the first change since the snapshot was being written: one partial line, no newline.
    await writeFile(path.join(dir, 'rows.journal.jsonl'), '{"p":{"id":"r0","text":"conver');
    const restarted = new LowdbCollection<Row>(dir, 'rows', { compactAfterMs: 60_000 });
    expect(await restarted.get('r0')).toBeUndefined();
    await restarted.put(row(1));
    // Killed again before any snapshot: a new process must still find the acknowledged change.
    const again = new LowdbCollection<Row>(dir, 'rows');
    expect(await again.get('r1')).toEqual(row(1));
  });

  it('does not rewrite its big snapshot for a few new records; they are in the journal, and survive a restart', async () => {
    const { rows, snapshot, written } = await withThousand({ compactAfterMs: 20 });
    for (let i = 1000; i < 1005; i += 1) await rows.put(row(i));
    await sleep(200);
    expect((await stat(snapshot)).mtimeMs).toBe(written);
    expect((await readFile(path.join(dir, 'rows.journal.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(5);
    // A new process (as after kill -9) reads the snapshot and replays the journal.
    const again = new LowdbCollection<Row>(dir, 'rows');
    expect(await again.get('r1004')).toEqual(row(1004));
    expect(await again.all()).toHaveLength(1005);
  });

  it('rewrites it once the journal reaches a quarter of it, or when the oldest change is due', async () => {
    // Polled rather than slept on: on a busy machine the rewrite can take longer than a fixed wait.
    const snapshotItem = async (file: string, id: string) => (JSON.parse(await readFile(file, 'utf8')) as { items: Record<string, Row> }).items[id];
    const { rows, snapshot } = await withThousand({ compactAfterMs: 20, maxUnsavedMs: 60_000 });
    for (let i = 0; i < 300; i += 1) await rows.put(row(2000 + i));
    await expect.poll(() => snapshotItem(snapshot, 'r2299'), { timeout: 10_000 }).toEqual(row(2299));

    const patient = await withThousand({ compactAfterMs: 20, maxUnsavedMs: 100 }, 'patient');
    await patient.rows.put(row(5000));
    await expect.poll(() => snapshotItem(patient.snapshot, 'r5000'), { timeout: 10_000 }).toEqual(row(5000));
  });
});
