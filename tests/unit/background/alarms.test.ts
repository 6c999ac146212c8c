import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { ensureSnoozeAlarm, SNOOZE_ALARM } from '../../../src/background/alarms';
import type { Warning } from '../../../src/radar/model';
import { openDb, type RadarDB } from '../../../src/store/db';
import { fakeState } from '../../support/fake-browser';
import { resetBrowser } from '../settings/browser-extras';

const NOW = Date.now();
const HOUR = 60 * 60 * 1000;
let db: RadarDB;

beforeEach(async () => {
  resetBrowser();
  db = openDb(`alarms-${Math.random()}`);
  await db.open();
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const warning = (id: string, status: Warning['status'], snoozeUntil?: number): Warning => ({
  id,
  site: 'crm.test',
  dealId: `crm.test|/deals/${id}`,
  dealIds: [`crm.test|/deals/${id}`],
  ruleId: 'no-activity',
  severity: 'warn',
  score: 50,
  facts: ['Last activity 20 days ago'],
  nudge: 'How can I …?',
  fingerprint: 'warn',
  status,
  raisedAt: NOW - 10 * HOUR,
  updatedAt: NOW - HOUR,
  ...(snoozeUntil === undefined ? {} : { snoozeUntil }),
});

test('a worker that starts without the snooze alarm sets it for the earliest snooze end', async () => {
  await db.warnings.bulkPut([
    warning('a', 'snoozed', NOW + 5 * HOUR),
    warning('b', 'snoozed', NOW + 2 * HOUR),
    // A snooze a restore ended keeps no time; an active one is not waited for.
    warning('c', 'active'),
  ]);
  expect(fakeState.alarms.has(SNOOZE_ALARM)).toBe(false);
  await ensureSnoozeAlarm(db);
  expect(fakeState.alarms.get(SNOOZE_ALARM)?.scheduledTime).toBe(NOW + 2 * HOUR);
});

test('an alarm already set is left as it is; with nothing snoozed none is set', async () => {
  await ensureSnoozeAlarm(db);
  expect(fakeState.alarms.has(SNOOZE_ALARM)).toBe(false);
  await db.warnings.put(warning('a', 'snoozed', NOW + 5 * HOUR));
  fakeState.alarms.set(SNOOZE_ALARM, { name: SNOOZE_ALARM, scheduledTime: NOW + HOUR });
  await ensureSnoozeAlarm(db);
  expect(fakeState.alarms.get(SNOOZE_ALARM)?.scheduledTime).toBe(NOW + HOUR);
});
