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
  },
});
