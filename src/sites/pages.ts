import { pages as freshsales } from './freshsales';
import { pages as hubspot } from './hubspot';
import type { UrlLike } from './match-pattern';
import { pages as pipedrive } from './pipedrive';
import { pages as salesforce } from './salesforce';
import type { SitePages } from './types';
import { pages as twenty } from './twenty';
import { pages as zoho } from './zoho';

/**
 * The supported CRMs' hosts and deal pages, in the registry's order, without their header names and
 * readers: what the content script's loader needs to decide whether a page is worth reading.
 */
export const sitePages: readonly SitePages[] = [hubspot, salesforce, pipedrive, zoho, freshsales, twenty];

/**
 * Does a supported CRM's pattern cover the URL's host? Their patterns all cover whole hosts over
 * https (`https://<host>/*`, `https://*.<host>/*`; the conformance test holds them to that), so this
 * compares host names: matchPattern() would build a RegExp per pattern, on every page the loader runs.
 */
function coversHost(pattern: string, url: UrlLike): boolean {
  if (url.protocol !== 'https:') return false;
  const host = pattern.slice('https://'.length, -'/*'.length);
  const name = url.hostname.toLowerCase();
  if (!host.startsWith('*.')) return name === host;
  return name === host.slice(2) || name.endsWith(host.slice(1));
}

/** The supported CRM whose hosts cover the URL; null on any other site (read with the generic profile). */
export function pagesForUrl(url: UrlLike): SitePages | null {
  for (const site of sitePages) if (site.matches.some((pattern) => coversHost(pattern, url))) return site;
  return null;
}
