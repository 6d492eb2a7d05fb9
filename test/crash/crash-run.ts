/**
 * Crash rounds: start Parley on one data directory, let customers chat (some file complaints and
 * follow their ticket through the team's question, the resolution, the rating and the NPS
 * question: ticket-journey.ts), `kill -9` it at a seeded random moment once traffic flows,
 * restart, and check that nothing acknowledged was lost: every customer message whose POST
 * answered 200 is in its transcript, every ticket a customer was told about exists, every answer
 * to the team and NPS score the bot thanked for is on its ticket, every data file parses (a last
 * JSONL line cut short is tolerated, as the readers skip it), and the server starts cleanly each time.
 *
 * Every `retentionEvery`-th round ages the earlier chats past PARLEY_RETENTION_DAYS (aging.ts)
 * and kills Parley as it starts, in the middle of the retention sweep that clears them: some
 * transcripts rewritten, none marked done. The next start must finish the job, and its
 * customers (some of them back in an aged chat) must find every acknowledged message there:
 * by the end every chat left quiet has lost its text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createRandom } from '../../src/nlu/prng.js';
import { fileNameFor } from '../../src/storage/lowdb/file-names.js';
import { ADMIN, type ChildServer, startChildServer } from '../support/child-server.js';
import { DirectLineCustomer, http } from '../support/dl-customer.js';
import { ageConversations } from './aging.js';
import { continueJourney, type Journey, journeyLosses, type Say, until } from './ticket-journey.js';

export interface CrashOptions {
  dataDir: string;
  rounds: number;
  customers: number;
  seed: number;
  /** Longest time the load runs before the kill, in ms (counted once the round has its minimum of messages). */
  maxRunMs?: number;
  /**
   * Messages acknowledged in a round before its random wait starts, so a slow or busy machine
   * still crashes the server under traffic rather than before any (default 5; waits 30 s at most).
   */
  minAckedPerRound?: number;
  /** Age the chats so far past the retention period before every this many rounds (0: never). */
  retentionEvery?: number;
  log?: (line: string) => void;
}

export interface CrashReport {
  rounds: number;
  acknowledged: number;
  lost: string[];
  ticketsTold: number;
  ticketsMissing: string[];
  /** Answers to the team's questions and NPS scores the bot thanked for, and those not found on their ticket. */
  answersThanked: number;
  npsThanked: number;
  journeyLosses: string[];
  /** Answers acknowledged (200) whose turn a kill cut before the bot thanked: in the transcript, not on the ticket. */
  answersUnthanked: number;
  /** Rounds started on aged chats; how many chats were aged; starts killed before their sweep had finished. */
  agingRounds: number;
  conversationsAged: number;
  killedMidSweep: number;
  /** Chats quiet past the retention period at the end whose transcript still has text. */
  retentionMissed: string[];
  filesChecked: number;
  badFiles: string[];
  /** Last lines cut short by a kill (tolerated: never acknowledged). */
  cutShortLines: number;
  startProblems: string[];
}

interface Known {
  conversationId: string;
  token: string;
  /** Ids and texts of the customer's acknowledged messages. */
  acked: Map<string, string>;
  /** Ids acknowledged before the chat was aged: the sweep may have taken their text. */
  aged: Set<string>;
  /** A customer following a ticket (their chat has proactive news in it). */
  journey?: Journey;
}

const RETENTION_DAYS = 30;

interface RoundState {
  /** The server is being killed: customers stop. */
  now: boolean;
  /** Resumed chats still opening (on a busy machine that can take over a second): the kill waits for them. */
  resuming: number;
}

const CHAT = ['where is my order', 'how much is shipping', '我的订单到哪了', 'thanks', 'can I pay with paypal', '退货要运费吗'];
const COMPLAINT = ['I want to file a complaint', 'the parcel arrived broken', 'order 123456', 'crash.test@example.com', 'yes'];

