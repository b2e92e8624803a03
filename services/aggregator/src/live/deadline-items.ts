/**
 * Deadline items (schemas `deadlines.ts`, topic `deadlines.v1`) of one tenant's open cases,
 * callbacks and written contacts: pure functions of the open items, the instant and the calendar,
 * so that the live figures and the items count the same working days and give the same status.
 *
 * Instants are published in UTC (`…Z`); `due_at` is the deadline the aggregator itself compares
 * with (the end of the due day, 23:59:59 Europe/Amsterdam, for day norms).
 */
import { Temporal } from '@js-temporal/polyfill';
import type { DeadlineItem, DeadlineItemKind } from '@stuurwiel/schemas';
import {
  atRiskFromMs,
  type Calendar,
  dueMs,
  type Horizon,
  type Norm,
  TIME_ZONE,
} from '../deadlines/index.js';
import { amsterdamDateOf, ms } from '../time/instants.js';
import { type CaseStatus, DEFAULT_CASE_HORIZON, openCaseStatus } from './cases.js';
import type { OpenCallback, OpenCase, OpenWrittenContact } from './inputs.js';
import { DEFAULT_ACKNOWLEDGE_NORM, DEFAULT_ANSWER_NORM } from './written.js';

/**
 * Horizon of a callback or written contact whose norm names none: at risk once half the norm is
 * left (a callback within 2 working days: from the start of the day before it is due; an
 * acknowledgement within 1 working day: on its due day).
 */
export const DEFAULT_ITEM_HORIZON: Horizon = { share_of_norm: 0.5 };

/** An open case as the live cases figure reads it, plus what only the item shows. */
export interface DeadlineCase extends OpenCase {
  start_date: string;
  /** Working days left as the case store counts them (frozen while suspended). */
  working_days_left: number;
}

export interface DeadlineCallback extends OpenCallback {
  /** The callback_due norm's warning horizon for its queue (else the tenant's); default below. */
  horizon?: Horizon;
}

export interface DeadlineItemSettings {
  /** The instant status and working days left describe (as_of). */
  asOf: string;
  /** The tenant's service calendar: the one the live figures classify by. */
  calendar: Calendar;
}

export interface WrittenItemSettings extends DeadlineItemSettings {
  /** Norm and horizon of answering; default 2 working days and DEFAULT_ITEM_HORIZON. */
  answer?: { norm: Norm; horizon?: Horizon };
  /** Norm and horizon of acknowledging; default 1 working day and DEFAULT_ITEM_HORIZON. */
  acknowledge?: { norm: Norm; horizon?: Horizon };
}

const MEMO_LIMIT = 50_000;
const memos = new WeakMap<Calendar, Map<string, number>>();

/** atRiskFromMs, memoised: the same thousands of deadlines are mapped again on every recomputation. */
function atRiskFrom(calendar: Calendar, dueAtMs: number, horizon: Horizon, norm: Norm): number {
  let memo = memos.get(calendar);
  if (!memo) {
    memo = new Map();
    memos.set(calendar, memo);
  }
  const key = `${dueAtMs}|${JSON.stringify(horizon)}|${norm.target}|${norm.unit}`;
  let value = memo.get(key);
  if (value === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    value = atRiskFromMs({ due_at: new Date(dueAtMs).toISOString(), horizon, calendar, norm });
    memo.set(key, value);
  }
  return value;
}

const iso = (atMs: number) => new Date(atMs).toISOString();

const startOfDayMs = (date: string) =>
  Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: TIME_ZONE }).epochMilliseconds;

interface ItemParts {
  kind: DeadlineItemKind;
  item_id: string;
  team: string | null;
  case_type: string | null;
  queue: string | null;
  channel: string | null;
  openedAtMs: number;
  dueAtMs: number;
  legalDueAtMs: number | null;
  norm: Norm;
  horizon: Horizon;
}

function item(
  tenant: string,
  parts: ItemParts,
  settings: DeadlineItemSettings,
  state: { status: CaseStatus; suspended: boolean; workingDaysLeft: number; atRiskFromMs: number | null },
): DeadlineItem {
  return {
    spec_version: 1,
    tenant,
    kind: parts.kind,
    item_id: parts.item_id,
    team: parts.team,
    case_type: parts.case_type,
    queue: parts.queue,
    channel: parts.channel,
    opened_at: iso(parts.openedAtMs),
    due_at: iso(parts.dueAtMs),
    due_date: amsterdamDateOf(parts.dueAtMs),
    legal_due_at: parts.legalDueAtMs === null ? null : iso(parts.legalDueAtMs),
    at_risk_from: state.atRiskFromMs === null ? null : iso(state.atRiskFromMs),
    suspended: state.suspended,
    status: state.status,
    working_days_left: state.workingDaysLeft,
    norm: { target: parts.norm.target, unit: parts.norm.unit },
    horizon: parts.horizon,
    as_of: settings.asOf,
  };
}

