/**
 * WebExtension match patterns (`<scheme>://<host>/<path>`), implemented here so the registry can
 * pick a profile for a URL and tests can check patterns without a browser.
 * https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns
 */

const PATTERN = /^(\*|https?|wss?):\/\/(\*|\*\.[^/*:]+|[^/*:]+)(:\d{1,5})?(\/.*)$/;

interface Parsed {
  scheme: string;
  host: string;
  port: string | undefined;
  path: RegExp;
}

const cache = new Map<string, Parsed | null>();

function parse(pattern: string): Parsed | null {
  const hit = cache.get(pattern);
  if (hit !== undefined) return hit;
  const m = PATTERN.exec(pattern);
  let parsed: Parsed | null = null;
  if (m) {
    const [, scheme = '', host = '', port, path = '/'] = m;
    const glob = path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
    parsed = { scheme, host: host.toLowerCase(), port: port?.slice(1), path: new RegExp(`^${glob}$`) };
  }
  cache.set(pattern, parsed);
  return parsed;
}

/** True for a pattern this module understands. `<all_urls>` is deliberately not one. */
export function isValidPattern(pattern: string): boolean {
  return parse(pattern) !== null;
}

/** Does `url` fall under `pattern`? Invalid patterns match nothing. */
export function matchPattern(pattern: string, url: URL): boolean {
  const p = parse(pattern);
  if (!p) return false;
  const scheme = url.protocol.slice(0, -1);
  if (p.scheme === '*' ? scheme !== 'http' && scheme !== 'https' : p.scheme !== scheme) return false;
  const host = url.hostname.toLowerCase();
  if (p.host.startsWith('*.')) {
    const base = p.host.slice(2);
    if (host !== base && !host.endsWith(`.${base}`)) return false;
  } else if (p.host !== '*' && p.host !== host) {
    return false;
  }
  if (p.port !== undefined && p.port !== url.port) return false;
  // The path part of a pattern covers the query string too.
  return p.path.test(url.pathname + url.search);
}
