import { appendFileSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDataDir } from '../../../src/storage/lowdb/backup.js';
import { LowdbCollection } from '../../../src/storage/lowdb/lowdb-collection.js';
import { tempDirs } from '../../support/temp.js';

interface User {
  id: string;
  name: string;
}

const line = (entry: unknown) => `${JSON.stringify(entry)}\n`;

describe('backupDataDir: a copy of a data folder Parley keeps writing to', () => {
  const scratch = tempDirs('parley-backup-');

  it('copies a collection whose snapshot is rewritten while it is being copied as the newer snapshot and its own journal, not the older snapshot with the journal it replaced', async () => {
    const work = await scratch();
    const data = path.join(work, 'data');
    mkdirSync(data);
    const users = new LowdbCollection<User>(data, 'users');
    await users.put({ id: 'a', name: 'Ann v1' });
    await users.flush();
    await users.put({ id: 'a', name: 'Ann v2' });
    await users.put({ id: 'b', name: 'Bob' });

    const target = path.join(work, 'backup');
    mkdirSync(target);
    // Between opening the collection and reading it, what Parley's snapshot rewrite does (temp file,
    // rename, then the old journal deleted), and two changes after it in a new journal.
    const summary = backupDataDir(data, target, {
      beforeCollectionsRead: () => {
        writeFileSync(path.join(data, '.users.json.tmp'), JSON.stringify({ items: { a: { id: 'a', name: 'Ann v2' }, b: { id: 'b', name: 'Bob' } } }));
        renameSync(path.join(data, '.users.json.tmp'), path.join(data, 'users.json'));
        unlinkSync(path.join(data, 'users.journal.jsonl'));
        appendFileSync(path.join(data, 'users.journal.jsonl'), line({ p: { id: 'a', name: 'Ann v3' } }) + line({ d: 'b' }));
      },
    });

    const restored = new LowdbCollection<User>(target, 'users');
    expect(await restored.all()).toEqual([{ id: 'a', name: 'Ann v3' }]);
    expect(summary.collectionPasses).toBeGreaterThan(1);
  });

  it('copies append-only files up to their last complete line and leaves out the lock, temporary files and the folders it is told to; files 0600, folders 0700', async () => {
    const work = await scratch();
    const data = path.join(work, 'data');
    mkdirSync(path.join(data, 'transcripts'), { recursive: true });
    mkdirSync(path.join(data, 'models'));
    writeFileSync(path.join(data, 'secret.key'), 'k'.repeat(43) + '\n');
    writeFileSync(path.join(data, 'format.json'), '{"format":1}\n');
    writeFileSync(path.join(data, 'parley.pid'), '{"pid":1}\n');
    writeFileSync(path.join(data, '.tickets.json.tmp'), '{"items":');
    writeFileSync(path.join(data, 'models', 'model.json'), '{}');
    // The last line is still being written (or was cut short by a crash): never acknowledged.
    writeFileSync(path.join(data, 'transcripts', 'c1.jsonl'), line({ id: 'c1|0' }) + line({ id: 'c1|1' }) + '{"id":"c1|2","te');

    const target = path.join(work, 'backup');
    mkdirSync(target);
    const summary = backupDataDir(data, target, { leaveOut: [path.join(data, 'models')] });

    expect(readdirSync(target, { recursive: true }).sort()).toEqual(['format.json', 'secret.key', 'transcripts', path.join('transcripts', 'c1.jsonl')]);
    expect(readFileSync(path.join(target, 'transcripts', 'c1.jsonl'), 'utf8')).toBe(line({ id: 'c1|0' }) + line({ id: 'c1|1' }));
    expect(readFileSync(path.join(target, 'secret.key'), 'utf8')).toBe(readFileSync(path.join(data, 'secret.key'), 'utf8'));
    expect(statSync(path.join(target, 'transcripts')).mode & 0o777).toBe(0o700);
    for (const file of ['format.json', 'secret.key', path.join('transcripts', 'c1.jsonl')]) expect(statSync(path.join(target, file)).mode & 0o777).toBe(0o600);
    expect(summary).toMatchObject({ files: 3, transcripts: 1, collections: 0, leftOut: ['models'] });
  });

  it('follows a link to a folder kept elsewhere, but not a link back up into the data folder (two of them never finished, then overflowed the stack)', async () => {
    const work = await scratch();
    const data = path.join(work, 'data');
    mkdirSync(path.join(data, 'transcripts'), { recursive: true });
    writeFileSync(path.join(data, 'format.json'), '{"format":1}\n');
    writeFileSync(path.join(data, 'transcripts', 'c1.jsonl'), line({ id: 'c1|0' }));
    // Made by mistake: links to the folder above, from inside the data folder.
    symlinkSync('..', path.join(data, 'transcripts', 'up'));
    symlinkSync('..', path.join(data, 'transcripts', 'up2'));
    symlinkSync('.', path.join(data, 'self'));
    // Made on purpose: a folder on another disk.
    mkdirSync(path.join(work, 'elsewhere'));
    writeFileSync(path.join(work, 'elsewhere', 'c2.jsonl'), line({ id: 'c2|0' }));
    symlinkSync(path.join(work, 'elsewhere'), path.join(data, 'transcripts', 'archive'));

    const target = path.join(work, 'backup');
    mkdirSync(target);
    const summary = backupDataDir(data, target);

    expect(readdirSync(target, { recursive: true }).map(String).sort()).toEqual(['format.json', 'self', 'transcripts', path.join('transcripts', 'archive'), path.join('transcripts', 'archive', 'c2.jsonl'), path.join('transcripts', 'c1.jsonl')]);
    expect(summary).toMatchObject({ files: 3, transcripts: 2 });
  });
});
