import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtServer } from '../../scripts/build-server.js';
import { ADMIN, childModelDir, freePort, repoRoot } from '../support/child-server.js';
import { tempDirs } from '../support/temp.js';

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start under a service manager', () => {
  const scratch = tempDirs();

  it('SIGTERM to npm (docker stop, systemctl stop, kill) stops Parley too, cleanly, though the shell between them does not pass it on', async () => {
    const work = await scratch();
    const dataDir = path.join(work, 'data');
    const port = await freePort();
    // What `npm start` runs: `sh -c "node dist/server/src/index.js"` with npm's lifecycle variables; npm passes
    // SIGTERM to that shell, which ends without passing it to node.
    const shell = spawn('sh', ['-c', `"${process.execPath}" "${await builtServer()}"; echo "the shell outlived its SIGTERM"`], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, KNOWLEDGE_DIR: path.join(repoRoot, 'knowledge'), PARLEY_MODEL_DIR: childModelDir, PARLEY_ADMIN_EMAIL: ADMIN.email, PARLEY_ADMIN_PASSWORD: ADMIN.password, DOTENV_CONFIG_QUIET: 'true', npm_lifecycle_event: 'start' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let stdout = '';
    shell.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const shellExited = new Promise((resolve) => shell.once('exit', resolve));
    let ready = false;
    for (let tries = 0; tries < 600 && !ready; tries++) {
      ready = await fetch(`http://127.0.0.1:${port}/healthz`).then((response) => response.ok, () => false);
      if (!ready) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(ready).toBe(true);
    const { pid } = JSON.parse(await readFile(path.join(dataDir, 'parley.pid'), 'utf8')) as { pid: number };
    expect(pid).not.toBe(shell.pid);

    shell.kill('SIGTERM');
    await shellExited;
    const deadline = Date.now() + 15_000;
    while (isRunning(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const stillRunning = isRunning(pid);
    if (stillRunning) process.kill(pid, 'SIGKILL');
    expect(stillRunning).toBe(false);
    const messages = stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages.slice(-2)).toEqual(['shutting down', 'stopped']);
  }, 90_000);
});
