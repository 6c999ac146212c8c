/**
 * An origin-free key for a URL: path and query, plus the hash when it is a client-side route
 * (`#/deals/42`, `#!/deals/42`), since single-page apps that route by hash keep one path for all.
 */
export function pathKey(url: URL): string {
  const route = url.hash.startsWith('#/') || url.hash.startsWith('#!') ? url.hash : '';
  return url.pathname + url.search + route;
}

/** The first match of `re` in the URL's path, or null. */
export function pathId(url: URL, re: RegExp): string | null {
  const m = re.exec(url.pathname);
  return m?.[1] ?? null;
}
