import './test/support/node20.ts';
import { defineConfig } from 'vitest/config';

// The unit suite: pure modules only (collab/, music/), in Node, no browser.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Pure modules share nothing global: one worker for every file starts faster on two cores.
    isolate: false,
  },
});
