import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from './i18n';

const DAY_MS = 86_400_000;
const CHOICES = [
  { days: 1, key: 'snoozeOneDay' },
  { days: 3, key: 'snoozeThreeDays' },
  { days: 7, key: 'snoozeOneWeek' },
] as const;

function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Local midnight that starts `YYYY-MM-DD`: a warning snoozed "until 5 Dec" is back on the morning of 5 Dec. */
export function startOfDay(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return y && m && d ? new Date(y, m - 1, d).getTime() : Number.NaN;
}

interface Props {
  /** Names the group for assistive technology, e.g. "Snooze No activity". */
  label: string;
  onSnooze: (until: number, reason?: string) => void;
  onCancel: () => void;
}

/** Snooze for 1 day, 3 days, 1 week or until a date, with an optional reason. Escape cancels. */
export function SnoozePanel({ label, onSnooze, onCancel }: Props) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [date, setDate] = useState('');
  const first = useRef<HTMLInputElement>(null);
  // Before the next key press, not after the next paint: keys typed at once after opening the
  // panel belong in the reason, not on the button that opened it.
  useLayoutEffect(() => first.current?.focus(), []);
  const tomorrow = new Date();
  tomorrow.setDate(tomorrow.getDate() + 1);
  const why = () => reason.trim() || undefined;

  return (
    <fieldset
      class="snooze-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <legend class="visually-hidden">{label}</legend>
      <label for={`${id}-reason`}>{t('snoozeReasonLabel')}</label>
      <input
        id={`${id}-reason`}
        ref={first}
        type="text"
        maxLength={500}
        value={reason}
        placeholder={t('snoozeReasonPlaceholder')}
        onInput={(e) => setReason(e.currentTarget.value)}
      />
      <div class="choices">
        {CHOICES.map((c) => (
          <button key={c.key} type="button" onClick={() => onSnooze(Date.now() + c.days * DAY_MS, why())}>
            {t(c.key)}
          </button>
        ))}
      </div>
      <form
        class="until"
        onSubmit={(e) => {
          e.preventDefault();
          const until = startOfDay(date);
          if (until > Date.now()) onSnooze(until, why());
        }}
      >
        <label for={`${id}-date`}>{t('snoozeUntilLabel')}</label>
        <input
          id={`${id}-date`}
          type="date"
          required
          min={isoDay(tomorrow)}
          value={date}
          onInput={(e) => setDate(e.currentTarget.value)}
        />
        <button type="submit">{t('snoozeUntilDate')}</button>
      </form>
      <button type="button" class="quiet" onClick={onCancel}>
        {t('cancel')}
      </button>
    </fieldset>
  );
}
