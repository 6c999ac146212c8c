import { ruleTitle } from '../radar/registry';
import { t } from '../ui/i18n';
import type { DealGroup } from './queries';

interface Props {
  group: DealGroup;
  onOpen: () => void;
  onSnooze: (warningIds: string[]) => void;
  onDismiss: (warningIds: string[]) => void;
}

/** Only links to the CRM's own http(s) pages are ever rendered as links. */
export function safeDealUrl(url: string | undefined, site: string): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.host === site ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** One deal with its warnings, worst first: severity, rule, facts, nudge, actions. */
export function DealCard({ group, onOpen, onSnooze, onDismiss }: Props) {
  const { deal, warnings } = group;
  const top = warnings[0];
  const href = safeDealUrl(deal.url, deal.site);
  return (
    <li class={`deal sev-${top?.severity ?? 'warn'}`} data-deal-id={deal.id}>
      <h2 class="deal-name">
        {href ? (
          <a
            href={href}
            target="_blank"
            rel="noreferrer"
            onClick={(e) => {
              e.preventDefault();
              onOpen();
            }}
          >
            {deal.name}
          </a>
        ) : (
          deal.name
        )}
      </h2>
      {warnings.map((w) => (
        <article class={`warning sev-${w.severity}`} key={w.id} data-rule={w.ruleId}>
          <h3>
            <span class="severity">{t(w.severity === 'critical' ? 'severityCritical' : 'severityWarn')}</span>{' '}
            {ruleTitle(w.ruleId)}
          </h3>
          <ul class="facts">
            {w.facts.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
          <p class="nudge">{w.nudge}</p>
          <div class="actions">
            <button type="button" onClick={() => onSnooze([w.id])}>
              {t('snoozeDay')}
            </button>
            <button type="button" onClick={() => onDismiss([w.id])}>
              {t('dismiss')}
            </button>
          </div>
        </article>
      ))}
    </li>
  );
}