export async function runCrashRounds(options: CrashOptions): Promise<CrashReport> {
  const random = createRandom(options.seed);
  const log = options.log ?? (() => {});
  const report: CrashReport = {
    rounds: 0, acknowledged: 0, lost: [], ticketsTold: 0, ticketsMissing: [], answersThanked: 0, npsThanked: 0, journeyLosses: [], answersUnthanked: 0,
    agingRounds: 0, conversationsAged: 0, killedMidSweep: 0, retentionMissed: [], filesChecked: 0, badFiles: [], cutShortLines: 0, startProblems: [],
  };
  const known: Known[] = [];
  const tickets = new Set<string>();
  const env = { PARLEY_DIRECTLINE_STARTS_PER_MINUTE: '1000000', PARLEY_MESSAGES_PER_MINUTE: '1000000', PARLEY_RETENTION_DAYS: String(RETENTION_DAYS), LOG_LEVEL: 'warn' };
  const logFile = `${options.dataDir}.log`;
  /** The chats the last round aged: some of their customers come back in the next. */
  let agedLastRound: Known[] = [];
  for (let round = 0; round <= options.rounds; round += 1) {
    const aging = Boolean(options.retentionEvery) && round > 0 && round < options.rounds && round % options.retentionEvery! === 0;
    if (aging) {
      const toAge = known.filter((entry) => !entry.journey && entry.acked.size > 0);
      // The sweep rewrites the transcripts that have text: those with a message since they were last aged.
      const withText = toAge.filter((entry) => [...entry.acked.keys()].some((id) => !entry.aged.has(id))).length;
      ageConversations(options.dataDir, new Set(toAge.map((entry) => entry.conversationId)), RETENTION_DAYS + 365);
      for (const entry of toAge) entry.aged = new Set(entry.acked.keys());
      report.agingRounds += 1;
      report.conversationsAged += toAge.length;
      // Anywhere in the first half of the sweep's transcripts, so always before its end.
      const { midSweep, cleared } = await killDuringSweep(options.dataDir, toAge, 1 + Math.floor(random() * Math.ceil(withText / 2)), env, logFile);
      report.rounds += 1;
      if (midSweep) report.killedMidSweep += 1;
      agedLastRound = toAge;
      log(`round ${round + 1}: ${toAge.length} chats aged, killed as it started, ${midSweep ? `its retention sweep midway (${cleared} transcripts cleared)` : 'after its retention sweep had finished'}`);
      continue;
    }
    const server = await startChildServer({ dataDir: options.dataDir, env, logFile });
    const agentCookie = await signIn(server);
    if (round > 0) await verify(server, agentCookie, known, tickets, report);
    checkFiles(options.dataDir, report);
    if (round === options.rounds) {
      // A complaint filed just before a kill, its ticket never announced, keeps its chat out of the sweep while the ticket is open, as it should.
      const open = await http(`${server.url}/api/tickets?status=unresolved`, 'GET', { headers: { cookie: agentCookie } });
      const withOpenTicket = new Set(((open.body?.tickets ?? []) as { conversationId: string }[]).map((ticket) => ticket.conversationId));
      await server.stop();
      checkRetention(options.dataDir, known, report, withOpenTicket);
      break;
    }
    const runMs = 150 + Math.floor(random() * ((options.maxRunMs ?? 1500) - 150));
    // Customers carry on: those following a ticket, and some whose chat the last round aged (text cleared, or not yet).
    const resumed = [...known.filter((entry) => entry.journey && !entry.journey.done), ...agedLastRound.filter(() => random() < 0.3)];
    agedLastRound = [];
    const stop: RoundState = { now: false, resuming: resumed.length };
    const load = [
      ...Array.from({ length: options.customers }, (_, index) => customer(server, agentCookie, known, tickets, round, index, random() < 0.3, stop)),
      ...resumed.map((entry, index) => customer(server, agentCookie, known, tickets, round, options.customers + index, false, stop, entry)),
    ];
    const ackedBefore = countAcked(known);
    const busyUntil = Date.now() + 30_000;
    while ((countAcked(known) - ackedBefore < (options.minAckedPerRound ?? 5) || stop.resuming > 0) && Date.now() < busyUntil) await sleep(10);
    await sleep(runMs);
    await server.kill9();
    stop.now = true;
    await Promise.allSettled(load);
    report.rounds += 1;
    const journeys = known.filter((entry) => entry.journey).map((entry) => entry.journey!);
    log(`round ${round + 1}: killed after ${runMs} ms; ${countAcked(known)} messages acknowledged so far, ${tickets.size} tickets told, ${journeys.filter((each) => each.answer).length} answers and ${journeys.filter((each) => each.nps !== undefined).length} NPS scores thanked for`);
  }
  const journeys = known.filter((entry) => entry.journey).map((entry) => entry.journey!);
  report.acknowledged = countAcked(known);
  report.ticketsTold = tickets.size;
  report.answersThanked = journeys.filter((journey) => journey.answer !== undefined).length;
  report.npsThanked = journeys.filter((journey) => journey.nps !== undefined).length;
  report.answersUnthanked = journeys.reduce((sum, journey) => sum + journey.answersUnthanked, 0);
  report.startProblems.push(...startProblemsIn(logFile));
  return report;
}

