/**
 * `npm run bench:load`: Parley under load, as a real child process on a temporary data dir.
 * Phases: N customers chatting over Direct Line + WebSocket with think time; saturation (no
 * think time); a bare express route hit by the same client (the yardstick); thousands of idle
 * streams; the same customers while an admin adds an intent, tries the draft ("Try it" trains a
 * recognizer on it) and publishes it; RSS with 10,000 stored conversations after a restart. Prints a table and writes
 * bench/results/load.md. Loopback only; every phase ends by itself.
 *
 * Flags: --customers 200 --duration 30 --think-ms 1000 --saturation 15 --idle 5000
 *        --hold 10 --stored 10000 --seed 1 --profile (writes .cpuprofile files of the server)
 *        --keep (keep the data directory and the server log)
 */
import '../src/quiet-dotenv.js';
import { execSync, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type ChildServer, freePort, memoryOf, repoRoot, startChildServer } from '../test/support/child-server.js';
import { DirectLineCustomer, http } from '../test/support/dl-customer.js';
import { loadCorpus } from './load-chat.js';
import { barePhase, chatPhase, idlePhase, percentile, type PhaseStats, pool, sleep } from './load-phases.js';
import { personalDataInLog } from '../test/support/log-check.js';
import { writeReport } from './report.js';

