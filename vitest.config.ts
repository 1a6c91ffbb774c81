import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests start real brokers and browsers; two cores are all we have.
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ['default'],
    // expect.poll returns as soon as its check passes; on a loaded machine (brokers, browsers, the writer worker
    // sharing two cores) a state can take longer than the default second to show.
    expect: { poll: { timeout: 10_000 } },
  },
});
