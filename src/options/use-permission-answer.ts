import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from '../platform/browser';

/**
 * What `ask` answers about Deal Radar's permissions, asked again whenever one is granted or
 * withdrawn (also in the browser's own settings) while the page is open; undefined until the
 * first answer. `key` says when the question itself changed (e.g. the list of sites asked about).
 */
export function usePermissionAnswer<T>(ask: () => Promise<T>, key: string): T | undefined {
  const [answer, setAnswer] = useState<T | undefined>(undefined);
  const latest = useRef(ask);
  latest.current = ask;
  useEffect(() => {
    let live = true;
    const check = () => {
      void latest.current().then((value) => {
        if (live) setAnswer(() => value);
      });
    };
    check();
    browser.permissions.onAdded.addListener(check);
    browser.permissions.onRemoved.addListener(check);
    return () => {
      live = false;
      browser.permissions.onAdded.removeListener(check);
      browser.permissions.onRemoved.removeListener(check);
    };
  }, [key]);
  return answer;
}
