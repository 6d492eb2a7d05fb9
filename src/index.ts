/** Starts Parley: settings from the environment, then the composition root. */
import './quiet-dotenv.js';
import { loadConfig, ConfigError, SETTING_NAMES, unknownSettings } from './config.js';
import { createLogger } from './logger.js';
import { type Parley, startParley } from './parley.js';

// DATA_DIR holds transcripts, profiles and password hashes: what Parley creates there is for its own user alone.
process.umask(0o077);

// Settings are environment variables only: `npm start -- --port 4000` must not start on 3978 as if heard.
const args = process.argv.slice(2);
if (args.length > 0) {
  const help = `Parley takes its settings from environment variables, not arguments, e.g. PORT=4000 DATA_DIR=/srv/parley npm start\nsettings (README, Settings): ${SETTING_NAMES.join(', ')}\n`;
  if (args[0] === '--help' || args[0] === '-h') {
    process.stdout.write(help);
    process.exit(0);
  }
  process.stderr.write(`unexpected argument "${args[0]}": ${help}`);
  process.exit(1);
}

let config;
try {
  config = loadConfig();
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
}

const logger = createLogger(config.logLevel);
for (const { name, meant } of unknownSettings()) {
  logger.warn({ setting: name, meant }, `${name} is not a setting of Parley and is ignored${meant ? `: did you mean ${meant}?` : ''}`);
}
let parley: Parley | undefined;
let stopping = false;
// Stopped while starting (a first start trains for seconds): exit, which lets DATA_DIR go
// (parley.pid removed); the default end of a signal left the file behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stop(signal));
try {
  parley = await startParley(config, logger);
} catch (error) {
  // A setting the server could not use (KNOWLEDGE_DIR missing, PORT taken) is one line; a bug keeps its stack.
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

// stdout carries the JSON log lines only (a log shipper parses every line); the banner, for a
// person at a terminal, goes to stderr, and the first admin's password never into the log.
logger.info({ url: parley.url, dataDir: config.dataDir, ...(parley.firstAdmin ? { firstAdmin: parley.firstAdmin.email } : {}) }, 'Parley is running');
const out = process.stderr;
out.write(`\nParley is running.\n`);
out.write(`  Chat (demo shop):  ${parley.url}/\n`);
out.write(`  Agent console:     ${parley.url}/agent\n`);
out.write(`  Admin:             ${parley.url}/admin\n`);
out.write(`  Data:              ${config.dataDir}\n`);
if (['0.0.0.0', '::'].includes(config.host)) out.write(`  (listening on every address of this machine, HOST=${config.host}: other machines use its name or address)\n`);
if (parley.firstAdmin) {
  out.write(`\nFirst admin account: ${parley.firstAdmin.email}\n`);
  if (parley.firstAdmin.generatedPassword) {
    out.write(`  Generated password (shown only once): ${parley.firstAdmin.generatedPassword}\n`);
  }
}
out.write('\n');

function stop(signal: string): void {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  if (!parley) {
    logger.info('stopped before it was ready');
    process.exit(0);
  }
  parley.close().then(
    () => {
      // Everything is on disk: what an operator waits for before copying DATA_DIR.
      logger.info('stopped');
      process.exit(0);
    },
    (error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    },
  );
}

// `npm start` runs Parley under `sh -c`, which does not pass SIGTERM on: `docker stop`, `kill` of
// npm or a systemd stop ended npm and the shell and left Parley running, orphaned, holding the
// port and DATA_DIR. Under npm, losing the parent process is a stop like SIGTERM.
if (process.env.npm_lifecycle_event) {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop('parent exited');
  }, 500).unref();
}
