import '../quiet-dotenv.js';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config.js';
import { createLowdbStorage, DataDirInUseError, lockDataDir } from '../storage/index.js';
import { type Session, SessionService, type User, UserService } from '../users/index.js';

const usage = `usage: npm run users -- list
       npm run users -- reset-password EMAIL

Agent and admin accounts in DATA_DIR (the same settings as npm start; default ./data), for when
nobody can sign in to the Users page: the first admin's generated password was lost, or the only
admin forgot theirs. Stop Parley first: it has DATA_DIR open.

  list             every account: e-mail, role, name, disabled
  reset-password   give EMAIL's account a new random password, printed once, and sign it
                   out everywhere`;

class UsageError extends Error {}

// As the server does (src/index.ts): the accounts file it rewrites is for Parley's user alone.
process.umask(0o077);

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${usage}\n`);
    return;
  }
  if (command === undefined) throw new UsageError('missing command');
  if (command !== 'list' && command !== 'reset-password') throw new UsageError(`unknown command "${command}"`);
  const email = rest[0];
  if (command === 'reset-password' && (email === undefined || email.startsWith('-'))) throw new UsageError('reset-password needs the account\'s e-mail address');
  if (rest.length > (command === 'list' ? 0 : 1)) throw new UsageError(`unexpected argument "${rest.at(-1)}"`);

  const { dataDir } = loadConfig();
  // Not createLowdbStorage's mkdir: a mistyped DATA_DIR must not become a new, empty one.
  if (!existsSync(path.join(dataDir, 'users.json')) && !existsSync(path.join(dataDir, 'users.journal.jsonl'))) {
    throw new ConfigError(`DATA_DIR ${dataDir} holds no accounts: set DATA_DIR to the folder Parley runs on (npm start creates the first admin there)`);
  }
  const storage = createLowdbStorage(dataDir);
  let release: () => void;
  try {
    release = lockDataDir(dataDir);
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    throw new ConfigError(`DATA_DIR ${dataDir} is in use by a running Parley (process ${error.pid}): stop it first, then run this again (or, while it runs, an admin can do this on the Users page)`);
  }
  try {
    const users = new UserService(storage.collection<User>('users'));
    if (command === 'list') {
      for (const user of await users.list()) {
        process.stdout.write(`${user.email}\t${user.role}\t${user.name}${user.disabled ? '\tdisabled' : ''}\n`);
      }
      return;
    }
    const user = await users.findByEmail(email!);
    if (!user) throw new ConfigError(`no account for ${email} in ${dataDir} (npm run users -- list shows them)`);
    const password = randomBytes(12).toString('base64url');
    await users.resetPassword(user.id, password);
    const ended = await new SessionService(storage.collection<Session>('sessions'), storage.collection<User>('users')).endAllOf(user.id);
    await storage.flush();
    process.stdout.write(`New password for ${user.email} (shown only once): ${password}\n`);
    if (ended > 0) process.stderr.write(`signed out of ${ended} session${ended === 1 ? '' : 's'}\n`);
    if (user.disabled) process.stderr.write(`note: ${user.email} is disabled; an admin enables it on the Users page\n`);
  } finally {
    await storage.flush();
    release();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`users: ${error.message}\n${usage}\n`);
  } else if (error instanceof ConfigError) {
    process.stderr.write(`users: ${error.message}\n`);
  } else {
    throw error;
  }
  process.exitCode = 1;
});
