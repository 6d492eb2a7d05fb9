import { rm } from 'node:fs/promises';
import path from 'node:path';
import '../../src/quiet-dotenv.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startParley, type Parley } from '../../src/parley.js';
import { tempDir } from './temp.js';

/** Models are cached here across test files: training once is enough. */
export const sharedModelDir = path.resolve(import.meta.dirname, '..', '.tmp', 'models');

export { tempDir };

export interface TestServer {
  parley: Parley;
  url: string;
  dataDir: string;
  /** Stop the server; the data directory stays (for a restart) until `cleanup`. */
  stop(): Promise<void>;
  cleanup(): Promise<void>;
}

/** A real Parley on a free port with its data in real files under a temporary directory. */
export async function startTestServer(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await tempDir());
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    KNOWLEDGE_DIR: path.resolve(import.meta.dirname, '..', '..', 'knowledge'),
    PARLEY_MODEL_DIR: sharedModelDir,
    PARLEY_ADMIN_EMAIL: 'admin@example.com',
    PARLEY_ADMIN_PASSWORD: 'correct horse battery',
    LOG_LEVEL: 'silent',
    // Tests open many conversations from one address; the limit's own test lowers it.
    PARLEY_DIRECTLINE_STARTS_PER_MINUTE: '100000',
    PARLEY_MESSAGES_PER_MINUTE: '100000',
    ...options.env,
  });
  const parley = await startParley(config, createLogger('silent'));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await parley.close();
  };
  return {
    parley,
    url: parley.url,
    dataDir,
    stop,
    async cleanup() {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
