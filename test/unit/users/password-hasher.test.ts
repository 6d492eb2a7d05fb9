import { describe, expect, it } from 'vitest';
import { BCRYPT_COST, NO_ACCOUNT_HASH, WorkerPasswordHasher } from '../../../src/users/password-hasher.js';

const turnsWhile = async (work: Promise<unknown>): Promise<number> => {
  let turns = 0;
  let done = false;
  void work.finally(() => (done = true));
  while (!done) {
    turns++;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return turns;
};

describe('passwords, hashed with bcrypt off the chat thread', () => {
  const hasher = new WorkerPasswordHasher();

  it('a password hashed is checked right, a wrong one refused, at cost 11', async () => {
    const hash = await hasher.hash('correct horse battery');
    expect(hash).toMatch(/^\$2[aby]\$11\$.{53}$/);
    expect(await hasher.compare('correct horse battery', hash)).toBe(true);
    expect(await hasher.compare('correct horse batterY', hash)).toBe(false);
    expect(await hasher.compare('', hash)).toBe(false);
  });

  it('a sign-in with an e-mail that has no account costs as much as a wrong password (the same bcrypt cost), and never succeeds', async () => {
    expect(NO_ACCOUNT_HASH.slice(0, 7)).toBe(`$2b$${BCRYPT_COST}$`);
    expect(await hasher.compare('parley-dummy-password', NO_ACCOUNT_HASH)).toBe(false);
  });

  it('the event loop keeps turning while a password is checked (bcryptjs on the chat thread held it in slices of 100 ms)', async () => {
    const hash = await hasher.hash('correct horse battery');
    // Each turn is a chance for a customer's message to be answered.
    expect(await turnsWhile(hasher.compare('wrong password', hash))).toBeGreaterThan(50);
  });

  it('checks run side by side with hashing, each answered to its own caller', async () => {
    const [a, b] = await Promise.all([hasher.hash('first password 1'), hasher.hash('second password 2')]);
    const checks = await Promise.all([hasher.compare('first password 1', a), hasher.compare('first password 1', b), hasher.compare('second password 2', b)]);
    expect(checks).toEqual([true, false, true]);
  });
});
