/**
 * The demo CRM's deals: the sales team of "Trackwise", a fictional fleet and asset tracking vendor.
 *
 * Dates are stored as day offsets from "today" (negative = past, positive = future) so the demo is
 * always current. `demoDeals()` turns them into calendar days for a given today.
 *
 * The data is shaped so that every radar rule fires on at least one deal on the first visit, the
 * history rules fire after the scripted second (and third) visit, and five deals stay healthy.
 * `meantToFire` on each deal and on each snapshot change says which rules the deal is for.
 */

/** Pipeline stages in order. */
export const STAGES = [
  'Qualified',
  'Discovery',
  'Demo',
  'Proposal',
  'Negotiation',
  'Closed Won',
  'Closed Lost',
] as const;
export type DemoStage = (typeof STAGES)[number];

/** Stages of deals still in play, in order. */
export const OPEN_STAGES = ['Qualified', 'Discovery', 'Demo', 'Proposal', 'Negotiation'] as const;
export type OpenStage = (typeof OPEN_STAGES)[number];

export function isOpenStage(stage: DemoStage): stage is OpenStage {
  return stage !== 'Closed Won' && stage !== 'Closed Lost';
}

/** A scripted visit: 1 = first visit, 2 = second visit, 3 = third visit. */
export type Snapshot = 1 | 2 | 3;
export const SNAPSHOTS: readonly Snapshot[] = [1, 2, 3];

/** Rule ids the demo is built to trigger (named as in the brief for the radar rules). */
export type DemoRuleId =
  | 'no-activity'
  | 'stalled-in-stage'
  | 'close-date-passed'
  | 'closing-soon-idle'
  | 'closing-soon-early-stage'
  | 'no-next-step'
  | 'next-step-overdue'
  | 'next-step-after-close'
  | 'aging'
  | 'single-threaded'
  | 'too-good-to-be-true'
  | 'stage-bottleneck'
  | 'pipeline-going-quiet'
  | 'close-date-slipped'
  | 'stage-regressed'
  | 'amount-dropped';

/** A deal as stored: dates as day offsets from today. */
export interface DemoDealSpec {
  id: number;
  name: string;
  stage: DemoStage;
  /** USD */
  amount: number;
  closeDate: number;
  lastActivity: number;
  nextActivity: number | null;
  nextStep: string | null;
  owner: string;
  contacts: readonly string[];
  created: number;
  stageEntered: number;
  /** Rules this deal is meant to trigger on the first visit (pipeline rules listed on their deals). */
  meantToFire: readonly DemoRuleId[];
  /** Why: the story behind the numbers, for people reading the demo. */
  story: string;
}

/** A calendar day, `YYYY-MM-DD`. */
export type IsoDay = string;

/** A deal with concrete dates, as the demo CRM shows it. */
export interface DemoDeal {
  id: number;
  name: string;
  stage: DemoStage;
  amount: number;
  closeDate: IsoDay;
  lastActivity: IsoDay;
  nextActivity: IsoDay | null;
  nextStep: string | null;
  owner: string;
  contacts: string[];
  created: IsoDay;
  stageEntered: IsoDay;
}

/** The fields a later visit may change. */
export type DealChange = Partial<Pick<DemoDealSpec, 'stage' | 'amount' | 'closeDate' | 'stageEntered'>>;

export interface SnapshotChange {
  /** The first snapshot that shows the change; later snapshots keep it. */
  snapshot: 2 | 3;
  id: number;
  change: DealChange;
  meantToFire: readonly DemoRuleId[];
  story: string;
}

const MAYA = 'Maya Patel';
const JORDAN = 'Jordan Reyes';
const CHRIS = 'Chris Okafor';
const ELENA = 'Elena Novak';

