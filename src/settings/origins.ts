/*
 * Custom CRM sites are stored by origin (`https://crm.example.com`, with a port when it is not
 * the scheme's default). What the user types is normalised here, in one place for the options
 * page and the background.
 */

export type OriginProblem = 'empty' | 'invalid' | 'scheme' | 'credentials';

/** `crm.example.com/deals` → `https://crm.example.com`; a reason when it cannot be a CRM's origin. */
export function normalizeOrigin(input: string): { origin: string } | { problem: OriginProblem } {
  const text = input.trim();
  if (text === '') return { problem: 'empty' };
  // No scheme typed: a CRM is an https site.
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { problem: 'invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: 'scheme' };
  if (url.username !== '' || url.password !== '') return { problem: 'credentials' };
  // A host needs at least a name; `https://` alone or `https://.` is not one.
  if (url.hostname === '' || /^\.+$/.test(url.hostname) || /\s/.test(url.hostname)) return { problem: 'invalid' };
  return { origin: url.origin };
}

/** The match pattern that covers an origin's pages (Chrome match patterns accept a port). */
export function originPattern(origin: string): string {
  return `${origin}/*`;
}
