import { z } from 'zod';

/**
 * The deal fields Deal Radar reads off a page. A site profile maps the labels
 * its CRM shows (column headers, record labels) to these names.
 */
export const FIELD_NAMES = [
  'name',
  'stage',
  'amount',
  'closeDate',
  'lastActivity',
  'nextActivity',
  'nextStep',
  'owner',
  'created',
  'modified',
  'stageEntered',
  'probability',
  'contacts',
  'status',
] as const;

export const FieldName = z.enum(FIELD_NAMES);
export type FieldName = z.infer<typeof FieldName>;

/**
 * Activity status read from icons on board cards (Pipedrive-style):
 * overdue = red, today = green, none = no activity scheduled, planned = future.
 */
export const ActivityFlag = z.enum([
  'activity-overdue',
  'activity-today',
  'activity-none',
  'activity-planned',
]);
export type ActivityFlag = z.infer<typeof ActivityFlag>;
