import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const root = resolve(import.meta.dirname, '../..');

/** Browser tests: real Chromium with the built extension, against the demo CRM on loopback. */
export default defineConfig({
  root,
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One Chromium at a time on a 2-core machine.
    fileParallelism: false,
    globalSetup: ['tests/e2e/global-setup.ts'],
  },
});
