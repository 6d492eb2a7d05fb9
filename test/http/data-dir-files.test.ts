import { readdir, readFile, stat } from 'node:fs/promises';
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
});
