import { useState } from 'preact/hooks';
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
