import type { Warning } from '../radar/model';

/**
 * Stored warnings in the form this version writes. A rule whose fingerprint changed form keeps
 * its dismissals through an update (or an import of an older export): the fingerprints of the
 * old form are rewritten the way the rule now writes them for the same situation.
 *
 * - stage-regressed: `back:<steps back counted>|<last step back>` became `back|<last step back>`
 *   (the count fell as old steps back left the look-back window, ending dismissals as time passed).
 */
export function currentWarning(w: Warning): Warning {
  if (w.ruleId !== 'stage-regressed') return w;
  const fingerprint = stageRegressed(w.fingerprint);
  const dismissed = w.dismissedFingerprint === undefined ? undefined : stageRegressed(w.dismissedFingerprint);
  if (fingerprint === w.fingerprint && dismissed === w.dismissedFingerprint) return w;
  return { ...w, fingerprint, ...(dismissed === undefined ? {} : { dismissedFingerprint: dismissed }) };
}

function stageRegressed(fingerprint: string): string {
  const old = /^back:\d+\|(.*)$/.exec(fingerprint);
  return old ? `back|${old[1]}` : fingerprint;
}
