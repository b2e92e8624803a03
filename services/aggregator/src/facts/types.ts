import { z } from 'zod';

/**
 * Facts: what the aggregator derives when an entity is finished, one row per entity in
 * ClickHouse (replacing tables keyed by tenant and entity id, so a recomputed fact replaces the
 * old one and a redelivered one changes nothing). Times are ISO 8601 instants in UTC; durations
 * in seconds.
 */

export const visitFact = z.strictObject({
  tenant: z.string(),
  visit_id: z.string(),
  location_id: z.string(),
  queue_id: z.string(),
  /** Desk of the last call (the last call counts when a call is repeated). */
  desk_id: z.string().nullable(),
  kind: z.enum(['walk_in', 'appointment']),
  products: z.array(z.string()),
  arrived_at: z.string(),
  appointment_start: z.string().nullable(),
  /** Last call; null when the visit ended without being called (left, removed, no-show). */
  called_at: z.string().nullable(),
  finished_at: z.string(),
  outcome: z.enum(['served', 'no_show', 'left', 'removed']),
  /** called_at − arrived_at, or for an appointment called_at − max(arrived_at, appointment_start); never below 0. */
  wait_seconds: z.number().nullable(),
  /** finished_at − called_at. */
  service_seconds: z.number().nullable(),
  transfers: z.number().int(),
  recalls: z.number().int(),
});
export type VisitFact = z.infer<typeof visitFact>;

export const callFact = z.strictObject({
  tenant: z.string(),
  call_id: z.string(),
  line: z.string().nullable(),
  queue_id: z.string().nullable(),
  caller_key: z.string().nullable(),
  offered_at: z.string(),
  /** Entering the queue (after the last menu choice): the service-level wait starts here. */
  queued_at: z.string().nullable(),
  answered_at: z.string().nullable(),
  ended_at: z.string(),
  outcome: z.enum(['answered', 'abandoned_in_menu', 'abandoned_in_queue', 'blocked', 'transferred_out']),
  wait_seconds: z.number().nullable(),
  talk_seconds: z.number(),
  hold_seconds: z.number(),
  after_call_work_seconds: z.number(),
  /** talk + hold + after-call work. */
  handling_seconds: z.number(),
  transfers: z.number().int(),
  resolved: z.boolean().nullable(),
});
export type CallFact = z.infer<typeof callFact>;

/**
 * A callback request's current state, emitted when it is requested (open) and when it is
 * completed. A callback carries no team: its queue is the team that promised it.
 */
export const callbackFact = z.strictObject({
  tenant: z.string(),
  callback_id: z.string(),
  call_id: z.string().nullable(),
  queue_id: z.string().nullable(),
  /** The latest request (a rebooking with the same id replaces the promise). */
  requested_at: z.string(),
  promise_target: z.number(),
  promise_unit: z.enum(['seconds', 'minutes', 'hours', 'calendar_days', 'working_days']),
  /** End of the promise, by the deadline rules the live callback counts use. */
  due_at: z.string(),
  completed_at: z.string().nullable(),
  outcome: z.enum(['reached', 'not_reached', 'cancelled']).nullable(),
  status: z.enum(['open', 'completed']),
  /** Completed (reached or not) no later than due_at; null while open or when cancelled. */
  on_time: z.boolean().nullable(),
  /**
   * Working days from the day after the request to the completion, a completion on a closed day
   * counting on the next working day: ≤ N exactly when "within N working days" was kept.
   */
  working_days: z.number().int().nullable(),
  /** Grows with the state: completed above open, a later request above an earlier one. */
  version: z.number().int(),
});
export type CallbackFact = z.infer<typeof callbackFact>;

const factNorm = z.strictObject({
  target: z.number(),
  unit: z.enum(['seconds', 'minutes', 'hours', 'calendar_days', 'working_days']),
});

