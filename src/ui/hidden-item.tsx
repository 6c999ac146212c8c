import { ruleTitle } from './rule-title';
import { useActions } from './actions';
import { formatInstant, relativeTo } from './format';
import { t } from './i18n';
import type { HiddenItem } from './queries';
import { PANEL_ID } from './view-tabs';
import { SeverityTag } from './warning-item';

/** One snoozed or dismissed warning: what, until when, why, and a way back. */
export function HiddenRow({ item, now }: { item: HiddenItem; now: number }) {
  const { warning: w, deal } = item;
  const actions = useActions();
  const title = ruleTitle(w.ruleId);
  const subject = deal?.name ?? t('hiddenPipeline', [w.site]);
  const until =
    w.status === 'snoozed' && w.snoozeUntil !== undefined
      ? t('hiddenSnoozedUntil', [formatInstant(w.snoozeUntil), relativeTo(now, w.snoozeUntil)])
      : t('hiddenDismissed');
  return (
    <li class={`hidden-item sev-${w.severity}`} data-warning-id={w.id} data-status={w.status}>
      <h2 class="hidden-title">
        <span class="hidden-deal">{subject}</span> <SeverityTag severity={w.severity} /> {title}
      </h2>
      <p class="hidden-until">{until}</p>
      {w.snoozeReason && <p class="hidden-reason">{t('hiddenReason', [w.snoozeReason])}</p>}
      <ul class="facts">
        {w.facts.map((f, i) => (
          <li key={i}>{f}</li>
        ))}
      </ul>
      <button
        type="button"
        aria-label={t('restoreWhat', [title, subject])}
        onClick={(e) => {
          // This row is about to go: keep the keyboard user's place on the next row (or the view).
          const row = e.currentTarget.closest('li');
          const next = row?.nextElementSibling ?? row?.previousElementSibling;
          (next?.querySelector('button') ?? document.getElementById(PANEL_ID))?.focus();
          actions.restore([w.id]);
        }}
      >
        {t('restore')}
      </button>
    </li>
  );
}
