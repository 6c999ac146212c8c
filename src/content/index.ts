/**
 * Content script entry: picks the site profile, finds deal views, reads them in
 * slices, sends what changed, and watches for changes. Runs inside someone else's
 * app: cheap when there is nothing to read, never a long task, stops quietly when
 * the extension goes away.
 */
import { findDealViews } from './read';
import { profileForUrl, siteById } from '../sites/registry';
import { contextAlive } from './messaging';
import { Scanner } from './scanner';

function start(): void {
  const url = new URL(location.href);
  // This script only runs where Deal Radar may read: a supported CRM, a site the user
  // added, or (development build) the loopback demo. Others are read with the generic profile.
  const profile = profileForUrl(url) ?? siteById('generic');
  if (!profile || !contextAlive()) return;
  const scanner = new Scanner(profile, (root, pageUrl) => findDealViews(root, { profile, pageUrl }));
  scanner.start();
}

start();
