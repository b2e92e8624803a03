/**
 * Representative rows for the statement catalogue: few, but enough that every statement reads
 * data, every branch of a recomputation has rows to work on, and every result can be checked by
 * hand. Monday 27 April 2026, Europe/Amsterdam (UTC+2).
 */
import { makeEvent } from '@stuurwiel/infra/testing';
import type { CanonicalEvent } from '@stuurwiel/schemas';
import type {
  CallbackFact,
  CallFact,
  CaseFact,
  SurveyComment,
  SurveyFact,
  VisitFact,
  WrittenFact,
} from '../../services/aggregator/src/facts/types.js';
import type { NormPayload } from '../../services/aggregator/src/reference/reference-store.js';
import type { NormsOf } from '../../services/aggregator/src/rollups/norms.js';

export const TENANT = 'GM0363';
export const OTHER_TENANT = 'GM0599';
export const DAY = '2026-04-27';
export const NEXT_DAY = '2026-04-28';
/** The visits' hour and the calls' hour (UTC), as the rollups are keyed. */
export const VISIT_HOUR = '2026-04-27T08:00:00.000Z';
export const CALL_HOUR = '2026-04-27T09:00:00.000Z';
/** `computed_at` of the first recomputation round, and of a later one. */
export const ROUND = new Date('2026-04-28T10:00:00.000Z');
export const LATER_ROUND = new Date('2026-04-28T10:05:00.000Z');
/** A fact's insert version. */
export const VERSION = new Date('2026-04-28T09:59:00.000Z');

// --- raw events -------------------------------------------------------------------------------

/** "Now" for the rebuild query, and its look-back. */
export const REBUILD_AT = new Date('2026-04-28T10:00:00.000Z');
export const LOOKBACK_HOURS = 24;
/** When the old events were stored: well before the look-back. */
export const OLD_INGEST = new Date('2026-04-20T12:00:00.000Z');

// Each event is named, so that the rebuild's result can be checked by id.
const named = (event_id: string, tenant = TENANT) => ({ event_id, tenant });

const NORM = { target: 8, unit: 'calendar_days' } as const;

/** Stored long ago: only reference data and a still open case are needed to rebuild state. */
export const OLD_EVENTS: CanonicalEvent[] = [
  makeEvent(
    'reference.tenant',
    '2026-01-05T09:00:00.000Z',
    {
      name: "'s-Hertogenbosch",
      population: 160_000,
      province: 'noord-brabant',
      size_class: '100k_250k',
    },
    named('ref-tenant'),
  ),
  makeEvent(
    'case.created',
    '2026-04-01T09:00:00.000Z',
    {
      case_id: 'Z-open',
      case_type_id: 'vergunning',
      start_date: '2026-04-01',
      lead_time_norm: NORM,
    },
    named('case-open'),
  ),
  makeEvent(
    'case.created',
    '2026-04-02T09:00:00.000Z',
    {
      case_id: 'Z-done',
      case_type_id: 'melding',
      start_date: '2026-04-02',
      lead_time_norm: NORM,
    },
    named('case-done-created'),
  ),
  makeEvent(
    'case.closed',
    '2026-04-03T09:00:00.000Z',
    {
      case_id: 'Z-done',
      end_date: '2026-04-03',
      result: 'afgehandeld',
    },
    named('case-done-closed'),
  ),
  makeEvent(
    'visit.arrived',
    '2026-04-20T08:00:00.000Z',
    {
      visit_id: 'V-old',
      location_id: 'L1',
      queue_id: 'Q1',
      kind: 'walk_in',
    },
    named('visit-old'),
  ),
];

/** Stored now: today's visit, and another tenant's. */
export const RECENT_EVENTS: CanonicalEvent[] = [
  makeEvent(
    'visit.arrived',
    '2026-04-28T08:05:00.250Z',
    {
      visit_id: 'V-today',
      location_id: 'L1',
      queue_id: 'Q1',
      kind: 'walk_in',
      products: ['paspoort'],
    },
    named('visit-today'),
  ),
  makeEvent(
    'visit.arrived',
    '2026-04-28T08:00:00.000Z',
    { visit_id: 'V-elsewhere', location_id: 'L9', queue_id: 'Q9', kind: 'walk_in' },
    named('visit-elsewhere', OTHER_TENANT),
  ),
];

/** What the rebuild reads for TENANT at REBUILD_AT, in event-time order. */
export const REBUILD_EVENT_IDS = ['ref-tenant', 'case-open', 'visit-today'];

