import type { Warning } from '../radar/model';

/**
 * Stored warnings in the form this version writes. A rule whose fingerprint changed form keeps
 * its dismissals through an update (or an import of an older export): the fingerprints of the
 * old form are rewritten the way the rule now writes them for the same situation.
 *
 * - stage-regressed (v4): `back:<steps back counted>|<last step back>` became `back|<last step back>`
 *   (the count fell as old steps back left the look-back window, ending dismissals as time passed).
 * - stage-bottleneck (v5): `<severity>|<deals stalled>` became `<severity>` (one deal moving
 *   on, or one more stalling, ended the dismissal).
 */
export function currentWarning(w: Warning): Warning {
  const rewrite = REWRITES[w.ruleId];
  if (rewrite === undefined) return w;
  const fingerprint = rewrite(w.fingerprint);
  const dismissed = w.dismissedFingerprint === undefined ? undefined : rewrite(w.dismissedFingerprint);
  if (fingerprint === w.fingerprint && dismissed === w.dismissedFingerprint) return w;
  return { ...w, fingerprint, ...(dismissed === undefined ? {} : { dismissedFingerprint: dismissed }) };
}

const REWRITES: Record<string, (fingerprint: string) => string> = {
  'stage-regressed': (fingerprint) => {
    const old = /^back:\d+\|(.*)$/.exec(fingerprint);
    return old ? `back|${old[1]}` : fingerprint;
  },
  'stage-bottleneck': (fingerprint) => {
    const old = /^(warn|critical)\|\d+$/.exec(fingerprint);
    return old ? (old[1] as string) : fingerprint;
  },
};
