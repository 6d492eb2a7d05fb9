import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

describe('npm run nlu / npm run sentiment: a mistyped path or a request for help', () => {
  let work: string;
  beforeAll(async () => {
    work = await tempDir();
    await mkdir(path.join(work, 'a-folder'));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it('nlu names the file or folder that is not there, in one line, exit 1 (no errno text)', async () => {
    const test = 'test/fixtures/kb-heldout.jsonl';
    expect(await runCli('nlu', ['eval', '--kb', 'knowledg', '--test', test])).toEqual({ code: 1, stdout: '', stderr: 'nlu: cannot read knowledg: no such file or folder\n' });
    expect(await runCli('nlu', ['eval', '--kb', 'knowledge', '--test', 'heldout.jsonl'])).toEqual({ code: 1, stdout: '', stderr: 'nlu: cannot read heldout.jsonl: no such file or folder\n' });
    const folder = path.join(work, 'a-folder');
    expect(await runCli('nlu', ['eval', '--train', folder, '--test', test])).toEqual({ code: 1, stdout: '', stderr: `nlu: cannot read ${folder}: it is a folder, not a file\n` });
    expect(await runCli('nlu', ['eval', '--kb', 'README.md', '--test', test])).toEqual({ code: 1, stdout: '', stderr: 'nlu: README.md is not a folder\n' });
  });

  it('sentiment --help prints the usage on stdout and exits 0; no command is an error', async () => {
    const help = await runCli('sentiment', ['--help']);
    expect(help).toMatchObject({ code: 0, stderr: '', stdout: expect.stringMatching(/^usage: npm run sentiment -- eval --test TEST\.jsonl\n/) });
    expect(await runCli('sentiment', [])).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^sentiment: missing command\nusage: /) });
    expect(await runCli('sentiment', ['eval', '--test', path.join(work, 'a-folder')])).toEqual({ code: 1, stdout: '', stderr: `sentiment: cannot read ${path.join(work, 'a-folder')}: it is a folder, not a file\n` });
  });
});
