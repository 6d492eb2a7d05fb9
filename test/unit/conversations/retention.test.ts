import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ConversationRecord, ConversationLog, ConversationRepository, RetentionService } from '../../../src/conversations/index.js';
import { createLowdbStorage } from '../../../src/storage/index.js';
import { createRetention } from '../../../src/wire-domain.js';
import { tempDir } from '../../support/temp.js';

const DAY = 86_400_000;
const NOW = new Date('2026-06-01T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);
const stateKey = (id: string) => `directline/conversations/${id}/`;

/** Every byte under the data folder, to show a customer's words are gone from disk (journals and old versions included). */
async function everything(dir: string): Promise<string> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  return (await Promise.all(files.map((file) => readFile(path.join(file.parentPath, file.name), 'utf8')))).join('\n');
}

describe('the retention period, on real files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir('parley-retention-');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A conversation written `days` ago: a customer line with `words`, the bot's reply, dialog state, an unanswered question, an agent's note. */
  async function chat(storage: ReturnType<typeof createLowdbStorage>, days: number, words: string, change: Partial<ConversationRecord> = {}) {
    const when = () => daysAgo(days);
    const conversations = new ConversationRepository(storage.collection<ConversationRecord>('conversations'), when);
    const log = new ConversationLog(storage.transcripts, when);
    const record = await conversations.create('user-1', 'en', 'customer-1');
    if (Object.keys(change).length > 0) await conversations.update(record.id, change);
    const said = await log.append(record.id, { type: 'message', text: words, from: { id: 'user-1', role: 'user' } });
    await log.append(record.id, { type: 'message', text: 'I am not sure.', replyToId: said.id, from: { id: 'bot', role: 'bot' } });
    await storage.keyValue('state').set(stateKey(record.id), { dialogStack: [{ id: 'main', state: { lastWords: words } }] });
    await storage.collection<{ id: string; text: string; conversationId: string }>('unanswered').put({ id: `q-${record.id}`, text: words, conversationId: record.id });
    await storage.collection<{ id: string; notes: { text: string }[] }>('handoff-notes').put({ id: record.id, notes: [{ text: `note about ${words}` }] });
    return record.id;
  }

  it('takes the text out of conversations quiet for longer than the period, keeps what analytics counts, and leaves live ones alone', async () => {
    const storage = createLowdbStorage(dir);
    // Asked for a person twice: the first agent's rating comment is on an earlier handoff.
    const quiet = await chat(storage, 40, 'my phone is 13800138000 kangaroo', {
      status: 'closed',
      handoff: { reason: 'asked', requestedAt: daysAgo(40).toISOString(), priority: 'normal', rating: { score: 2, at: daysAgo(40).toISOString(), comment: 'slow wombat' } },
      earlierHandoffs: [{ reason: 'asked', requestedAt: daysAgo(41).toISOString(), priority: 'normal', rating: { score: 4, at: daysAgo(41).toISOString(), comment: 'kind quokka' } }],
    });
    const idle = await chat(storage, 35, 'where is my parcel platypus');
    const withAgent = await chat(storage, 40, 'still talking koala', { status: 'active' });
    const ticketOpen = await chat(storage, 40, 'refund please echidna');
    const recent = await chat(storage, 5, 'hello from last week dingo');

    const conversations = new ConversationRepository(storage.collection<ConversationRecord>('conversations'));
    const log = new ConversationLog(storage.transcripts);
    const retention = createRetention({
      days: 30,
      storage,
      conversations,
      log,
      dialogState: storage.keyValue('state'),
      dialogStateKey: stateKey,
      withOpenTickets: async () => new Set([ticketOpen]),
      clock: () => NOW,
    });
    const report = await retention.sweep();
    expect(report).toEqual({ days: 30, conversations: 2, keptWithAgent: 1, keptForOpenTicket: 1, alsoRemoved: { unanswered: 2, handoffNotes: 2 } });
    await storage.flush();

    // On disk, anywhere under DATA_DIR: the words of the two quiet chats are gone, the others kept.
    const disk = await everything(dir);
    for (const gone of ['kangaroo', '13800138000', 'wombat', 'quokka', 'platypus']) expect(disk).not.toContain(gone);
    for (const kept of ['koala', 'echidna', 'dingo']) expect(disk).toContain(kept);

    // Read back by a fresh process: same number of lines (watermarks hold, analytics counts), no text.
    const reopened = createLowdbStorage(dir);
    const transcript = await reopened.transcripts.read(quiet);
    expect(transcript).toHaveLength(2);
    expect(transcript[0]).toMatchObject({ type: 'message', from: { role: 'user' } });
    expect(transcript[1]).toMatchObject({ type: 'message', from: { role: 'bot' }, replyToId: transcript[0]!.id });
    expect(transcript.some((activity) => 'text' in activity)).toBe(false);
    expect(await reopened.keyValue('state').get(stateKey(quiet))).toBeUndefined();
    expect(await reopened.keyValue('state').get(stateKey(withAgent))).toBeDefined();
    const record = (await reopened.collection<ConversationRecord>('conversations').get(quiet))!;
    expect(record.handoff?.rating).toEqual({ score: 2, at: daysAgo(40).toISOString() });
    expect(record.earlierHandoffs?.[0]?.rating).toEqual({ score: 4, at: daysAgo(41).toISOString() });
    expect(record.textRemoved).toEqual({ at: NOW.toISOString(), lastActivityAt: daysAgo(40).toISOString() });
    expect(await reopened.collection('unanswered').get(`q-${recent}`)).toBeDefined();
    expect(await reopened.collection('handoff-notes').get(idle)).toBeUndefined();
  });

  it('does nothing again the next day, and clears a conversation again after its customer came back and went quiet', async () => {
    const storage = createLowdbStorage(dir);
    const id = await chat(storage, 40, 'first visit kangaroo');
    let now = NOW;
    const conversations = new ConversationRepository(storage.collection<ConversationRecord>('conversations'));
    // One log, as in the server: the customer's new line and the sweep see the same transcript.
    const log = new ConversationLog(storage.transcripts, () => now);
    const retention = createRetention({ days: 30, storage, conversations, log, dialogState: storage.keyValue('state'), dialogStateKey: stateKey, withOpenTickets: async () => new Set(), clock: () => now });
    expect((await retention.sweep()).conversations).toBe(1);
    now = new Date(NOW.getTime() + DAY);
    expect((await retention.sweep()).conversations).toBe(0);

    // The customer comes back to the same conversation and writes again; a month later that goes too.
    await log.append(id, { type: 'message', text: 'second visit wombat', from: { id: 'user-1', role: 'user' } });
    expect((await retention.sweep()).conversations).toBe(0);
    now = new Date(now.getTime() + 31 * DAY);
    expect((await retention.sweep()).conversations).toBe(1);
    await storage.flush();
    expect(await everything(dir)).not.toContain('wombat');
    expect(await storage.transcripts.read(id)).toHaveLength(3);
  });

  it('clears the unanswered questions and notes of a chat whose sweep stopped after its transcript (a kill, a full disk) at the next sweep', async () => {
    const storage = createLowdbStorage(dir);
    const id = await chat(storage, 40, 'interrupted kangaroo');
    const deps = { days: 30, storage, dialogState: storage.keyValue('state'), dialogStateKey: stateKey, withOpenTickets: async () => new Set<string>(), clock: () => NOW };
    const conversations = new ConversationRepository(storage.collection<ConversationRecord>('conversations'));
    const log = new ConversationLog(storage.transcripts);
    // The first sweep gets as far as the transcripts; the store of unanswered questions cannot be written.
    const stopped = new RetentionService({ ...deps, conversations, log, alsoForget: [{ name: 'unanswered', forget: async () => Promise.reject(new Error('ENOSPC: no space left on device')) }] });
    await expect(stopped.sweep()).rejects.toThrow(/ENOSPC/);
    await storage.flush();

    // The next start sweeps again, on the files as the first one left them.
    const restarted = createLowdbStorage(dir);
    const again = createRetention({ ...deps, storage: restarted, dialogState: restarted.keyValue('state'), conversations: new ConversationRepository(restarted.collection<ConversationRecord>('conversations')), log: new ConversationLog(restarted.transcripts) });
    expect((await again.sweep()).alsoRemoved).toEqual({ unanswered: 1, handoffNotes: 1 });
    await restarted.flush();
    expect(await everything(dir)).not.toContain('kangaroo');
  });
});
