import { browser } from '../platform/browser';

/**
 * Tabs that were already open when Deal Radar was installed or updated have no (live)
 * content script: the browser injects manifest scripts only into pages loaded afterwards.
 * Inject ours into the open tabs our content scripts match; the new script tells an old
 * one left over from the previous version to stop (src/content/index.ts).
 */
export async function injectIntoOpenTabs(): Promise<number> {
  const matches = (browser.runtime.getManifest().content_scripts ?? []).flatMap((c) => c.matches ?? []);
  if (matches.length === 0) return 0;
  const tabs = await browser.tabs.query({ url: matches });
  let injected = 0;
  for (const tab of tabs) {
    if (tab.id === undefined || tab.discarded) continue;
    try {
      await browser.scripting.executeScript({ target: { tabId: tab.id }, files: ['content.js'] });
      injected++;
    } catch {
      // A tab we may not script (an error page, a closing tab): nothing to read there.
    }
  }
  return injected;
}
