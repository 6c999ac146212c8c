import { isSlip } from '../radar/history';
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
 *   count fell when old history was pruned). The last slip comes from the deal's change events
 *   (`lastSlips`); without one the fingerprint stays as it was.
 */
export function currentWarning(w: Warning, lastSlips?: ReadonlyMap<string, number>): Warning {
  const rewrite = REWRITES[w.ruleId];
  if (rewrite === undefined) return w;
  const fingerprint = rewrite(w.fingerprint, w, lastSlips);
  const dismissed = w.dismissedFingerprint === undefined ? undefined : rewrite(w.dismissedFingerprint, w, lastSlips);
  if (fingerprint === w.fingerprint && dismissed === w.dismissedFingerprint) return w;
  return { ...w, fingerprint, ...(dismissed === undefined ? {} : { dismissedFingerprint: dismissed }) };
}

/** When each deal's close date last slipped (epoch ms), from its change events. */
export function lastSlips(events: Iterable<ChangeEvent>): Map<string, number> {
  const last = new Map<string, number>();
  for (const event of events) {
    if (!isSlip(event)) continue;
    const seen = last.get(event.dealId);
    if (seen === undefined || event.at >= seen) last.set(event.dealId, event.at);
  }
  return last;
}

type Rewrite = (fingerprint: string, w: Warning, lastSlips?: ReadonlyMap<string, number>) => string;

const REWRITES: Record<string, Rewrite> = {
  'stage-regressed': (fingerprint) => {
    const old = /^back:\d+\|(.*)$/.exec(fingerprint);
    return old ? `back|${old[1]}` : fingerprint;
  },
  'stage-bottleneck': (fingerprint) => {
    const old = /^(warn|critical)\|\d+$/.exec(fingerprint);
    return old ? (old[1] as string) : fingerprint;
  },
  'close-date-slipped': (fingerprint, w, slips) => {
    const old = /^slips:\d+\|(warn|critical)$/.exec(fingerprint);
    const at = w.dealId === null ? undefined : slips?.get(w.dealId);
    return old && at !== undefined ? `slip|${at}|${old[1]}` : fingerprint;
  },
};
