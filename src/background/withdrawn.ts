import { browser } from '../platform/browser';
import type { Settings } from '../settings/schema';
import { type PermissionsLike, tabsWithoutAccess } from '../sites/host-access';
import { profileIdForPage } from '../sites/registry';
import type { RadarDB } from '../store/db';
import { blankTabs } from './badge';

/**
 * The user withdrew Deal Radar's access to a site (in the browser's own settings): the tabs whose
 * last scan came from it are forgotten, and their badges and markers taken away, so that neither
 * the popup nor the page goes on showing what Deal Radar was told to stop reading; the scripts
 * still running in those tabs stop. The deals stay stored, as after any visit. Returns the tabs forgotten.
 */
export async function forgetWithdrawnTabs(
  db: RadarDB,
  permissions: PermissionsLike = browser.permissions,
): Promise<number[]> {
  const lost = await tabsWithoutAccess(await db.tabs.toArray(), permissions);
  if (lost.length === 0) return lost;
  await db.tabs.bulkDelete(lost);
  // Their scripts, which the browser leaves running, stop reading the page.
  await blankTabs(lost, true);
  return lost;
}

/** Is this page one of a CRM the user switched off in the options? */
export function switchedOff(pageUrl: string | undefined, settings: Pick<Settings, 'disabledSites'>): boolean {
  const id = pageUrl === undefined ? null : profileIdForPage(pageUrl);
  return id !== null && settings.disabledSites.includes(id);
}

/**
 * The user switched a CRM off in the options: its open tabs are forgotten like a withdrawn
 * site's, and their scripts stop, without waiting for a reload. Returns the tabs forgotten.
 */
export async function forgetSwitchedOffTabs(db: RadarDB, settings: Pick<Settings, 'disabledSites'>): Promise<number[]> {
  if (settings.disabledSites.length === 0) return [];
  const off = (await db.tabs.toArray()).filter((t) => switchedOff(t.pageUrl, settings)).map((t) => t.tabId);
  if (off.length === 0) return off;
  await db.tabs.bulkDelete(off);
  await blankTabs(off, true);
  return off;
}
