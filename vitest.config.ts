import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    // A timeout only stops a hung test; it is not a time budget. The CLI tests spawn Node
    // processes, which can take several seconds each on a loaded two-core machine.
    testTimeout: 30_000,
  },
});
