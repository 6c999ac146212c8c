import type { ActivityFlag } from '../../sites/fields';

/**
 * Activity status from an icon's label or tooltip (Pipedrive: red = overdue, green = today,
 * yellow triangle = nothing scheduled, grey = planned). Order matters: "no activity scheduled"
 * says "scheduled" too.
 */
export function flagFor(label: string): ActivityFlag | null {
  const t = label.toLowerCase();
  if (t.length > 120 || !/activit|task|call|meeting|follow|overdue|schedul|due\b/.test(t)) return null;
  if (/overdue|past due|\blate\b/.test(t)) return 'activity-overdue';
  if (/\bno\b|nothing|not scheduled|none|missing/.test(t)) return 'activity-none';
  if (/today|due now/.test(t)) return 'activity-today';
  if (/planned|scheduled|upcoming|future|\bnext\b/.test(t)) return 'activity-planned';
  return null;
}

const CURRENCY = /[$€£¥₹₩₽₺₪฿₫]|\b[A-Z]{3}\b|\bkr\b|zł|Kč|\bFt\b/u;
const AMOUNT_PARTS =
  /[A-Z]{3}|kr|zł|Kč|Ft|[$€£¥₹₩₽₺₪฿₫]|(?<=\d)\s?(?:[kKmMbB]n?)\b|[\d\s.,'’+\-\u00a0\u202f]/gu;

/** Text that is nothing but an amount with its currency: `$1.2M`, `€12.000,00`, `12 500 kr`. */
export function isAmount(text: string): boolean {
  return text.length <= 40 && /\d/.test(text) && CURRENCY.test(text) && text.replace(AMOUNT_PARTS, '') === '';
}
