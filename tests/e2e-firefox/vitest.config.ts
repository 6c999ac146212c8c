import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const root = resolve(import.meta.dirname, '../..');

/** Browser tests in headless Firefox (ESR) with the built extension (dist/firefox-dev), against the demo CRM on loopback. */
export default defineConfig({
  root,
  test: {
    include: ['tests/e2e-firefox/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // One browser session at a time on a 2-core machine.
    fileParallelism: false,
    globalSetup: ['tests/e2e-firefox/global-setup.ts'],
  },
});