const { values: flags } = parseArgs({
  options: {
    customers: { type: 'string', default: '200' },
    duration: { type: 'string', default: '30' },
    'think-ms': { type: 'string', default: '1000' },
    saturation: { type: 'string', default: '15' },
    idle: { type: 'string', default: '5000' },
    hold: { type: 'string', default: '10' },
    stored: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    profile: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const n = (name: keyof typeof flags) => Number(flags[name]);
const work = mkdtempSync(path.join(os.tmpdir(), 'parley-load-'));
const dataDir = path.join(work, 'data');
const profileDir = path.join(repoRoot, 'bench', 'results', 'profiles');
/** The bench's own admin, who publishes a change mid-chat (a throwaway data dir: nobody else signs in). */
const admin = { email: 'bench-admin@example.com', password: 'bench admin password 1' };
const env = {
  PARLEY_DIRECTLINE_STARTS_PER_MINUTE: '1000000',
  PARLEY_MESSAGES_PER_MINUTE: '1000000',
  LOG_LEVEL: 'info',
  PARLEY_ADMIN_EMAIL: admin.email,
  PARLEY_ADMIN_PASSWORD: admin.password,
  ...(process.env.UV_THREADPOOL_SIZE ? { UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE } : {}),
};
const corpus = loadCorpus(repoRoot);
const rows: string[][] = [];
const notes: string[] = [];
const out = (line: string) => process.stdout.write(`${line}\n`);

function statsRow(phase: string, stats: PhaseStats, server: ChildServer | undefined, extra = ''): string[] {
  const l = stats.latencies;
  const ms = (value: number) => (Number.isNaN(value) ? '—' : value.toFixed(1));
  const memory = server ? server.memory() : { hwm: 0, rss: 0 };
  return [phase, String(stats.turns), (stats.turns / stats.seconds).toFixed(0), ms(percentile(l, 50)), ms(percentile(l, 95)), ms(percentile(l, 99)), String(stats.errors), server ? `${memory.hwm}` : '—', extra];
}

/** Peak RSS of the server while `during` runs, sampled every 200 ms. */
async function sampled<T>(server: ChildServer, during: Promise<T>): Promise<{ result: T; peakRss: number; cpuSeconds: number }> {
  let peakRss = 0;
  const cpuBefore = server.cpuSeconds();
  const timer = setInterval(() => (peakRss = Math.max(peakRss, memoryOf(server.pid).rss)), 200);
  try {
    return { result: await during, peakRss, cpuSeconds: server.cpuSeconds() - cpuBefore };
  } finally {
    clearInterval(timer);
  }
}

/**
 * How long a customer waited for a chat to open (token, conversation, stream, greeting). Under
 * saturation this is where the waiting goes: libuv (Node 20) accepts one connection per turn of
 * the event loop, so new streams queue in the kernel while chats already open stay fast.
 */
const openNote = (stats: PhaseStats) => `opened in p50 ${percentile(stats.opens, 50).toFixed(0)} / p99 ${percentile(stats.opens, 99).toFixed(0)} ms`;
/**
 * Chats, handoffs, and the turns that waited out a reply the human queue swallowed: those stretch
 * a phase past its planned seconds and lower turns/s without being errors, so both are shown.
 */
const chatNote = (stats: PhaseStats, plannedSeconds: number) =>
  `${stats.conversations} chats (${openNote(stats)}), ${stats.handoffs} handed to a human (${stats.waitedOut} replies waited out), ran ${stats.seconds.toFixed(0)} of ${plannedSeconds} s`;
/** The sorted `all` less the sorted `some` (a multiset difference). */
function without(all: number[], some: number[]): number[] {
  const rest: number[] = [];
  let j = 0;
  for (const value of all) {
    if (j < some.length && some[j] === value) j += 1;
    else rest.push(value);
  }
  return rest;
}

/**
 * The turns whose POST had to open a new connection, apart: they wait in the kernel's accept
 * queue behind every other new connection (libuv accepts one per turn of the event loop), and at
 * saturation they are the p99 (see the notes in bench/results/load.md).
 */
function connectionNote(stats: PhaseStats): string {
  const fresh = stats.newConnectionLatencies;
  if (fresh.length === 0) return 'every turn on a kept-alive connection';
  const kept = without(stats.latencies, fresh);
  const share = ((100 * fresh.length) / Math.max(1, stats.turns)).toFixed(1);
  return `${fresh.length} turns (${share} %) on a new connection: p50 ${percentile(fresh, 50).toFixed(0)} / p99 ${percentile(fresh, 99).toFixed(0)} ms; the rest p99 ${percentile(kept, 99).toFixed(1)} ms`;
}

/** Server CPU per turn and the share of one core it used: comparable across noisy machines. */
const cpuNote = (cpuSeconds: number, stats: PhaseStats) => `server CPU ${((cpuSeconds * 1000) / Math.max(1, stats.turns)).toFixed(2)} ms/turn (${Math.round((cpuSeconds / stats.seconds) * 100)} % of a core)`;

async function bareExpress(concurrency: number, seconds: number): Promise<PhaseStats> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/bare-express.ts'], { cwd: repoRoot, env: { PATH: process.env.PATH, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  try {
    return await barePhase(`http://127.0.0.1:${port}`, concurrency, seconds * 1000);
  } finally {
    child.kill('SIGKILL');
  }
}

interface Window {
  from: number;
  to: number;
}

/**
 * An admin adds an intent to the draft, tries it and publishes it, as from the admin pages: "Try
 * it" trains a recognizer on the draft (in a worker thread) and loads it; the publish finds that
 * recognizer trained, checks it and makes it live. When each request was sent and answered
 * (performance.now()), for the turns sent meanwhile.
 */
async function tryAndPublishChange(url: string): Promise<{ tryIt: Window; publish: Window; trainMs: number }> {
  const login = await http(`${url}/api/auth/login`, 'POST', { body: admin });
  if (login.status !== 200) throw new Error(`bench admin sign-in: ${login.status} ${JSON.stringify(login.body)}`);
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  const intent = {
    // A name of this run's: the model cache (shared with the tests) never holds it, so "Try it" trains.
    name: `bench_store_pickup_${Date.now().toString(36)}`,
    category: 'orders',
    utterances: { en: ['can I pick up my order in a store', 'store pickup', 'collect my parcel at a shop'], zh: ['可以到门店自提吗', '门店自提', '我想去店里取货'] },
    answers: { en: ['Yes: choose store pickup at checkout.'], zh: ['可以，结算时选择门店自提即可。'] },
  };
  const created = await http(`${url}/api/knowledge/intents`, 'POST', { body: intent, headers: { cookie } });
  if (created.status !== 201) throw new Error(`bench intent: ${created.status} ${JSON.stringify(created.body)}`);
  const tryFrom = performance.now();
  const tried = await http(`${url}/api/knowledge/test`, 'POST', { body: { text: 'can I collect my order at the store' }, headers: { cookie }, timeoutMs: 120_000 });
  const tryIt = { from: tryFrom, to: performance.now() };
  const draftIntent = (tried.body as { draft?: { intent?: string } } | undefined)?.draft?.intent;
  if (tried.status !== 200 || draftIntent !== intent.name) throw new Error(`bench try it: ${tried.status} ${JSON.stringify(tried.body)}`);
  const publishFrom = performance.now();
  const published = await http(`${url}/api/knowledge/publish`, 'POST', { body: { note: 'bench: a change mid-chat' }, headers: { cookie }, timeoutMs: 120_000 });
  const publish = { from: publishFrom, to: performance.now() };
  if (published.status !== 201) throw new Error(`bench publish: ${published.status} ${JSON.stringify(published.body)}`);
  return { tryIt, publish, trainMs: (published.body as { trainMs: number }).trainMs };
}

/** The latencies, sorted, of the turns sent while [from, to] ran. */
const sentDuring = (stats: PhaseStats, { from, to }: { from: number; to: number }) =>
  stats.timeline.filter(([sentAt]) => sentAt >= from && sentAt <= to).map(([, latency]) => latency).sort((a, b) => a - b);

/** Conversations with a transcript (every started one: the greeting is its first line). */
function storedConversations(): number {
  return readdirSync(path.join(dataDir, 'transcripts')).filter((file) => file.endsWith('.jsonl')).length;
}

async function main(): Promise<void> {
  const nodeArgs = flags.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  if (flags.profile) mkdirSync(profileDir, { recursive: true });
  out(`data: ${dataDir}; ulimit -n: ${execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim()}; ${os.cpus().length} CPUs`);
  let server = await startChildServer({ dataDir, env, nodeArgs });
  const startRss = server.memory().rss;
  const kept: { conversationId: string; token: string }[] = [];

  out('warm-up …');
  await chatPhase(server.url, corpus, { customers: 20, durationMs: 3000, thinkMs: 0, seed: 99 });

  out(`chat: ${n('customers')} customers, ${n('duration')} s, think ${n('think-ms')} ms …`);
  const chat = await sampled(server, chatPhase(server.url, corpus, { customers: n('customers'), durationMs: n('duration') * 1000, thinkMs: n('think-ms'), seed: n('seed'), keep: kept }));
  rows.push(statsRow(`chat, ${n('customers')} customers, think ~${n('think-ms')} ms`, chat.result, server, `${chatNote(chat.result, n('duration'))}, ${connectionNote(chat.result)}, ${cpuNote(chat.cpuSeconds, chat.result)}, peak RSS ${chat.peakRss} MB`));
  out(rows.at(-1)!.join(' | '));

  out(`saturation: ${n('customers')} customers, no think time, ${n('saturation')} s …`);
  const saturation = await sampled(server, chatPhase(server.url, corpus, { customers: n('customers'), durationMs: n('saturation') * 1000, thinkMs: 0, seed: n('seed') + 1, keep: kept }));
  rows.push(statsRow('saturation, no think time', saturation.result, server, `${chatNote(saturation.result, n('saturation'))}, ${connectionNote(saturation.result)}, ${cpuNote(saturation.cpuSeconds, saturation.result)}, peak RSS ${saturation.peakRss} MB`));
  out(rows.at(-1)!.join(' | '));

  out('bare express yardstick …');
  const bare = await bareExpress(n('customers'), n('saturation'));
  const ratio = saturation.result.turns / saturation.result.seconds / (bare.turns / bare.seconds);
  rows.push(statsRow('bare express POST (same client)', bare, undefined, `Parley saturation = ${(ratio * 100).toFixed(1)} % of bare express`));
  out(rows.at(-1)!.join(' | '));

  out(`idle: opening ${n('idle')} streams …`);
  const idle = await sampled(server, idlePhase(server.url, n('idle'), n('hold') * 1000));
  const probe = await chatPhase(server.url, corpus, { customers: 20, durationMs: 5000, thinkMs: 200, seed: 7 });
  rows.push(statsRow(`20 customers chatting beside ${idle.result.stillOpen} idle streams`, probe, server, `their chats ${openNote(probe)}; ${idle.result.opened} opened in ${idle.result.openSeconds.toFixed(1)} s, ${idle.result.failed} failed, ${idle.result.stillOpen} still open after ${n('hold')} s; peak RSS ${idle.peakRss} MB`));
  out(rows.at(-1)!.join(' | '));
  for (const client of idle.result.clients) client.close();

  out(`publish: ${n('customers')} customers chatting while an admin tries and publishes a change …`);
  const chatting = sampled(server, chatPhase(server.url, corpus, { customers: n('customers'), durationMs: 20_000, thinkMs: n('think-ms'), seed: n('seed') + 3 }));
  await sleep(3000);
  const change = await tryAndPublishChange(server.url);
  const whilePublishing = await chatting;
  // The old recognizer is garbage once the new one is live: its collection falls after the publish.
  const windows = { 'Try it': change.tryIt, publish: change.publish, '3 s after': { from: change.publish.to, to: change.publish.to + 3000 } };
  const turnsIn = Object.entries(windows).map(([name, window]) => {
    const sent = sentDuring(whilePublishing.result, window);
    const took = name === '3 s after' ? '' : ` (took ${((window.to - window.from) / 1000).toFixed(1)} s)`;
    return `${name}${took}: ${sent.length} turns, p50 ${percentile(sent, 50).toFixed(1)} / p99 ${percentile(sent, 99).toFixed(1)} ms`;
  });
  rows.push(
    statsRow(
      `chat, ${n('customers')} customers, while an admin tries and publishes a change`,
      whilePublishing.result,
      server,
      `the turns sent during ${turnsIn.join('; ')}. "Try it" trained the draft in a worker thread, the publish found it trained (training ${(change.trainMs / 1000).toFixed(1)} s); server CPU, training included, ${((whilePublishing.cpuSeconds * 1000) / Math.max(1, whilePublishing.result.turns)).toFixed(2)} ms/turn; peak RSS ${whilePublishing.peakRss} MB`,
    ),
  );
  out(rows.at(-1)!.join(' | '));

  const toSeed = Math.max(0, n('stored') - storedConversations());
  out(`seeding ${toSeed} more conversations through the API …`);
  const seedStarted = performance.now();
  await pool(toSeed, 64, async (index) => {
    const client = new DirectLineCustomer(server.url);
    try {
      await client.open();
      await client.say(index % 2 ? 'where is my order' : '我的订单到哪了');
    } catch {
      // counted below from the files
    } finally {
      client.close();
    }
  });
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const hwmBefore = server.memory().hwm;
  await server.stop();

  server = await startChildServer({ dataDir, env, nodeArgs });
  const stored = storedConversations();
  const afterRestart = server.memory().rss;
  const returning = await pool(Math.min(500, kept.length), 32, async (index) => {
    const { conversationId, token } = kept[index]!;
    return (await http(`${server.url}/v3/directline/conversations/${conversationId}/activities`, 'GET', { token })).status;
  });
  const restartChat = await sampled(server, chatPhase(server.url, corpus, { customers: n('customers'), durationMs: 10_000, thinkMs: n('think-ms'), seed: n('seed') + 2 }));
  rows.push(
    statsRow(`after restart with ${stored} stored conversations`, restartChat.result, server, `chats ${openNote(restartChat.result)}; RSS at ready ${afterRestart} MB (fresh start: ${startRss} MB); ${returning.filter((s) => s === 200).length}/${returning.length} returning transcripts read; seeding took ${seedSeconds.toFixed(0)} s; first run's peak ${hwmBefore} MB`),
  );
  out(rows.at(-1)!.join(' | '));
  await server.stop();

  const leaks = personalDataInLog(server.logFile, ['customer@example.com', 'kehu@example.com', ...corpus.faq.en.slice(0, 50)]);
  notes.push(leaks.length === 0 ? 'Server log checked: no customer text or e-mail address in it.' : `Server log contains customer data: ${leaks.slice(0, 3).join(', ')}`);
  for (const stats of [chat.result, saturation.result, probe, whilePublishing.result, restartChat.result]) for (const sample of stats.errorSamples) notes.push(`error: ${sample}`);
  report();
  if (flags.keep) out(`kept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
  process.exit(0);
}

function report(): void {
  const header = ['phase', 'turns', 'turns/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'server VmHWM MB', 'notes'];
  const table = [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
  const text = [
    '# Load benchmark',
    '',
    `Generated by \`npm run bench:load\` on ${new Date().toISOString().slice(0, 10)} (${os.platform()}, Node ${process.version}, ${os.cpus().length} CPUs, ` +
      `ulimit -n ${execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim()}). Client and server share the machine; ` +
      'latency is from the POST of a customer message to the first bot reply arriving on its WebSocket stream.',
    `Flags: ${JSON.stringify(flags)}`,
    '',
    table,
    '',
    ...notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
  out(`\n${writeReport(path.join(repoRoot, 'bench', 'results', 'load.md'), text)}`);
}

const limit = setTimeout(() => {
  out('load bench: time limit reached, stopping');
  process.exit(1);
}, 30 * 60_000);
limit.unref();
await main();
