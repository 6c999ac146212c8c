/**
 * The content script's door to the extension APIs: the browser's own namespace (`browser` in
 * Firefox, `chrome` in Chrome), whose MV3 methods already return promises. The content script runs
 * on every CRM page, deal view or not, so it skips webextension-polyfill: wrapping the namespace
 * costs milliseconds at load on each page, for the four calls made here. The rest of the extension
 * keeps the polyfill (src/platform/browser.ts).
 */
import type { Browser } from 'webextension-polyfill';

type Namespaces = { browser?: Browser; chrome?: Browser };

/**
 * The namespace, looked up when called. Undefined outside an extension (a page evaluating this file
 * by itself). The loader looks it up only once it has something to ask: the first touch of it builds
 * the extension's bindings in the page's script world, a cost a page with no deals need not pay.
 */
export function extensionApi(): Browser | undefined {
  const scope = globalThis as unknown as Namespaces;
  return scope.browser ?? scope.chrome ?? undefined;
}

/** The namespace for the readers, which talk to the background from their first deal on. */
export const api: Browser | undefined = /* @__PURE__ */ extensionApi();
