import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI tests spawn node processes; give them room on a 2-core CI machine.
    testTimeout: 20000,
  },
});
