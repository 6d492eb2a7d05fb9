/**
 * `npm run test:fuzz`: thousands of seeded hostile requests at every route of a real Parley
 * (in this process, so Object.prototype can be checked directly), half of them with Parley
 * reached directly and half with PARLEY_TRUST_PROXY=loopback, then: no 5xx, every 4xx
 * explained, no prototype pollution, a normal conversation still works, and no customer text
 * or e-mail address in the server's log. Flags: --count 5000 --seed 1
 */
import '../../src/quiet-dotenv.js';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startParley } from '../../src/parley.js';
import { childModelDir, repoRoot } from '../support/child-server.js';
import { personalDataInLog } from '../support/log-check.js';
import { fuzz } from './fuzz-run.js';
import { FUZZ_IDENTITY_SECRET, fuzzTarget, prototypeKeys, stillWorks } from './fuzz-setup.js';

const { values: flags } = parseArgs({ options: { count: { type: 'string', default: '5000' }, seed: { type: 'string', default: '1' } } });
const work = mkdtempSync(path.join(os.tmpdir(), 'parley-fuzz-'));
const out = (line: string) => process.stdout.write(`${line}\n`);
const limit = setTimeout(() => {
  out('fuzz: time limit reached');
  process.exit(1);
}, 15 * 60_000);
limit.unref();

/** One Parley with `env` on top of the fuzz settings, `count` requests at it, and the checks after. */
async function fuzzOne(name: string, env: Record<string, string>, count: number, seed: number): Promise<boolean> {
  const logFile = path.join(work, `${name}.log`);
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: path.join(work, name),
    KNOWLEDGE_DIR: path.join(repoRoot, 'knowledge'),
    PARLEY_MODEL_DIR: childModelDir,
    PARLEY_ADMIN_EMAIL: 'admin@example.com',
    PARLEY_ADMIN_PASSWORD: 'correct horse battery',
    PARLEY_LOGIN_ATTEMPTS_PER_MINUTE: '10000',
    PARLEY_DIRECTLINE_STARTS_PER_MINUTE: '1000000',
    PARLEY_IDENTITY_SECRET: FUZZ_IDENTITY_SECRET,
    ...env,
  });
  const logger = createLogger('debug', pino.destination({ dest: logFile, sync: true }));
  const parley = await startParley(config, logger);
  const before = prototypeKeys();
  const target = await fuzzTarget(parley.url, parley.routes);
  const started = performance.now();
  const result = await fuzz(target, count, seed);
  const seconds = (performance.now() - started) / 1000;
  const polluted = prototypeKeys().filter((key) => !before.includes(key));
  const after = await stillWorks(parley.url);
  await parley.close();
  const leaks = personalDataInLog(logFile, result.needles);

  out(`${name}: sent ${result.sent} requests in ${seconds.toFixed(1)} s (seed ${seed}); statuses: ${JSON.stringify(result.byStatus)}`);
  out(`  failures: ${result.failures.length}`);
  for (const failure of result.failures.slice(0, 20)) out(`    ${failure}`);
  out(`  prototype pollution: ${polluted.length === 0 ? 'none' : polluted.join(', ')}`);
  out(`  afterwards: /healthz ${after.health}, a new customer asking "where is my order" got ${after.reply ? 'an answer' : 'NO answer'}`);
  out(`  personal data in the server log (debug level): ${leaks.length === 0 ? 'none' : leaks.slice(0, 5).join(', ')}`);
  return result.failures.length > 0 || polluted.length > 0 || after.health !== 200 || !after.reply || leaks.length > 0;
}

// Half the requests with nothing in front of Parley (forwarded headers must be ignored), half behind a trusted proxy on loopback (believed).
const count = Number(flags.count);
const seed = Number(flags.seed);
const direct = await fuzzOne('direct', {}, Math.ceil(count / 2), seed);
const proxied = await fuzzOne('behind-proxy', { PARLEY_TRUST_PROXY: 'loopback' }, Math.floor(count / 2), seed + 1);
const failed = direct || proxied;
out(failed ? 'FAILED' : 'OK');
rmSync(work, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