/** An item that cannot be suspended: its status follows from the instants alone. */
function runningItem(tenant: string, parts: ItemParts, settings: DeadlineItemSettings): DeadlineItem {
  const asOfMs = ms(settings.asOf);
  const from = atRiskFrom(settings.calendar, parts.dueAtMs, parts.horizon, parts.norm);
  const status = asOfMs > parts.dueAtMs ? 'overdue' : asOfMs >= from ? 'at_risk' : 'on_track';
  const workingDaysLeft = settings.calendar.workingDaysBetween(
    amsterdamDateOf(asOfMs),
    amsterdamDateOf(parts.dueAtMs),
  );
  return item(tenant, parts, settings, { status, suspended: false, workingDaysLeft, atRiskFromMs: from });
}

/**
 * Open cases: the deadline of the norm that counts, the legal term beside it, the status the live
 * cases figure gives (a suspended case is never at risk: `at_risk_from` null, its days frozen).
 */
export function caseDeadlineItems(
  tenant: string,
  cases: readonly DeadlineCase[],
  settings: DeadlineItemSettings,
): DeadlineItem[] {
  const asOfMs = ms(settings.asOf);
  const today = amsterdamDateOf(asOfMs);
  return cases.map((c) => {
    const horizon = c.horizon ?? DEFAULT_CASE_HORIZON;
    const dueAtMs = ms(c.due_at);
    const parts: ItemParts = {
      kind: 'case',
      item_id: c.case_id,
      team: c.team_id,
      case_type: c.case_type_id,
      queue: null,
      channel: null,
      openedAtMs: startOfDayMs(c.start_date),
      dueAtMs,
      legalDueAtMs: ms(c.legal_due_at ?? c.due_at),
      norm: c.norm,
      horizon,
    };
    return item(tenant, parts, settings, {
      status: openCaseStatus(c, settings.asOf, asOfMs, today, horizon, settings.calendar),
      suspended: c.suspended,
      workingDaysLeft: c.working_days_left,
      atRiskFromMs: c.suspended ? null : atRiskFrom(settings.calendar, dueAtMs, horizon, c.norm),
    });
  });
}

/** Open callback requests against their promise; a callback names a queue, no team. */
export function callbackDeadlineItems(
  tenant: string,
  callbacks: readonly DeadlineCallback[],
  settings: DeadlineItemSettings,
): DeadlineItem[] {
  return callbacks.map((c) =>
    runningItem(
      tenant,
      {
        kind: 'callback',
        item_id: c.callback_id,
        team: null,
        case_type: null,
        queue: c.queue_id,
        channel: null,
        openedAtMs: ms(c.requested_at),
        dueAtMs: dueMs(settings.calendar, c.requested_at, c.promise),
        legalDueAtMs: null,
        norm: c.promise,
        horizon: c.horizon ?? DEFAULT_ITEM_HORIZON,
      },
      settings,
    ),
  );
}

/**
 * Open written contacts: one `written_answer` item until answered, and one `written_acknowledge`
 * item until acknowledged, each against its own norm.
 */
export function writtenDeadlineItems(
  tenant: string,
  contacts: readonly OpenWrittenContact[],
  settings: WrittenItemSettings,
): DeadlineItem[] {
  const answer = { kind: 'written_answer' as const, norm: DEFAULT_ANSWER_NORM, ...settings.answer };
  const acknowledge = {
    kind: 'written_acknowledge' as const,
    norm: DEFAULT_ACKNOWLEDGE_NORM,
    ...settings.acknowledge,
  };
  const out: DeadlineItem[] = [];
  for (const c of contacts) {
    const stages = c.acknowledged_at == null ? [answer, acknowledge] : [answer];
    for (const stage of stages) {
      out.push(
        runningItem(
          tenant,
          {
            kind: stage.kind,
            item_id: c.contact_id,
            team: c.team_id,
            case_type: null,
            queue: null,
            channel: c.channel,
            openedAtMs: ms(c.received_at),
            dueAtMs: dueMs(settings.calendar, c.received_at, stage.norm),
            legalDueAtMs: null,
            norm: stage.norm,
            horizon: stage.horizon ?? DEFAULT_ITEM_HORIZON,
          },
          settings,
        ),
      );
    }
  }
  return out;
}
