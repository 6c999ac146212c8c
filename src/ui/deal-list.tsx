import { useEffect, useRef, useState } from 'preact/hooks';
import type { DealGroup } from '../store/grouping';
import { DealCard } from './deal-card';
import { ShowMore, useFocusOnMore } from './show-more';

interface Props {
  /** The groups read so far, ranked. */
  groups: readonly DealGroup[];
  /** How many there are in all: the rest come a page at a time. */
  total: number;
  pageSize: number;
  onMore: () => void;
  level?: 2 | 3;
  label: string;
}

/** Cards drawn in the first frame: more than a popup shows at once. */
export const FIRST_CARDS = 6;

/**
 * Ranked deal cards, a page at a time: 5,000 warnings render as one page of cards and a "Show more".
 * The first frame draws the cards in view, the rest of the page follows a frame later (the list is
 * `aria-busy` until then), so the popup answers before it has built a page of cards.
 */
export function DealList({ groups, total, pageSize, onMore, level = 2, label }: Props) {
  const [all, setAll] = useState(groups.length <= FIRST_CARDS);
  const partial = !all && groups.length > FIRST_CARDS;
  const list = useRef<HTMLOListElement>(null);
  const beforeMore = useFocusOnMore(list, groups.length, '.deal-name a', !partial);
  useEffect(() => {
    if (!partial) return;
    // After the first paint: a frame, then a task (effects may run before the frame is painted).
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setAll(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [partial]);
  if (groups.length === 0) return null;
  const shown = partial ? groups.slice(0, FIRST_CARDS) : groups;
  return (
    <>
      <ol ref={list} class="deals" data-testid="deals" aria-label={label} aria-busy={partial ? 'true' : undefined}>
        {shown.map((g) => (
          <DealCard key={g.dealId} group={g} level={level} />
        ))}
      </ol>
      {!partial && (
        <ShowMore
          left={total - groups.length}
          onMore={() => {
            beforeMore();
            onMore();
          }}
          size={pageSize}
        />
      )}
    </>
  );
}
