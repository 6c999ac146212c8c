import type { RefObject } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatCount } from './format';
import { t } from './i18n';

/** Groups shown at first and added per "Show more": a page of cards renders in a few milliseconds. */
export const PAGE_SIZE = 50;

/** The first `limit` items, growing by a page at a time. */
export function usePaged<T>(
  items: readonly T[],
  size = PAGE_SIZE,
): { shown: readonly T[]; left: number; more: () => void } {
  const [limit, setLimit] = useState(size);
  const shown = items.length > limit ? items.slice(0, limit) : items;
  return { shown, left: items.length - shown.length, more: () => setLimit(limit + size) };
}

export function ShowMore({
  left,
  onMore,
  size = PAGE_SIZE,
}: {
  left: number;
  onMore: () => void;
  size?: number;
}) {
  if (left <= 0) return null;
  return (
    <button type="button" class="more" onClick={onMore}>
      {t('showMore', [formatCount(Math.min(size, left)), formatCount(left)])}
    </button>
  );
}

/**
 * After "Show more", the focus goes to the first item it added, once drawn: the button moves below
 * the new items, or goes with the last page and would take the focus with it. The focus lands on
 * the item's `target` where it has one (its link), else on the item itself. Returns what
 * "Show more" calls before asking for more. `ready`: the items are all drawn.
 */
export function useFocusOnMore(
  list: RefObject<HTMLElement | null>,
  count: number,
  target: string,
  ready = true,
): () => void {
  const from = useRef<number | null>(null);
  useLayoutEffect(() => {
    const start = from.current;
    if (start === null || !ready || count <= start) return;
    from.current = null;
    const item = list.current?.children[start];
    if (!(item instanceof HTMLElement)) return;
    const inner = item.querySelector<HTMLElement>(target);
    if (inner) inner.focus();
    else {
      item.tabIndex = -1;
      item.focus();
    }
  }, [count, ready]);
  return () => {
    from.current = count;
  };
}
