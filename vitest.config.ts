import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const failOnConsoleError = './test/support/fail-on-console-error.ts';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts'],
          environment: 'node',
          setupFiles: [failOnConsoleError],
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'web',
          include: ['test/web/**/*.test.{ts,tsx}', 'test/sw/**/*.test.ts'],
          environment: 'jsdom',
          setupFiles: [failOnConsoleError, './test/support/web-setup.ts'],
          // Above web-setup.ts's 5 s for one lookup: a test makes several on a busy machine.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          setupFiles: [failOnConsoleError],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
