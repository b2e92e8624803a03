import { Temporal } from '@js-temporal/polyfill';
import { KPI_SCOPES, type KpiSnapshotOf } from '@stuurwiel/schemas';
import { type Calendar, classify, type Horizon, type Norm, type RiskStatus } from '../deadlines/index.js';
import { amsterdamDateOf, ms } from '../time/instants.js';
import type { CasesInput, CasesSettings, ClosedCase, OpenCase } from './inputs.js';
import { splitByScope } from './scopes.js';
import { durationStats } from './stats.js';
import { perWindow, type WindowBounds, windowBounds } from './windows.js';

type CasesSnapshot = KpiSnapshotOf<'cases'>;

export const DEFAULT_CASE_HORIZON: Horizon = { target: 2, unit: 'working_days' };
export const DEFAULT_SUSPENDED_LONG_DAYS = 28;

export type CaseStatus = RiskStatus | 'suspended';

const DAY_UNITS: ReadonlySet<string> = new Set(['working_days', 'calendar_days']);
const MEMO_LIMIT = 50_000;
const memos = new WeakMap<Calendar, Map<string, RiskStatus>>();

/** Whether the horizon is counted in whole days, so that its answer only changes at midnight. */
function dayBased(horizon: Horizon, norm: Norm): boolean {
  return DAY_UNITS.has('share_of_norm' in horizon ? norm.unit : horizon.unit);
}

/**
 * Risk status of an open case by the shared `classify`: the live cases figure and the deadline
 * items (deadlines.v1) both take it from here. Thousands of open cases are re-read every
 * second, while a day-based horizon can only change its answer at midnight or at the deadline
 * itself; so those answers are memoised per Amsterdam date, and the deadline is checked directly.
 */
export function openCaseStatus(
  c: OpenCase,
  asOf: string,
  asOfMs: number,
  today: string,
  horizon: Horizon,
  calendar: Calendar,
): CaseStatus {
  // A suspended case waits for the applicant: never at risk, its deadline frozen; overdue only
  // when that deadline had passed before the term stood still.
  if (c.suspended) return passedBeforeSuspension(c.due_at, c) ? 'overdue' : 'suspended';
  if (asOfMs > ms(c.due_at)) return 'overdue';
  if (!dayBased(horizon, c.norm))
    return classify({ due_at: c.due_at, now: asOf, horizon, calendar, norm: c.norm });
  let memo = memos.get(calendar);
  if (!memo) {
    memo = new Map();
    memos.set(calendar, memo);
  }
  const key = `${today}|${c.due_at}|${JSON.stringify(horizon)}|${c.norm.target}|${c.norm.unit}`;
  let status = memo.get(key);
  if (status === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    status = classify({ due_at: c.due_at, now: asOf, horizon, calendar, norm: c.norm });
    memo.set(key, status);
  }
  return status;
}

/** The deadline `dueAt` had passed by the first day the suspended case's term stood still. */
function passedBeforeSuspension(dueAt: string, c: OpenCase): boolean {
  return c.suspended_since != null && amsterdamDateOf(ms(dueAt)) < c.suspended_since;
}

function pastLegalTerm(c: OpenCase, asOfMs: number): boolean {
  const legal = c.legal_due_at ?? c.due_at;
  return c.suspended ? passedBeforeSuspension(legal, c) : asOfMs > ms(legal);
}

const daysSince = (from: string, to: string) =>
  Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: 'day' }).days;

function leadTimeDays(c: ClosedCase): number {
  if (c.lead_time_days != null) return c.lead_time_days;
  return Temporal.PlainDate.from(c.start_date).until(Temporal.PlainDate.from(c.end_date), {
    largestUnit: 'day',
  }).days;
}

function casesWindow(closed: readonly ClosedCase[], bounds: WindowBounds): CasesSnapshot['windows']['15m'] {
  // An end date has no time of day: it can only be placed in `today`, never in 15m or 1h.
  const inWindow = bounds.window === 'today' ? closed.filter((c) => c.end_date === bounds.date) : [];
  const withinNorm = inWindow.filter((c) => c.within_norm ?? c.end_date <= c.due_date).length;
  return {
    closed: inWindow.length,
    closed_within_norm: withinNorm,
    lead_time_days: durationStats(inWindow.map(leadTimeDays)),
  };
}

export function computeCasesSnapshots(
  tenant: string,
  input: CasesInput,
  asOf: string,
  settings: CasesSettings,
): CasesSnapshot[] {
  const windows = windowBounds(asOf);
  const asOfMs = ms(asOf);
  const today = windows.today.date;
  const fallback = settings.defaultHorizon ?? DEFAULT_CASE_HORIZON;
  const longDays = settings.suspendedLongDays ?? DEFAULT_SUSPENDED_LONG_DAYS;
  const closedIds = new Set(input.closed.map((c) => c.case_id));
  const open = input.open
    .filter((c) => !closedIds.has(c.case_id))
    .map((c) => ({
      ...c,
      status: openCaseStatus(c, asOf, asOfMs, today, c.horizon ?? fallback, settings.calendar),
      pastLegal: pastLegalTerm(c, asOfMs),
      suspendedLong:
        c.suspended && c.suspended_since != null && daysSince(c.suspended_since, today) > longDays,
    }));
  const scoped = splitByScope({ open, closed: input.closed }, KPI_SCOPES.cases, {
    open: (c, kind) => [kind === 'team' ? c.team_id : c.case_type_id],
    closed: (c, kind) => [kind === 'team' ? c.team_id : c.case_type_id],
  });
  return scoped.map(({ scope, input: part }) => ({
    spec_version: 1,
    tenant,
    domain: 'cases',
    scope,
    as_of: asOf,
    computed_at: settings.computedAt,
    last_event_at: settings.lastEventAt,
    now: {
      open: part.open.length,
      suspended: part.open.filter((c) => c.suspended).length,
      suspended_long: part.open.filter((c) => c.suspendedLong).length,
      completion_period_passed: part.open.filter((c) => c.completion_period_passed === true).length,
      at_risk: part.open.filter((c) => c.status === 'at_risk').length,
      overdue: part.open.filter((c) => c.status === 'overdue').length,
      past_legal_term: part.open.filter((c) => c.pastLegal).length,
    },
    windows: perWindow(windows, (bounds) => casesWindow(part.closed, bounds)),
  }));
}
