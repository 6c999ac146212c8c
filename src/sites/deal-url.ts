/**
 * A deal's own page in its CRM, to link to, open or bring to the front: only an http(s) URL on
 * the deal's own CRM host. A stored URL came from a page or an imported file and may be anything
 * (a script URL, another site, no URL at all): those give undefined, never an error.
 */
export function safeDealUrl(url: string | undefined, site: string): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.host === site
      ? parsed.href
      : undefined;
  } catch {
    return undefined;
  }
}