export const DEMO_DEAL_SPECS: readonly DemoDealSpec[] = [
  // Healthy: recent activity, next activity booked before the close date, 3+ contacts, close date well ahead.
  {
    id: 1001,
    name: 'Northwind Logistics — fleet telematics renewal',
    stage: 'Negotiation',
    amount: 148_000,
    closeDate: 24,
    lastActivity: -1,
    nextActivity: 3,
    nextStep: 'Redline review with their procurement team',
    owner: MAYA,
    contacts: ['Dana Whitfield', 'Luis Ortega', 'Priya Raman', 'Tom Becker'],
    created: -64,
    stageEntered: -6,
    meantToFire: [],
    story: 'Healthy: procurement engaged, redlines booked, four people involved.',
  },
  {
    id: 1002,
    name: 'Contoso Health — patient transport analytics',
    stage: 'Proposal',
    amount: 86_500,
    closeDate: 38,
    lastActivity: -5,
    nextActivity: 2,
    nextStep: 'Walk the CFO through the ROI model',
    owner: JORDAN,
    contacts: ['Grace Liu', 'Samuel Adeyemi', 'Hannah Cole'],
    created: -41,
    stageEntered: -9,
    meantToFire: [],
    story: 'Healthy: proposal out nine days, CFO meeting booked.',
  },
  {
    id: 1003,
    name: 'Fabrikam Foods — cold-chain sensor rollout',
    stage: 'Demo',
    amount: 54_000,
    closeDate: 52,
    lastActivity: -2,
    nextActivity: 4,
    nextStep: 'On-site demo for the plant managers',
    owner: CHRIS,
    contacts: ['Marta Kowalski', 'Ben Foster', 'Aisha Khan'],
    created: -30,
    stageEntered: -12,
    meantToFire: [],
    story: 'Healthy: on-site demo booked with the people who will use it.',
  },
  {
    id: 1004,
    name: 'Tailspin Aviation — ground fleet tracking pilot',
    stage: 'Discovery',
    amount: 22_500,
    closeDate: 68,
    lastActivity: -3,
    nextActivity: 6,
    nextStep: 'Map their current dispatch workflow',
    owner: ELENA,
    contacts: ['Noah Fischer', 'Keiko Tanaka', 'Ravi Menon'],
    created: -16,
    stageEntered: -8,
    meantToFire: [],
    story: 'Healthy: young deal, discovery moving, workshop booked.',
  },
  {
    id: 1005,
    // Markup in the name on purpose: the demo must show it as text, never as HTML.
    name: 'Acme R&D — "Beta" <b>yard</b> pilot <img src=x onerror=alert(1)>',
    stage: 'Qualified',
    amount: 9_800,
    closeDate: 75,
    lastActivity: -11,
    nextActivity: 5,
    nextStep: 'Discovery call with the yard operations lead',
    owner: MAYA,
    contacts: ['Olivia Brandt', 'Marcus Lee', 'Sofia Rossi'],
    created: -13,
    stageEntered: -11,
    meantToFire: [],
    story: 'Healthy small pilot; its name carries HTML to prove the pages escape text.',
  },
  // At risk.
  {
    id: 1006,
    name: 'Wide World Importers — customs data integration',
    stage: 'Negotiation',
    amount: 212_000,
    closeDate: 19,
    lastActivity: -37,
    nextActivity: null,
    nextStep: 'Waiting on their legal team',
    owner: JORDAN,
    contacts: ['Victor Hale', 'Nina Petrova'],
    created: -84,
    stageEntered: -19,
    meantToFire: ['no-activity', 'too-good-to-be-true'],
    story:
      'The biggest deal on the board went silent in legal review five weeks ago; the next step is waiting, not acting.',
  },
  {
    id: 1007,
    name: 'Litware Inc. — dispatch analytics platform',
    stage: 'Proposal',
    amount: 118_000,
    closeDate: 21,
    lastActivity: -12,
    nextActivity: 8,
    nextStep: 'Security questionnaire review',
    owner: CHRIS,
    contacts: ['Ellen Park', 'George Mills', 'Fatima Noor'],
    created: -70,
    stageEntered: -29,
    meantToFire: ['stalled-in-stage', 'stage-bottleneck'],
    story: 'Stuck at Proposal for four weeks behind a security questionnaire.',
  },
  {
    id: 1008,
    name: 'Proseware — route optimization license',
    stage: 'Negotiation',
    amount: 46_000,
    closeDate: 5,
    lastActivity: -9,
    nextActivity: 3,
    nextStep: 'Final pricing call',
    owner: MAYA,
    contacts: ['Daniel Brooks', 'Yuki Sato', 'Carla Mendes'],
    created: -58,
    stageEntered: -14,
    meantToFire: ['closing-soon-idle'],
    story: 'Due to close in five days, yet nobody has spoken to them for nine.',
  },
  {
    id: 1009,
    name: 'Coho Winery — vineyard equipment tracking',
    stage: 'Discovery',
    amount: 14_500,
    closeDate: 9,
    lastActivity: -4,
    nextActivity: 0,
    nextStep: 'Discovery workshop with the owners',
    owner: ELENA,
    contacts: ['Lena Hoffmann', 'Pablo Ruiz'],
    created: -20,
    stageEntered: -6,
    meantToFire: ['closing-soon-early-stage'],
    story: 'Forecast to close in nine days while discovery with the owners only happens today.',
  },
  {
    id: 1010,
    name: 'Trey Research — lab asset tracking',
    stage: 'Discovery',
    amount: 31_000,
    closeDate: 45,
    lastActivity: -9,
    nextActivity: null,
    nextStep: null,
    owner: JORDAN,
    contacts: ['Amir Haddad', 'Claire Dubois'],
    created: -25,
    stageEntered: -15,
    meantToFire: ['no-next-step'],
    story: 'Good first calls, but no next meeting and no next step agreed.',
  },
  {
    id: 1011,
    name: 'Fourth Coffee — delivery van telematics',
    stage: 'Demo',
    amount: 27_000,
    closeDate: 40,
    lastActivity: -13,
    nextActivity: -6,
    nextStep: 'Send the pilot scope',
    owner: CHRIS,
    contacts: ['Jenna Walsh', 'Omar Farouk', 'Ingrid Svensson'],
    created: -35,
    stageEntered: -13,
    meantToFire: ['next-step-overdue'],
    story: 'The pilot scope was due six days ago and has not gone out.',
  },
  {
    id: 1012,
    name: "Margie's Travel — coach fleet renewal",
    stage: 'Negotiation',
    amount: 58_000,
    closeDate: 11,
    lastActivity: -10,
    nextActivity: 18,
    nextStep: 'Quarterly business review',
    owner: ELENA,
    contacts: ['Rosa Jimenez', "Kevin O'Brien", 'Mei Chen'],
    created: -50,
    stageEntered: -10,
    meantToFire: ['next-step-after-close'],
    story: 'The next meeting is a week after the date the deal is meant to close.',
  },
  {
    id: 1013,
    name: 'Blue Yonder Airlines — hangar equipment sensors',
    stage: 'Demo',
    amount: 73_000,
    closeDate: 35,
    lastActivity: -10,
    nextActivity: 6,
    nextStep: 'Second demo for the maintenance leads',
    owner: MAYA,
    contacts: ['Henrik Larsen'],
    created: -134,
    stageEntered: -17,
    meantToFire: ['aging', 'single-threaded'],
    story: 'Four and a half months old and still run through a single champion.',
  },
  {
    id: 1014,
    name: 'City Power & Light — substation crew vehicles',
    stage: 'Negotiation',
    amount: 96_000,
    closeDate: -6,
    lastActivity: -9,
    nextActivity: null,
    nextStep: 'Chase the signature from their VP of Operations',
    owner: CHRIS,
    contacts: ['Diane Foster', 'Raj Patel', 'Tom Nguyen'],
    created: -80,
    stageEntered: -20,
    meantToFire: ['close-date-passed'],
    story: 'The close date passed six days ago waiting for a signature.',
  },
  {
    id: 1015,
    name: 'Datum Corporation — courier tracking upgrade',
    stage: 'Proposal',
    amount: 39_000,
    closeDate: -3,
    lastActivity: -15,
    nextActivity: null,
    nextStep: 'Confirm who owns the budget',
    owner: ELENA,
    contacts: ['Peter Quinn', 'Alice Moreau'],
    created: -75,
    stageEntered: -26,
    meantToFire: [
      'close-date-passed',
      'no-activity',
      'stalled-in-stage',
      'too-good-to-be-true',
      'stage-bottleneck',
    ],
    story: 'Close date passed, quiet for two weeks, nobody knows who owns the budget.',
  },
  {
    id: 1016,
    name: 'Relecloud — fleet data warehouse',
    stage: 'Proposal',
    amount: 72_000,
    closeDate: 28,
    lastActivity: -11,
    nextActivity: 5,
    nextStep: 'Pricing review with their finance team',
    owner: JORDAN,
    contacts: ['Sanjay Gupta', 'Laura Bennett', 'Erik Johansson'],
    created: -55,
    stageEntered: -25,
    meantToFire: ['stalled-in-stage', 'stage-bottleneck'],
    story: 'Proposal sent over three weeks ago; finance keeps asking for new numbers.',
  },
  // Closed: never at risk.
  {
    id: 1017,
    name: 'Graphic Design Institute — campus shuttle tracking',
    stage: 'Closed Won',
    amount: 12_400,
    closeDate: -4,
    lastActivity: -4,
    nextActivity: null,
    nextStep: null,
    owner: MAYA,
    contacts: ['Ruth Alvarez', 'Jonas Weber', 'Tamika Brown'],
    created: -45,
    stageEntered: -4,
    meantToFire: [],
    story: 'Won last week.',
  },
  {
    id: 1018,
    name: 'Humongous Insurance — claims vehicle telematics',
    stage: 'Closed Lost',
    amount: 165_000,
    closeDate: -12,
    lastActivity: -21,
    nextActivity: null,
    nextStep: null,
    owner: JORDAN,
    contacts: ['Greg Holt', 'Anna Schmidt'],
    created: -95,
    stageEntered: -12,
    meantToFire: [],
    story: 'Lost to an incumbent on price; stale dates, but closed deals are not at risk.',
  },
];

