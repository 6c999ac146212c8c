import { render } from 'preact';
import { browser } from '../platform/browser';
import { radarDb } from '../store/db';
import { t } from '../ui/i18n';
import { afterReady, START_MARK } from '../ui/ready-mark';
import { App, PAGE_SIZE, VIEWS } from './app';
import type { Boot } from './boot';
import type { Mode } from './header';
import { loadMessaging } from './messaging';
import { seedFromBoot } from './page-seed';

// The first click should not wait for the messaging code: fetch it when the browser is idle.
afterReady(() => requestIdleCallback(() => void loadMessaging(), { timeout: 1000 }));

/** How long the popup waits for the boot script's read before it reads the usual way. */
const BOOT_WAIT_MS = 250;

/** What the boot script (src/popup/boot.ts) found, if it finished in time. */
function bootResult(): Promise<Boot | null> {
  const boot = globalThis.dealRadarBoot;
  if (!boot) return Promise.resolve(null);
  return Promise.race([boot, new Promise<null>((done) => setTimeout(() => done(null), BOOT_WAIT_MS))]);
}

async function main(): Promise<void> {
  performance.mark(START_MARK);
  const params = new URLSearchParams(location.search);
  const mode: Mode = params.get('mode') === 'dashboard' ? 'dashboard' : 'popup';
  document.body.classList.toggle('popup', mode === 'popup');
  document.body.classList.toggle('dashboard', mode === 'dashboard');
  document.title = mode === 'dashboard' ? t('dashboardTitle') : t('extName');
  const boot = await bootResult();
  // `?tab=ID` shows another tab's page (the dashboard and the tests open the popup in a tab).
  const param = params.get('tab');
  let tabId = param !== null && /^\d+$/.test(param) ? Number(param) : undefined;
  // The dashboard is the active tab itself: it only knows a page through `?tab=`.
  if (tabId === undefined && mode === 'popup') {
    tabId = boot ? boot.tabId : (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  }
  const asked = params.get('view');
  const view = VIEWS.find((v) => v === asked);
  const initialPage = (view ?? 'page') === 'page' ? seedFromBoot(boot, tabId, PAGE_SIZE[mode], Date.now()) : null;
  // Open the database now, while the page renders its frame (queries wait for it); when the first
  // view is already read, once it is on screen.
  const open = () =>
    void radarDb()
      .open()
      .catch((e: unknown) => console.warn('[deal-radar] database did not open', e));
  if (initialPage) afterReady(open);
  else open();
  const root = document.getElementById('app');
  if (root)
    render(
      <App
        mode={mode}
        tabId={tabId}
        initialView={view}
        initialPage={initialPage}
        closeAfterOpen={mode === 'popup' && param === null}
      />,
      root,
    );
}

void main();
