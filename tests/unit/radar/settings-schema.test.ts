import { describe, expect, it } from 'vitest';
import { rules } from '../../../src/radar/registry';
import {
  defaultRadarSettings,
  RadarSettings,
  thresholdFields,
  thresholdsFor,
} from '../../../src/radar/settings-schema';

const ruleOf = (id: string) => {
  const rule = rules.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule;
};

describe('radar settings', () => {
  it('has defaults for every rule and the days', () => {
    const settings = defaultRadarSettings();
    expect(Object.keys(settings.rules)).toEqual(rules.map((r) => r.id));
    expect(settings.days).toEqual({ business: false, weekend: [0, 6] });
    expect(settings.rules['no-activity']).toEqual({
      enabled: true,
      thresholds: { days: 14, criticalDays: 30, quietWhenBooked: false },
      stages: {},
    });
    // Per-stage overrides only for rules that allow them.
    expect(settings.rules.aging).toEqual({ enabled: true, thresholds: { days: 90, criticalDays: 180 } });
  });

  it('round-trips', () => {
    const settings = RadarSettings.parse({
      rules: {
        'stalled-in-stage': { enabled: false, thresholds: { days: 10 }, stages: { Proposal: { days: 5 } } },
      },
      days: { business: true, weekend: [5, 6] },
    });
    expect(RadarSettings.parse(JSON.parse(JSON.stringify(settings)))).toEqual(settings);
  });

  it.each<{ name: string; input: unknown; check: (s: RadarSettings) => unknown; expected: unknown }>([
    { name: 'not an object', input: 'junk', check: (s) => s, expected: defaultRadarSettings() },
    { name: 'null', input: null, check: (s) => s, expected: defaultRadarSettings() },
    {
      name: 'one threshold out of range, the others kept',
      input: { rules: { 'no-activity': { thresholds: { days: -3, criticalDays: 40 } } } },
      check: (s) => s.rules['no-activity']?.thresholds,
      expected: { days: 14, criticalDays: 40, quietWhenBooked: false },
    },
    {
      name: 'a wrong type',
      input: { rules: { 'no-activity': { enabled: 'yes', thresholds: { quietWhenBooked: 'maybe' } } } },
      check: (s) => [s.rules['no-activity']?.enabled, s.rules['no-activity']?.thresholds.quietWhenBooked],
      expected: [true, false],
    },
    {
      name: 'a fraction where an integer is due',
      input: { rules: { aging: { thresholds: { days: 12.5 } } } },
      check: (s) => s.rules.aging?.thresholds.days,
      expected: 90,
    },
    {
      name: 'stage names lower-cased, bad fields dropped, empty stages dropped',
      input: {
        rules: {
          'stalled-in-stage': {
            stages: { ' Proposal ': { days: 7, criticalFactor: 'x' }, Demo: { days: 0 }, Lead: 'x' },
          },
        },
      },
      check: (s) => s.rules['stalled-in-stage']?.stages,
      expected: { proposal: { days: 7 } },
    },
    {
      name: 'stages ignored for a rule without per-stage thresholds',
      input: { rules: { aging: { stages: { proposal: { days: 10 } } } } },
      check: (s) => s.rules.aging,
      expected: { enabled: true, thresholds: { days: 90, criticalDays: 180 } },
    },
    {
      name: 'unknown rules dropped',
      input: { rules: { gone: { enabled: false } } },
      check: (s) => s.rules.gone,
      expected: undefined,
    },
    {
      name: 'weekend with bad entries',
      input: { days: { business: true, weekend: [6, 5, 5, 9, 'x'] } },
      check: (s) => s.days,
      expected: { business: true, weekend: [5, 6] },
    },
    {
      name: 'a weekend of seven days',
      input: { days: { weekend: [0, 1, 2, 3, 4, 5, 6] } },
      check: (s) => s.days.weekend,
      expected: [0, 6],
    },
  ])('repairs $name', ({ input, check, expected }) => {
    expect(check(RadarSettings.parse(input))).toEqual(expected);
  });

  it('merges defaults, the user thresholds and the stage override', () => {
    const settings = RadarSettings.parse({
      rules: { 'stalled-in-stage': { thresholds: { criticalFactor: 3 }, stages: { proposal: { days: 7 } } } },
    });
    const rule = ruleOf('stalled-in-stage');
    expect(thresholdsFor(settings, rule)).toEqual({ days: 21, criticalFactor: 3 });
    expect(thresholdsFor(settings, rule, 'PROPOSAL')).toEqual({ days: 7, criticalFactor: 3 });
    expect(thresholdsFor(settings, rule, 'Demo')).toEqual({ days: 21, criticalFactor: 3 });
  });

  it('describes thresholds for the options form', () => {
    expect(thresholdFields(ruleOf('no-activity'))).toEqual([
      {
        key: 'days',
        label: 'Warn after (days without activity)',
        kind: 'number',
        integer: true,
        min: 1,
        max: 365,
        default: 14,
      },
      {
        key: 'criticalDays',
        label: 'Critical after (days without activity)',
        kind: 'number',
        integer: true,
        min: 1,
        max: 730,
        default: 30,
      },
      {
        key: 'quietWhenBooked',
        label: 'Quiet while a future activity is booked (on/off)',
        kind: 'boolean',
        integer: false,
        default: false,
      },
    ]);
  });
});
