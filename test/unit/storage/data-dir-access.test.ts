import { execFileSync } from 'node:child_process';
import { chmod, copyFile, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtServer } from '../../../scripts/build-server.js';
import { closeDataDirToOthers } from '../../../src/storage/lowdb/data-dir-access.js';
import { tempDirs } from '../../support/temp.js';

describe('closing DATA_DIR to other users at start', () => {
  const scratch = tempDirs();

  it('closes a folder Parley\'s user owns and others may enter, keeping the group\'s access', async () => {
    const dir = path.join(await scratch(), 'data');
    await mkdir(dir);
    await chmod(dir, 0o775);
    expect(closeDataDirToOthers(dir)).toEqual({ closed: true, from: '0775', to: '0770' });
    expect((await stat(dir)).mode & 0o777).toBe(0o770);
    expect(closeDataDirToOthers(dir)).toBeNull();
  });

  it('says so, and does not stop the start, when the folder belongs to another user (root:parley 0775, here /tmp)', async () => {
    // Run by a user who does not own /tmp (root's, 1777): this user when it is not root, else "nobody".
    const work = await scratch();
    await chmod(work, 0o755);
    const module = path.join(work, 'data-dir-access.js');
    await copyFile(path.join(path.dirname(await builtServer()), 'storage/lowdb/data-dir-access.js'), module);
    await chmod(module, 0o644);
    const script = `import(${JSON.stringify(module)}).then((m) => process.stdout.write(JSON.stringify(m.closeDataDirToOthers('/tmp'))))`;
    const asNobody = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
    const [command, ...args] = [...asNobody, process.execPath, '--input-type=module', '-e', script];
    const said = JSON.parse(execFileSync(command!, args, { encoding: 'utf8' })) as unknown;
    expect(said).toEqual({ closed: false, mode: '0777', owner: 0 });
    expect((await stat('/tmp')).mode & 0o777).toBe(0o777);
  });
});
