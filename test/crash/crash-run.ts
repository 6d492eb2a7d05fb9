/**
 * Crash rounds: start Parley on one data directory, let customers chat (some file complaints),
 * `kill -9` it at a seeded random moment once traffic flows, restart, and check that nothing acknowledged was lost:
 * every customer message whose POST answered 200 is in its transcript, every ticket a customer
 * was told about exists, every data file parses (a last JSONL line cut short is tolerated, as the
 * readers skip it), and the server starts cleanly each time.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createRandom } from '../../src/nlu/prng.js';
import { ADMIN, type ChildServer, startChildServer } from '../support/child-server.js';
import { DirectLineCustomer, http } from '../support/dl-customer.js';

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
  log?: (line: string) => void;
}

export interface CrashReport {
  rounds: number;
  acknowledged: number;
  lost: string[];
  ticketsTold: number;
  ticketsMissing: string[];
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
}

const CHAT = ['where is my order', 'how much is shipping', '我的订单到哪了', 'thanks', 'can I pay with paypal', '退货要运费吗'];
const COMPLAINT = ['I want to file a complaint', 'the parcel arrived broken', 'order 123456', 'crash.test@example.com', 'yes'];

export async function runCrashRounds(options: CrashOptions): Promise<CrashReport> {
  const random = createRandom(options.seed);
  const log = options.log ?? (() => {});
  const report: CrashReport = { rounds: 0, acknowledged: 0, lost: [], ticketsTold: 0, ticketsMissing: [], filesChecked: 0, badFiles: [], cutShortLines: 0, startProblems: [] };
  const known: Known[] = [];
  const tickets = new Set<string>();
  const env = { PARLEY_DIRECTLINE_STARTS_PER_MINUTE: '1000000', PARLEY_MESSAGES_PER_MINUTE: '1000000', LOG_LEVEL: 'warn' };
  const logFile = `${options.dataDir}.log`;
  for (let round = 0; round <= options.rounds; round += 1) {
    const server = await startChildServer({ dataDir: options.dataDir, env, logFile });
    if (round > 0) await verify(server, known, tickets, report);
    checkFiles(options.dataDir, report);
    if (round === options.rounds) {
      await server.stop();
      break;
    }
    const runMs = 150 + Math.floor(random() * ((options.maxRunMs ?? 1500) - 150));
    const stop = { now: false };
    const load = Array.from({ length: options.customers }, (_, index) => customer(server, known, tickets, round, index, random() < 0.3, stop));
    const ackedBefore = countAcked(known);
    const busyUntil = Date.now() + 30_000;
    while (countAcked(known) - ackedBefore < (options.minAckedPerRound ?? 5) && Date.now() < busyUntil) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, runMs));
    await server.kill9();
    stop.now = true;
    await Promise.allSettled(load);
    report.rounds += 1;
    log(`round ${round + 1}: killed after ${runMs} ms; ${countAcked(known)} messages acknowledged so far, ${tickets.size} tickets told`);
  }
  report.acknowledged = countAcked(known);
  report.ticketsTold = tickets.size;
  report.startProblems.push(...startProblemsIn(logFile));
  return report;
}

const countAcked = (known: Known[]) => known.reduce((sum, each) => sum + each.acked.size, 0);

/** One customer: a new chat or an earlier one resumed, messages until the server dies. */
async function customer(server: ChildServer, known: Known[], tickets: Set<string>, round: number, index: number, complain: boolean, stop: { now: boolean }): Promise<void> {
  const client = new DirectLineCustomer(server.url);
  try {
    await client.open({ timeoutMs: 5000 });
    const entry: Known = { conversationId: client.conversationId, token: client.token, acked: new Map() };
    known.push(entry);
    for (let turn = 0; turn < 40 && !stop.now; turn += 1) {
      const text = complain && turn < COMPLAINT.length ? COMPLAINT[turn]! : `${CHAT[turn % CHAT.length]} (r${round} c${index} m${turn})`;
      const posted = await http(`${server.url}/v3/directline/conversations/${client.conversationId}/activities`, 'POST', { token: client.token, body: { type: 'message', text }, timeoutMs: 5000 });
      if (posted.status !== 200) return;
      entry.acked.set(posted.body.id as string, text);
      await waitForReply(client, posted.body.id as string);
      for (const activity of client.transcript) {
        const told = /ticket (T-\d+)/.exec(activity.text ?? '');
        if (told && activity.from.role === 'bot') tickets.add(told[1]!);
      }
    }
  } catch {
    // the server was killed mid-request: only what was acknowledged counts
  } finally {
    client.close();
  }
}

async function waitForReply(client: DirectLineCustomer, id: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline && !client.closed && !client.transcript.some((activity) => activity.replyToId === id)) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function verify(server: ChildServer, known: Known[], tickets: Set<string>, report: CrashReport): Promise<void> {
  for (const entry of known) {
    if (entry.acked.size === 0) continue;
    const read = await http(`${server.url}/v3/directline/conversations/${entry.conversationId}/activities`, 'GET', { token: entry.token });
    const stored = new Map<string, string>(read.status === 200 ? (read.body.activities as { id: string; text?: string }[]).map((activity) => [activity.id, activity.text ?? '']) : []);
    for (const [id, text] of entry.acked) {
      // Complaint lines may be masked in the transcript (the e-mail); the tagged lines must come back word for word.
      const intact = text.includes('(r') ? stored.get(id) === text : stored.has(id);
      if (!intact) report.lost.push(`${id} (${read.status})`);
    }
  }
  if (tickets.size === 0) return;
  const login = await http(`${server.url}/api/auth/login`, 'POST', { body: ADMIN });
  const cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
  for (const id of tickets) {
    const ticket = await http(`${server.url}/api/tickets/${id}`, 'GET', { headers: { cookie } });
    if (ticket.status !== 200) report.ticketsMissing.push(`${id} (${ticket.status})`);
  }
}

/** Every JSON file parses; every JSONL line parses, except a last line cut short (no newline yet). */
function checkFiles(dir: string, report: CrashReport): void {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    // Temporary files of an interrupted atomic write are never read (the rename did not happen).
    if (entry.name.endsWith('.tmp') || statSync(file).size === 0 || !/\.jsonl?$/.test(entry.name)) continue;
    report.filesChecked += 1;
    const text = readFileSync(file, 'utf8');
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
