import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Patience, not a goal (speed is measured by npm run bench:*): browser tests that train a
    // recognizer took over 30 s on a machine busy with other work.
    testTimeout: 90_000,
    hookTimeout: 60_000,
    // Browser and server tests start real processes; two workers match CI's two cores.
    maxWorkers: 2,
    env: { DOTENV_CONFIG_QUIET: 'true' },
  },
});
