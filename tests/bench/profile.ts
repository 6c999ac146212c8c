/**
 * Main-thread time attributed to one script, from a trace of the page's renderer: V8's CPU profile
 * (sampled every 100 µs, as the DevTools performance panel records it) and the main thread's tasks.
 * A sample counts for the script when any frame of its stack comes from that script, so the DOM
 * calls the script makes (querySelectorAll, textContent) count too. Content scripts run in the
 * page's renderer (an isolated world of the same isolate), so the page's profile sees them.
 *
 * Each sample stands for the time until the next one, clipped to the task it was taken in: script
 * runs only inside tasks, so a gap in sampling (a loaded machine) is never counted as script time
 * beyond the end of its task, and work split into tasks is seen as separate tasks even when they
 * follow each other with no page work in between. Times are CPU time: each sample's wall time is
 * scaled by its task's thread time over its wall time (the trace's `tdur`/`dur`), so time spent
 * waiting for a core on a busy machine does not count as the script's.
 */
import type { CDPSession } from 'playwright-core';

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { url?: string; functionName?: string; lineNumber?: number; columnNumber?: number };
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** The thread's CPU time during the event (thread clock), µs. */
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: {
    data?: {
      url?: string;
      startTime?: number;
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
  };
}

export interface Attribution {
  /** ms of samples inside the script. */
  totalMs: number;
  /**
   * Exact CPU time of the main-thread events that ran the script itself: evaluating it (compiling
   * and running its top level) and calling its callbacks (`EvaluateScript`, `FunctionCall`), ms.
   * Promise continuations run outside such events and are not in it; `totalMs` has them.
   */
  evaluatedMs: number;
  /** The most script time inside one main-thread task, ms (a lower bound of that task's length). */
  longestMs: number;
}

const RUN_TASK = 'ThreadControllerImpl::RunTask';
// Promise continuations (most of an async script's work) run here, right after their task.
const MICROTASKS = 'BlinkScheduler_PerformMicrotaskCheckpoint';
const SCRIPT_EVENTS = new Set(['EvaluateScript', 'FunctionCall']);
const KEPT = new Set(['Profile', 'ProfileChunk', RUN_TASK, MICROTASKS, ...SCRIPT_EVENTS]);
type Listener = (e: { value: object[] }) => void;
const recording = new WeakMap<CDPSession, { events: TraceEvent[]; listener: Listener }>();

export async function startProfile(cdp: CDPSession): Promise<void> {
  const events: TraceEvent[] = [];
  const listener: Listener = (e) => {
    for (const event of e.value as TraceEvent[]) if (KEPT.has(event.name)) events.push(event);
  };
  recording.set(cdp, { events, listener });
  cdp.on('Tracing.dataCollected', listener);
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      recordMode: 'recordAsMuchAsPossible',
      includedCategories: [
        'toplevel',
        'devtools.timeline',
        'disabled-by-default-v8.cpu_profiler',
        'disabled-by-default-v8.cpu_profiler.hires',
      ],
    },
  } as never);
}

/** One script-attributed stretch of a sample: when it starts, how long, and its stack's top frame. */
interface Piece {
  task: number;
  ms: number;
  node: ProfileNode | undefined;
}

