import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // The end-to-end flows share one simulator and one identity provider per file.
    testTimeout: 20_000,
  },
});
