import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtServer } from '../../scripts/build-server.js';
import { childModelDir, freePort, repoRoot } from '../support/child-server.js';
import { tempDirs } from '../support/temp.js';

/** `npm start` on DATA_DIR until it answers /healthz, then SIGTERM: what it wrote on stdout and stderr. */
async function startAndStop(dataDir: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [await builtServer()], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, KNOWLEDGE_DIR: path.join(repoRoot, 'knowledge'), PARLEY_MODEL_DIR: childModelDir, DOTENV_CONFIG_QUIET: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  for (let tries = 0; tries < 600; tries++) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((response) => response.ok, () => false);
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGTERM');
  return { code: await exited, stdout, stderr };
}

describe('what npm start prints', () => {
  const scratch = tempDirs();

  it('stdout is JSON log lines only (a mistyped PARLEY_ setting among them); the addresses and the generated first password go to the terminal (stderr), once', async () => {
    const work = await scratch();
    const dataDir = path.join(work, 'data');
    const models = { PARLEY_MODEL_DIR: path.join(work, 'models') };
    const first = await startAndStop(dataDir, models);
    expect(first.code).toBe(0);
    const logLines = first.stdout.split('\n').filter(Boolean);
    for (const line of logLines) expect(() => JSON.parse(line), line).not.toThrow();
    // The seconds of training before it listens are explained, once, on the first start only.
    const messages = logLines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages.filter((message) => message.startsWith('training the recognizer on '))).toHaveLength(1);
    expect(messages.findIndex((message) => message.startsWith('training'))).toBeLessThan(messages.indexOf('Parley is running'));
    expect(logLines.map((line) => JSON.parse(line) as { msg: string; url?: string }).find((line) => line.msg === 'Parley is running')).toMatchObject({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    const password = /Generated password \(shown only once\): (\S+)/.exec(first.stderr)?.[1];
    expect(password).toBeDefined();
    expect(first.stderr).toMatch(/Parley is running\.\n {2}Chat \(demo shop\): {2}http:\/\/127\.0\.0\.1:\d+\/\n/);
    expect(first.stdout).not.toContain(password);

    // Listening on every address: the addresses printed are ones a browser on this machine can open.
    const second = await startAndStop(dataDir, { ...models, PARLEY_TRUST_PROXIES: '1', HOST: '0.0.0.0' });
    expect(second.stderr).toMatch(/ {2}Chat \(demo shop\): {2}http:\/\/127\.0\.0\.1:\d+\/\n/);
    expect(second.stderr).toContain('(listening on every address of this machine, HOST=0.0.0.0: other machines use its name or address)');
    expect(second.stdout).not.toContain('training the recognizer');
    expect(second.code).toBe(0);
    const typo = second.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { level: number; msg: string; setting?: string }).find((line) => line.setting === 'PARLEY_TRUST_PROXIES');
    expect(typo).toMatchObject({ level: 40, msg: 'PARLEY_TRUST_PROXIES is not a setting of Parley and is ignored: did you mean PARLEY_TRUST_PROXY?' });
    expect(second.stderr).toContain('Parley is running.');
    expect(second.stderr).not.toContain('Generated password');
  }, 120_000);
});
