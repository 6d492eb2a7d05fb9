import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** bcrypt's work factor: 2^11 rounds, about 140 ms of CPU a hash or a check on this machine. */
export const BCRYPT_COST = 11;

/**
 * A bcrypt hash (cost 11, as every account's) of a random password nobody knows, checked for a
 * sign-in with an e-mail that has no account, so that answer takes as long as a wrong password:
 * the time must not tell whether an address has an account. (The earlier dummy had cost 4,
 * 128 times faster.)
 */
export const NO_ACCOUNT_HASH = '$2b$11$BZX9BYIr5D/cph4bOuVuR.TyTDSi6X5H/3GQSlnAUMDKPKh62h4Ym';

/** bcrypt for the account service. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  compare(password: string, hash: string): Promise<boolean>;
}

/**
 * The worker: bcryptjs's synchronous calls, one request at a time. Plain CommonJS given as text,
 * so it runs the same from the TypeScript sources (tests, tsx) and from dist/.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const bcrypt = require(workerData.bcryptjs);
parentPort.on('message', ({ id, op, password, hash, cost }) => {
  try {
    const result = op === 'hash' ? bcrypt.hashSync(password, cost) : bcrypt.compareSync(password, hash);
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

type Pending = { resolve: (value: string | boolean) => void; reject: (error: Error) => void };

/**
 * bcrypt in a worker thread. bcryptjs is JavaScript: on the chat thread its asynchronous calls
 * still run in slices of up to 100 ms, so every sign-in (and every guess of a brute-force attempt)
 * held up the customers' turns for that long. The worker starts at the first use, does not keep
 * the process alive, and is started again if it ever dies.
 */
export class WorkerPasswordHasher implements PasswordHasher {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  hash(password: string): Promise<string> {
    return this.request({ op: 'hash', password, cost: BCRYPT_COST }) as Promise<string>;
  }

  compare(password: string, hash: string): Promise<boolean> {
    return this.request({ op: 'compare', password, hash }) as Promise<boolean>;
  }

  private request(message: { op: 'hash' | 'compare'; password: string; hash?: string; cost?: number }): Promise<string | boolean> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const worker = this.started();
      worker.ref();
      worker.postMessage({ id, ...message });
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const bcryptjs = createRequire(import.meta.url).resolve('bcryptjs');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bcryptjs } });
    worker.on('message', ({ id, result, error }: { id: number; result?: string | boolean; error?: string }) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      if (error !== undefined) waiting?.reject(new Error(`bcrypt: ${error}`));
      else waiting?.resolve(result!);
      // Idle, the worker must not keep the process from exiting.
      if (this.pending.size === 0) worker.unref();
    });
    const fail = (error: Error) => {
      // 'exit' follows 'error': by then a new worker may serve the next requests.
      if (this.worker !== worker) return;
      this.worker = undefined;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`bcrypt worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
