import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from './config.js';

export interface LoadedSecret {
  secret: string;
  /**
   * A new secret was generated for a DATA_DIR that already holds accounts: a restore without
   * `secret.key`, so earlier customer tokens no longer open their chats and signed-in visitors
   * become new customers. Worth a warning; on a new DATA_DIR it is simply the first start.
   */
  replacedMissing: boolean;
}

/**
 * The secret that signs customer tokens and sessions: the setting if given, else the one
 * kept in `DATA_DIR/secret.key`, generated on first start (readable by the owner only).
 * A damaged file is refused rather than silently replaced: every customer would lose their chats.
 */
export async function loadSecret(dataDir: string, configured: string | undefined): Promise<LoadedSecret> {
  if (configured) return { secret: configured, replacedMissing: false };
  const file = path.join(dataDir, 'secret.key');
  try {
    const kept = (await readFile(file, 'utf8')).trim();
    if (kept.length >= 32) return { secret: kept, replacedMissing: false };
    throw new ConfigError(
      `DATA_DIR ${file} is damaged (${kept.length} characters, not 32 or more): restore it from a backup; only if there is none, delete it, and customers' earlier chats stop opening`,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const hasData = existsSync(path.join(dataDir, 'users.json')) || existsSync(path.join(dataDir, 'users.journal.jsonl'));
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return { secret, replacedMissing: hasData };
}
