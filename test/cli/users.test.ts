import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { ADMIN, startChildServer } from '../support/child-server.js';
import { tempDirs } from '../support/temp.js';

const users = (dataDir: string, ...args: string[]) => runCli('users', args, { DATA_DIR: dataDir });

const login = (url: string, email: string, password: string) =>
  fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) }).then((response) => response.status);

describe('npm run users: an operator locked out of the admin pages', () => {
  const scratch = tempDirs();

  it('lists the accounts and resets a lost password; refuses while Parley runs; a DATA_DIR with no accounts is not created', async () => {
    const work = await scratch();
    const dataDir = path.join(work, 'data');
    const logFile = path.join(work, 'server.log');
    const server = await startChildServer({ dataDir, logFile });
    const running = await users(dataDir, 'list');
    expect(running.code).toBe(1);
    expect(running.stderr).toMatch(new RegExp(`^users: DATA_DIR ${dataDir} is in use by a running Parley \\(process ${server.pid}\\): stop it first`));
    await server.stop();

    const listed = await users(dataDir, 'list');
    expect(listed).toMatchObject({ code: 0, stdout: `${ADMIN.email}\tadmin\tAdmin\n` });

    const reset = await users(dataDir, 'reset-password', ADMIN.email.toUpperCase());
    expect(reset.code).toBe(0);
    const password = /^New password for admin@example\.com \(shown only once\): (\S{12,})\n$/.exec(reset.stdout)?.[1];
    expect(password).toBeDefined();
    expect(existsSync(path.join(dataDir, 'parley.pid'))).toBe(false);

    // Restarted with the old password still in the settings: the new one signs in, the old one does not, and the log says why.
    const again = await startChildServer({ dataDir, logFile });
    try {
      expect(await login(again.url, ADMIN.email, password!)).toBe(200);
      expect(await login(again.url, ADMIN.email, ADMIN.password)).toBe(401);
      const warning = readFileSync(logFile, 'utf8').split('\n').find((line) => line.includes('"setting":"PARLEY_ADMIN_PASSWORD"'));
      expect(JSON.parse(warning!)).toMatchObject({ level: 40, msg: expect.stringContaining('npm run users -- reset-password EMAIL') });
    } finally {
      await again.stop();
    }

    expect(await users(dataDir, 'reset-password', 'nobody@example.com')).toMatchObject({ code: 1, stderr: `users: no account for nobody@example.com in ${dataDir} (npm run users -- list shows them)\n` });
    expect(await users(dataDir, 'reset-password')).toMatchObject({ code: 1, stderr: expect.stringMatching(/^users: reset-password needs the account's e-mail address\nusage: /) });
    expect(await users(dataDir, '--help')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^usage: npm run users -- list\n/) });
    const typo = path.join(work, 'dta');
    expect(await users(typo, 'list')).toMatchObject({ code: 1, stderr: `users: DATA_DIR ${typo} holds no accounts: set DATA_DIR to the folder Parley runs on (npm start creates the first admin there)\n` });
    expect(existsSync(typo)).toBe(false);
  }, 120_000);
});
