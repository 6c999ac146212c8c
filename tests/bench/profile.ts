/**
 * Main-thread time attributed to one script, from the V8 CPU profiler of a page's renderer.
 * A sample counts for the script when any frame of its stack comes from that script, so the
 * DOM calls the script makes (querySelectorAll, textContent) count too. Content scripts run in
 * the page's renderer (an isolated world of the same isolate), so the page's profiler sees them.
 */
import type { CDPSession } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Attribution {
  /** ms of samples inside the script. */
  totalMs: number;
  /** Longest stretch of consecutive samples inside the script, ms (a lower bound of its longest task). */
  longestMs: number;
}

export async function startProfile(cdp: CDPSession): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
}

export async function stopProfile(cdp: CDPSession, urlPart: string): Promise<Attribution> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  await cdp.send('Profiler.disable');
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const inScript = new Map<number, boolean>();
  const attributed = (id: number): boolean => {
    const known = inScript.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const up = parent.get(id);
    const result = Boolean(node?.callFrame.url.includes(urlPart)) || (up !== undefined && attributed(up));
    inScript.set(id, result);
    return result;
  };
  let total = 0;
  let run = 0;
  let longest = 0;
  // timeDeltas[i] is the time since the previous sample: sample i covers the interval before it.
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (attributed(profile.samples[i] as number)) {
      total += delta;
      run += delta;
      longest = Math.max(longest, run);
    } else {
      run = 0;
    }
  }
  return { totalMs: total, longestMs: longest };
}

/** The functions with the most self time inside the script (for finding hot spots). */
export async function stopProfileTop(cdp: CDPSession, urlPart: string, top = 15): Promise<Array<[string, number]>> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const inside = (id: number): boolean => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) if (byId.get(cur)?.callFrame.url.includes(urlPart)) return true;
    return false;
  };
  const self = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i] as number;
    if (!inside(id)) continue;
    const f = byId.get(id)?.callFrame;
    const key = `${f?.functionName || '(anonymous)'} ${f?.url.split('/').pop() ?? ''}:${(f as { lineNumber?: number } | undefined)?.lineNumber ?? ''}:${(f as { columnNumber?: number } | undefined)?.columnNumber ?? ''}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  }
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
}
