import { formatCount, formatDay, formatMoney } from './format';
import { t } from './i18n';
import { ReviewSection } from './review-section';
import type { WeeklyReview } from './weekly';

const percent = () =>
  new Intl.NumberFormat(navigator.language, {
    style: 'percent',
    signDisplay: 'exceptZero',
    maximumFractionDigits: 0,
  });

/** What changed on the deals since a week ago: slipped close dates, stage moves, amount changes. */
export function WeeklyChanges({ review }: { review: WeeklyReview }) {
  const pct = percent();
  const direction = {
    back: 'reviewStageBack',
    forward: 'reviewStageForward',
    changed: 'reviewStageChanged',
  } as const;
  return (
    <>
      <ReviewSection
        title={t('reviewSlipped')}
        empty={t('reviewSlippedEmpty')}
        items={review.slipped}
        keyOf={(s) => s.deal.id}
        testId="review-slipped"
        render={(s) => (
          <>
            <strong>{s.deal.name}</strong>:{' '}
            {t('reviewSlip', [formatDay(s.from), formatDay(s.to), formatCount(s.days)])}
          </>
        )}
      />
      <ReviewSection
        title={t('reviewStages')}
        empty={t('reviewStagesEmpty')}
        items={review.stageMoves}
        keyOf={(m) => m.deal.id}
        testId="review-stages"
        render={(m) => (
          <>
            <strong>{m.deal.name}</strong>: {t(direction[m.direction], [m.from, m.to])}
          </>
        )}
      />
      <ReviewSection
        title={t('reviewAmounts')}
        empty={t('reviewAmountsEmpty')}
        items={review.amountChanges}
        keyOf={(a) => a.deal.id}
        testId="review-amounts"
        render={(a) => (
          <>
            <strong>{a.deal.name}</strong>:{' '}
            {t('reviewAmount', [
              formatMoney(a.from, a.deal.currency),
              formatMoney(a.to, a.deal.currency),
              pct.format(a.change),
            ])}
          </>
        )}
      />
    </>
  );
}
