/**
 * Parley's command-line tools as an operator runs them (`npm run users -- …` runs
 * `node dist/server/src/cli/users.js …`), on the build `npm start` would run.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { builtServer } from '../../scripts/build-server.js';
import { repoRoot } from './child-server.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `dist/server/src/cli/<name>.js` with `args` until it exits; `env` is all the environment it gets besides PATH. */
export async function runCli(name: 'users' | 'knowledge' | 'nlu' | 'sentiment' | 'backup', args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const cli = path.join(path.dirname(await builtServer()), 'cli', `${name}.js`);
  const child = spawn(process.execPath, [cli, ...args], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', DOTENV_CONFIG_QUIET: 'true', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  // Decoded as a stream: a Chinese character split between two chunks stays whole.
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  return { code, stdout, stderr };
}
