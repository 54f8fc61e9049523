import './test/support/node20.ts';
import { defineConfig } from 'vitest/config';

// The end-to-end suite: real Chromium against a real `zordic serve` (e2e/support/globalSetup.ts).
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/support/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 360_000,
  },
});
