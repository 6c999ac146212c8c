import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { isUntracked, toldApartBy } from '../messages/twin-key';
import type { Deal } from '../radar/model';
import { useActions } from './actions';
import { calendarDaysBetween, formatDay, formatMoney, relativeTo } from './format';
import { safeDealUrl } from '../sites/deal-url';
import type { DealGroup } from '../store/grouping';
import { t } from './i18n';
import { WarningItem } from './warning-item';

/**
 * Stage · amount · close date, where known; first, for a deal that shares its name with others on
 * its page, what tells it apart there (its account, contact or owner).
 */
function DealMeta({ deal }: { deal: Deal }) {
  const parts = toldApartBy(deal.key).filter((part) => part !== '');
  if (deal.stage) parts.push(deal.stage);
  if (deal.amount !== undefined) parts.push(formatMoney(deal.amount, deal.currency));
  if (deal.closeDate) parts.push(t('dealCloses', [formatDay(deal.closeDate)]));
  return parts.length > 0 ? <p class="deal-meta">{parts.join(' · ')}</p> : null;
}

/**
 * Days since a deal was last on a CRM page before the card says so: its facts are what the page
 * showed then (a last activity logged since is not known), and it may be closed or gone by now.
 */
const STALE_DAYS = 2;

/**
 * Whether a deal is on a page open in a tab now: such a deal is not stale, however long ago it was
 * last sent (a page left open sends only the rows that change). Without a provider: none is.
 */
export const OnOpenTab = createContext<(dealId: string) => boolean>(() => false);

/**
 * One deal with its warnings, worst first. `level` is the heading level of the deal's name; `now`
 * the time the card is drawn at.
 */
export function DealCard({ group, level = 2, now = Date.now() }: { group: DealGroup; level?: 2 | 3; now?: number }) {
  const { deal, warnings } = group;
  const actions = useActions();
  const onOpenTab = useContext(OnOpenTab);
  const stale = calendarDaysBetween(now, deal.lastSeen) <= -STALE_DAYS && !onOpenTab(deal.id);
  // Only links to the CRM's own http(s) pages are ever rendered as links.
  const href = safeDealUrl(deal.url, deal.site);
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <li class={`deal sev-${warnings[0]?.severity ?? 'warn'}`} data-deal-id={deal.id}>
      <Heading class="deal-name">
        {href ? (
          <a
            href={href}
            target="_blank"
            rel="noreferrer"
            title={t('openDealHint')}
            onClick={(e) => {
              // Let the background focus the deal's tab if it is open, else open its record.
              e.preventDefault();
              actions.open(deal.id);
            }}
          >
            {deal.name}
          </a>
        ) : (
          deal.name
        )}
      </Heading>
      <DealMeta deal={deal} />
      {isUntracked(deal.key) && <p class="note">{t('dealUntracked')}</p>}
      {stale && <p class="seen">{t('dealLastSeen', [relativeTo(now, deal.lastSeen)])}</p>}
      {warnings.map((w) => (
        <WarningItem key={w.id} warning={w} subject={deal.name} level={level === 2 ? 3 : 4} />
      ))}
    </li>
  );
}
