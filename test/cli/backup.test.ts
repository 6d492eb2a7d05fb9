import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, symlinkSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, childModelDir, type ChildServer, startChildServer } from '../support/child-server.js';
import { runCli } from '../support/cli.js';
import { DirectLineCustomer, http } from '../support/dl-customer.js';
import { request, signIn } from '../support/http.js';
import { tempDirs } from '../support/temp.js';

const AGENT = { email: 'carol@example.com', password: 'agent password 1', name: 'Carol' };
const pizza = {
  name: 'pizza_delivery',
  category: 'food',
  utterances: { en: ['do you deliver pizza', 'can I order a pizza', 'pizza delivery please'], zh: ['你们送披萨吗', '我想订披萨', '披萨外卖'] },
  answers: { en: ['We do not sell pizza, sorry.'], zh: ['抱歉，我们不卖披萨。'] },
};
const CHAT = ['where is my order', 'how much is shipping', '我的订单到哪了', 'thanks', 'can I pay with paypal', '退货要运费吗'];
const COMPLAINT = ['I want to file a complaint', 'the parcel arrived broken', 'order 123456', 'backup.test@example.com', 'yes'];

const backup = (dataDir: string, ...args: string[]) => runCli('backup', args, { DATA_DIR: dataDir, PARLEY_MODEL_DIR: childModelDir });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Chat {
  conversationId: string;
  token: string;
  /** The customer's messages whose POST answered 200, by id. */
  acked: Map<string, string>;
  /** Tickets the bot announced in this chat. */
  told: string[];
}

/** Customers chatting until `stop.now`: each message is acknowledged (200) before the bot's reply is awaited. */
function chatting(server: ChildServer, customers: number, stop: { now: boolean }): { chats: Chat[]; done: Promise<unknown> } {
  const chats: Chat[] = [];
  const customer = async (index: number) => {
    const client = new DirectLineCustomer(server.url);
    try {
      await client.open({ timeoutMs: 10_000 });
      const chat: Chat = { conversationId: client.conversationId, token: client.token, acked: new Map(), told: [] };
      chats.push(chat);
      for (let turn = 0; !stop.now; turn += 1) {
        const text = index === 0 && turn < COMPLAINT.length ? COMPLAINT[turn]! : `${CHAT[turn % CHAT.length]} (c${index} m${turn})`;
        const posted = await http(`${server.url}/v3/directline/conversations/${chat.conversationId}/activities`, 'POST', { token: chat.token, body: { type: 'message', text } });
        if (posted.status !== 200) throw new Error(`message answered ${posted.status}`);
        chat.acked.set(posted.body.id as string, text);
        const deadline = Date.now() + 10_000;
        while (!client.transcript.some((activity) => activity.replyToId === posted.body.id) && Date.now() < deadline) await sleep(5);
        const told = client.transcript.filter((activity) => activity.replyToId === posted.body.id).map((activity) => /ticket (T-\d+)/.exec(activity.text ?? '')?.[1]);
        chat.told.push(...told.filter((id): id is string => Boolean(id)));
      }
    } finally {
      client.close();
    }
  };
  return { chats, done: Promise.all(Array.from({ length: customers }, (_, index) => customer(index))) };
}

/** Every file in the backup parses whole (JSONL: every line, the last one complete); its mode, and its folders'. */
function checkFiles(dir: string): { files: number; bad: string[]; modes: Set<string> } {
  const found = { files: 0, bad: [] as string[], modes: new Set<string>() };
  found.modes.add(`dir ${(statSync(dir).mode & 0o777).toString(8)}`);
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    found.modes.add(`${entry.isDirectory() ? 'dir' : 'file'} ${(statSync(file).mode & 0o777).toString(8)}`);
    if (!entry.isFile() || !/\.jsonl?$/.test(entry.name)) continue;
    found.files += 1;
    const text = readFileSync(file, 'utf8');
    try {
      if (entry.name.endsWith('.json')) JSON.parse(text);
      else {
        if (text && !text.endsWith('\n')) throw new Error('last line cut');
        for (const line of text.split('\n').filter(Boolean)) JSON.parse(line);
      }
    } catch (error) {
      found.bad.push(`${file}: ${(error as Error).message}`);
    }
  }
  return found;
}

