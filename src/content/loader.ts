/**
 * The content script the browser runs on every page of a CRM host (and of the sites the user
 * adds): a few kilobytes that make one cheap check (src/content/gate.ts) and only then ask the
 * background to run the readers (content-main.js, src/content/index.ts) in this page. Most pages of
 * a CRM show no deals (settings, mail, reports of other things): there this script costs its own
 * compile and one check, and waits for the user to navigate. Single-page apps navigate without
 * loading a page, so it listens for that; on sites read by their markup it looks a few more times
 * over 15 s for content that loads late.
 */
import { extensionApi } from './api';
import { gateFor, mayShowDeals } from './gate';
import { onNavigate } from './navigation';

/**
 * On sites read by their markup, look again after these pauses (ms) for content that loads late:
 * 15 s in all, as the scanner does, and a few looks at most however busy the page is. A
 * MutationObserver would notice sooner, but costs the page a callback on every burst of changes,
 * and setting one up took 0.5–1.5 ms of a fresh script world in Chromium, more than the check.
 */
const LOOK_AGAIN_MS = [250, 750, 1500, 3000, 4500, 5000];

/** Set in this script's world by the first copy: one loader per page, however many got injected. */
const SLOT = '__dealRadarLoader';
type Slot = { [SLOT]?: boolean };

function watch(): void {
  let requested = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let href = location.href;
  let stopListening = () => {};

  const load = async () => {
    requested = true;
    clearTimeout(timer);
    stopListening();
    try {
      const reply = (await extensionApi()?.runtime.sendMessage({ type: 'content:load', payload: {} })) as
        | { ok?: boolean }
        | undefined;
      if (reply?.ok) return;
    } catch {
      // The extension was reloaded or removed: its new copy injects its own loader.
      return;
    }
    // Refused (a worker that was stopping, say): the next navigation may ask again.
    requested = false;
    stopListening = onNavigate(navigated);
  };

  /** Looks now and, on a site read by its markup, again after each pause left in `pauses`. */
  const look = (pauses: readonly number[]) => {
    timer = undefined;
    if (requested) return;
    if (mayShowDeals(document, location)) {
      void load();
      return;
    }
    const [next, ...rest] = pauses;
    if (next !== undefined && gateFor(location) === 'markup') timer = setTimeout(() => look(rest), next);
  };

  const navigated = () => {
    if (requested || location.href === href) return;
    href = location.href;
    clearTimeout(timer);
    look(LOOK_AGAIN_MS);
  };
  stopListening = onNavigate(navigated);
  look(LOOK_AGAIN_MS);
}

if (!(globalThis as Slot)[SLOT]) {
  (globalThis as Slot)[SLOT] = true;
  watch();
}
