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

export const caseFact = z.strictObject({
  tenant: z.string(),
  case_id: z.string(),
  case_type_id: z.string(),
  team_id: z.string().nullable(),
  start_date: z.string(),
  end_date: z.string().nullable(),
  due_date: z.string(),
  /** Calendar days from start to end (or to today while open). */
  lead_time_days: z.number().int().nullable(),
  suspended_days: z.number().int(),
  extension_working_days: z.number().int(),
  status: z.enum(['open', 'closed']),
  within_norm: z.boolean().nullable(),
  result: z.string().nullable(),
});
export type CaseFact = z.infer<typeof caseFact>;