describe('npm run backup: a nightly backup of a running Parley, restored on another machine', () => {
  const scratch = tempDirs('parley-backup-');

  it('taken while customers chat, restores to a Parley that has every message acknowledged before it began, the tickets, an agent, a profile, a published version and the customers\' tokens; every file parses, 0600/0700', async () => {
    const work = await scratch();
    const dataDir = path.join(work, 'data');
    const backupDir = path.join(work, 'backups', 'parley-nightly');
    const env = { PARLEY_DIRECTLINE_STARTS_PER_MINUTE: '1000000', PARLEY_MESSAGES_PER_MINUTE: '1000000', LOG_LEVEL: 'warn' };
    const server = await startChildServer({ dataDir, env, logFile: path.join(work, 'server.log') });
    let load: ReturnType<typeof chatting> | undefined;
    const stop = { now: false };
    let before: { conversationId: string; token: string; acked: Map<string, string> }[];
    let toldBefore: string[];
    let customerId: string;
    let copied: Awaited<ReturnType<typeof backup>>;
    try {
      const admin = await signIn(server.url, ADMIN.email, ADMIN.password);
      expect((await request(server.url, 'POST', '/api/users', { cookie: admin, body: { ...AGENT, role: 'agent' } })).status).toBe(201);
      expect((await request(server.url, 'PUT', '/api/knowledge/intents/pizza_delivery', { cookie: admin, body: pizza })).status).toBe(201);
      expect((await request(server.url, 'POST', '/api/knowledge/publish', { cookie: admin, body: { note: 'pizza' } })).status).toBe(201);
      // A customer who agreed to profiling; profiles are written a second after they change.
      const profiled = new DirectLineCustomer(server.url);
      await profiled.open();
      await http(`${server.url}/v3/directline/conversations/${profiled.conversationId}/activities`, 'POST', { token: profiled.token, body: { type: 'event', name: 'parley.consent', value: { profiling: true } } });
      await profiled.say('still waiting for my parcel, this is terrible');
      profiled.close();
      customerId = (await request(server.url, 'GET', `/api/conversations/${profiled.conversationId}`, { cookie: admin })).body.customerId;

      load = chatting(server, 6, stop);
      const acked = () => load!.chats.reduce((sum, chat) => sum + chat.acked.size, 0);
      const busyUntil = Date.now() + 60_000;
      while ((acked() < 60 || !load.chats[0]?.told.length) && Date.now() < busyUntil) await sleep(20);
      await sleep(1000);
      // What the customers were told before the backup began; the load goes on during it.
      before = load.chats.map((chat) => ({ conversationId: chat.conversationId, token: chat.token, acked: new Map(chat.acked) }));
      toldBefore = load.chats.flatMap((chat) => chat.told);
      const ackedBefore = acked();
      copied = await backup(dataDir, backupDir);
      expect(acked()).toBeGreaterThan(ackedBefore);
    } finally {
      stop.now = true;
      await load?.done.catch(() => undefined);
      await server.stop();
    }

    expect(copied.code, copied.stderr).toBe(0);
    const summary = JSON.parse(copied.stdout.trim().split('\n').at(-1)!);
    expect(summary).toMatchObject({ backup: backupDir, dataDir, files: expect.any(Number), bytes: expect.any(Number), transcripts: 7, seconds: expect.any(Number) });
    expect(toldBefore).toHaveLength(1);
    const files = checkFiles(backupDir);
    expect(files.bad).toEqual([]);
    expect(files.files).toBeGreaterThan(20);
    expect([...files.modes].sort()).toEqual(['dir 700', 'file 600']);
    expect(readdirSync(backupDir)).not.toContain('parley.pid');
    expect(readFileSync(path.join(backupDir, 'secret.key'), 'utf8')).toBe(readFileSync(path.join(dataDir, 'secret.key'), 'utf8'));

    // The new machine: Parley started on the backup.
    const restored = await startChildServer({ dataDir: backupDir, env, logFile: path.join(work, 'restored.log') });
    try {
      const missing: string[] = [];
      for (const chat of before) {
        // The customer's own token still opens their chat: secret.key came along.
        const read = await request(restored.url, 'GET', `/v3/directline/conversations/${chat.conversationId}/activities`, { token: chat.token });
        const stored = new Map<string, string>(read.status === 200 ? (read.body.activities as { id: string; text?: string }[]).map((activity) => [activity.id, activity.text ?? '']) : []);
        // The complaint's e-mail address is stored masked.
        for (const [id, text] of chat.acked) if (stored.get(id) !== (text.includes('@') ? 'b***@example.com' : text)) missing.push(`${id} (${read.status}): ${text}`);
      }
      expect(missing).toEqual([]);
      expect(before.reduce((sum, chat) => sum + chat.acked.size, 0)).toBeGreaterThanOrEqual(60);

      const agent = await signIn(restored.url, AGENT.email, AGENT.password);
      for (const id of toldBefore) expect((await request(restored.url, 'GET', `/api/tickets/${id}`, { cookie: agent })).body).toMatchObject({ id, orderNumber: '123456' });
      const profile = await request(restored.url, 'GET', `/api/customers/${customerId!}`, { cookie: agent });
      expect(profile.body).toMatchObject({ consent: { profiling: true } });
      expect(profile.body.sentiment.history.length).toBeGreaterThanOrEqual(1);
      const admin = await signIn(restored.url, ADMIN.email, ADMIN.password);
      const versions = await request(restored.url, 'GET', '/api/knowledge/versions', { cookie: admin });
      expect(versions.body.versions.map((version: { number: number }) => version.number)).toContain(2);
      const pizzaAnswer = await request(restored.url, 'POST', '/api/knowledge/test', { cookie: admin, body: { text: 'can I order a pizza' } });
      expect(pizzaAnswer.body.published.intent).toBe('pizza_delivery');
    } finally {
      await restored.stop();
    }
    const problems = readFileSync(path.join(work, 'restored.log'), 'utf8').split('\n').filter((line) => /"level":(40|50|60)/.test(line));
    expect(problems).toEqual([]);
  }, 180_000);

  it('refuses a DIR that holds anything, or lies inside DATA_DIR, and writes nothing', async () => {
    const work = await scratch();
    const dataDir = path.join(work, 'data');
    mkdirSync(dataDir);
    writeFileSync(path.join(dataDir, 'format.json'), '{"format":1}\n');
    const used = path.join(work, 'last-night');
    mkdirSync(used);
    writeFileSync(path.join(used, 'notes.txt'), 'keep me');

    expect(await backup(dataDir, used)).toEqual({ code: 1, stdout: '', stderr: `backup: ${used} exists and is not empty: give a new or empty folder (nothing was written)\n` });
    expect(readdirSync(used)).toEqual(['notes.txt']);
    const inside = path.join(dataDir, 'backup');
    expect(await backup(dataDir, inside)).toMatchObject({ code: 1, stderr: expect.stringMatching(new RegExp(`^backup: ${inside} is inside DATA_DIR ${dataDir}: `)) });
    expect(readdirSync(dataDir)).toEqual(['format.json']);
    const typo = path.join(work, 'dta');
    expect(await backup(typo, path.join(work, 'b'))).toMatchObject({ code: 1, stderr: `backup: DATA_DIR ${typo} holds no Parley data: set DATA_DIR to the folder Parley runs on\n` });
    expect(await backup(dataDir)).toMatchObject({ code: 1, stderr: expect.stringMatching(/^backup: missing DIR, the folder to write the backup into\nusage: npm run backup -- DIR\n/) });
    expect(readdirSync(work).sort()).toEqual(['data', 'last-night']);

    // An empty folder (a freshly mounted disk) is fine, and becomes the owner's alone.
    const empty = path.join(work, 'mounted');
    mkdirSync(empty, { mode: 0o755 });
    expect((await backup(dataDir, empty)).code).toBe(0);
    expect(readdirSync(empty)).toEqual(['format.json']);
    expect(statSync(empty).mode & 0o777).toBe(0o700);
  });
});

