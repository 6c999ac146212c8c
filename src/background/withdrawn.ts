import { browser } from '../platform/browser';
import { type PermissionsLike, tabsWithoutAccess } from '../sites/host-access';
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
