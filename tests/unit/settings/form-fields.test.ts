import { z } from 'zod';
import { describe, expect, test } from 'vitest';
import { rules } from '../../../src/radar/registry';
import { type NumberField, formField, formFields, readNumber, splitDescription, unwrap } from '../../../src/settings/form-fields';

describe('the schema-to-form walker', () => {
  test('no-activity: numbers with range, step and unit; a boolean as a checkbox', () => {
    const rule = rules.find((r) => r.id === 'no-activity');
    if (!rule) throw new Error('no-activity missing');
    expect(formFields(rule.thresholds)).toEqual([
      { key: 'days', kind: 'number', label: 'Warn after', unit: 'days without activity', default: 14, integer: true, min: 1, max: 365, step: 1 },
      { key: 'criticalDays', kind: 'number', label: 'Critical after', unit: 'days without activity', default: 30, integer: true, min: 1, max: 730, step: 1 },
      { key: 'quietWhenBooked', kind: 'boolean', label: 'Quiet while a future activity is booked', default: false },
    ]);
  });

  test('a fractional threshold gets step "any"', () => {
    const rule = rules.find((r) => r.id === 'stalled-in-stage');
    const factor = rule && formFields(rule.thresholds).find((f) => f.key === 'criticalFactor');
    expect(factor).toMatchObject({ kind: 'number', integer: false, min: 1, max: 10, step: 'any', default: 2 });
  });

  test.each(rules.map((rule) => [rule.id, rule] as const))('%s: every threshold has a form field, a label and its default', (_id, rule) => {
    const defaults = rule.thresholds.parse({}) as Record<string, unknown>;
    const fields = formFields(rule.thresholds);
    expect(fields.map((f) => f.key)).toEqual(Object.keys(rule.thresholds.shape));
    for (const field of fields) {
      expect(field.kind).not.toBe('other');
      expect(field.label).not.toBe(field.key);
      expect(field.default).toEqual(defaults[field.key]);
      if (field.kind === 'number') {
        expect(field.unit, `${rule.id}.${field.key} has a unit`).toBeTruthy();
        expect(readNumber(field, String(field.default))).toEqual({ value: field.default });
      }
    }
  });

  test('unwraps default, catch, optional and nullable in any order, keeping the outer description', () => {
    const schema = z.number().int().min(0).max(9).optional().nullable().default(3).catch(3).describe('Outer (things)');
    const { inner, description, default: fallback } = unwrap(schema);
    expect(inner.def.type).toBe('number');
    expect(description).toBe('Outer (things)');
    expect(fallback).toBe(3);
    expect(formField('n', schema)).toMatchObject({ kind: 'number', label: 'Outer', unit: 'things', min: 0, max: 9, integer: true });
  });

  test('a description on the inner schema is found too', () => {
    expect(formField('x', z.boolean().describe('Inner flag (on/off)').default(true))).toEqual({ key: 'x', kind: 'boolean', label: 'Inner flag', default: true });
  });

  test('enums become selects', () => {
    expect(formField('mode', z.enum(['calendar', 'business']).default('calendar').describe('Count (days)'))).toEqual({
      key: 'mode',
      kind: 'enum',
      label: 'Count',
      unit: 'days',
      default: 'calendar',
      options: ['calendar', 'business'],
    });
  });

  test('exclusive bounds and multipleOf', () => {
    const field = formField('p', z.number().gt(0).lt(1).multipleOf(0.05)) as NumberField;
    expect(field).toMatchObject({ kind: 'number', min: 0, max: 1, minExclusive: true, maxExclusive: true, step: 0.05, integer: false });
    expect(readNumber(field, '0')).toEqual({ problem: 'too-small' });
    expect(readNumber(field, '1')).toEqual({ problem: 'too-large' });
    expect(readNumber(field, '0.07')).toEqual({ problem: 'step' });
    expect(readNumber(field, '0.35')).toEqual({ value: 0.35 });
  });

  test('the tightest of several bounds wins', () => {
    expect(formField('n', z.number().min(1).min(5).max(100).max(50))).toMatchObject({ min: 5, max: 50 });
  });

  test('an unknown type is kept as "other", never dropped', () => {
    expect(formField('s', z.string().default('x'))).toMatchObject({ kind: 'other', type: 'string', default: 'x' });
    expect(formField('d', z.date())).toMatchObject({ kind: 'other', type: 'date', label: 'd' });
  });

  test('without a description the key is the label', () => {
    expect(formField('minDeals', z.number())).toMatchObject({ label: 'minDeals' });
    expect(splitDescription(undefined, 'k')).toEqual({ label: 'k' });
    expect(splitDescription('No unit', 'k')).toEqual({ label: 'No unit' });
    expect(splitDescription('Share (%)', 'k')).toEqual({ label: 'Share', unit: '%' });
    expect(splitDescription('(days)', 'k')).toEqual({ label: 'k', unit: 'days' });
  });

  test('reading what was typed', () => {
    const field = formField('days', z.number().int().min(1).max(365)) as NumberField;
    expect(readNumber(field, ' 40 ')).toEqual({ value: 40 });
    expect(readNumber(field, '')).toEqual({ problem: 'empty' });
    expect(readNumber(field, 'abc')).toEqual({ problem: 'not-a-number' });
    expect(readNumber(field, 'Infinity')).toEqual({ problem: 'not-a-number' });
    expect(readNumber(field, '4.5')).toEqual({ problem: 'not-whole' });
    expect(readNumber(field, '0')).toEqual({ problem: 'too-small' });
    expect(readNumber(field, '366')).toEqual({ problem: 'too-large' });
  });
});
