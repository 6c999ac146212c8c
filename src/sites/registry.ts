import type { SiteProfile } from './types';
import { matchPattern } from './match-pattern';

import freshsales from './freshsales';
import generic from './generic';
import hubspot from './hubspot';
import pipedrive from './pipedrive';
import salesforce from './salesforce';
import twenty from './twenty';
import zoho from './zoho';

/** Every site profile. Specific CRMs first; the generic profile last (it matches no host by itself). */
export const sites: SiteProfile[] = [
  hubspot, // app.hubspot.com deals index, board and records
  salesforce, // Lightning list views, Kanban, records, reports
  pipedrive, // pipeline board, deals list, deal details
  zoho, // Zoho CRM Deals ("Potentials")
  freshsales, // Freshsales on myfreshworks.com and freshsales.io
  twenty, // Twenty Cloud opportunities
  generic, // user-added CRMs and the demo CRM
];

/** The first specific profile whose host patterns cover the URL; null when none does. */
export function profileForUrl(url: URL): SiteProfile | null {
  return sites.find((site) => site.matches.some((pattern) => matchPattern(pattern, url))) ?? null;
}

/**
 * The id of the profile a page is read with, as the content script picks it: a supported CRM's,
 * else the generic one. Null when the text is not a URL.
 */
export function profileIdForPage(pageUrl: string): string | null {
  try {
    return profileForUrl(new URL(pageUrl))?.id ?? 'generic';
  } catch {
    return null;
  }
}

export function siteById(id: string): SiteProfile | null {
  return sites.find((site) => site.id === id) ?? null;
}

/** The union of all profiles' match patterns, in registry order: the manifest's host permissions. */
export function hostPermissions(): string[] {
  return [...new Set(sites.flatMap((site) => site.matches))];
}
