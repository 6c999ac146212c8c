import { browser } from '../platform/browser';
import { originPattern } from '../settings/origins';
import type { CustomSite, Settings } from '../settings/schema';
import { matchPattern } from '../sites/match-pattern';

/*
 * Custom CRM sites (issue 4): the user adds an origin in options, grants its optional host
 * permission there (a user gesture), and the background registers the content script for it.
 * Registrations persist across sessions; on startup and install they are checked against the
 * settings and the granted permissions again, so a site removed or a permission withdrawn
 * while the browser was closed does not leave a script behind.
 */

const PREFIX = 'custom:';

export function scriptId(origin: string): string {
  return `${PREFIX}${origin}`;
}

/** True when the manifest's own content scripts already run on the origin (a supported CRM, the dev build's loopback). */
export function coveredByManifest(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(`${origin}/`);
  } catch {
    return false;
  }
  const scripts = browser.runtime.getManifest().content_scripts ?? [];
  return scripts.some((script) => (script.matches ?? []).some((pattern) => matchPattern(pattern, url)));
}

export async function hasOriginPermission(origin: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [originPattern(origin)] });
  } catch {
    return false;
  }
}

function registration(origin: string) {
  return {
    id: scriptId(origin),
    matches: [originPattern(origin)],
    js: ['content.js'],
    runAt: 'document_idle' as const,
    allFrames: false,
    persistAcrossSessions: true,
  };
}

/** Registers the content script for one site unless it already is. True when a script is registered now. */
export async function registerSite(site: CustomSite): Promise<boolean> {
  if (coveredByManifest(site.origin)) return false;
  const id = scriptId(site.origin);
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length > 0) return true;
  await browser.scripting.registerContentScripts([registration(site.origin)]);
  return true;
}

/** Unregisters a site's content script and gives its host permission back. */
export async function unregisterSite(origin: string): Promise<void> {
  const id = scriptId(origin);
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [id] });
  // A required host (the manifest's own) cannot be removed, and Chrome says so by throwing.
  await browser.permissions.remove({ origins: [originPattern(origin)] }).catch(() => false);
}

export interface SyncResult {
  registered: string[];
  unregistered: string[];
}

/**
 * Makes the registered scripts match the settings: one per custom site whose permission is
 * granted and that the manifest does not cover already; none for anything else.
 */
export async function syncCustomSites(settings: Settings): Promise<SyncResult> {
  const result: SyncResult = { registered: [], unregistered: [] };
  const wanted = new Set<string>();
  for (const site of settings.customSites) {
    if (!coveredByManifest(site.origin) && (await hasOriginPermission(site.origin))) wanted.add(scriptId(site.origin));
  }
  const existing = await browser.scripting.getRegisteredContentScripts();
  const ours = existing.filter((script) => script.id.startsWith(PREFIX));
  const stale = ours.filter((script) => !wanted.has(script.id)).map((script) => script.id);
  if (stale.length > 0) {
    await browser.scripting.unregisterContentScripts({ ids: stale });
    result.unregistered.push(...stale);
  }
  const present = new Set(ours.map((script) => script.id));
  for (const site of settings.customSites) {
    const id = scriptId(site.origin);
    if (!wanted.has(id) || present.has(id)) continue;
    try {
      await browser.scripting.registerContentScripts([registration(site.origin)]);
      result.registered.push(id);
    } catch (error) {
      // One bad registration must not keep the other sites from being read.
      console.warn(`[deal-radar] could not register ${id}`, error);
    }
  }
  return result;
}
