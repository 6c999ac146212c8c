import { useEffect, useState } from 'preact/hooks';
import { type FormField, type NumberField, type NumberProblem, readNumber } from '../settings/form-fields';
import { t } from '../ui/i18n';

/*
 * One input per threshold, generated from the rule's schema (settings/form-fields.ts):
 * numbers with their range, step and unit; booleans as checkboxes; enums as selects.
 */

interface FieldProps {
  /** Unique in the page: the input's id and the prefix of its hint and error ids. */
  id: string;
  field: FormField;
  value: unknown;
  onChange(value: unknown): void;
  disabled?: boolean;
}

function formatNumber(n: number): string {
  return new Intl.NumberFormat(navigator.language, { maximumFractionDigits: 6 }).format(n);
}

/** 'from 1 to 365' for the hint under a number input. */
export function rangeText(field: NumberField): string {
  const { min, max } = field;
  if (min !== undefined && max !== undefined) return t('optionsRangeBetween', [formatNumber(min), formatNumber(max)]);
  if (min !== undefined) return t('optionsRangeFrom', [formatNumber(min)]);
  if (max !== undefined) return t('optionsRangeUpTo', [formatNumber(max)]);
  return '';
}

function problemText(field: NumberField, problem: NumberProblem): string {
  switch (problem) {
    case 'empty':
      return t('optionsErrorEmpty');
    case 'not-a-number':
      return t('optionsErrorNotNumber');
    case 'not-whole':
      return t('optionsErrorWhole');
    case 'step':
      return t('optionsErrorStep', [String(field.step)]);
    case 'too-small':
    case 'too-large':
      return t('optionsErrorRange', [rangeText(field)]);
  }
}

function NumberInput({ id, field, value, onChange, disabled }: FieldProps & { field: NumberField }) {
  const shown = typeof value === 'number' ? String(value) : '';
  const [text, setText] = useState(shown);
  const [problem, setProblem] = useState<NumberProblem | null>(null);
  // A new value from outside (saved, reset, imported) replaces what was typed.
  useEffect(() => {
    setText(shown);
    setProblem(null);
  }, [shown]);

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hint = [field.unit, rangeText(field)].filter(Boolean).join(' · ');
  return (
    <div class="field field-number">
      <label for={id}>{field.label}</label>
      <div class="field-row">
        <input
          id={id}
          type="number"
          inputMode={field.integer ? 'numeric' : 'decimal'}
          value={text}
          min={field.min}
          max={field.max}
          step={field.step}
          disabled={disabled}
          aria-invalid={problem ? 'true' : undefined}
          aria-describedby={problem ? `${hintId} ${errorId}` : hintId}
          onInput={(e) => {
            const next = e.currentTarget.value;
            setText(next);
            const read = readNumber(field, next);
            setProblem('problem' in read ? read.problem : null);
          }}
          onChange={(e) => {
            const read = readNumber(field, e.currentTarget.value);
            if ('value' in read) {
              if (read.value !== value) onChange(read.value);
            } else setProblem(read.problem);
          }}
        />
        <span class="hint" id={hintId}>
          {hint}
        </span>
      </div>
      {problem && (
        <p class="field-error" id={errorId} role="alert">
          {problemText(field, problem)}
        </p>
      )}
    </div>
  );
}

/** The control for one generated field. */
export function FieldInput(props: FieldProps) {
  const { id, field, value, onChange, disabled } = props;
  switch (field.kind) {
    case 'number':
      return <NumberInput {...props} field={field} />;
    case 'boolean':
      return (
        <div class="field field-boolean">
          <input
            id={id}
            type="checkbox"
            checked={value === true}
            disabled={disabled}
            onChange={(e) => onChange(e.currentTarget.checked)}
          />
          <label for={id}>{field.label}</label>
        </div>
      );
    case 'enum':
      return (
        <div class="field field-enum">
          <label for={id}>{field.label}</label>
          <select id={id} value={String(value)} disabled={disabled} onChange={(e) => onChange(e.currentTarget.value)}>
            {field.options.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </div>
      );
    case 'other':
      return (
        <div class="field field-other">
          <span id={id}>{field.label}</span>: <output aria-labelledby={id}>{JSON.stringify(value)}</output>
        </div>
      );
  }
}
