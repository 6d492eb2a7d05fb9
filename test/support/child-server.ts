/**
 * Parley as a real child process, started as `npm start` starts it (`node dist/server/src/index.js`;
 * refuses a build older than the sources), for the tools that must
 * measure its memory, kill it with SIGKILL or watch it survive hostile input: the load bench,
 * the crash test and the fuzzer. Loopback only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { builtServer } from '../../scripts/build-server.js';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
/** Shared with the in-process test server: the recognizer is trained once per knowledge base. */
export const childModelDir = path.join(repoRoot, 'test', '.tmp', 'models');

export const ADMIN = { email: 'admin@example.com', password: 'correct horse battery' };

/** A port nobody listens on right now (the server does not print the one PORT=0 picks). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface ChildServer {
  url: string;
  port: number;
  pid: number;
  process: ChildProcess;
  /** Everything the server wrote to stdout and stderr (the logs). */
  logFile: string;
  /** Resolves with the exit code or signal once the process is gone. */
  exited: Promise<number | string>;
  /** SIGKILL, no shutdown: what a crash looks like. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for the orderly shutdown (bounded: SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
  /** `{ hwm, rss }` in MB from /proc/<pid>/status. */
  memory(): { hwm: number; rss: number };
  /** CPU time (user + system) the server has used so far, in seconds. */
  cpuSeconds(): number;
}

export interface ChildServerOptions {
  dataDir: string;
  env?: Record<string, string>;
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** Appended to, so restarts on one data dir keep one log. */
  logFile?: string;
  readyTimeoutMs?: number;
  /** Return as soon as the process is spawned, not once it answers `GET /healthz` (to act on it while it starts). */
  spawnedOnly?: boolean;
}

/** Children still running; killed if this process exits first (a bench stopped half-way leaves nothing behind). */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startChildServer(options: ChildServerOptions): Promise<ChildServer> {
  const entry = await builtServer();
  const port = await freePort();
  const logFile = options.logFile ?? path.join(options.dataDir, '..', `${path.basename(options.dataDir)}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), entry], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      KNOWLEDGE_DIR: path.join(repoRoot, 'knowledge'),
      PARLEY_MODEL_DIR: childModelDir,
      PARLEY_ADMIN_EMAIL: ADMIN.email,
      PARLEY_ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'info',
      DOTENV_CONFIG_QUIET: 'true',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? signal ?? -1);
    }),
  );
  void exited.then(() => setTimeout(() => log.end(), 50));
  const url = `http://127.0.0.1:${port}`;
  const ready = options.spawnedOnly || (await waitForHealth(url, exited, options.readyTimeoutMs ?? 60_000));
  if (!ready) {
    child.kill('SIGKILL');
    throw new Error(`Parley did not start within the time limit; log: ${logFile}\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
  }
  const server: ChildServer = {
    url,
    port,
    pid: child.pid!,
    process: child,
    logFile,
    exited,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    memory: () => memoryOf(child.pid!),
    cpuSeconds: () => cpuSecondsOf(child.pid!),
  };
  return server;
}

async function waitForHealth(url: string, exited: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !gone) {
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/** Peak and current resident memory of a process, in MB. */
export function memoryOf(pid: number): { hwm: number; rss: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { hwm: Math.round(kb('VmHWM') / 1024), rss: Math.round(kb('VmRSS') / 1024) };
  } catch {
    return { hwm: 0, rss: 0 };
  }
}

/** utime + stime of a process from /proc/<pid>/stat, in seconds (clock ticks of 1/100 s). */
export function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
