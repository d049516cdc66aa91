import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: '.',
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // The functions' one-line request log (functions/_lib/request-log.ts) would bury test output; its own test spies on it.
    onConsoleLog: (line) => !line.startsWith('{"route":'),
  },
});
