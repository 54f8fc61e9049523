import './test/support/node20.ts';
import { defineConfig } from 'vitest/config';

// The unit suite: the pure modules (document/, music/, collab/, edits/, suggestions/, the studio's store
// changes), in Node, no browser.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Pure modules share nothing global: one worker for every file starts faster on two cores.
    isolate: false,
  },
});