/**
 * A case's current state, emitted on every change while open and once more when closed, so the
 * facts table always holds it. Dates are YYYY-MM-DD in Europe/Amsterdam.
 */
export const caseFact = z.strictObject({
  tenant: z.string(),
  case_id: z.string(),
  case_type_id: z.string(),
  team_id: z.string().nullable(),
  start_date: z.string(),
  end_date: z.string().nullable(),
  /** The norm that counts: the case type's service norm when it has one, else its lead time. */
  norm: factNorm,
  /**
   * Deadline under `norm`. While suspended it is the date as if resumed on the day the
   * suspension began (a frozen, replayable value); the live read recomputes it for today.
   */
  due_date: z.string(),
  /** Deadline under the legal lead time (doorlooptijd), on the Algemene termijnenwet calendar. */
  legal_due_date: z.string(),
  suspended: z.boolean(),
  /** First day the term stands still: the day after the applicant was asked to complete (Awb 4:15). */
  suspended_since: z.string().nullable(),
  /** Calendar days on hold (whatever the norm's unit), up to the end date for a closed case. */
  suspended_days: z.number().int(),
  /**
   * The extension in force (the latest case.extended) when it is in working days. One in calendar
   * weeks is in `due_date` but not here: the table has no column for it (see the aggregator README).
   */
  extension_working_days: z.number().int(),
  status: z.enum(['open', 'closed']),
  /** Calendar days from start_date to end_date; null while open (its age depends on today). */
  lead_time_days: z.number().int().nullable(),
  /** end_date ≤ due_date; null while open. */
  within_norm: z.boolean().nullable(),
  /** Latest status by event time (statustype). */
  last_status: z.string().nullable(),
  result: z.string().nullable(),
  /** Distinct events applied: grows with every change whatever the order, so replays end equal. */
  version: z.number().int(),
});
export type CaseFact = z.infer<typeof caseFact>;

/**
 * A written contact's current state. Working days count from the day after receipt (answered
 * the same day = 0), with the calendar of the aggregator, so any norm applies at query time.
 */
export const writtenFact = z.strictObject({
  tenant: z.string(),
  contact_id: z.string(),
  channel: z.enum(['email', 'post', 'web_form', 'chat']),
  team_id: z.string().nullable(),
  category: z.string().nullable(),
  received_at: z.string(),
  acknowledged_at: z.string().nullable(),
  answered_at: z.string().nullable(),
  acknowledge_working_days: z.number().int().nullable(),
  answer_working_days: z.number().int().nullable(),
  status: z.enum(['open', 'answered']),
  /** Distinct events applied, as for cases. */
  version: z.number().int(),
});
export type WrittenFact = z.infer<typeof writtenFact>;

/** One survey response, without its free text (that is content: see SurveyComment). */
export const surveyFact = z.strictObject({
  tenant: z.string(),
  response_id: z.string(),
  occurred_at: z.string(),
  channel: z.enum(['counter', 'phone', 'email', 'post', 'web_form', 'chat', 'video']),
  product_id: z.string().nullable(),
  location_id: z.string().nullable(),
  team_id: z.string().nullable(),
  score: z.number(),
  scale_min: z.number(),
  scale_max: z.number(),
  /** (score − min) / (max − min) ≥ 0.75: 4 and 5 on a 1–5 scale. */
  satisfied: z.boolean(),
  /** (score − min) / (max − min) < 0.25: 1 on a 1–5 scale. */
  dissatisfied: z.boolean(),
});
export type SurveyFact = z.infer<typeof surveyFact>;

/** The free-text answer of a response, kept apart from the facts with its own retention. */
export const surveyComment = z.strictObject({
  tenant: z.string(),
  response_id: z.string(),
  occurred_at: z.string(),
  channel: surveyFact.shape.channel,
  product_id: z.string().nullable(),
  location_id: z.string().nullable(),
  team_id: z.string().nullable(),
  comment: z.string(),
});
export type SurveyComment = z.infer<typeof surveyComment>;