// --- facts ------------------------------------------------------------------------------------

export const VISITS: VisitFact[] = [
  {
    tenant: TENANT,
    visit_id: 'V1',
    location_id: 'L1',
    queue_id: 'Q1',
    desk_id: 'D1',
    kind: 'walk_in',
    // Twice the same product: it counts once for the visit.
    products: ['paspoort', 'paspoort', 'rijbewijs'],
    arrived_at: '2026-04-27T08:05:00.000Z',
    appointment_start: null,
    called_at: '2026-04-27T08:10:00.000Z',
    finished_at: '2026-04-27T08:20:00.000Z',
    outcome: 'served',
    wait_seconds: 300,
    service_seconds: 600,
    transfers: 0,
    recalls: 0,
  },
  {
    tenant: TENANT,
    visit_id: 'V2',
    location_id: 'L1',
    queue_id: 'Q1',
    desk_id: null,
    kind: 'appointment',
    products: [],
    arrived_at: '2026-04-27T08:40:00.000Z',
    appointment_start: '2026-04-27T08:45:00.000Z',
    called_at: null,
    finished_at: '2026-04-27T09:10:00.000Z',
    outcome: 'left',
    wait_seconds: null,
    service_seconds: null,
    transfers: 0,
    recalls: 0,
  },
];

const call = (overrides: Partial<CallFact> & Pick<CallFact, 'call_id'>): CallFact => ({
  tenant: TENANT,
  line: '14 073',
  queue_id: 'KCC',
  caller_key: null,
  offered_at: '2026-04-27T09:00:00.000Z',
  queued_at: '2026-04-27T09:00:20.000Z',
  answered_at: null,
  ended_at: '2026-04-27T09:05:00.000Z',
  outcome: 'answered',
  wait_seconds: null,
  talk_seconds: 0,
  hold_seconds: 0,
  after_call_work_seconds: 0,
  handling_seconds: 0,
  transfers: 0,
  resolved: null,
  ...overrides,
});

export const CALLS: CallFact[] = [
  call({
    call_id: 'C1',
    answered_at: '2026-04-27T09:01:20.000Z',
    wait_seconds: 60,
    talk_seconds: 200,
    hold_seconds: 10,
    after_call_work_seconds: 30,
    handling_seconds: 240,
    resolved: true,
  }),
  // Abandoned after 3 s: a short abandon under the default threshold of 5 s.
  call({
    call_id: 'C2',
    offered_at: '2026-04-27T09:30:00.000Z',
    queued_at: '2026-04-27T09:30:10.000Z',
    ended_at: '2026-04-27T09:30:13.000Z',
    outcome: 'abandoned_in_queue',
    wait_seconds: 3,
  }),
];

const callback = (overrides: Partial<CallbackFact> & Pick<CallbackFact, 'callback_id'>): CallbackFact => ({
  tenant: TENANT,
  call_id: null,
  queue_id: 'KCC',
  requested_at: '2026-04-27T09:10:00.000Z',
  promise_target: 2,
  promise_unit: 'working_days',
  due_at: '2026-04-29T22:00:00.000Z',
  completed_at: null,
  outcome: null,
  status: 'open',
  on_time: null,
  working_days: null,
  version: 1,
  ...overrides,
});

/**
 * Requested on DAY: one reached on time on the next day, one cancelled the same day (completed,
 * but kept out of the histogram), one still open without a queue.
 */
export const CALLBACKS: CallbackFact[] = [
  callback({
    callback_id: 'CB1',
    call_id: 'C1',
    completed_at: '2026-04-28T08:00:00.000Z',
    outcome: 'reached',
    status: 'completed',
    on_time: true,
    working_days: 1,
    version: 2,
  }),
  callback({
    callback_id: 'CB2',
    queue_id: null,
    requested_at: '2026-04-27T10:00:00.000Z',
  }),
  callback({
    callback_id: 'CB3',
    requested_at: '2026-04-27T11:00:00.000Z',
    completed_at: '2026-04-27T12:00:00.000Z',
    outcome: 'cancelled',
    status: 'completed',
    working_days: 0,
    version: 2,
  }),
];

