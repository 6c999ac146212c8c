import { eventNumber, isCut, isSlip } from '../radar/history';
import type { ChangeEvent, Warning } from '../radar/model';

/**
 * Stored warnings in the form this version writes. A rule whose fingerprint changed form keeps
 * its dismissals through an update (or an import of an older export): the fingerprints of the
 * old form are rewritten the way the rule now writes them for the same situation.
 *
 * - stage-regressed (v4): `back:<steps back counted>|<last step back>` became `back|<last step back>`
 *   (the count fell as old steps back left the look-back window, ending dismissals as time passed).
 * - stage-bottleneck (v5): `<severity>|<deals stalled>` became `<severity>` (one deal moving
 *   on, or one more stalling, ended the dismissal).
 * - close-date-slipped (v5): `slips:<slips>|<severity>` became `slip|<last slip>|<severity>` (the
 *   count fell when old history was pruned).
 * - amount-dropped (v5): `<severity>|<tens of percent down>` became `cut|<last cut>|<severity>`
 *   (how far down fell when the peak was pruned).
 *
 * The slips and the last cut come from the deal's change events (`last`, see lastChanges);
 * without them the fingerprint stays as it was (the next scan writes the new form).
 */
export function currentWarning(w: Warning, last?: LastChanges): Warning {
  const rewrite = REWRITES[w.ruleId];
  if (rewrite === undefined) return w;
  const fingerprint = rewrite(w.fingerprint, w, last);
  const dismissed = w.dismissedFingerprint === undefined ? undefined : rewrite(w.dismissedFingerprint, w, last);
  if (fingerprint === w.fingerprint && dismissed === w.dismissedFingerprint) return w;
  return { ...w, fingerprint, ...(dismissed === undefined ? {} : { dismissedFingerprint: dismissed }) };
}

/** What the rules date their warnings by, per deal, from its change events (epoch ms). */
export interface LastChanges {
  /** Every slip of the close date, oldest first. */
  slips: ReadonlyMap<string, readonly number[]>;
  /** The last cut of the amount, or where there is none, when the highest amount was first seen (as amount-dropped has it). */
  cut: ReadonlyMap<string, number>;
}

/** The slips, and the last cut or peak, of each deal, from its change events. */
export function lastChanges(events: Iterable<ChangeEvent>): LastChanges {
  const sorted = [...events].sort((a, b) => a.at - b.at);
  const slips = new Map<string, number[]>();
  const cut = new Map<string, number>();
  const peak = new Map<string, { amount: number; at: number }>();
  for (const event of sorted) {
    if (isSlip(event)) {
      const list = slips.get(event.dealId);
      if (list) list.push(event.at);
      else slips.set(event.dealId, [event.at]);
    } else if (event.field === 'amount') {
      if (isCut(event)) cut.set(event.dealId, event.at);
      // Either side may be the highest; one that cannot be read (NaN) is not.
      for (const amount of [eventNumber(event.from), eventNumber(event.to)]) {
        const high = peak.get(event.dealId);
        if (Number.isFinite(amount) && (high === undefined || amount > high.amount)) peak.set(event.dealId, { amount, at: event.at });
      }
    }
  }
  for (const [dealId, high] of peak) if (!cut.has(dealId)) cut.set(dealId, high.at);
  return { slips, cut };
}

type Rewrite = (fingerprint: string, w: Warning, last?: LastChanges) => string;

const REWRITES: Record<string, Rewrite> = {
  'stage-regressed': (fingerprint) => {
    const old = /^back:\d+\|(.*)$/.exec(fingerprint);
    return old ? `back|${old[1]}` : fingerprint;
  },
  'stage-bottleneck': (fingerprint) => {
    const old = /^(warn|critical)\|\d+$/.exec(fingerprint);
    return old ? (old[1] as string) : fingerprint;
  },
  'close-date-slipped': (fingerprint, w, last) => {
    // `slips:3` was written at the third slip: that one, where the history still holds it (a
    // dismissal of two slips stays ended by a third), else the last one.
    const old = /^slips:(\d+)\|(warn|critical)$/.exec(fingerprint);
    const all = w.dealId === null ? undefined : last?.slips.get(w.dealId);
    if (!old || all === undefined || all.length === 0) return fingerprint;
    const at = all[Number(old[1]) - 1] ?? all[all.length - 1];
    return `slip|${at}|${old[2]}`;
  },
  'amount-dropped': (fingerprint, w, last) => {
    const old = /^(warn|critical)\|\d+$/.exec(fingerprint);
    const at = w.dealId === null ? undefined : last?.cut.get(w.dealId);
    return old && at !== undefined ? `cut|${at}|${old[1]}` : fingerprint;
  },
};
