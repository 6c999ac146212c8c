import { z } from 'zod';
import type { Rule } from './define-rule';
import { rules as registry } from './registry';
import { stageKey } from './stages';

/*
 * The radar's part of the user settings, generated from the rule registry: a new rule file
 * brings its own settings. Parsing repairs instead of rejecting: every field `.catch()`es back
 * to its default, so one bad value (an old version's, a hand-edited one) never loses the rest.
 */

export type Thresholds = Record<string, unknown>;

export interface RuleSettings {
  enabled: boolean;
  thresholds: Thresholds;
  /** Lower-case stage name → the thresholds that differ there. Only for rules with `perStage`. */
  stages?: Record<string, Thresholds>;
}

export interface DaySettings {
  /** Count business days instead of calendar days. */
  business: boolean;
  /** Weekend days, 0 = Sunday … 6 = Saturday. */
  weekend: number[];
}

export interface RadarSettings {
  /** Rule id → its settings. */
  rules: Record<string, RuleSettings>;
  days: DaySettings;
}

const DEFAULT_WEEKEND = [0, 6];

function withoutDefault(field: z.ZodType): z.ZodType {
  return field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field;
}

function fieldsOf(rule: Rule): Array<[string, z.ZodType]> {
  return Object.entries(rule.thresholds.shape as Record<string, z.ZodType>);
}

/** The rule's thresholds with every field repaired to its own default. */
export function thresholdsSchema(rule: Rule): z.ZodType<Thresholds> {
  const defaults = rule.thresholds.parse({}) as Thresholds;
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of fieldsOf(rule)) shape[key] = field.catch(defaults[key]);
  return z.object(shape).catch(() => ({ ...defaults }));
}

/** Some thresholds for one stage: an invalid field is dropped, so the rule's setting applies there. */
function partialThresholdsSchema(rule: Rule): z.ZodType<Thresholds> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of fieldsOf(rule)) shape[key] = withoutDefault(field).optional().catch(undefined);
  return z
    .object(shape)
    .catch(() => ({}))
    .transform((value) => {
      const out: Thresholds = {};
      for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = v;
      return out;
    });
}

function stagesSchema(rule: Rule): z.ZodType<Record<string, Thresholds>> {
  return z
    .record(z.string().max(200), partialThresholdsSchema(rule))
    .catch(() => ({}))
    .transform((value) => {
      const out: Record<string, Thresholds> = {};
      for (const [stage, thresholds] of Object.entries(value)) {
        const key = stageKey(stage);
        if (key !== '' && Object.keys(thresholds).length > 0) out[key] = { ...out[key], ...thresholds };
      }
      return out;
    });
}

export function defaultRuleSettings(rule: Rule): RuleSettings {
  const settings: RuleSettings = { enabled: true, thresholds: rule.thresholds.parse({}) as Thresholds };
  if (rule.perStage) settings.stages = {};
  return settings;
}

export function ruleSettingsSchema(rule: Rule): z.ZodType<RuleSettings> {
  const base = { enabled: z.boolean().catch(true), thresholds: thresholdsSchema(rule) };
  const fallback = () => defaultRuleSettings(rule);
  if (!rule.perStage) return z.object(base).catch(fallback);
  return z.object({ ...base, stages: stagesSchema(rule) }).catch(() => ({ ...fallback(), stages: {} }));
}

export const DaySettings: z.ZodType<DaySettings> = z
  .object({
    business: z.boolean().catch(false),
    weekend: z
      .array(z.unknown())
      // Keeps the valid days of a damaged list rather than dropping the user's choice.
      .transform((days) => {
        const valid = days.filter(
          (d): d is number => Number.isInteger(d) && Number(d) >= 0 && Number(d) <= 6,
        );
        return [...new Set(valid)].sort((a, b) => a - b);
      })
      // A week of weekend days leaves nothing to count.
      .refine((days) => days.length < 7)
      .catch(() => [...DEFAULT_WEEKEND]),
  })
  .catch(() => ({ business: false, weekend: [...DEFAULT_WEEKEND] }));

/** Builds the settings schema for a list of rules (the registry's, or a test's). */
export function buildRadarSettings(list: readonly Rule[]): z.ZodType<RadarSettings> {
  const ruleShape: Record<string, z.ZodType<RuleSettings>> = {};
  for (const rule of list) ruleShape[rule.id] = ruleSettingsSchema(rule);
  const defaultRules = (): Record<string, RuleSettings> =>
    Object.fromEntries(list.map((rule) => [rule.id, defaultRuleSettings(rule)]));
  return z
    .object({ rules: z.object(ruleShape).catch(defaultRules), days: DaySettings })
    .catch(() => ({ rules: defaultRules(), days: { business: false, weekend: [...DEFAULT_WEEKEND] } }));
}

export const RadarSettings = buildRadarSettings(registry);

export function defaultRadarSettings(): RadarSettings {
  return RadarSettings.parse({});
}

/** One rule's settings, falling back to defaults for a rule the stored settings do not know yet. */
export function settingsOfRule(settings: RadarSettings, rule: Rule): RuleSettings {
  return settings.rules[rule.id] ?? defaultRuleSettings(rule);
}

/** The thresholds a rule applies to a deal in `stage`: defaults, then the user's, then the stage's. */
export function thresholdsFor(settings: RadarSettings, rule: Rule, stage?: string): Thresholds {
  const own = settingsOfRule(settings, rule);
  const base = { ...(rule.thresholds.parse({}) as Thresholds), ...own.thresholds };
  const override = stage === undefined || !rule.perStage ? undefined : own.stages?.[stageKey(stage)];
  return override === undefined ? base : { ...base, ...override };
}

/** One threshold as the options page shows it. */
export interface ThresholdField {
  key: string;
  /** From `.describe()`: 'label (unit)'. */
  label: string;
  kind: 'number' | 'boolean';
  integer: boolean;
  min?: number;
  max?: number;
  default: unknown;
}

/** Describes a rule's thresholds for a generated options form. */
export function thresholdFields(rule: Rule): ThresholdField[] {
  const defaults = rule.thresholds.parse({}) as Thresholds;
  return fieldsOf(rule).map(([key, field]) => {
    const inner = withoutDefault(field);
    const base = { key, label: field.description ?? inner.description ?? key, default: defaults[key] };
    if (inner instanceof z.ZodNumber) {
      return {
        ...base,
        kind: 'number',
        integer: inner.isInt,
        ...(Number.isFinite(inner.minValue) ? { min: inner.minValue ?? undefined } : {}),
        ...(Number.isFinite(inner.maxValue) ? { max: inner.maxValue ?? undefined } : {}),
      };
    }
    return { ...base, kind: 'boolean', integer: false };
  });
}