const countAcked = (known: Known[]) => known.reduce((sum, each) => sum + each.acked.size, 0);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Start Parley on the aged chats and kill it while its retention sweep clears them (the sweep
 * runs as Parley starts): as soon as `after` of their transcripts have been rewritten without
 * their text, so they have shrunk, and before the sweep has marked any of them done. Resolves whether the
 * kill came before the sweep's end, which it logs (at info level), and how many transcripts the
 * sweep had cleared by then.
 */
async function killDuringSweep(dataDir: string, aged: readonly Known[], after: number, env: Record<string, string>, logFile: string): Promise<{ midSweep: boolean; cleared: number }> {
  const transcripts = aged.map((entry) => path.join(dataDir, 'transcripts', `${fileNameFor(entry.conversationId)}.jsonl`));
  const sizes = transcripts.map(sizeOf);
  const logBefore = sizeOf(logFile);
  const sweepEnded = () => logSince(logFile, logBefore).includes('retention: took the text out');
  const server = await startChildServer({ dataDir, env: { ...env, LOG_LEVEL: 'info' }, logFile, spawnedOnly: true });
  let gone = false;
  void server.exited.then(() => (gone = true));
  const cleared = () => transcripts.filter((file, index) => sizeOf(file) < sizes[index]!).length;
  const giveUp = Date.now() + 30_000;
  while (cleared() < after && !gone && Date.now() < giveUp && !sweepEnded()) await sleep(1);
  await server.kill9();
  return { midSweep: !sweepEnded(), cleared: cleared() };
}

/**
 * One customer: a new chat, or an earlier one resumed (`entry`: an aged chat, or a ticket
 * journey to carry on), messages until the server dies. A complainer told of a ticket goes on
 * to follow it (ticket-journey.ts).
 */
async function customer(server: ChildServer, agentCookie: string, known: Known[], tickets: Set<string>, round: number, index: number, complain: boolean, stop: RoundState, entry?: Known): Promise<void> {
  const client = new DirectLineCustomer(server.url);
  try {
    try {
      await client.open({ timeoutMs: 5000, ...(entry ? { token: entry.token, greeting: false } : {}) });
      // A resumed chat's stream replays it: the next step depends on what the bot said last.
      if (entry) await until(() => client.transcript.length > 0 || client.closed, 3000);
    } finally {
      if (entry) stop.resuming -= 1;
    }
    const chat: Known = entry ?? { conversationId: client.conversationId, token: client.token, acked: new Map(), aged: new Set() };
    if (!entry) known.push(chat);
    const say: Say = async (text) => {
      const posted = await http(`${server.url}/v3/directline/conversations/${chat.conversationId}/activities`, 'POST', { token: chat.token, body: { type: 'message', text }, timeoutMs: 5000 });
      if (posted.status !== 200) return { posted: false, reply: '' };
      const id = posted.body.id as string;
      chat.acked.set(id, text);
      await until(() => client.closed || client.transcript.some((activity) => activity.replyToId === id), 3000);
      return { posted: true, reply: client.transcript.filter((activity) => activity.replyToId === id).map((activity) => activity.text ?? '').join('\n') };
    };
    const label = `r${round} c${index}`;
    if (!chat.journey) {
      for (let turn = 0; turn < 40 && !stop.now; turn += 1) {
        const text = complain && turn < COMPLAINT.length ? COMPLAINT[turn]! : `${CHAT[turn % CHAT.length]} (${label} m${turn})`;
        const { posted, reply } = await say(text);
        if (!posted) return;
        const told = /ticket (T-\d+)/.exec(reply);
        if (!told) continue;
        tickets.add(told[1]!);
        if (complain) {
          chat.journey = { conversationId: chat.conversationId, token: chat.token, ticketId: told[1]!, label, answersUnthanked: 0, done: false };
          break;
        }
      }
    }
    if (chat.journey) await continueJourney(server, chat.journey, client, say, agentCookie, stop);
  } catch {
    // the server was killed mid-request: only what was acknowledged counts
  } finally {
    client.close();
  }
}

