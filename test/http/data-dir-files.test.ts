import { chmod, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startChildServer } from '../support/child-server.js';
import { request, startConversation } from '../support/http.js';
import { tempDirs } from '../support/temp.js';

async function* everything(dir: string): AsyncGenerator<string> {
  yield dir;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* everything(file);
    else yield file;
  }
}

describe('what Parley leaves in DATA_DIR', () => {
  const scratch = tempDirs();

  it('is readable by its own user only, and the log says "stopped" once all of it is written', async () => {
    const work = await scratch();
    const dataDir = path.join(work, 'data');
    const logFile = path.join(work, 'server.log');
    const server = await startChildServer({ dataDir, logFile, env: { PARLEY_MODEL_DIR: path.join(dataDir, 'models') } });
    const conversation = await startConversation(server.url, 'en-US');
    const posted = await request(server.url, 'POST', `/v3/directline/conversations/${conversation.conversationId}/activities`, {
      token: conversation.token,
      body: { type: 'message', from: { id: 'me' }, text: 'my parcel is late, write to me at jo@example.com' },
    });
    expect(posted.status).toBe(200);
    await server.stop();

    const open: string[] = [];
    for await (const file of everything(dataDir)) {
      if (((await stat(file)).mode & 0o077) !== 0) open.push(path.relative(work, file));
    }
    expect(open).toEqual([]);
    expect(await readdir(path.join(dataDir, 'transcripts'))).toEqual([`${conversation.conversationId}.jsonl`]);

    const lines = (await readFile(logFile, 'utf8')).split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { msg: string });
    expect(lines.slice(-2).map((line) => line.msg)).toEqual(['shutting down', 'stopped']);
  }, 90_000);

  it('a DATA_DIR an earlier release left open to every user (0755) is closed to them at start, with a warning; its group keeps access', async () => {
    const work = await scratch();
    const dataDir = path.join(work, 'data');
    const logFile = path.join(work, 'server.log');
    await mkdir(dataDir);
    await chmod(dataDir, 0o755);
    const server = await startChildServer({ dataDir, logFile, env: { PARLEY_MODEL_DIR: path.join(work, 'models') } });
    await server.stop();

    expect(((await stat(dataDir)).mode & 0o777).toString(8)).toBe('750');
    const lines = (await readFile(logFile, 'utf8')).split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { level: number; msg: string; was?: string });
    const warning = lines.find((line) => line.was !== undefined);
    expect(warning).toMatchObject({ level: 40, was: '0755', mode: '0750' });
    expect(warning?.msg).toContain('now 0750');

    // Started again, the folder is as it should be: nothing more to say.
    const again = await startChildServer({ dataDir, logFile: path.join(work, 'again.log'), env: { PARLEY_MODEL_DIR: path.join(work, 'models') } });
    await again.stop();
    expect(await readFile(path.join(work, 'again.log'), 'utf8')).not.toContain('"was"');
  }, 90_000);
});
