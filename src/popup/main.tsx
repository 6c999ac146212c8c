import '../platform/zod-config';
import { render } from 'preact';
import { browser } from '../platform/browser';
import { App } from './app';

async function main(): Promise<void> {
  // `?tab=ID` shows another tab's page (the dashboard and the tests open the popup in a tab).
  const param = new URLSearchParams(location.search).get('tab');
  let tabId = param !== null && /^\d+$/.test(param) ? Number(param) : undefined;
  if (tabId === undefined) {
    const [active] = await browser.tabs.query({ active: true, currentWindow: true });
    tabId = active?.id;
  }
  const root = document.getElementById('app');
  if (root) render(<App tabId={tabId} />, root);
}

void main();
