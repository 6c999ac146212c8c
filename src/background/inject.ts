import { browser } from '../platform/browser';
import { mayReadPage } from '../sites/host-access';
import { profileIdForPage } from '../sites/registry';

/**
 * Tabs that were already open when Deal Radar was installed or updated have no (live)
 * content script: the browser injects manifest scripts only into pages loaded afterwards.
 * Inject ours into the open tabs our content scripts match; the new script tells an old
 * one left over from the previous version to stop (src/content/index.ts).
 */
export async function injectIntoOpenTabs(): Promise<number> {
  const matches = (browser.runtime.getManifest().content_scripts ?? []).flatMap((c) => c.matches ?? []);
  if (matches.length === 0) return 0;
  return injectInto(await browser.tabs.query({ url: matches }), 'content.js');
}

/**
 * CRMs the user switched on again in the options (profile ids): the readers in their open tabs
 * stopped when they were switched off, so fresh readers (`readers`: the file the loader asks for;
 * the loader itself is still there and runs once per page) go into each tab Deal Radar may read,
 * and the page is read at once instead of after a reload. They stop the old ones first.
 */
export async function injectIntoSwitchedOn(siteIds: readonly string[], readers: string): Promise<number> {
  if (siteIds.length === 0) return 0;
  const tabs = [];
  for (const tab of await browser.tabs.query({})) {
    const id = tab.url === undefined ? null : profileIdForPage(tab.url);
    if (id !== null && siteIds.includes(id) && (await mayReadPage(tab.url, browser.permissions))) tabs.push(tab);
  }
  return injectInto(tabs, readers);
}

async function injectInto(tabs: ReadonlyArray<{ id?: number; discarded?: boolean }>, file: string): Promise<number> {
  let injected = 0;
  for (const tab of tabs) {
    if (tab.id === undefined || tab.discarded) continue;
    try {
      await browser.scripting.executeScript({ target: { tabId: tab.id }, files: [file] });
      injected++;
    } catch {
      // A tab we may not script (an error page, a closing tab): nothing to read there.
    }
  }
  return injected;
}
