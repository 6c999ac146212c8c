/**
 * Content script entry: picks the site profile, finds deal views, reads them in
 * slices, sends what changed, and watches for changes. Runs inside someone else's
 * app: cheap when there is nothing to read, never a long task, stops quietly when
 * the extension goes away.
 */
import type { FieldName } from '../sites/fields';
import { profileForUrl, siteById } from '../sites/registry';
import type { SiteProfile } from '../sites/types';
import { api } from './api';
import { MARKER_TAG } from './markers';
import { findDealViews } from './read';
import { type Aliases, type PageSettings, Scanner } from './scanner';

/**
 * The user's choices for this page, read straight from storage (the content script
 * carries no Zod): is this CRM switched off, and which extra header names does it use?
 */
async function pageSettings(profile: SiteProfile): Promise<PageSettings> {
  const stored = (((await api?.storage.local.get('settings')) ?? {}) as { settings?: unknown }).settings;
  const s = (stored && typeof stored === 'object' ? stored : {}) as {
    disabledSites?: unknown;
    customSites?: unknown;
  };
  const off = Array.isArray(s.disabledSites) && s.disabledSites.includes(profile.id);
  const aliases: Aliases = {};
  const custom = Array.isArray(s.customSites) ? s.customSites : [];
  const mine = custom.find((c: { origin?: unknown }) => c?.origin === location.origin) as
    | { aliases?: unknown }
    | undefined;
  if (mine?.aliases && typeof mine.aliases === 'object') {
    for (const [field, labels] of Object.entries(mine.aliases)) {
      if (Array.isArray(labels))
        aliases[field as FieldName] = labels.filter((l): l is string => typeof l === 'string').slice(0, 20);
    }
  }
  return { off, aliases };
}

/** This page's run, kept where a re-injected copy of this script can find it. */
const SLOT = '__dealRadarRun';
type Run = { stopped: boolean; scanner: Scanner | null; stop(): void };
type Slot = { [SLOT]?: Run };

async function start(): Promise<void> {
  // A copy left over from before an update or reload (its extension context is gone), or one
  // injected at install while the manifest's copy was starting: stop it, synchronously, before
  // anything awaits, so only one of them ever scans and marks the page.
  (globalThis as Slot)[SLOT]?.stop();
  const run: Run = {
    stopped: false,
    scanner: null,
    stop() {
      this.stopped = true;
      this.scanner?.stop();
    },
  };
  (globalThis as Slot)[SLOT] = run;
  // After an update the old copy runs in another world this one cannot reach: its markers are
  // plain elements in the shared DOM, so take them away; this copy draws its own.
  for (const stale of document.querySelectorAll(MARKER_TAG)) stale.remove();
  // This script only runs where Deal Radar may read: a supported CRM, a site the user
  // added, or (development build) the loopback demo. Others are read with the generic profile.
  const profile = profileForUrl(new URL(location.href)) ?? siteById('generic');
  if (!profile) return;
  // The scanner asks the extension for this page's settings only once the page shows something
  // worth reading: on every other page the script touches no extension API at all.
  run.scanner = new Scanner(
    profile,
    (root, pageUrl, aliases) => findDealViews(root, { profile, pageUrl, extraAliases: aliases }),
    () => pageSettings(profile).catch(() => ({ off: false, aliases: {} })),
  );
  if (!run.stopped) run.scanner.start();
}

void start();
