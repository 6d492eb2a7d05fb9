import { appendFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLowdbStorage, DATA_FORMAT, DataFormatError } from '../../../src/storage/index.js';
import { tempDir } from '../../support/temp.js';

interface Note {
  id: string;
  body: string;
}

describe('lowdb storage on real files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir('parley-storage-');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps a collection across restarts, in one JSON file per collection', async () => {
    const first = createLowdbStorage(dir);
    const notes = first.collection<Note>('notes');
    await notes.put({ id: 'a', body: 'hello' });
    await notes.put({ id: 'b', body: '你好' });
    expect(await notes.delete('a')).toBe(true);
    expect(await notes.delete('a')).toBe(false);
    await first.flush();

    const again = createLowdbStorage(dir).collection<Note>('notes');
    expect(await again.all()).toEqual([{ id: 'b', body: '你好' }]);
    expect(JSON.parse(await readFile(path.join(dir, 'notes.json'), 'utf8'))).toEqual({ items: { b: { id: 'b', body: '你好' } } });
  });

  it('says which data format it wrote, and opens data from before it said so', async () => {
    createLowdbStorage(dir);
    expect(JSON.parse(await readFile(path.join(dir, 'format.json'), 'utf8'))).toEqual({ format: DATA_FORMAT });

    // A DATA_DIR from a release that wrote no format.json is format 1: opened as it is.
    const older = await tempDir('parley-storage-');
    await writeFile(path.join(older, 'notes.json'), JSON.stringify({ items: { a: { id: 'a', body: 'kept' } } }));
    const notes = createLowdbStorage(older).collection<Note>('notes');
    expect(await notes.get('a')).toEqual({ id: 'a', body: 'kept' });
    expect(JSON.parse(await readFile(path.join(older, 'format.json'), 'utf8'))).toEqual({ format: 1 });
    await rm(older, { recursive: true, force: true });
  });

  it('refuses data of a newer format, or a format file naming none, and changes nothing', async () => {
    await writeFile(path.join(dir, 'notes.json'), JSON.stringify({ items: { a: { id: 'a', body: 'newer' } } }));
    for (const [text, found] of [[`{"format": ${DATA_FORMAT + 1}}`, DATA_FORMAT + 1], ['{"format": "one"}', undefined], ['', undefined]] as const) {
      await writeFile(path.join(dir, 'format.json'), text);
      const opening = () => createLowdbStorage(dir);
      expect(opening).toThrow(DataFormatError);
      expect(opening).toThrow(expect.objectContaining({ found }) as Error);
      expect((await readdir(dir)).sort()).toEqual(['format.json', 'notes.json']);
      expect(await readFile(path.join(dir, 'format.json'), 'utf8')).toBe(text);
    }
  });

  it('does not hand out its own copies: changing a read record changes nothing stored', async () => {
    const notes = createLowdbStorage(dir).collection<Note>('notes');
    await notes.put({ id: 'a', body: 'original' });
    const read = (await notes.get('a'))!;
    read.body = 'changed';
    expect((await notes.get('a'))!.body).toBe('original');
  });

  it('treats prototype names as ordinary ids without polluting objects', async () => {
    const storage = createLowdbStorage(dir);
    const notes = storage.collection<Note>('notes');
    expect(await notes.get('__proto__')).toBeUndefined();
    expect(await notes.get('constructor')).toBeUndefined();
    await notes.put({ id: '__proto__', body: 'x' });
    expect(({} as Record<string, unknown>).body).toBeUndefined();
    expect(await notes.get('__proto__')).toEqual({ id: '__proto__', body: 'x' });
    await storage.flush();
    expect(await createLowdbStorage(dir).collection<Note>('notes').get('__proto__')).toEqual({ id: '__proto__', body: 'x' });
  });

  it('stores each key of a key-value store in its own file, safe for any key', async () => {
    const store = createLowdbStorage(dir).keyValue('state');
    await store.set('directline/conversations/abc', { step: 2 });
    await store.set('../../etc/passwd', { step: 3 });
    expect(await store.get('directline/conversations/abc')).toEqual({ step: 2 });
    const files = await readdir(path.join(dir, 'state'));
    expect(files).toHaveLength(2);
    expect(files.every((file) => !file.includes('/'))).toBe(true);
    const reopened = createLowdbStorage(dir).keyValue('state');
    expect(await reopened.get('../../etc/passwd')).toEqual({ step: 3 });
    await reopened.delete('../../etc/passwd');
    expect(await reopened.get('../../etc/passwd')).toBeUndefined();
  });

  it('appends transcripts line by line and skips a line cut short by a crash', async () => {
    const storage = createLowdbStorage(dir);
    await storage.transcripts.append('c1', { id: 'c1|0', text: 'first' });
    await storage.transcripts.append('c1', { id: 'c1|1', text: 'second' });
    await appendFile(path.join(dir, 'transcripts', 'c1.jsonl'), '{"id":"c1|2","te');
    const read = await createLowdbStorage(dir).transcripts.read('c1');
    expect(read.map((activity) => activity.text)).toEqual(['first', 'second']);
    expect(await storage.transcripts.read('missing')).toEqual([]);
  });

  it('keeps the order of many appends given at once', async () => {
    const storage = createLowdbStorage(dir, { fsync: true });
    await Promise.all(Array.from({ length: 50 }, (_, i) => storage.transcripts.append('c2', { id: String(i) })));
    expect((await storage.transcripts.read('c2')).map((activity) => activity.id)).toEqual(Array.from({ length: 50 }, (_, i) => String(i)));
  });

  it('replaces and deletes a transcript', async () => {
    const storage = createLowdbStorage(dir);
    await storage.transcripts.append('c3', { id: '1', text: 'secret' });
    await storage.transcripts.replace('c3', [{ id: '1', text: '[masked]' }]);
    expect(await readFile(path.join(dir, 'transcripts', 'c3.jsonl'), 'utf8')).not.toContain('secret');
    await storage.transcripts.delete('c3');
    expect(await storage.transcripts.read('c3')).toEqual([]);
  });
});
