import { useMemo, useState } from 'preact/hooks';
import type { Rule } from '../radar/define-rule';
import { rules } from '../radar/registry';
import { defaultRuleSettings, type RuleSettings, settingsOfRule, type Thresholds } from '../radar/settings-schema';
import { isClosedStage, stageKey } from '../radar/stages';
import { type FormField, formFields } from '../settings/form-fields';
import type { Settings } from '../settings/schema';
import { t } from '../ui/i18n';
import { FieldInput } from './fields';
import { useFocusAfterRemoval } from './use-focus-after-removal';

interface SectionProps {
  settings: Settings;
  update(change: (current: Settings) => Settings): void;
  /** Stage key (lower-case) → the name as the CRM shows it, for every stage the radar has seen. */
  stages: Map<string, string>;
}

/** Changes one rule's settings in a settings object. */
function withRule(settings: Settings, rule: Rule, change: (current: RuleSettings) => RuleSettings): Settings {
  const current = settingsOfRule(settings.radar, rule);
  return { ...settings, radar: { ...settings.radar, rules: { ...settings.radar.rules, [rule.id]: change(current) } } };
}

/** An id-safe token for a stage key (stage names can hold any character). */
function token(text: string, index: number): string {
  return `${index}-${text.replace(/[^a-z0-9]+/gi, '-').slice(0, 30)}`;
}

function StageOverrides({ rule, fields, own, stages, onChange }: {
  rule: Rule;
  fields: FormField[];
  own: RuleSettings;
  stages: Map<string, string>;
  onChange(stagesSettings: Record<string, Thresholds>): void;
}) {
  const overrides = own.stages ?? {};
  const available = [...stages.entries()].filter(([key]) => !(key in overrides)).sort((a, b) => a[1].localeCompare(b[1]));
  const [choice, setChoice] = useState('');
  const selected = available.some(([key]) => key === choice) ? choice : (available[0]?.[0] ?? '');
  const base = `rule-${rule.id}-stage`;
  // A stage's thresholds removed: its button goes with them, and the focus moves to the choice
  // of a stage to add (the stage removed is there again), else to the list's heading.
  const focusAfterRemoval = useFocusAfterRemoval();
  return (
    <div class="stages">
      <h4 id={`${base}-title`} tabIndex={-1}>
        {t('optionsStagesTitle')}
      </h4>
      <p class="hint">{t('optionsStagesHint')}</p>
      {Object.entries(overrides).map(([key, values], index) => {
        const name = stages.get(key) ?? key;
        const id = `${base}-${token(key, index)}`;
        return (
          <fieldset class="stage" key={key} data-stage={key}>
            <legend>{t('optionsStageLegend', [name])}</legend>
            <div class="fields">
              {fields.map((field) => (
                <FieldInput
                  key={field.key}
                  id={`${id}-${field.key}`}
                  field={field}
                  value={values[field.key] ?? own.thresholds[field.key]}
                  onChange={(value) => onChange({ ...overrides, [key]: { ...values, [field.key]: value } })}
                />
              ))}
            </div>
            <button
              type="button"
              class="link-button"
              onClick={(e) => {
                const { [key]: _removed, ...rest } = overrides;
                focusAfterRemoval(e.currentTarget, () => document.getElementById(`${base}-add`) ?? document.getElementById(`${base}-title`));
                onChange(rest);
              }}
            >
              {t('optionsStageRemove', [name])}
            </button>
          </fieldset>
        );
      })}
      {available.length > 0 ? (
        <div class="add-row">
          <label for={`${base}-add`}>{t('optionsStageAddLabel')}</label>
          <select id={`${base}-add`} value={selected} onChange={(e) => setChoice(e.currentTarget.value)}>
            {available.map(([key, name]) => (
              <option key={key} value={key}>
                {name}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={selected === ''}
            // A new override starts from the rule's own thresholds, so it is complete from the start.
            onClick={() => selected && onChange({ ...overrides, [selected]: { ...own.thresholds } })}
          >
            {t('optionsStageAdd')}
          </button>
        </div>
      ) : (
        <p class="hint">{stages.size === 0 ? t('optionsStagesNoneSeen') : t('optionsStagesAllSet')}</p>
      )}
    </div>
  );
}

function RuleCard({ rule, settings, update, stages }: SectionProps & { rule: Rule }) {
  const fields = useMemo(() => formFields(rule.thresholds), [rule]);
  const own = settingsOfRule(settings.radar, rule);
  const id = `rule-${rule.id}`;
  const set = (change: (current: RuleSettings) => RuleSettings) => update((s) => withRule(s, rule, change));
  return (
    <article class={`rule${own.enabled ? '' : ' rule-off'}`} data-rule={rule.id} aria-labelledby={`${id}-title`}>
      <div class="rule-head">
        <input
          id={`${id}-on`}
          type="checkbox"
          checked={own.enabled}
          aria-describedby={`${id}-desc`}
          onChange={(e) => {
            const enabled = e.currentTarget.checked;
            set((current) => ({ ...current, enabled }));
          }}
        />
        <h3 id={`${id}-title`}>
          <label for={`${id}-on`}>{rule.title}</label>
        </h3>
        {rule.scope === 'pipeline' && <span class="tag">{t('optionsPipelineRule')}</span>}
      </div>
      <p class="rule-desc" id={`${id}-desc`}>
        {rule.description}
      </p>
      {fields.length > 0 && (
        <div class="fields">
          {fields.map((field) => (
            <FieldInput
              key={field.key}
              id={`${id}-${field.key}`}
              field={field}
              value={own.thresholds[field.key]}
              onChange={(value) => set((current) => ({ ...current, thresholds: { ...current.thresholds, [field.key]: value } }))}
            />
          ))}
        </div>
      )}
      {rule.perStage && fields.length > 0 && (
        <StageOverrides
          rule={rule}
          fields={fields}
          own={own}
          stages={stages}
          onChange={(next) => set((current) => ({ ...current, stages: next }))}
        />
      )}
      {fields.length > 0 && (
        <button
          type="button"
          class="link-button"
          onClick={() => set(() => defaultRuleSettings(rule))}
        >
          {t('optionsRuleReset', [rule.title])}
        </button>
      )}
    </article>
  );
}

/** Every radar rule: on or off, its thresholds, and per-stage overrides where the rule allows them. */
export function RulesSection(props: SectionProps) {
  return (
    <section class="card" aria-labelledby="rules-title">
      <h2 id="rules-title">{t('optionsRulesTitle')}</h2>
      <p class="hint">{t('optionsRulesHint')}</p>
      <div class="rules">
        {rules.map((rule) => (
          <RuleCard key={rule.id} rule={rule} {...props} />
        ))}
      </div>
    </section>
  );
}

/** Stage keys seen on any site → a display name (the first spelling seen). */
export function stagesSeen(sites: ReadonlyArray<{ stages: string[] }>): Map<string, string> {
  const out = new Map<string, string>();
  for (const site of sites) {
    for (const stage of site.stages) {
      const key = stageKey(stage);
      // Won and lost deals are never scored: no thresholds to set there.
      if (key !== '' && !out.has(key) && !isClosedStage(stage)) out.set(key, stage.trim());
    }
  }
  return out;
}
