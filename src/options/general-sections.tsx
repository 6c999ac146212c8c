import { useState } from 'preact/hooks';
import { browser } from '../platform/browser';
import type { Settings } from '../settings/schema';
import { sites } from '../sites/registry';
import { t } from '../ui/i18n';
import { MessageLine } from './message-line';
import { usePermissionAnswer } from './use-permission-answer';

interface SectionProps {
  settings: Settings;
  update(change: (current: Settings) => Settings): void;
}

/** Sunday … Saturday in the user's language (2023-01-01 was a Sunday). */
function weekdayName(day: number): string {
  return new Intl.DateTimeFormat(navigator.language, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2023, 0, 1 + day)));
}

/** Business days and which days are the weekend. */
export function DaysSection({ settings, update }: SectionProps) {
  const { business, weekend } = settings.radar.days;
  const setDays = (next: Partial<Settings['radar']['days']>) =>
    update((s) => ({ ...s, radar: { ...s.radar, days: { ...s.radar.days, ...next } } }));
  return (
    <section class="card" aria-labelledby="days-title">
      <h2 id="days-title">{t('optionsDaysTitle')}</h2>
      <div class="field field-boolean">
        <input id="days-business" type="checkbox" checked={business} aria-describedby="days-business-hint" onChange={(e) => setDays({ business: e.currentTarget.checked })} />
        <label for="days-business">{t('optionsDaysBusiness')}</label>
      </div>
      <p class="hint" id="days-business-hint">
        {t('optionsDaysBusinessHint')}
      </p>
      <fieldset class="weekdays">
        <legend>{t('optionsDaysWeekend')}</legend>
        {[0, 1, 2, 3, 4, 5, 6].map((day) => {
          const checked = weekend.includes(day);
          // At least one work day must remain, or there would be nothing to count.
          const last = !checked && weekend.length >= 6;
          return (
            <span class="weekday" key={day}>
              <input
                id={`weekend-${day}`}
                type="checkbox"
                checked={checked}
                disabled={last}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  const next = on ? [...weekend, day] : weekend.filter((d) => d !== day);
                  setDays({ weekend: [...new Set(next)].sort((a, b) => a - b) });
                }}
              />
              <label for={`weekend-${day}`}>{weekdayName(day)}</label>
            </span>
          );
        })}
      </fieldset>
    </section>
  );
}

/** Which supported CRMs Deal Radar reads (the generic profile is for custom sites and has no switch). */
export function CrmSection({ settings, update }: SectionProps) {
  return (
    <section class="card" aria-labelledby="crms-title">
      <h2 id="crms-title">{t('optionsCrmsTitle')}</h2>
      <p class="hint">{t('optionsCrmsHint')}</p>
      <ul class="checks">
        {sites
          .filter((site) => site.id !== 'generic')
          .map((site) => {
            const on = !settings.disabledSites.includes(site.id);
            return (
              <li key={site.id} class="field field-boolean">
                <input
                  id={`crm-${site.id}`}
                  type="checkbox"
                  checked={on}
                  onChange={(e) => {
                    const enabled = e.currentTarget.checked;
                    update((s) => ({
                      ...s,
                      disabledSites: enabled ? s.disabledSites.filter((id) => id !== site.id) : [...new Set([...s.disabledSites, site.id])],
                    }));
                  }}
                />
                <label for={`crm-${site.id}`}>{site.title}</label>
              </li>
            );
          })}
      </ul>
    </section>
  );
}

/** Markers in the CRM page. */
export function MarkersSection({ settings, update }: SectionProps) {
  return (
    <section class="card" aria-labelledby="markers-title">
      <h2 id="markers-title">{t('optionsMarkersTitle')}</h2>
      <div class="field field-boolean">
        <input id="markers-on" type="checkbox" checked={settings.markers} onChange={(e) => {
          const markers = e.currentTarget.checked;
          update((s) => ({ ...s, markers }));
        }} />
        <label for="markers-on">{t('optionsMarkersOn')}</label>
      </div>
    </section>
  );
}

type NotificationKind = 'critical' | 'digest';

const NOTIFICATIONS = { permissions: ['notifications'] };

/**
 * Whether Deal Radar may show notifications now (undefined until the browser answered). The user
 * can take the permission back in the browser's own settings (Firefox: about:addons →
 * Permissions) while this page is open: it follows.
 */
function useNotificationsAllowed(): boolean | undefined {
  return usePermissionAnswer(() => browser.permissions.contains(NOTIFICATIONS).catch(() => false), 'notifications');
}

/**
 * Browser notifications: off by default; the permission is asked for when one is turned on. A
 * notification turned on here whose permission was taken back in the browser shows as off, with
 * a note: turned on again, the browser asks again.
 */
export function NotificationsSection({ settings, update }: SectionProps) {
  const [problem, setProblem] = useState<string | null>(null);
  const allowed = useNotificationsAllowed();
  const withdrawn = allowed === false && (settings.notifications.critical || settings.notifications.digest);
  const on = (kind: NotificationKind) => settings.notifications[kind] && allowed !== false;
  const toggle = (kind: NotificationKind, on: boolean) => {
    setProblem(null);
    const apply = () => update((s) => ({ ...s, notifications: { ...s.notifications, [kind]: on } }));
    if (!on) {
      apply();
      const other: NotificationKind = kind === 'critical' ? 'digest' : 'critical';
      // Nothing left to notify about: give the permission back.
      if (!settings.notifications[other]) void browser.permissions.remove({ permissions: ['notifications'] }).catch(() => false);
      return;
    }
    // Asked for right here, in the click: the browser only shows its prompt for a user's gesture.
    browser.permissions.request({ permissions: ['notifications'] }).then(
      (granted) => (granted ? apply() : setProblem(t('optionsNotifyDenied'))),
      (error: unknown) => setProblem(t('optionsNotifyFailed', [error instanceof Error ? error.message : String(error)])),
    );
  };
  return (
    <section class="card" aria-labelledby="notify-title">
      <h2 id="notify-title">{t('optionsNotifyTitle')}</h2>
      <div class="field field-boolean">
        <input id="notify-critical" type="checkbox" checked={on('critical')} aria-describedby="notify-critical-hint" onChange={(e) => toggle('critical', e.currentTarget.checked)} />
        <label for="notify-critical">{t('optionsNotifyCritical')}</label>
      </div>
      <p class="hint" id="notify-critical-hint">
        {t('optionsNotifyCriticalHint')}
      </p>
      <div class="field field-boolean">
        <input id="notify-digest" type="checkbox" checked={on('digest')} aria-describedby="notify-digest-hint" onChange={(e) => toggle('digest', e.currentTarget.checked)} />
        <label for="notify-digest">{t('optionsNotifyDigest')}</label>
      </div>
      <p class="hint" id="notify-digest-hint">
        {t('optionsNotifyDigestHint')}
      </p>
      <MessageLine
        message={problem ? { kind: 'error', text: problem } : withdrawn ? { kind: 'ok', text: t('optionsNotifyWithdrawn') } : null}
        testId="notify-message"
      />
    </section>
  );
}
