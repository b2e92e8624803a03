/**
 * What the live-KPI functions read, as plain types so that they do not depend on how the stores
 * keep their state: the service adapts its stores (and the day log) to these shapes.
 *
 * Every instant is an ISO 8601 string with an offset or Z; dates are YYYY-MM-DD (Europe/Amsterdam).
 */
import type { Calendar, Horizon, Norm } from '../deadlines/index.js';
import type { CallFact, VisitFact } from '../facts/types.js';

/** Identity of one computation: stamped on every snapshot it produces. */
export interface SnapshotStamp {
  /** Wall-clock time of the computation (snapshot `computed_at`). */
  computedAt: string;
  /** Latest occurred_at applied to this tenant's domain (snapshot `last_event_at`). */
  lastEventAt: string | null;
}

// ---------------------------------------------------------------- counter

export interface WaitingVisit {
  visit_id: string;
  location_id: string;
  /** Current queue (after transfers). */
  queue_id: string;
  kind: 'walk_in' | 'appointment';
  arrived_at: string;
  appointment_start: string | null;
  /**
   * Set when the visit was called and then sent back to a queue: the counted call (its wait
   * counts at that instant, as in the fact), and when it re-entered a queue (its current wait
   * runs from there, which is what a supervisor sees the visitor wait).
   */
  requeued?: { counted_called_at: string; counted_queue_id: string; waiting_since: string } | null;
}

export interface VisitInService {
  visit_id: string;
  location_id: string;
  queue_id: string;
  desk_id: string;
  /** Null when the arrival is not (yet) known: then the visit has no wait and no arrival. */
  kind: 'walk_in' | 'appointment' | null;
  arrived_at: string | null;
  appointment_start: string | null;
  /** The counted call (its instant puts the wait in a window). */
  called_at: string;
  /** Queue of the counted call, which the window figures count for; `queue_id` is where it is now. */
  counted_queue_id?: string;
}

export interface OpenDesk {
  desk_id: string;
  location_id: string;
  queue_ids: readonly string[];
}

export interface CounterInput {
  waiting: readonly WaitingVisit[];
  inService: readonly VisitInService[];
  desks: readonly OpenDesk[];
  /** Finished visits of the day log; a fact wins over an open record with the same visit_id. */
  finished: readonly VisitFact[];
}

/** Norms of one scope, in seconds; a missing one falls back to the tenant's, then the default. */
export interface CounterScopeNorms {
  /** counter_wait. */
  waitSeconds?: number;
  /** counter_service_time: a desk's usual time per visitor, the last resort of the expected wait. */
  serviceTimeSeconds?: number;
}

export interface CounterSettings extends SnapshotStamp {
  norms?: {
    tenant?: CounterScopeNorms;
    location?: Readonly<Record<string, CounterScopeNorms>>;
    queue?: Readonly<Record<string, CounterScopeNorms>>;
  };
}

// ---------------------------------------------------------------- phone

export interface CallInQueue {
  call_id: string;
  queue_id: string;
  /** First entry into a queue: the wait runs from here. */
  queued_at: string;
}

export interface CallInProgress {
  call_id: string;
  queue_id: string;
  answered_at: string;
}

export interface OpenCallback {
  callback_id: string;
  /** Null: the callback counts for the tenant only. */
  queue_id: string | null;
  requested_at: string;
  promise: Norm;
}

export interface PhoneInput {
  inQueue: readonly CallInQueue[];
  inProgress: readonly CallInProgress[];
  callbacks: readonly OpenCallback[];
  /** Finished calls of the day log. */
  finished: readonly CallFact[];
}

export interface PhoneSettings extends SnapshotStamp {
  calendar: Calendar;
  /** Tenant answer norm in seconds; default 30. */
  answerNormSeconds?: number;
  /** Per-queue answer norms; a queue without one uses the tenant norm. */
  answerNormSecondsByQueue?: Readonly<Record<string, number>>;
  /** Abandons in the queue shorter than this leave the denominator; default 5. */
  shortAbandonSeconds?: number;
}

// ---------------------------------------------------------------- cases

export interface OpenCase {
  case_id: string;
  case_type_id: string;
  team_id: string | null;
  suspended: boolean;
  /** First day the term stood still (the day after the applicant was asked to complete). */
  suspended_since?: string | null;
  /** The period to complete passed without a resumption: the term runs again. */
  completion_period_passed?: boolean;
  /**
   * Deadline (end of the due day) under the norm that counts; for a suspended case frozen, as if
   * resumed on the first day it stood still.
   */
  due_at: string;
  /** Deadline under the legal term (frozen alike); default: `due_at`. */
  legal_due_at?: string;
  norm: Norm;
  /** Warning horizon of the case type; default: the settings' default. */
  horizon?: Horizon;
}

export interface ClosedCase {
  case_id: string;
  case_type_id: string;
  team_id: string | null;
  start_date: string;
  end_date: string;
  due_date: string;
  /** Null: decided from end_date ≤ due_date. */
  within_norm: boolean | null;
  /** Null: computed as end_date − start_date in calendar days. */
  lead_time_days: number | null;
}

export interface CasesInput {
  open: readonly OpenCase[];
  /** Closed cases of the day log. */
  closed: readonly ClosedCase[];
}

export interface CasesSettings extends SnapshotStamp {
  calendar: Calendar;
  /** Suspended longer than this many calendar days counts as long suspended; default 28. */
  suspendedLongDays?: number;
  /** Horizon for cases without their own; default 2 working days. */
  defaultHorizon?: Horizon;
}

// ---------------------------------------------------------------- written

export type WrittenChannel = 'email' | 'post' | 'web_form' | 'chat';

export interface OpenWrittenContact {
  contact_id: string;
  channel: WrittenChannel;
  team_id: string | null;
  received_at: string;
  acknowledged_at: string | null;
}

export interface AnsweredWrittenContact {
  contact_id: string;
  channel: WrittenChannel;
  team_id: string | null;
  received_at: string;
  answered_at: string;
}

export interface WrittenInput {
  open: readonly OpenWrittenContact[];
  /** Answered contacts of the day log. */
  answered: readonly AnsweredWrittenContact[];
}

export interface WrittenSettings extends SnapshotStamp {
  calendar: Calendar;
  /** Default 2 working days. */
  answerNorm?: Norm;
  /** Default 1 working day. */
  acknowledgeNorm?: Norm;
}

// ---------------------------------------------------------------- survey

export interface SurveyResponse {
  response_id: string;
  occurred_at: string;
  channel: string;
  location_id: string | null;
  team_id: string | null;
  score: number;
  scale: { min: number; max: number };
}

export interface SurveyInput {
  responses: readonly SurveyResponse[];
}

export type SurveySettings = SnapshotStamp;
