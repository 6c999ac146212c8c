import { useId, useRef, useState } from 'preact/hooks';
import type { Warning } from '../radar/model';
import { ruleTitle } from './rule-title';
import { showsAs } from '../radar/lifecycle';
import { shownOf, useActions } from './actions';
import { t } from './i18n';
import { SnoozePanel } from './snooze-panel';

interface Props {
  warning: Warning;
  /** The deal's name (or the site, for a pipeline warning): names the checkbox for screen readers. */
  subject: string;
  /** Heading level of the warning's title. */
  level: 3 | 4;
  pipeline?: boolean;
}

function severityLabel(severity: Warning['severity']): string {
  return t(severity === 'critical' ? 'severityCritical' : 'severityWarn');
}

export function SeverityTag({ severity }: { severity: Warning['severity'] }) {
  return <span class="severity">{severityLabel(severity)}</span>;
}

/** One warning: severity, the rule's title, the facts, the nudge; select, snooze, dismiss. */
export function WarningItem({ warning: w, subject, level, pipeline = false }: Props) {
  const actions = useActions();
  const id = useId();
  const [snoozing, setSnoozing] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLInputElement>(null);
  const title = ruleTitle(w.ruleId);
  // Selected, and shown otherwise now than when it was picked: a rescan changed it meanwhile.
  const picked = actions.selected.get(w.id);
  const changed = picked !== undefined && !showsAs(w, picked);
  const Heading = level === 3 ? 'h3' : 'h4';
  const close = () => {
    setSnoozing(false);
    toggle.current?.focus();
  };

  return (
    <article
      class={`warning sev-${w.severity}${pipeline ? ' pipeline' : ''}`}
      data-rule={w.ruleId}
      aria-labelledby={`${id}-t`}
    >
      <div class="warning-head">
        <input
          type="checkbox"
          class="select"
          id={`${id}-s`}
          ref={box}
          checked={picked !== undefined}
          aria-describedby={changed ? `${id}-c` : undefined}
          onChange={(e) => actions.select(shownOf(w), e.currentTarget.checked)}
        />
        <label for={`${id}-s`} class="visually-hidden">
          {t('selectWarning', [title, subject])}
        </label>
        <Heading class="warning-title" id={`${id}-t`}>
          <SeverityTag severity={w.severity} /> {title}
        </Heading>
      </div>
      {changed && (
        <p class="changed-note" id={`${id}-c`}>
          {picked.severity === w.severity
            ? t('changedFacts')
            : t('changedSeverity', [severityLabel(picked.severity), severityLabel(w.severity)])}{' '}
          <button
            type="button"
            class="link"
            aria-label={t('selectAgain', [title, subject])}
            onClick={() => {
              // The button goes with the note: the focus goes to the checkbox it stands for.
              box.current?.focus();
              actions.select(shownOf(w), true);
            }}
          >
            {t('selectAgainShort')}
          </button>
        </p>
      )}
      <ul class="facts">
        {w.facts.map((f, i) => (
          <li key={i}>{f}</li>
        ))}
      </ul>
      <p class="nudge">{w.nudge}</p>
      <div class="actions">
        <button
          type="button"
          ref={toggle}
          aria-expanded={snoozing}
          aria-controls={`${id}-p`}
          onClick={() => setSnoozing(!snoozing)}
        >
          {t('snooze')}
        </button>
        <button type="button" title={t('dismissHint')} onClick={() => actions.dismiss([shownOf(w)])}>
          {t('dismiss')}
        </button>
      </div>
      <div id={`${id}-p`} hidden={!snoozing}>
        {snoozing && (
          <SnoozePanel
            label={t('snoozeWhat', [title])}
            onCancel={close}
            onSnooze={(until, reason) => {
              setSnoozing(false);
              // The panel goes now, the warning once the background has it (the Undo toast then
              // takes the focus): until then, and if it fails, the focus waits on Snooze.
              toggle.current?.focus();
              actions.snooze([shownOf(w)], until, reason);
            }}
          />
        )}
      </div>
    </article>
  );
}
