/**
 * `npm run test:crash`: at least 20 kill -9 rounds against a real Parley (see crash-run.ts),
 * then the cost of `PARLEY_FSYNC=1` on turn latency. Exits 1 if anything acknowledged was lost.
 * Flags: --rounds 20 --customers 20 --seed 1 --retention-every 4 (age the chats so far before every fourth round)
 */
import '../../src/quiet-dotenv.js';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startChildServer } from '../support/child-server.js';
import { DirectLineCustomer } from '../support/dl-customer.js';
import { runCrashRounds } from './crash-run.js';

const { values: flags } = parseArgs({ options: { rounds: { type: 'string', default: '20' }, customers: { type: 'string', default: '20' }, seed: { type: 'string', default: '1' }, 'retention-every': { type: 'string', default: '4' } } });
const work = mkdtempSync(path.join(os.tmpdir(), 'parley-crash-'));
const out = (line: string) => process.stdout.write(`${line}\n`);

/** Sequential turns of `customers` concurrent customers; latency percentiles in ms. */
async function turnLatency(fsync: boolean, customers = 10, turns = 60): Promise<{ p50: number; p99: number }> {
  const server = await startChildServer({ dataDir: path.join(work, `fsync-${fsync ? 1 : 0}`), env: { PARLEY_FSYNC: fsync ? '1' : '0', PARLEY_DIRECTLINE_STARTS_PER_MINUTE: '1000000', PARLEY_MESSAGES_PER_MINUTE: '1000000', LOG_LEVEL: 'warn' } });
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: customers }, async (_, index) => {
      const client = new DirectLineCustomer(server.url);
      await client.open();
      for (let turn = 0; turn < turns; turn += 1) latencies.push((await client.say(turn % 2 ? 'where is my order' : `how much is shipping ${index}`)).latencyMs);
      client.close();
    }),
  );
  await server.stop();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => Math.round(latencies[Math.ceil((p / 100) * latencies.length) - 1]! * 10) / 10;
  return { p50: at(50), p99: at(99) };
}

const limit = setTimeout(() => {
  out('crash test: time limit reached');
  process.exit(1);
}, 20 * 60_000);
limit.unref();

const report = await runCrashRounds({ dataDir: path.join(work, 'data'), rounds: Number(flags.rounds), customers: Number(flags.customers), seed: Number(flags.seed), retentionEvery: Number(flags['retention-every']), log: out });
const firstTen = (list: string[]) => list.slice(0, 10);
out(JSON.stringify({ ...report, lost: firstTen(report.lost), ticketsMissing: firstTen(report.ticketsMissing), journeyLosses: firstTen(report.journeyLosses), retentionMissed: firstTen(report.retentionMissed) }, null, 2));
const withoutFsync = await turnLatency(false);
const withFsync = await turnLatency(true);
out(`turn latency, 10 customers × 60 turns: PARLEY_FSYNC=0 p50 ${withoutFsync.p50} ms p99 ${withoutFsync.p99} ms; PARLEY_FSYNC=1 p50 ${withFsync.p50} ms p99 ${withFsync.p99} ms`);
const failed = report.lost.length + report.ticketsMissing.length + report.journeyLosses.length + report.retentionMissed.length + report.badFiles.length + report.startProblems.length > 0;
out(
  failed
    ? 'FAILED: acknowledged data lost, text kept past retention or files unreadable'
    : `OK: ${report.rounds} kill -9 rounds (${report.killedMidSweep} of ${report.agingRounds} during a retention sweep over ${report.conversationsAged} aged chats), ${report.acknowledged} acknowledged messages, ${report.ticketsTold} tickets, ${report.answersThanked} answers to the team and ${report.npsThanked} NPS scores all kept`,
);
rmSync(work, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
