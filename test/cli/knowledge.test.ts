import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeDir } from '../../src/kb/index.js';
import { runCli } from '../support/cli.js';
import { ADMIN, repoRoot, startChildServer } from '../support/child-server.js';
import { request } from '../support/http.js';
import { tempDirs } from '../support/temp.js';

const knowledgeCli = (...args: string[]) => runCli('knowledge', args);

const warningsIn = async (logFile: string) =>
  (await readFile(logFile, 'utf8'))
    .split('\n')
    .filter((line) => line.includes('"setting":"KNOWLEDGE_DIR"'))
    .map((line) => JSON.parse(line) as { level: number; msg: string; changed: string[]; added: string[] });

describe('a knowledge folder edited after the first start', () => {
  const scratch = tempDirs();

  it('is named in a warning at the next start, and gets in through npm run knowledge -- bundle and Import', async () => {
    const work = await scratch();
    const folder = path.join(work, 'knowledge');
    await cp(path.join(repoRoot, 'knowledge'), folder, { recursive: true });
    const dataDir = path.join(work, 'data');
    const env = { KNOWLEDGE_DIR: folder };
    const first = await startChildServer({ dataDir, env, logFile: path.join(work, 'first.log') });
    await first.stop();
    const unchanged = await startChildServer({ dataDir, env, logFile: path.join(work, 'unchanged.log') });
    await unchanged.stop();
    expect(await warningsIn(path.join(work, 'first.log'))).toEqual([]);
    expect(await warningsIn(path.join(work, 'unchanged.log'))).toEqual([]);

    // The operator edits an answer and adds an intent in the folder, and restarts.
    const file = path.join(folder, 'orders.json');
    const orders = JSON.parse(await readFile(file, 'utf8')) as { intents: any[] };
    orders.intents[0].answers.en = ['Your order is on its way: see Account → My orders.'];
    orders.intents.push({ name: 'gift_wrap', category: 'orders', utterances: { en: ['can you gift wrap it', 'do you offer gift wrapping', 'wrap it as a present'], zh: ['可以礼品包装吗', '有礼品包装吗', '包装成礼物'] }, answers: { en: ['Gift wrap is free.'], zh: ['礼品包装免费。'] }, quickReplies: { en: [], zh: [] } });
    await writeFile(file, JSON.stringify(orders));
    const logFile = path.join(work, 'edited.log');
    const server = await startChildServer({ dataDir, env, logFile });
    try {
      const [warning] = await warningsIn(logFile);
      expect(warning).toMatchObject({ level: 40, added: ['gift_wrap'], changed: [orders.intents[0].name] });
      expect(warning!.msg).toContain('KNOWLEDGE_DIR has changed since the first start of this DATA_DIR (1 added (gift_wrap); 1 changed');
      expect(warning!.msg).toContain('npm run knowledge -- bundle DIR > knowledge.json');

      const intents = (await loadKnowledgeDir(folder)).length;
      expect(await knowledgeCli('check', folder)).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^${folder}: ${intents} intents, \\d+ English and \\d+ Chinese examples, 0 warnings\\n$`)) });
      const bundle = await knowledgeCli('bundle', folder);
      expect(bundle.code).toBe(0);
      const login = await request(server.url, 'POST', '/api/auth/login', { body: ADMIN });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      expect((await request(server.url, 'POST', '/api/knowledge/import', { cookie, body: JSON.parse(bundle.stdout) })).status).toBe(200);
      const diff = await request(server.url, 'GET', '/api/knowledge', { cookie });
      expect(diff.body.changes).toMatchObject({ added: ['gift_wrap'], removed: [], changed: [{ name: orders.intents[0].name }] });
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('npm run knowledge -- check: a missing folder, a broken file, a wrong command are one line each, exit 1', async () => {
    const work = await scratch();
    expect(await knowledgeCli('check', path.join(work, 'nope'))).toMatchObject({ code: 1, stdout: '', stderr: `knowledge: ${path.join(work, 'nope')} does not exist\n` });
    const broken = path.join(work, 'broken');
    await cp(path.join(repoRoot, 'knowledge'), broken, { recursive: true });
    await writeFile(path.join(broken, 'extra.json'), JSON.stringify({ intents: [{ name: 'gift_wrap', category: 'orders', utterances: { en: ['a'], zh: ['b'] } }] }));
    expect(await knowledgeCli('check', broken)).toMatchObject({ code: 1, stderr: expect.stringMatching(new RegExp(`^knowledge: ${broken}/extra\\.json: \\$\\.intents\\[0\\]\\.answers: [^\\n]+\\n$`)) });
    expect(await knowledgeCli('chek', broken)).toMatchObject({ code: 1, stderr: expect.stringMatching(/^knowledge: unknown command "chek"\nusage: npm run knowledge -- check DIR\n/) });
    expect(await knowledgeCli('--help')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^usage: /) });
  }, 60_000);
});
