/*
 * Settings are stored as their differences from the defaults (webext-options-sync's habit): a
 * default the user never touched follows the defaults of later versions, and the stored object
 * stays small. Reading merges over defaults again (the schema fills every missing field).
 */

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The parts of `value` that differ from `defaults`. Objects are compared key by key; arrays and
 * other values as a whole. Keys only in `defaults` cannot be expressed and are left out, so use
 * this on complete (repaired) settings, where every default key is present.
 */
export function diffFromDefaults(value: Plain, defaults: Plain): Plain {
  const out: Plain = {};
  for (const [key, v] of Object.entries(value)) {
    const d = defaults[key];
    if (isPlain(v) && isPlain(d)) {
      const inner = diffFromDefaults(v, d);
      if (Object.keys(inner).length > 0) out[key] = inner;
      // A record whose default is empty (per-stage overrides, aliases) keeps its own keys.
    } else if (!same(v, d)) {
      out[key] = v;
    }
  }
  return out;
}