/**
 * What changed by the second and third visit. Every other deal is identical in all snapshots.
 * Offsets are relative to the same today as the first visit.
 */
export const SNAPSHOT_CHANGES: readonly SnapshotChange[] = [
  {
    snapshot: 2,
    id: 1015,
    change: { closeDate: 33 },
    meantToFire: ['close-date-slipped'],
    story: 'Datum: the passed close date was pushed out 36 days, with no new activity.',
  },
  {
    snapshot: 2,
    id: 1008,
    change: { closeDate: 26 },
    meantToFire: ['close-date-slipped'],
    story: 'Proseware: close date pushed 21 days instead of holding the pricing call.',
  },
  {
    snapshot: 3,
    id: 1008,
    change: { closeDate: 54 },
    meantToFire: ['close-date-slipped'],
    story: 'Proseware: pushed again, 28 more days: the second slip.',
  },
  {
    snapshot: 2,
    id: 1016,
    change: { stage: 'Discovery', stageEntered: -1 },
    meantToFire: ['stage-regressed'],
    story: 'Relecloud: moved back from Proposal to Discovery after finance reopened the requirements.',
  },
  {
    snapshot: 2,
    id: 1012,
    change: { amount: 39_000 },
    meantToFire: ['amount-dropped'],
    story: "Margie's Travel: scope cut, amount down from $58,000 to $39,000 (33% less).",
  },
  {
    snapshot: 2,
    id: 1011,
    change: { amount: 44_000 },
    meantToFire: ['too-good-to-be-true'],
    story: 'Fourth Coffee: amount up 63% while still at Demo with an overdue next step.',
  },
];

