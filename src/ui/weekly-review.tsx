import { useEffect, useState } from 'preact/hooks';
import { radarDb } from '../store/db';
import { formatDate } from './format';
import { t } from './i18n';
import { afterReady } from './ready-mark';
import { TopDeals } from './top-deals';
import { useTableQuery } from './use-table-query';
import { WeeklyChanges } from './weekly-changes';
import { loadWeekly } from './weekly-query';
import { WeeklyWarnings } from './weekly-warnings';

/** The dashboard's weekly review: step back and get the facts. */
export function WeeklyReviewPanel() {
  // It reads every deal and warning: only once the list is on screen.
  const [go, setGo] = useState(false);
  useEffect(() => afterReady(() => setGo(true)), []);
  const review = useTableQuery(
    () => (go ? loadWeekly(radarDb()) : Promise.resolve(undefined)),
    ['events', 'warnings', 'deals', 'sites'],
    [go],
  );
  return (
    <section
      class="weekly"
      aria-labelledby="weekly-title"
      aria-busy={review === undefined}
      data-testid="weekly"
    >
      <h2 id="weekly-title">{t('reviewTitle')}</h2>
      {review && (
        <>
          <p class="lede">{t('reviewLede', [formatDate(review.since)])}</p>
          <TopDeals groups={review.top} />
          <WeeklyChanges review={review} />
          <WeeklyWarnings review={review} />
        </>
      )}
    </section>
  );
}