async function signIn(server: ChildServer): Promise<string> {
  const login = await http(`${server.url}/api/auth/login`, 'POST', { body: ADMIN });
  return String(login.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
}

async function verify(server: ChildServer, cookie: string, known: Known[], tickets: Set<string>, report: CrashReport): Promise<void> {
  for (const entry of known) {
    if (entry.acked.size === 0) continue;
    const read = await http(`${server.url}/v3/directline/conversations/${entry.conversationId}/activities`, 'GET', { token: entry.token });
    const stored = new Map<string, string>(read.status === 200 ? (read.body.activities as { id: string; text?: string }[]).map((activity) => [activity.id, activity.text ?? '']) : []);
    for (const [id, text] of entry.acked) {
      // Complaint lines may be masked in the transcript (the e-mail), and retention takes the text of aged chats;
      // the other tagged lines must come back word for word.
      const intact = text.includes('(r') && !entry.aged.has(id) ? stored.get(id) === text : stored.has(id);
      if (!intact) report.lost.push(`${id} (${read.status})`);
    }
  }
  report.journeyLosses = [];
  for (const id of tickets) {
    const ticket = await http(`${server.url}/api/tickets/${id}`, 'GET', { headers: { cookie } });
    if (ticket.status !== 200) report.ticketsMissing.push(`${id} (${ticket.status})`);
    const journey = known.find((entry) => entry.journey?.ticketId === id)?.journey;
    if (journey) report.journeyLosses.push(...journeyLosses(journey, ticket.status === 200 ? ticket.body : undefined));
  }
}

/**
 * After the last (orderly) stop, whose sweep finished: an aged chat nobody wrote in since has
 * no text left in its transcript, however many sweeps a kill interrupted, unless a ticket of it
 * is still open (retention leaves those alone).
 */
function checkRetention(dataDir: string, known: Known[], report: CrashReport, withOpenTicket: ReadonlySet<string>): void {
  const cutoff = Date.now() - RETENTION_DAYS * 86_400_000;
  for (const entry of known) {
    if (entry.aged.size === 0 || withOpenTicket.has(entry.conversationId)) continue;
    const lines = readFileSync(path.join(dataDir, 'transcripts', `${fileNameFor(entry.conversationId)}.jsonl`), 'utf8').split('\n').filter(Boolean);
    const activities = lines.flatMap((line) => {
      try {
        return [JSON.parse(line) as { timestamp: string; text?: string }];
      } catch {
        return [];
      }
    });
    const withText = activities.filter((activity) => activity.text !== undefined);
    // Which lines kept their text says whether the sweeps missed the chat or only some of its lines.
    if (Date.parse(activities.at(-1)?.timestamp ?? '') < cutoff && withText.length > 0) report.retentionMissed.push(`${entry.conversationId}: ${withText.length} of ${activities.length} lines kept their text, from ${withText[0]!.timestamp}`);
  }
}

function readIfThere(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** A file's size in bytes; 0 if it is not there. */
function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}


const logSince = (logFile: string, offset: number) => readFileSync(logFile).subarray(offset).toString('utf8');

/** Every JSON file parses; every JSONL line parses, except a last line cut short (no newline yet). */
function checkFiles(dir: string, report: CrashReport): void {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    // Temporary files of an interrupted atomic write are never read (the rename did not happen).
    if (entry.name.endsWith('.tmp') || !/\.jsonl?$/.test(entry.name)) continue;
    // The server runs meanwhile: a retention sweep may delete a dialog state between the listing and the read.
    const text = readIfThere(file);
    if (!text) continue;
    report.filesChecked += 1;
    if (entry.name.endsWith('.json')) {
      try {
        JSON.parse(text);
      } catch {
        report.badFiles.push(file);
      }
      continue;
    }
    const lines = text.split('\n');
    const tail = lines.pop();
    if (tail) report.cutShortLines += 1;
    for (const line of lines) {
      if (!line) continue;
      try {
        JSON.parse(line);
      } catch {
        report.badFiles.push(`${file}: ${line.slice(0, 60)}`);
        break;
      }
    }
  }
}

/** Errors the server logged (level ≥ 50) across all its starts. */
function startProblemsIn(logFile: string): string[] {
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((line) => /"level":(50|60)/.test(line))
    .map((line) => line.slice(0, 300));
}
