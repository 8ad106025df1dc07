import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Test files share their worker process instead of each getting a fresh
    // module graph: the suite imports the same engine and rules in ~140
    // files, and isolating them cost four fifths of the run. Tests therefore
    // leave no global state behind (the one that sets the umask restores it);
    // CLI tests run main(io) in process with their own env, cwd and streams.
    isolate: false,
    // The few spawned smoke tests and the live virsh tests need room on a 2-core CI machine.
    testTimeout: 20000,
    // Temporary directories: a fresh TMPDIR for the run that must be empty at
    // the end, and test/helpers/temp.ts's directories removed after each file.
    globalSetup: ['test/setup/tmpdir-guard.ts'],
    setupFiles: ['test/setup/remove-temp-dirs.ts'],
  },
});
