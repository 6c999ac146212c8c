import type { Deal, Warning } from '../radar/model';
import { ruleTitle } from './rule-title';
import { formatCount } from './format';
import { t } from './i18n';
import { ReviewSection } from './review-section';
import type { WeeklyReview } from './weekly';

function WarningLine({ w, deals }: { w: Warning; deals: ReadonlyMap<string, Deal> }) {
  const subject = w.dealId ? (deals.get(w.dealId)?.name ?? w.dealId) : t('hiddenPipeline', [w.site]);
  return (
    <>
      <strong>{subject}</strong>: {ruleTitle(w.ruleId)}
    </>
  );
}

/** New and resolved warnings of the week, and deals that went quiet. */
export function WeeklyWarnings({ review }: { review: WeeklyReview }) {
  const { deals } = review;
  return (
    <>
      <ReviewSection
        title={t('reviewRaised')}
        empty={t('reviewRaisedEmpty')}
        items={review.raised}
        keyOf={(w) => w.id}
        testId="review-raised"
        render={(w) => <WarningLine w={w} deals={deals} />}
      />
      <ReviewSection
        title={t('reviewResolved')}
        empty={t('reviewResolvedEmpty')}
        items={review.resolved}
        keyOf={(w) => w.id}
        testId="review-resolved"
        render={(w) => <WarningLine w={w} deals={deals} />}
      />
      <ReviewSection
        title={t('reviewQuiet')}
        empty={t('reviewQuietEmpty')}
        items={review.quiet}
        keyOf={(q) => q.deal.id}
        testId="review-quiet"
        render={(q) => (
          <>
            <strong>{q.deal.name}</strong>: {t('reviewQuietDays', [formatCount(q.days)])}
          </>
        )}
      />
    </>
  );
}
