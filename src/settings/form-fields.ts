import type { z } from 'zod';

/*
 * Walks a rule's Zod 4 threshold schema into form fields for the options page, so a new
 * rule (or a new threshold) brings its own inputs. Reads the schema's definition only:
 * `def.type`, wrappers' `innerType`, number checks, enum entries and `.describe()` text.
 */

interface FieldBase {
  key: string;
  /** The part of `.describe()` before the unit: 'Warn after'. */
  label: string;
  /** The text in the last brackets of `.describe()`: 'days without activity'; absent for on/off. */
  unit?: string;
  default: unknown;
}

export interface NumberField extends FieldBase {
  kind: 'number';
  integer: boolean;
  min?: number;
  max?: number;
  /** Lower/upper bounds that exclude the value itself (`.gt()`, `.lt()`). */
  minExclusive?: boolean;
  maxExclusive?: boolean;
  /** For the input's `step`: 1 for integers, the `.multipleOf()` value, else 'any'. */
  step: number | 'any';
}

export interface BooleanField extends FieldBase {
  kind: 'boolean';
}

export interface EnumField extends FieldBase {
  kind: 'enum';
  options: string[];
}

/** A type the form does not know how to edit (shown read-only, never lost). */
export interface OtherField extends FieldBase {
  kind: 'other';
  type: string;
}

export type FormField = NumberField | BooleanField | EnumField | OtherField;

/** The parts of a Zod 4 definition the walker reads. */
interface Def {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  checks?: Array<{ _zod: { def: CheckDef } }>;
  entries?: Record<string, string | number>;
}

interface CheckDef {
  check: string;
  value?: unknown;
  inclusive?: boolean;
  format?: string;
}

/** Wrappers that only add a default, a fallback or optionality around the real type. */
const WRAPPERS = new Set(['default', 'prefault', 'catch', 'optional', 'nullable', 'readonly', 'nonoptional']);

const INTEGER_FORMATS = new Set(['safeint', 'int32', 'uint32', 'int64', 'uint64']);

function defOf(schema: z.ZodType): Def {
  return schema.def as unknown as Def;
}

/** Unwraps default/catch/optional… and returns the inner schema, its default and the first description. */
export function unwrap(schema: z.ZodType): { inner: z.ZodType; description: string | undefined; default: unknown } {
  let inner = schema;
  let description = schema.description;
  let fallback: unknown;
  for (let depth = 0; depth < 20; depth++) {
    const def = defOf(inner);
    if (!WRAPPERS.has(def.type) || !def.innerType) break;
    if ((def.type === 'default' || def.type === 'prefault') && fallback === undefined) fallback = def.defaultValue;
    inner = def.innerType;
    description ??= inner.description;
  }
  return { inner, description, default: fallback };
}

/** 'Warn after (days without activity)' → label 'Warn after', unit 'days without activity'. */
export function splitDescription(text: string | undefined, key: string): { label: string; unit?: string } {
  const source = text?.trim() || key;
  const m = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(source);
  if (!m) return { label: source };
  const label = m[1]?.trim() || key;
  const unit = m[2]?.trim();
  // '(on/off)' says it is a switch, which the checkbox already shows.
  if (!unit || /^on\s*\/\s*off$/i.test(unit)) return { label };
  return { label, unit };
}

function numberField(base: FieldBase, def: Def): NumberField {
  const field: NumberField = { ...base, kind: 'number', integer: false, step: 'any' };
  let multipleOf: number | undefined;
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'number_format' && c.format && INTEGER_FORMATS.has(c.format)) field.integer = true;
    else if (c.check === 'greater_than' && typeof c.value === 'number') {
      if (field.min === undefined || c.value >= field.min) {
        field.min = c.value;
        field.minExclusive = c.inclusive === false;
      }
    } else if (c.check === 'less_than' && typeof c.value === 'number') {
      if (field.max === undefined || c.value <= field.max) {
        field.max = c.value;
        field.maxExclusive = c.inclusive === false;
      }
    } else if (c.check === 'multiple_of' && typeof c.value === 'number') multipleOf = c.value;
  }
  if (!field.minExclusive) delete field.minExclusive;
  if (!field.maxExclusive) delete field.maxExclusive;
  field.step = multipleOf ?? (field.integer ? 1 : 'any');
  return field;
}

/** One form field for one threshold schema. */
export function formField(key: string, schema: z.ZodType): FormField {
  const { inner, description, default: fallback } = unwrap(schema);
  const { label, unit } = splitDescription(description, key);
  const base: FieldBase = { key, label, ...(unit ? { unit } : {}), default: fallback };
  const def = defOf(inner);
  switch (def.type) {
    case 'number':
      return numberField(base, def);
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'enum':
      return { ...base, kind: 'enum', options: Object.values(def.entries ?? {}).map(String) };
    default:
      return { ...base, kind: 'other', type: def.type };
  }
}

/** The form of an object schema (a rule's thresholds), in the schema's key order. */
export function formFields(schema: z.ZodObject): FormField[] {
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([key, field]) => formField(key, field));
}

/** Why a typed value does not fit a number field, or null when it does. */
export type NumberProblem = 'empty' | 'not-a-number' | 'not-whole' | 'too-small' | 'too-large' | 'step';

/** Reads what the user typed into a number field: the value, or what is wrong with it. */
export function readNumber(field: NumberField, text: string): { value: number } | { problem: NumberProblem } {
  const trimmed = text.trim();
  if (trimmed === '') return { problem: 'empty' };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { problem: 'not-a-number' };
  if (field.integer && !Number.isInteger(value)) return { problem: 'not-whole' };
  if (field.min !== undefined && (field.minExclusive ? value <= field.min : value < field.min)) return { problem: 'too-small' };
  if (field.max !== undefined && (field.maxExclusive ? value >= field.max : value > field.max)) return { problem: 'too-large' };
  if (typeof field.step === 'number' && !field.integer) {
    const ratio = value / field.step;
    if (Math.abs(ratio - Math.round(ratio)) > 1e-9) return { problem: 'step' };
  }
  return { value };
}
