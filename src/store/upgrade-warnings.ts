import { isCut, isSlip } from '../radar/history';
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
 * The last slip and the last cut come from the deal's change events (`last`, see lastChanges);
 * without one the fingerprint stays as it was (the next scan writes the new form).
 */
export function currentWarning(w: Warning, last?: LastChanges): Warning {
  const rewrite = REWRITES[w.ruleId];
  if (rewrite === undefined) return w;
  const fingerprint = rewrite(w.fingerprint, w, last);
  const dismissed = w.dismissedFingerprint === undefined ? undefined : rewrite(w.dismissedFingerprint, w, last);
  if (fingerprint === w.fingerprint && dismissed === w.dismissedFingerprint) return w;
  return { ...w, fingerprint, ...(dismissed === undefined ? {} : { dismissedFingerprint: dismissed }) };
}

/** When each deal's close date last slipped, and its amount was last cut (epoch ms). */
export interface LastChanges {
  slip: ReadonlyMap<string, number>;
  cut: ReadonlyMap<string, number>;
}

/** The last slip and cut of each deal, from its change events. */
export function lastChanges(events: Iterable<ChangeEvent>): LastChanges {
  const slip = new Map<string, number>();
  const cut = new Map<string, number>();
  for (const event of events) {
    const into = isSlip(event) ? slip : isCut(event) ? cut : undefined;
    if (into === undefined) continue;
    const seen = into.get(event.dealId);
    if (seen === undefined || event.at >= seen) into.set(event.dealId, event.at);
  }
  return { slip, cut };
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
    const old = /^slips:\d+\|(warn|critical)$/.exec(fingerprint);
    const at = w.dealId === null ? undefined : last?.slip.get(w.dealId);
    return old && at !== undefined ? `slip|${at}|${old[1]}` : fingerprint;
  },
  'amount-dropped': (fingerprint, w, last) => {
    const old = /^(warn|critical)\|\d+$/.exec(fingerprint);
    const at = w.dealId === null ? undefined : last?.cut.get(w.dealId);
    return old && at !== undefined ? `cut|${at}|${old[1]}` : fingerprint;
  },
};
