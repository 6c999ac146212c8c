import { ruleTitle } from './rule-title';
import { useActions } from './actions';
import { formatCount } from './format';
import type { DealGroup } from '../store/grouping';
import { t } from './i18n';
import { SeverityTag } from './warning-item';

/** The three deals most worth acting on first, each with why: its top warning, the first fact and the nudge. */
export function TopDeals({ groups }: { groups: readonly DealGroup[] }) {
  const actions = useActions();
  return (
    <section class="review-section top-deals" data-testid="top-deals">
      <h3>{t('reviewTop')}</h3>
      {groups.length === 0 ? (
        <p class="empty">{t('reviewTopEmpty')}</p>
      ) : (
        <ol>
          {groups.map(({ deal, warnings }) => {
            const top = warnings[0];
            if (!top) return null;
            return (
              <li key={deal.id} class={`sev-${top.severity}`}>
                <button type="button" class="link deal-link" onClick={() => actions.open(deal.id)}>
                  {deal.name}
                </button>
                <p class="why">
                  <SeverityTag severity={top.severity} /> {ruleTitle(top.ruleId)}
                  {top.facts[0] ? `: ${top.facts[0]}` : ''}
                  {warnings.length > 1 ? ` ${t('reviewTopMore', [formatCount(warnings.length - 1)])}` : ''}
                </p>
                <p class="nudge">{top.nudge}</p>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
