import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtServer } from '../../scripts/build-server.js';
import { childModelDir, repoRoot, startChildServer } from '../support/child-server.js';
import { tempDir } from '../support/temp.js';

const made: string[] = [];
const scratch = async () => {
  const dir = await tempDir();
  made.push(dir);
  return dir;
};

/** `node dist/server/src/index.js` as `npm start` runs it, until it exits: its code and what it printed on stderr. */
async function start(env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [await builtServer(), ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', DATA_DIR: await scratch(), PARLEY_MODEL_DIR: childModelDir, PARLEY_ADMIN_EMAIL: 'admin@example.com', PARLEY_ADMIN_PASSWORD: 'correct horse battery', LOG_LEVEL: 'silent', DOTENV_CONFIG_QUIET: 'true', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // A server that starts after all would never exit: stop it, and the test fails on the code.
  const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  return { code, stderr };
}

describe('a setting the server cannot use stops it with one line naming the setting', () => {
  let occupied: Server | undefined;
  afterAll(async () => {
    await new Promise<void>((resolve) => (occupied ? occupied.close(() => resolve()) : resolve()));
    await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('KNOWLEDGE_DIR that does not exist, on the first start of a DATA_DIR', async () => {
    const { code, stderr } = await start({ KNOWLEDGE_DIR: '/nope' });
    expect(code).toBe(1);
    expect(stderr).toBe('KNOWLEDGE_DIR /nope does not exist: set KNOWLEDGE_DIR to the folder of knowledge files to load on the first start\n');
  });

  it('KNOWLEDGE_DIR with a file that is not JSON: the file is named', async () => {
    const dir = path.join(await scratch(), 'knowledge');
    await mkdir(dir);
    await writeFile(path.join(dir, 'faq.json'), '{ not json');
    const { code, stderr } = await start({ KNOWLEDGE_DIR: dir });
    expect(code).toBe(1);
    // Where it breaks, so the file can be put right: line, column and the words there.
    expect(stderr).toBe(`KNOWLEDGE_DIR: ${dir}/faq.json: not valid JSON: Expected property name or '}' at line 1, column 3: { not json\n`);
  });

  it('DATA_DIR that is a file', async () => {
    const file = path.join(await scratch(), 'data');
    await writeFile(file, 'not a folder');
    const { code, stderr } = await start({ DATA_DIR: file, KNOWLEDGE_DIR: path.join(repoRoot, 'knowledge') });
    expect(code).toBe(1);
    expect(stderr).toBe(`DATA_DIR ${file} is not a folder: set DATA_DIR to a folder Parley may create or write in\n`);
  });

  it('DATA_DIR written by a newer Parley: refused, and left as it was', async () => {
    const dir = await scratch();
    await writeFile(path.join(dir, 'format.json'), '{"format": 99}\n');
    await writeFile(path.join(dir, 'tickets.json'), '{"items": {}}');
    const { code, stderr } = await start({ DATA_DIR: dir, KNOWLEDGE_DIR: path.join(repoRoot, 'knowledge') });
    expect(code).toBe(1);
    expect(stderr).toBe(
      `DATA_DIR ${dir} holds data format 99, written by a newer Parley; this release reads format 1 and older: run the newer release, or restore the backup taken before upgrading\n`,
    );
    expect((await readdir(dir)).sort()).toEqual(['format.json', 'tickets.json']);
  });

  it('a PORT another process listens on; the next start, on a free port, still shows the first admin’s generated password', async () => {
    occupied = createServer();
    const port = await new Promise<number>((resolve) => occupied!.listen(0, '127.0.0.1', () => resolve((occupied!.address() as { port: number }).port)));
    const dir = await scratch();
    const noAdminSettings = { PARLEY_ADMIN_EMAIL: '', PARLEY_ADMIN_PASSWORD: '' };
    const { code, stderr } = await start({ DATA_DIR: dir, KNOWLEDGE_DIR: path.join(repoRoot, 'knowledge'), PORT: String(port), ...noAdminSettings });
    expect(code).toBe(1);
    expect(stderr).toBe(`PORT ${port} is already in use on 127.0.0.1: stop what listens there, or set PORT to a free port\n`);
    expect(await readdir(dir)).not.toContain('parley.pid');
    // The failed start made no account whose password nobody saw.
    const logFile = path.join(await scratch(), 'next.log');
    const next = await startChildServer({ dataDir: dir, logFile, env: noAdminSettings });
    await next.stop();
    expect(await readFile(logFile, 'utf8')).toMatch(/First admin account: admin@parley\.local\n {2}Generated password \(shown only once\): \S{16}\n/);
  }, 90_000);

  it('a start stopped before it is ready (SIGTERM while it loads) lets DATA_DIR go', async () => {
    const dir = await scratch();
    const child = spawn(process.execPath, [await builtServer()], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dir, PARLEY_MODEL_DIR: await scratch(), LOG_LEVEL: 'info', DOTENV_CONFIG_QUIET: 'true' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    // An empty model folder: the recognizer is trained first, which takes seconds.
    await expect.poll(() => stdout, { timeout: 30_000 }).toContain('training the recognizer');
    expect(await readdir(dir)).toContain('parley.pid');
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
    expect(code).toBe(0);
    expect(stdout).toContain('stopped before it was ready');
    expect(await readdir(dir)).not.toContain('parley.pid');
  }, 60_000);

  it('a DATA_DIR another Parley has open: refused; once that one is gone, even by kill -9, it starts', async () => {
    const dir = await scratch();
    const first = await startChildServer({ dataDir: dir, logFile: path.join(await scratch(), 'first.log') });
    try {
      expect(JSON.parse(await readFile(path.join(dir, 'parley.pid'), 'utf8'))).toMatchObject({ pid: first.pid });
      const second = await start({ DATA_DIR: dir, KNOWLEDGE_DIR: path.join(repoRoot, 'knowledge') });
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(
        new RegExp(`^DATA_DIR ${dir} is in use by another Parley \\(process ${first.pid}, started [^)]+\\): two on one folder overwrite each other's data; stop that one first, or give this one its own DATA_DIR \\(if no Parley runs, delete ${dir}/parley\\.pid\\)\\n$`),
      );
      expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    } finally {
      await first.kill9();
    }
    // The file the killed process left names a process that is gone: taken over.
    const again = await startChildServer({ dataDir: dir, logFile: path.join(await scratch(), 'again.log') });
    await again.stop();
    expect(await readdir(dir)).not.toContain('parley.pid');
  }, 90_000);

  it('a damaged secret.key is refused and left alone; one missing beside accounts is replaced with a warning', async () => {
    const dir = await scratch();
    const logFile = path.join(await scratch(), 'server.log');
    await (await startChildServer({ dataDir: dir, logFile })).stop();
    const secretFile = path.join(dir, 'secret.key');
    await writeFile(secretFile, 'cut-short\n');
    const damaged = await start({ DATA_DIR: dir, KNOWLEDGE_DIR: path.join(repoRoot, 'knowledge') });
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toBe(`DATA_DIR ${secretFile} is damaged (9 characters, not 32 or more): restore it from a backup; only if there is none, delete it, and customers' earlier chats stop opening\n`);
    expect(await readFile(secretFile, 'utf8')).toBe('cut-short\n');

    await rm(secretFile);
    await (await startChildServer({ dataDir: dir, logFile })).stop();
    const warnings = (await readFile(logFile, 'utf8')).split('\n').filter((line) => line.includes('no secret.key'));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0]!)).toMatchObject({ level: 40, file: secretFile });
  }, 90_000);

  it('an argument (npm start -- --port 4000) is refused, not ignored: settings are environment variables', async () => {
    const { code, stderr } = await start({ KNOWLEDGE_DIR: path.join(repoRoot, 'knowledge') }, ['--port', '4000']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^unexpected argument "--port": Parley takes its settings from environment variables, not arguments, e\.g\. PORT=4000 DATA_DIR=\/srv\/parley npm start\nsettings \(README, Settings\): PORT, HOST, DATA_DIR, [^\n]*LOG_LEVEL\n$/);
  });
});
