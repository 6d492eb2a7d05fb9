import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ConversationLog } from '../../../src/conversations/index.js';
import { createLowdbStorage, createMemoryStorage, type TranscriptStore } from '../../../src/storage/index.js';
import { tempDir } from '../../support/temp.js';

/** Real in-memory transcripts, counting how often each one is read back from storage. */
function countingTranscripts() {
  const inner = createMemoryStorage().transcripts;
  const reads = new Map<string, number>();
  const store: TranscriptStore = {
    append: (id, activity) => inner.append(id, activity),
    read: (id) => {
      reads.set(id, (reads.get(id) ?? 0) + 1);
      return inner.read(id);
    },
    replace: (id, activities) => inner.replace(id, activities),
    delete: (id) => inner.delete(id),
  };
  return { store, reads };
}

const say = (text: string) => ({ type: 'message', text, from: { id: 'u1', role: 'user' } });

describe('conversation logs in memory', () => {
  it('forget idle conversations past the limit, never one somebody is listening to', async () => {
    const { store, reads } = countingTranscripts();
    const log = new ConversationLog(store, () => new Date(), 20);
    const heard: string[] = [];
    await log.append('watched', say('hello'));
    await log.subscribe('watched', 1, (set) => heard.push(...set.activities.map((activity) => String(activity.text))));
    for (let i = 0; i < 200; i += 1) await log.append(`c${i}`, say(`message ${i}`));

    // The oldest idle conversation was forgotten: using it again reads it back, whole.
    await log.append('c0', say('again'));
    expect(reads.get('c0')).toBe(2);
    expect((await log.after('c0', 0)).activities.map((activity) => activity.text)).toEqual(['message 0', 'again']);
    // A recent one is still in memory; the watched one was never dropped and its listener hears it.
    await log.append('c199', say('still here'));
    expect(reads.get('c199')).toBe(1);
    await log.append('watched', say('are you there?'));
    expect(reads.get('watched')).toBe(1);
    expect(heard).toEqual(['are you there?']);
  });

  it('gives the latest activities that match before a given one, latest first, and at most as many as asked', async () => {
    const log = new ConversationLog(createMemoryStorage().transcripts);
    for (const text of ['where is order 20251130?', 'still nothing', 'it has been ten days']) {
      await log.append('c1', say(text));
      await log.append('c1', { type: 'message', text: `answer to: ${text}`, from: { id: 'bot', role: 'bot' } });
    }
    const current = await log.append('c1', say('I want to complain'));
    const fromCustomer = (activity: { from: { role?: string } }) => activity.from.role === 'user';
    const texts = async (count: number, beforeId?: string) => (await log.latest('c1', count, fromCustomer, beforeId)).map((activity) => activity.text);
    expect(await texts(2, current.id)).toEqual(['it has been ten days', 'still nothing']);
    expect(await texts(5, current.id)).toEqual(['it has been ten days', 'still nothing', 'where is order 20251130?']);
    // Without the current one (or with an id the transcript does not hold), from the end.
    expect(await texts(1)).toEqual(['I want to complain']);
    expect(await texts(1, 'not-there')).toEqual(['I want to complain']);
  });

  it('a rewrite (retention taking the text out) loses no message sent at that moment, on real files', async () => {
    const dir = await tempDir('parley-rewrite-');
    try {
      const storage = createLowdbStorage(dir);
      const log = new ConversationLog(storage.transcripts);
      await log.append('c1', say('my phone is 13912345678'));
      // One message on its way to the file as the rewrite starts, one sent just after.
      const during = log.append('c1', say('are you there?'));
      const rewrite = log.rewrite('c1', (activity) => (/\d/.test(String(activity.text)) ? { ...activity, text: '[removed]' } : activity));
      const after = log.append('c1', say('hello again'));
      await Promise.all([during, rewrite, after]);
      const texts = (await log.all('c1')).map((activity) => activity.text);
      expect(texts).toEqual(['[removed]', 'are you there?', 'hello again']);
      await storage.flush();
      expect((await createLowdbStorage(dir).transcripts.read('c1')).map((activity) => activity.text)).toEqual(texts);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a message the disk refused (full) holds nothing up: a rewrite after it finishes, and no id is handed out twice after a restart', async () => {
    const dir = await tempDir('parley-refused-');
    try {
      const storage = createLowdbStorage(dir);
      // The real file store, except that one append is refused as a full disk refuses it.
      let refuseNext = false;
      const store: TranscriptStore = {
        append: (id, activity) => {
          if (!refuseNext) return storage.transcripts.append(id, activity);
          refuseNext = false;
          return Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
        },
        read: (id) => storage.transcripts.read(id),
        replace: (id, activities) => storage.transcripts.replace(id, activities),
        delete: (id) => storage.transcripts.delete(id),
      };
      const log = new ConversationLog(store);
      await log.append('c1', say('first'));
      refuseNext = true;
      await expect(log.append('c1', say('lost'))).rejects.toThrow('ENOSPC');
      await log.append('c1', say('third'));
      await log.rewrite('c1', (activity) => ({ ...activity, text: String(activity.text).toUpperCase() }));
      expect((await log.all('c1')).map((activity) => activity.text)).toEqual(['FIRST', 'THIRD']);

      await storage.flush();
      const again = new ConversationLog(createLowdbStorage(dir).transcripts);
      await again.append('c1', say('after a restart'));
      const ids = (await again.all('c1')).map((activity) => activity.id);
      expect(ids).toHaveLength(3);
      expect(new Set(ids).size).toBe(3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
