import { render } from 'preact';
import { browser } from '../platform/browser';
import { radarDb } from '../store/db';
import { t } from '../ui/i18n';
import { afterReady, START_MARK } from '../ui/ready-mark';
import { App, VIEWS } from './app';
import type { Mode } from './header';
import { loadMessaging } from './messaging';

// The first click should not wait for the messaging code: fetch it when the browser is idle.
afterReady(() => requestIdleCallback(() => void loadMessaging(), { timeout: 1000 }));

async function main(): Promise<void> {
  performance.mark(START_MARK);
  // Open the database now, while the page finds its tab and renders its frame (queries wait for it).
  radarDb()
    .open()
    .catch((e: unknown) => console.warn('[deal-radar] database did not open', e));
  const params = new URLSearchParams(location.search);
  const mode: Mode = params.get('mode') === 'dashboard' ? 'dashboard' : 'popup';
  document.body.classList.toggle('popup', mode === 'popup');
  document.body.classList.toggle('dashboard', mode === 'dashboard');
  document.title = mode === 'dashboard' ? t('dashboardTitle') : t('extName');
  // `?tab=ID` shows another tab's page (the dashboard and the tests open the popup in a tab).
  const param = params.get('tab');
  let tabId = param !== null && /^\d+$/.test(param) ? Number(param) : undefined;
  // The dashboard is the active tab itself: it only knows a page through `?tab=`.
  if (tabId === undefined && mode === 'popup') {
    const [active] = await browser.tabs.query({ active: true, currentWindow: true });
    tabId = active?.id;
  }
  const asked = params.get('view');
  const view = VIEWS.find((v) => v === asked);
  const root = document.getElementById('app');
  if (root)
    render(
      <App
        mode={mode}
        tabId={tabId}
        initialView={view}
        closeAfterOpen={mode === 'popup' && param === null}
      />,
      root,
    );
}

void main();
