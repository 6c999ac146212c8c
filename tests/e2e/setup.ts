import { resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type DemoServer, startDemoServer } from '../../demo/server';
import { type Launched, launchWithExtension } from '../../scripts/browser';

export const DEV_BUILD = resolve(import.meta.dirname, '../../dist/chrome-dev');

/** The demo CRM and a Chromium with the development build, for the tests of one file. */
export function useDemoBrowser(): { server: DemoServer; browser: Launched } {
  const env = {} as { server: DemoServer; browser: Launched };
  beforeAll(async () => {
    env.server = await startDemoServer({ port: 0 });
    env.browser = await launchWithExtension(DEV_BUILD);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