const caseFact = (overrides: Partial<CaseFact> & Pick<CaseFact, 'case_id'>): CaseFact => ({
  tenant: TENANT,
  case_type_id: 'vergunning',
  team_id: 'team-a',
  start_date: '2026-04-07',
  end_date: DAY,
  norm: { target: 56, unit: 'calendar_days' },
  due_date: '2026-06-02',
  legal_due_date: '2026-06-02',
  suspended: false,
  suspended_since: null,
  suspended_days: 2,
  extension_working_days: 0,
  extension_calendar_weeks: 0,
  status: 'closed',
  lead_time_days: 20,
  within_norm: true,
  last_status: 'afgerond',
  result: 'verleend',
  version: 4,
  ...overrides,
});

/** Two closed on DAY (one per tenant, one without a team), one still open. */
export const CASES: CaseFact[] = [
  caseFact({ case_id: 'Z1' }),
  caseFact({ case_id: 'Z2', tenant: OTHER_TENANT, team_id: null, extension_working_days: 5 }),
  caseFact({
    case_id: 'Z3',
    end_date: null,
    status: 'open',
    lead_time_days: null,
    within_norm: null,
    result: null,
  }),
];

/** Z1 again, its end date corrected to the next day: DAY's group must drop to zero. */
export const MOVED_CASE: CaseFact = caseFact({
  case_id: 'Z1',
  end_date: NEXT_DAY,
  lead_time_days: 21,
  version: 5,
});

export const WRITTEN: WrittenFact[] = [
  {
    tenant: TENANT,
    contact_id: 'W1',
    channel: 'email',
    team_id: 'team-b',
    category: 'belastingen',
    received_at: '2026-04-27T07:00:00.000Z',
    acknowledged_at: '2026-04-27T08:00:00.000Z',
    answered_at: '2026-04-28T10:00:00.000Z',
    acknowledge_working_days: 0,
    answer_working_days: 1,
    status: 'answered',
    version: 3,
  },
  {
    tenant: TENANT,
    contact_id: 'W2',
    channel: 'post',
    team_id: null,
    category: null,
    received_at: '2026-04-27T09:00:00.000Z',
    acknowledged_at: null,
    answered_at: null,
    acknowledge_working_days: null,
    answer_working_days: null,
    status: 'open',
    version: 1,
  },
];

export const SURVEYS: SurveyFact[] = [
  {
    tenant: TENANT,
    response_id: 'S1',
    occurred_at: '2026-04-27T10:00:00.000Z',
    channel: 'counter',
    product_id: 'paspoort',
    location_id: 'L1',
    team_id: null,
    score: 5,
    scale_min: 1,
    scale_max: 5,
    satisfied: true,
    dissatisfied: false,
  },
  {
    tenant: TENANT,
    response_id: 'S2',
    occurred_at: '2026-04-27T11:00:00.000Z',
    channel: 'phone',
    product_id: null,
    location_id: null,
    team_id: 'team-a',
    score: 1,
    scale_min: 1,
    scale_max: 5,
    satisfied: false,
    dissatisfied: true,
  },
];

// The free text of S2, with the characters that break quoting and parameter syntax: stored as written.
const { score, scale_min, scale_max, satisfied, dissatisfied, ...answered } = SURVEYS[1]!;
export const SURVEY_COMMENTS: SurveyComment[] = [
  { ...answered, comment: "Te lang gewacht; 'niemand' nam op\\\n{p0:String}\t🚲" },
];

// --- norms ------------------------------------------------------------------------------------

const norm = (
  id: string,
  kpi: NormPayload['kpi'],
  target: number,
  unit: NormPayload['unit'],
  scope: NormPayload['scope'],
): NormPayload => ({
  norm_id: id,
  kpi,
  target,
  unit,
  warning_horizon: { target: 1, unit },
  scope,
});

/**
 * TENANT's norms for a round that has some: Q1's counter norm (4 min) above the tenant's (15 min),
 * KCC's answer norm of 2 minutes, and a written answer norm in calendar days, which the working-day
 * histogram cannot express (stored NULL).
 */
const NORMS: readonly NormPayload[] = [
  norm('counter-q1', 'counter_wait', 4, 'minutes', { kind: 'queue', id: 'Q1' }),
  norm('counter-all', 'counter_wait', 15, 'minutes', { kind: 'tenant' }),
  norm('phone-kcc', 'phone_service_level', 2, 'minutes', { kind: 'queue', id: 'KCC' }),
  norm('written', 'written_answer', 5, 'calendar_days', { kind: 'tenant' }),
];
export const NORMS_OF: NormsOf = (tenant) => (tenant === TENANT ? NORMS : []);
export const NO_NORMS: NormsOf = () => [];
