import type { ComponentChildren } from 'preact';
import { formatCount } from './format';
import { t } from './i18n';

/** Items a review section lists before "and N more". */
export const REVIEW_ITEMS = 8;

interface Props<T> {
  title: string;
  items: readonly T[];
  empty: string;
  render: (item: T) => ComponentChildren;
  keyOf: (item: T) => string;
  testId?: string;
}

/** One part of the weekly review: a heading with its count, the first items, or what was checked. */
export function ReviewSection<T>({ title, items, empty, render, keyOf, testId }: Props<T>) {
  const shown = items.slice(0, REVIEW_ITEMS);
  const more = items.length - shown.length;
  return (
    <section class="review-section" data-testid={testId}>
      <h3>
        {title} <span class="count">{formatCount(items.length)}</span>
      </h3>
      {items.length === 0 ? (
        <p class="empty">{empty}</p>
      ) : (
        <ul>
          {shown.map((item) => (
            <li key={keyOf(item)}>{render(item)}</li>
          ))}
          {more > 0 && <li class="more-note">{t('reviewMore', [formatCount(more)])}</li>}
        </ul>
      )}
    </section>
  );
}
