import { describe, expect, it } from 'vitest';
import { parseDay, pastDay } from '../../../src/parse';

const today = '2026-11-27';

describe('parseDay: relative dates against an injected today (2026-11-27)', () => {
  it.each<[string, string, number?]>([
    ['today', '2026-11-27'],
    ['Today', '2026-11-27'],
    ['Today at 10:15 AM', '2026-11-27'],
    ['now', '2026-11-27'],
    ['just now', '2026-11-27'],
    ['an hour ago', '2026-11-27'],
    ['5 minutes ago', '2026-11-27'],
    ['5 min ago', '2026-11-27'],
    ['30 seconds ago', '2026-11-27'],
    ['less than a minute ago', '2026-11-27'],
    ['yesterday', '2026-11-26'],
    ['Yesterday, 3:45 PM', '2026-11-26'],
    ['tomorrow', '2026-11-28'],
    ['the day before yesterday', '2026-11-25'],
    ['3 days ago', '2026-11-24'],
    ['1 day ago', '2026-11-26'],
    ['3d ago', '2026-11-24'],
    ['36 hours ago', '2026-11-26'],
    ['a week ago', '2026-11-20', 3],
    ['2 weeks ago', '2026-11-13', 3],
    ['a fortnight ago', '2026-11-13', 3],
    ['2 months ago', '2026-09-27', 15],
    ['about 2 months ago', '2026-09-27', 15],
    ['over 1 year ago', '2025-11-27', 182],
    ['a year ago', '2025-11-27', 182],
    ['1 year 2 months ago', '2025-09-27', 15],
    ['2 weeks and 3 days ago', '2026-11-10'],
    ['in 3 days', '2026-11-30'],
    ['in 2 weeks', '2026-12-11', 3],
    ['in a month', '2026-12-27', 15],
    ['3 days from now', '2026-11-30'],
    ['due in 3 days', '2026-11-30'],
    ['Due today', '2026-11-27'],
    ['Overdue by 3 days', '2026-11-24'],
    ['3 days overdue', '2026-11-24'],
    ['last week', '2026-11-20', 3],
    ['next week', '2026-12-04', 3],
    ['last month', '2026-10-27', 15],
    ['next year', '2027-11-27', 182],
    // German and French basics
    ['heute', '2026-11-27'],
    ['gestern', '2026-11-26'],
    ['morgen', '2026-11-28'],
    ['vorgestern', '2026-11-25'],
    ['vor 3 Tagen', '2026-11-24'],
    ['vor einem Tag', '2026-11-26'],
    ['vor 2 Wochen', '2026-11-13', 3],
    ['vor einem Monat', '2026-10-27', 15],
    ['in 3 Tagen', '2026-11-30'],
    ["aujourd'hui", '2026-11-27'],
    ['aujourd’hui', '2026-11-27'],
    ['hier', '2026-11-26'],
    ['demain', '2026-11-28'],
    ['avant-hier', '2026-11-25'],
    ['il y a 3 jours', '2026-11-24'],
    ['il y a une semaine', '2026-11-20', 3],
    ['il y a 2 mois', '2026-09-27', 15],
    ['dans 3 jours', '2026-11-30'],
  ])('%s → %s', (raw, day, slack) => {
    // Wording in weeks, months or years is rounded: `slack` days either way of the day named.
    expect(parseDay(raw, { locale: 'en-US', today })).toEqual(
      slack ? { ok: true, day, relative: true, slack } : { ok: true, day, relative: true },
    );
  });

  it('reads rough wording of a date that can only lie in the past as the least age it allows', () => {
    // CRMs round: "a month ago" is said of about 15 to 45 days ago. Read as 31 days, it crossed a
    // 30-day critical line on a guess.
    const read = (raw: string, on = today) => pastDay(parseDay(raw, { locale: 'en-US', today: on }), on);
    expect(read('a month ago')).toEqual({ ok: true, day: '2026-11-11', relative: true, rough: true });
    expect(read('3 months ago')).toMatchObject({ day: '2026-09-11', rough: true });
    expect(read('a week ago')).toMatchObject({ day: '2026-11-23', rough: true });
    // Exact to the day: the days shown set it.
    expect(read('1 month 3 days ago')).toEqual({ ok: true, day: '2026-10-24', relative: true });
    expect(read('45 days ago')).toEqual({ ok: true, day: '2026-10-13', relative: true });
    // The clamp of a short month comes first: 28 Feb, then the slack.
    expect(read('a month ago', '2026-03-31')).toMatchObject({ day: '2026-03-15', rough: true });
    // A date that may lie ahead (a next activity "overdue by 2 weeks") keeps the day named.
    expect(parseDay('Overdue by 2 weeks', { locale: 'en-US', today })).toEqual({ ok: true, day: '2026-11-13', relative: true, slack: 3 });
  });

  it('clamps months to their last day', () => {
    expect(parseDay('a month ago', { locale: 'en-US', today: '2026-03-31' })).toMatchObject({
      day: '2026-02-28',
    });
    expect(parseDay('in 1 month', { locale: 'en-US', today: '2028-01-31' })).toMatchObject({
      day: '2028-02-29',
    });
  });

  it('works whatever the page locale', () => {
    for (const locale of ['', 'de-DE', 'fr-FR', 'ja-JP']) {
      expect(parseDay('3 days ago', { locale, today })).toEqual({
        ok: true,
        day: '2026-11-24',
        relative: true,
      });
    }
  });

  it.each<[string, string]>([
    ['3 days', 'unreadable'],
    ['ago', 'unreadable'],
    ['in days', 'unreadable'],
    ['a few days ago', 'unreadable'],
    ['3 parsecs ago', 'unreadable'],
    ['100 years ago', 'unreadable'],
    ['in 200 years', 'unreadable'],
    ['in 1.5 months', 'unreadable'],
  ])('%s → %s', (raw, reason) => {
    expect(parseDay(raw, { locale: 'en-US', today })).toEqual({ ok: false, reason });
  });

  it('needs a valid today', () => {
    expect(parseDay('yesterday', { locale: 'en-US', today: '2026-02-30' })).toEqual({
      ok: false,
      reason: 'unreadable',
    });
  });
});
