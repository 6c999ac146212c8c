import { DealCard } from './deal-card';
import type { DealGroup } from '../store/grouping';
import { ShowMore } from './show-more';

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

/** Ranked deal cards, a page at a time: 5,000 warnings render as one page of cards and a "Show more". */
export function DealList({ groups, total, pageSize, onMore, level = 2, label }: Props) {
  if (groups.length === 0) return null;
  return (
    <>
      <ol class="deals" data-testid="deals" aria-label={label}>
        {groups.map((g) => (
          <DealCard key={g.dealId} group={g} level={level} />
        ))}
      </ol>
      <ShowMore left={total - groups.length} onMore={onMore} size={pageSize} />
    </>
  );
}