async function stopTrace(cdp: CDPSession, urlPart: string): Promise<{ pieces: Piece[]; evaluatedMs: number }> {
  const rec = recording.get(cdp);
  if (!rec) throw new Error('startProfile first');
  const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', rec.listener);
  recording.delete(cdp);

  const profiles = new Map<
    string,
    {
      pid: number;
      tid: number;
      start: number;
      nodes: Map<number, ProfileNode>;
      samples: number[];
      deltas: number[];
    }
  >();
  for (const e of rec.events) {
    if (e.name === 'Profile') {
      profiles.set(`${e.pid}:${e.id}`, {
        pid: e.pid,
        tid: e.tid,
        start: e.args?.data?.startTime ?? 0,
        nodes: new Map(),
        samples: [],
        deltas: [],
      });
    }
  }
  for (const e of rec.events) {
    const p = e.name === 'ProfileChunk' ? profiles.get(`${e.pid}:${e.id}`) : undefined;
    if (!p) continue;
    for (const n of e.args?.data?.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
    p.samples.push(...(e.args?.data?.cpuProfile?.samples ?? []));
    p.deltas.push(...(e.args?.data?.timeDeltas ?? []));
  }

  const pieces: Piece[] = [];
  let offset = 0;
  for (const p of profiles.values()) {
    const known = new Map<number, boolean>();
    const inScript = (id: number): boolean => {
      const hit = known.get(id);
      if (hit !== undefined) return hit;
      const node = p.nodes.get(id);
      const result =
        Boolean(node?.callFrame.url?.includes(urlPart)) ||
        (node?.parent !== undefined && inScript(node.parent));
      known.set(id, result);
      return result;
    };
    // The thread's tasks in order, each with the microtask checkpoint that follows it (one turn of
    // the event loop: a scheduler.yield() continuation runs in the checkpoint after a tiny task).
    const tasks: { start: number; end: number; checked: boolean; cpu: number }[] = [];
    const all = rec.events
      .filter((e) => (e.name === RUN_TASK || e.name === MICROTASKS) && e.ph === 'X' && e.pid === p.pid && e.tid === p.tid)
      .sort((a, b) => a.ts - b.ts);
    for (const e of all) {
      const last = tasks[tasks.length - 1];
      const end = e.ts + (e.dur ?? 0);
      const cpu = e.tdur ?? e.dur ?? 0;
      if (last && e.ts < last.end) {
        // Nested in the task (its CPU time counted there already), or overlapping it.
        if (end > last.end) last.cpu += cpu;
        last.end = Math.max(last.end, end);
      } else if (last && e.name === MICROTASKS && !last.checked) {
        last.end = end;
        last.checked = true;
        last.cpu += cpu;
      } else tasks.push({ start: e.ts, end, checked: e.name === MICROTASKS, cpu });
    }
    const times: number[] = [];
    let t = p.start;
    for (let i = 0; i < p.samples.length; i++) {
      t += p.deltas[i] ?? 0;
      times.push(t);
    }
    let k = 0;
    for (let i = 0; i + 1 < p.samples.length; i++) {
      const id = p.samples[i] as number;
      if (!inScript(id)) continue;
      const at = times[i] as number;
      while (k < tasks.length && (tasks[k] as { end: number }).end <= at) k++;
      const task = tasks[k];
      if (!task || task.start > at) continue;
      const until = Math.min(times[i + 1] as number, task.end);
      // Wall time to CPU time: the share of the task the thread actually ran (on a busy machine
      // it waits for a core, and a sample then spans time the script did not run).
      const wall = task.end - task.start;
      const running = wall > 0 ? Math.min(1, task.cpu / wall) : 1;
      pieces.push({ task: offset + k, ms: ((until - at) * running) / 1000, node: p.nodes.get(id) });
    }
    offset += tasks.length;
  }

  // The script's own evaluation and callbacks, by their exact thread time (outermost events only).
  let evaluated = 0;
  const ends = new Map<string, number>();
  const own = rec.events
    .filter((e) => SCRIPT_EVENTS.has(e.name) && e.ph === 'X' && e.args?.data?.url?.includes(urlPart))
    .sort((a, b) => a.ts - b.ts);
  for (const e of own) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ts < (ends.get(thread) ?? 0)) continue;
    ends.set(thread, e.ts + (e.dur ?? 0));
    evaluated += e.tdur ?? e.dur ?? 0;
  }
  return { pieces, evaluatedMs: evaluated / 1000 };
}

export async function stopProfile(cdp: CDPSession, urlPart: string): Promise<Attribution> {
  const { pieces, evaluatedMs } = await stopTrace(cdp, urlPart);
  const perTask = new Map<number, number>();
  let total = 0;
  for (const { task, ms } of pieces) {
    total += ms;
    perTask.set(task, (perTask.get(task) ?? 0) + ms);
  }
  return { totalMs: total, evaluatedMs, longestMs: Math.max(0, ...perTask.values()) };
}

/** The functions with the most self time inside the script (for finding hot spots). */
export async function stopProfileTop(
  cdp: CDPSession,
  urlPart: string,
  top = 15,
): Promise<Array<[string, number]>> {
  const self = new Map<string, number>();
  for (const { ms, node } of (await stopTrace(cdp, urlPart)).pieces) {
    const f = node?.callFrame;
    const key = `${f?.functionName || '(anonymous)'} ${f?.url?.split('/').pop() ?? ''}:${f?.lineNumber ?? ''}:${f?.columnNumber ?? ''}`;
    self.set(key, (self.get(key) ?? 0) + ms);
  }
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
}
