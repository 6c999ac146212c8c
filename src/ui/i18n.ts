import { browser } from '../platform/browser';

/** A user-visible string from public/_locales; falls back to the key so a missing one shows, not vanishes. */
export function t(key: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

const rtfCache = new Map<string, Intl.RelativeTimeFormat>();

/** "3 days ago", "in 2 days", in the user's locale. */
export function relativeDays(days: number, locale = navigator.language): string {
  let rtf = rtfCache.get(locale);
  if (!rtf) {
    rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    rtfCache.set(locale, rtf);
  }
  return rtf.format(days, 'day');
}
