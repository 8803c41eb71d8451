import { defineConfig } from 'vitest/config';

// Browser tests drive the built extension in Debian's Chromium and Firefox ESR.
// One file at a time: two cores, and each file starts its own browser.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
