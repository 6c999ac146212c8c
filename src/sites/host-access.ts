/**
 * Host access (issue 6.7). Firefox MV3 treats every host permission as the user's to grant or
 * withdraw: at install, in the extensions panel ("Always allow on …" / "Only when clicked") and in
 * about:addons → Permissions. Chrome lets the user restrict site access as well. A CRM page we may
 * not read is not an error: the popup shows a "grant access" state whose button calls
 * `browser.permissions.request({ origins: access.request })` in the click handler itself (a user
 * gesture; Firefox refuses the request after an `await`).
 *
 * Decision code only, without the browser: the caller passes `permissions` (the real
 * `browser.permissions` in the background) and the patterns, so unit tests can use a fake and the
 * Firefox browser test runs it against Firefox's own answers.
 */
import { matchPattern } from './match-pattern';

export interface PermissionsLike {
  contains(permissions: { origins: string[] }): Promise<boolean>;
}

export type HostAccess =
  /** The page is a CRM page we may read. */
  | { state: 'granted' }
  /** The page is a CRM page we may not read (never granted, or withdrawn): offer to grant `request`. */
  | { state: 'needs-grant'; request: string[] }
  /**
   * The page is unknown: without `tabs` or `activeTab`, Firefox and Chrome hide the URL of a tab we
   * may not read. Some CRM hosts are not granted, so it may be one of them: offer to grant `request`.
   */
  | { state: 'some-not-granted'; request: string[] }
  /** Not a CRM page (or an unknown page while every CRM host is granted): nothing to grant. */
  | { state: 'not-a-crm' };

export interface HostAccessInput {
  /**
   * The page's URL when known: `tabs.get(tabId).url` (present only where we may read the tab), else
   * the `pageUrl` of the tab's record from an earlier scan (the user may have withdrawn access since).
   */
  pageUrl: string | undefined;
  /** The CRMs we read: the manifest's `content_scripts` matches (plus custom sites' patterns, if any). */
  crmPatterns: readonly string[];
}

function parseUrl(text: string | undefined): URL | null {
  if (!text) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * The pattern for one page's site: scheme and host, any port (a port in a pattern is not portable:
 * Firefox's match patterns have none). It is what Firefox's own "Always allow on <host>" grants.
 */
export function sitePattern(url: URL): string {
  return `${url.protocol}//${url.hostname}/*`;
}

/** `permissions.contains`, false where the browser throws (an invalid or undeclared pattern). */
async function holds(permissions: PermissionsLike, pattern: string): Promise<boolean> {
  try {
    return await permissions.contains({ origins: [pattern] });
  } catch {
    return false;
  }
}

/** The patterns of `patterns` that are not granted now, in their order. */
export async function missingPatterns(patterns: readonly string[], permissions: PermissionsLike): Promise<string[]> {
  const unique = [...new Set(patterns)];
  const granted = await Promise.all(unique.map((p) => holds(permissions, p)));
  return unique.filter((_, i) => !granted[i]);
}

/** What the popup should say about reading one page. */
export async function hostAccess(input: HostAccessInput, permissions: PermissionsLike): Promise<HostAccess> {
  const url = parseUrl(input.pageUrl);
  if (url) {
    if (!input.crmPatterns.some((p) => matchPattern(p, url))) return { state: 'not-a-crm' };
    // Ask for this site only (least privilege): the user grants the CRM they are looking at.
    const pattern = sitePattern(url);
    return (await mayReadPage(input.pageUrl, permissions)) ? { state: 'granted' } : { state: 'needs-grant', request: [pattern] };
  }
  const missing = await missingPatterns(input.crmPatterns, permissions);
  return missing.length > 0 ? { state: 'some-not-granted', request: missing } : { state: 'not-a-crm' };
}

/**
 * May Deal Radar read this page now? False for a page of a site the user withdrew (or never
 * granted), and for anything that is not an http(s) URL.
 */
export async function mayReadPage(pageUrl: string | undefined, permissions: PermissionsLike): Promise<boolean> {
  const url = parseUrl(pageUrl);
  if (url === null) return false;
  if (await holds(permissions, sitePattern(url))) return true;
  // A site the user added on a port of its own (a self-hosted CRM on :3000) is granted for that
  // port only, in Chrome; Firefox's patterns have no port, and it refuses the question.
  return url.port !== '' && (await holds(permissions, `${url.origin}/*`));
}

/**
 * Tabs whose last scan came from a page we may no longer read: the background forgets their
 * records and clears their badges on `permissions.onRemoved` (src/background/withdrawn.ts), so
 * neither the popup nor the badge shows a page we were told to stop reading.
 */
export async function tabsWithoutAccess(
  tabs: ReadonlyArray<{ tabId: number; pageUrl: string }>,
  permissions: PermissionsLike,
): Promise<number[]> {
  const lost: number[] = [];
  for (const tab of tabs) {
    if (parseUrl(tab.pageUrl) !== null && !(await mayReadPage(tab.pageUrl, permissions))) lost.push(tab.tabId);
  }
  return lost;
}
