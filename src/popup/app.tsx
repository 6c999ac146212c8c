import { useState } from 'preact/hooks';
import { send } from '../messages/send';
import { radarDb } from '../store/db';
import { t } from '../ui/i18n';
import { loadPageView } from '../ui/queries';
import { useLiveQuery } from '../ui/use-live-query';
import { DealCard } from '../ui/deal-card';

const DAY = 24 * 60 * 60 * 1000;

export function App({ tabId }: { tabId: number | undefined }) {
  const db = radarDb();
  const [now] = useState(() => Date.now());
  const view = useLiveQuery(() => (tabId === undefined ? Promise.resolve(undefined) : loadPageView(db, tabId, now)), [tabId]);

  const header = (
    <header class="bar">
      <h1>{t('extName')}</h1>
    </header>
  );
  if (tabId === undefined || view === undefined) return <main>{header}</main>;
  const { tab, groups, pipeline } = view;
  let status: string;
  if (!tab) status = t('pageNotWatched');
  else if (!tab.done) status = t('pageReading', [String(tab.seen)]);
  else if (groups.length === 0) status = t('pageAllClear', [String(tab.dealIds.length)]);
  else status = t('pageNeedAttention', [String(groups.length), String(tab.dealIds.length)]);

  return (
    <main>
      {header}
      <p class="status" role="status" data-testid="status">
        {status}
      </p>
      {pipeline.length > 0 && (
        <section aria-label={t('pipelineWarnings')}>
          {pipeline.map((w) => (
            <article class={`warning pipeline sev-${w.severity}`} key={w.id}>
              <ul class="facts">
                {w.facts.map((f) => (
                  <li key={f}>{f}</li>
                ))}
              </ul>
              <p class="nudge">{w.nudge}</p>
            </article>
          ))}
        </section>
      )}
      <ol class="deals" data-testid="deals">
        {groups.map((g) => (
          <DealCard
            key={g.deal.id}
            group={g}
            onOpen={() => void send('ui:open-deal', { dealId: g.deal.id })}
            onSnooze={(ids) => void send('ui:snooze', { warningIds: ids, until: Date.now() + DAY })}
            onDismiss={(ids) => void send('ui:dismiss', { warningIds: ids })}
          />
        ))}
      </ol>
    </main>
  );
}