const DAY_MS = 86_400_000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function utcMsToDay(ms: number): IsoDay {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** Epoch ms of midnight UTC of a calendar day; throws on anything but a real `YYYY-MM-DD` day. */
export function dayToUtcMs(day: IsoDay): number {
  const m = DAY_RE.exec(day);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD day: ${day}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  if (utcMsToDay(ms) !== day) throw new RangeError(`No such day: ${day}`);
  return ms;
}

/** The local calendar day of an instant (the day the user sees on their clock). */
export function dayOf(date: Date): IsoDay {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;
}

export function addDays(day: IsoDay, days: number): IsoDay {
  return utcMsToDay(dayToUtcMs(day) + days * DAY_MS);
}

/** Signed whole days `to - from`. */
export function daysBetween(from: IsoDay, to: IsoDay): number {
  return Math.round((dayToUtcMs(to) - dayToUtcMs(from)) / DAY_MS);
}

/** A today given as a Date (its local day) or as a `YYYY-MM-DD` string. */
export function toDay(today: Date | IsoDay): IsoDay {
  if (typeof today === 'string') {
    dayToUtcMs(today);
    return today;
  }
  if (Number.isNaN(today.getTime())) throw new RangeError('Invalid date for today');
  return dayOf(today);
}

/** The deal specs as of a snapshot: snapshot changes applied in order, offsets still relative. */
export function demoDealSpecs(snapshot: Snapshot): DemoDealSpec[] {
  return DEMO_DEAL_SPECS.map((spec) => {
    let deal: DemoDealSpec = spec;
    for (const c of SNAPSHOT_CHANGES) {
      if (c.id === spec.id && c.snapshot <= snapshot) deal = { ...deal, ...c.change };
    }
    return deal;
  });
}

/** The demo's deals as of a snapshot, with concrete dates for `today`. */
export function demoDeals(snapshot: Snapshot, today: Date | IsoDay): DemoDeal[] {
  const day = toDay(today);
  const at = (offset: number): IsoDay => addDays(day, offset);
  return demoDealSpecs(snapshot).map((s) => ({
    id: s.id,
    name: s.name,
    stage: s.stage,
    amount: s.amount,
    closeDate: at(s.closeDate),
    lastActivity: at(s.lastActivity),
    nextActivity: s.nextActivity === null ? null : at(s.nextActivity),
    nextStep: s.nextStep,
    owner: s.owner,
    contacts: [...s.contacts],
    created: at(s.created),
    stageEntered: at(s.stageEntered),
  }));
}

export function isSnapshot(value: number): value is Snapshot {
  return value === 1 || value === 2 || value === 3;
}
