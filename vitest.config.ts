import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: '.',
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Vitest's default leaves a core free (one worker on a 2-core CI machine, every file in turn). The slowest file,
    // the signers' contract suite, mostly waits on its servers and their read deadlines, so a second worker runs the
    // CPU-bound files beside it: 98 s → 66 s here.
    maxWorkers: Math.max(2, availableParallelism()),
    // The functions' one-line request log (functions/_lib/request-log.ts) would bury test output; its own test spies on it.
    onConsoleLog: (line) => !line.startsWith('{"route":'),
  },
});