/** A data folder with `transcripts` small transcripts (a backup of it takes a moment). */
function smallDataDir(dataDir: string, transcripts = 0): void {
  mkdirSync(path.join(dataDir, 'transcripts'), { recursive: true });
  writeFileSync(path.join(dataDir, 'format.json'), '{"format":1}\n');
  writeFileSync(path.join(dataDir, 'secret.key'), `${'k'.repeat(43)}\n`);
  for (let i = 0; i < transcripts; i += 1) writeFileSync(path.join(dataDir, 'transcripts', `c${i}.jsonl`), `{"id":"c${i}|0","text":"hello"}\n`);
}

describe('npm run backup: a DIR someone else can reach', () => {
  const scratch = tempDirs('parley-backup-');
  const isRoot = process.getuid?.() === 0;

  it.skipIf(!isRoot)('refuses (run as root) an empty DIR another user owns, which they could swap for a link while it is written, and writes nothing', async () => {
    const work = await scratch();
    const dataDir = path.join(work, 'data');
    smallDataDir(dataDir);
    const theirs = path.join(work, 'theirs');
    mkdirSync(theirs);
    chmodSync(theirs, 0o777);
    chownSync(theirs, 65534, 65534);
    const copied = await backup(dataDir, theirs);
    expect(copied).toMatchObject({ code: 1, stdout: '', stderr: `backup: ${theirs} belongs to another user (uid 65534): give a folder of the user Parley runs as (nothing was written)\n` });
    expect(readdirSync(theirs)).toEqual([]);
    expect(statSync(theirs).mode & 0o777).toBe(0o777);
  });

  it('refuses a DIR in a folder other users may change (they could swap DIR for a link while it is written), and writes nothing', async () => {
    const work = await scratch();
    const dataDir = path.join(work, 'data');
    smallDataDir(dataDir);
    const shared = path.join(work, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    const target = path.join(shared, 'nightly');
    const copied = await backup(dataDir, target);
    expect(copied).toMatchObject({ code: 1, stdout: '', stderr: `backup: ${shared} may be changed by other users (mode 0777): give a folder only the user Parley runs as (or root) may change (nothing was written)\n` });
    expect(existsSync(target)).toBe(false);
    // A sticky folder (as /tmp is) lets nobody rename what is not theirs: fine.
    chmodSync(shared, 0o1777);
    expect((await backup(dataDir, target)).code).toBe(0);
  });

  it('refuses a DIR that leads into DATA_DIR through a symbolic link, or a folder of DATA_DIR whose name starts with "..", and writes nothing', async () => {
    const work = await scratch();
    const dataDir = path.join(work, 'data');
    smallDataDir(dataDir);
    mkdirSync(path.join(dataDir, 'knowledge'));
    const link = path.join(work, 'to-data');
    symlinkSync(path.join(dataDir, 'knowledge'), link);
    expect(await backup(dataDir, link)).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(new RegExp(`^backup: ${link} is inside DATA_DIR ${dataDir}: `)) });
    expect(await backup(dataDir, path.join(link, 'nightly'))).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/ is inside DATA_DIR /) });
    const dotted = path.join(dataDir, '..nightly');
    expect(await backup(dataDir, dotted)).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(new RegExp(`^backup: ${dotted.replace(/\./g, '\\.')} is inside DATA_DIR `)) });
    expect(readdirSync(path.join(dataDir, 'knowledge'))).toEqual([]);
    expect(readdirSync(dataDir).sort()).toEqual(['format.json', 'knowledge', 'secret.key', 'transcripts']);
  });

  it('a DIR swapped for a link to another folder half-way (another Parley\'s data): the backup fails and its clean-up removes nothing in that folder', async () => {
    const work = await scratch();
    const dataDir = path.join(work, 'data');
    smallDataDir(dataDir, 500);
    const precious = path.join(work, 'precious');
    mkdirSync(precious);
    writeFileSync(path.join(precious, 'keep.txt'), 'keep me');
    writeFileSync(path.join(precious, 'secret.key'), `${'p'.repeat(43)}\n`);
    const target = path.join(work, 'nightly');
    mkdirSync(target);
    // As soon as the backup writes its first file, DIR is moved aside and a link put in its place.
    let swapped = false;
    const watcher = watch(target, () => {
      if (swapped) return;
      swapped = true;
      watcher.close();
      renameSync(target, path.join(work, 'moved'));
      symlinkSync(precious, target);
    });
    const copied = await backup(dataDir, target);
    watcher.close();
    expect(swapped).toBe(true);
    expect(copied.code).toBe(1);
    expect(copied.stderr).toContain(`${target} was replaced while the backup was written`);
    expect(readFileSync(path.join(precious, 'keep.txt'), 'utf8')).toBe('keep me');
    expect(readFileSync(path.join(precious, 'secret.key'), 'utf8')).toBe(`${'p'.repeat(43)}\n`);
  });
});
