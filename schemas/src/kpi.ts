import { z } from 'zod';
import { sourceSystem, tenantCode } from './envelope.js';
import { channel, timestamp } from './values.js';

/**
 * Live KPI snapshots, as the aggregator publishes them on the compacted topic `kpi.v1`, one
 * message per tenant, domain and scope (key: kpiSnapshotKey). Alerting and the gateway read them.
 *
 * Definitions (domain.md), in one place so that every reader computes the same thing:
 * - Durations are seconds; shares are fractions in [0, 1]; a value without data is null.
 * - Percentiles: the value at 0-based index floor(p·n) of the ascending values (ClickHouse
 *   `quantileExact`); the median is p = 0.5, so of an even count it is the upper middle value.
 * - Windows end at `as_of`: `15m` is (as_of − 15 min, as_of], `1h` is (as_of − 1 h, as_of],
 *   `half_hour` is the current clock half hour [hh:00 or hh:30 Europe/Amsterdam, as_of] (the same
 *   instants as UTC's :00 and :30, since the offset is whole hours; its start is included, so at
 *   10:30:00 sharp it holds only what happened at that instant) — the half hour a telephone
 *   service level is reported and steered on, so that a reader can tell whether its target can
 *   still be reached; `today` runs from 00:00 Europe/Amsterdam of as_of's date up to as_of. An item belongs to a
 *   window by the instant named per field (a wait by when it ended, i.e. the call to the desk).
 * - "now" values describe open items at `as_of`.
 * - Queue scope of a visit: its window figures (arrival, call, wait, service, finish) count for
 *   the queue of its counted call (the call that ended its wait; before that, the queue it waits
 *   in), as the fact and the rollups have it; its `now` figures count where it is now (the queue
 *   it waits in, or the queue of the desk call it is being served on).
 * - Norms: a scope's norm is the one set for exactly that scope, else the tenant's, else the
 *   stated default; every figure "over the norm" is strictly longer than it.
 * - `sources`: one snapshot per source that sent events (envelope `source`: system, vendor,
 *   instance) and one for the tenant, so that a screen can say "no data from the telephone
 *   exchange since 10:42" and alerting can see a source fall quiet. Its content changes only when
 *   an event comes or leaves the 15 minutes: compare its times with your own clock.
 */

export const kpiDomain = z
  .enum(['counter', 'phone', 'cases', 'written', 'survey', 'sources'])
  .describe('Which part of the service the snapshot is about.');
export type KpiDomain = z.infer<typeof kpiDomain>;

export const KPI_WINDOWS = ['15m', 'half_hour', '1h', 'today'] as const;
export type KpiWindow = (typeof KPI_WINDOWS)[number];

export const kpiScopeKind = z.enum(['tenant', 'location', 'queue', 'channel', 'team', 'case_type', 'source']);
export type KpiScopeKind = z.infer<typeof kpiScopeKind>;

/** The scope kinds each domain publishes (besides these, nothing). */
export const KPI_SCOPES: Readonly<Record<KpiDomain, readonly KpiScopeKind[]>> = {
  counter: ['tenant', 'location', 'queue'],
  phone: ['tenant', 'queue'],
  cases: ['tenant', 'case_type', 'team'],
  written: ['tenant', 'channel', 'team'],
  survey: ['tenant', 'channel', 'location', 'team'],
  sources: ['tenant', 'source'],
};

/**
 * Scope id of a source: system, vendor and (when set) instance of the event envelope's `source`,
 * each URI-encoded and joined by '/', e.g. `telephony/asterisk` or `telephony/asterisk/pbx-2`.
 * Readers take the parts from the snapshot's `now`, never by parsing the id.
 */
export function sourceScopeId(source: { system: string; vendor: string; instance?: string | null }): string {
  const parts = [source.system, source.vendor];
  if (source.instance != null) parts.push(source.instance);
  return parts.map(encodeURIComponent).join('/');
}

/**
 * The KPI domain each source system feeds: while a source is quiet, that domain's figures prove
 * nothing (alerting keeps its alerts, the wall screen says so on its tiles).
 */
export const SOURCE_DOMAIN: Readonly<Record<z.infer<typeof sourceSystem>, KpiDomain | null>> = {
  telephony: 'phone',
  queue_management: 'counter',
  appointments: 'counter',
  case_system: 'cases',
  written: 'written',
  survey: 'survey',
  reference: null,
};

export const kpiScope = z
  .strictObject({
    kind: kpiScopeKind,
    id: z
      .string()
      .min(1)
      .max(512)
      .nullable()
      .describe(
        'Id of the location, queue, channel, team or case type (an entity id), or of the source ' +
          '(sourceScopeId: system/vendor[/instance]); null for tenant.',
      ),
  })
  .describe('What the numbers cover.');
export type KpiScope = z.infer<typeof kpiScope>;

const count = z.number().int().nonnegative();
const seconds = z.number().nonnegative().nullable();
const share = z.number().min(0).max(1).nullable();

/** Count, mean, median and p90 of durations in seconds. */
export const durationStats = z.strictObject({
  count,
  mean: seconds,
  median: seconds,
  p90: seconds,
});
export type DurationStats = z.infer<typeof durationStats>;

export const expectedWaitBasis = z
  .enum(['called_15m', 'called_1h', 'service_time_today', 'service_time_norm', 'no_open_desk', 'no_data'])
  .describe(
    'How expected_wait_seconds was estimated, first that applies: no_open_desk: no desk of the ' +
      'scope is open (null); called_15m: (waiting + 1) × 900 s ÷ visitors called in the last 15 ' +
      'min; called_1h: nobody called in 15 min, so (waiting + 1) × 3600 s ÷ visitors called in ' +
      'the last hour; service_time_today: nobody called in the hour, so (waiting + 1) × the mean ' +
      "service time of today's served visits ÷ desks_open; service_time_norm: no visit served " +
      'today either, so (waiting + 1) × the counter_service_time norm of the scope (else the ' +
      "tenant's) ÷ desks_open; no_data: none of these is known (null).",
  );

export const counterNow = z.strictObject({
  waiting: count.describe('Visitors waiting (arrived, not yet called, not finished).'),
  waiting_walk_in: count,
  waiting_appointment: count,
  longest_wait_seconds: seconds.describe(
    'Longest current wait: as_of − arrival (appointment: − max(arrival, appointment start)).',
  ),
  wait_norm_seconds: z
    .number()
    .positive()
    .describe(
      'Wait norm of the scope: the counter_wait norm set for exactly this scope, else the ' +
        "tenant's, else 600 s (10 minutes).",
    ),
  waiting_over_norm: count.describe(
    'Visitors waiting now whose current wait (as longest_wait_seconds measures it) is longer than ' +
      'wait_norm_seconds.',
  ),
  in_service: count.describe('Visitors called to a desk and not yet finished.'),
  desks_open: count,
  expected_wait_seconds: seconds.describe(
    'Expected wait for a newcomer, counting the newcomer: (waiting + 1) ÷ the service rate of the ' +
      'scope, by the estimate named in expected_wait_basis; null only when no desk is open or ' +
      'nothing tells the service rate (basis no_open_desk or no_data).',
  ),
  expected_wait_basis: expectedWaitBasis,
});

export const counterWindow = z.strictObject({
  arrivals: count.describe('Visits that arrived in the window (by arrival).'),
  arrivals_per_hour: z
    .number()
    .nonnegative()
    .describe(
      'arrivals ÷ the window length in hours (half_hour: hours since its start; today: hours since 00:00; 0 at the very start).',
    ),
  called: count.describe('Visits whose counted call fell in the window.'),
  wait_walk_in: durationStats.describe('Waits of walk-ins, by when they were called.'),
  wait_appointment: durationStats.describe('Waits of appointments, by when they were called.'),
  service: durationStats.describe('Service times of served visits, by when they finished.'),
  served: count,
  no_shows: count.describe('By when they finished.'),
  left_or_removed: count.describe('By when they finished.'),
});

export const phoneNow = z.strictObject({
  calls_waiting: count.describe('Calls in a queue, not yet answered or abandoned.'),
  longest_wait_seconds: seconds.describe('Longest current wait in a queue.'),
  calls_over_norm: count.describe(
    'Calls waiting now whose wait (queue entry to as_of) is longer than norm_seconds: they can no ' +
      'longer be answered within the norm.',
  ),
  calls_in_progress: count.describe('Answered calls not yet ended.'),
  callbacks_open: count,
  callbacks_due_today: count.describe('Open callbacks whose promise ends today and is not past.'),
  callbacks_overdue: count.describe('Open callbacks past their promised deadline.'),
  norm_seconds: z
    .number()
    .positive()
    .describe('Answer norm used for the service level (tenant norm, else 30 s).'),
  short_abandon_seconds: z
    .number()
    .nonnegative()
    .describe('Abandons shorter than this leave the denominator.'),
});

export const phoneWindow = z.strictObject({
  ended: count.describe('Calls that ended in the window (the window of every call figure below).'),
  queued: count.describe('Calls offered to a queue.'),
  answered: count,
  answered_within_norm: count.describe('Answered with a wait (queue entry to answer) ≤ norm_seconds.'),
  abandoned_in_queue: count.describe('All abandons in the queue, short ones included.'),
  abandoned_short: count.describe('Abandons in the queue after less than short_abandon_seconds.'),
  abandoned_in_menu: count,
  blocked: count,
  service_level: share.describe('answered_within_norm ÷ (queued − abandoned_short).'),
  service_level_of_answered: share.describe('answered_within_norm ÷ answered.'),
  average_speed_of_answer_seconds: seconds.describe('Mean wait of answered calls.'),
  abandonment_rate: share.describe('(abandoned_in_queue − abandoned_short) ÷ (queued − abandoned_short).'),
  handling: durationStats.describe('Handling time (talk + hold + after-call work) of answered calls.'),
});

export const casesNow = z.strictObject({
  open: count,
  suspended: count.describe(
    'Open and suspended now (Awb 4:15: the applicant must complete the application). Not at risk; ' +
      'their days left are frozen at the suspension.',
  ),
  suspended_long: count.describe(
    'Suspended for more than the configured number of calendar days (default 28), counted from ' +
      'the first day the term stood still.',
  ),
  completion_period_passed: count.describe(
    'Open cases whose period to complete the application passed without a resumption: by law the ' +
      'term runs again since that day, so they count as running (and may be at risk or overdue).',
  ),
  at_risk: count.describe(
    'Open, not suspended, not overdue, deadline within the warning horizon (norm, else 2 working days).',
  ),
  overdue: count.describe(
    'Open past the deadline that counts (the service norm when the case type has one, else the legal ' +
      'term; end of the due day, Europe/Amsterdam). A case suspended after its deadline stays overdue.',
  ),
  past_legal_term: count.describe(
    'Open past the legal term (doorlooptijd, Algemene termijnenwet calendar): a penalty (Awb 4:17) or ' +
      'a permit by default may follow. Counted apart from `overdue`, which is past the stricter service norm.',
  ),
});

export const casesWindow = z.strictObject({
  closed: count.describe('Cases closed in the window (by end date; only `today` can hold any).'),
  closed_within_norm: count.describe('Closed on or before their deadline.'),
  lead_time_days: durationStats.describe(
    'Lead time in calendar days (end date − start date) of the cases closed; unit days, not seconds.',
  ),
});

export const writtenNow = z.strictObject({
  open: count.describe('Received, not answered.'),
  unacknowledged: count.describe('Open and not acknowledged.'),
  answer_overdue: count.describe('Open past the answer norm (tenant norm, else 2 working days).'),
  acknowledge_overdue: count.describe(
    'Unacknowledged past the acknowledge norm (tenant norm, else 1 working day).',
  ),
  oldest_open_age_seconds: seconds,
});

export const writtenWindow = z.strictObject({
  received: count,
  answered: count.describe('By when they were answered.'),
  answered_within_norm: count,
});

type ChannelName = z.infer<typeof channel>;

const surveyScale = z.strictObject({ min: z.number(), max: z.number() });

export const surveyWindow = z.strictObject({
  responses: count,
  satisfied: count.describe(
    'Score in the top quarter of its scale: (score − min) ÷ (max − min) ≥ 0.75 (4–5 of 5).',
  ),
  dissatisfied: count.describe(
    'Score in the bottom quarter, exclusive: (score − min) ÷ (max − min) < 0.25 (1 of 5).',
  ),
  satisfied_share: share.describe('satisfied ÷ responses.'),
  dissatisfied_share: share,
  mean_score: z
    .number()
    .nullable()
    .describe(
      'Mean score on its own scale (the one in `scale`) when every response of the window uses ' +
        'one scale; null when there are none or scales mix (then see by_scale).',
    ),
  scale: surveyScale.nullable().describe('The one scale of mean_score; null when mean_score is.'),
  by_scale: z
    .array(
      z.strictObject({
        min: surveyScale.shape.min,
        max: surveyScale.shape.max,
        responses: count,
        mean_score: z.number().describe('Mean score of these responses, on this scale.'),
      }),
    )
    .describe('Per scale used in the window (ascending by min, then max): responses and mean score.'),
  responses_by_channel: z
    .strictObject(
      Object.fromEntries(channel.options.map((c) => [c, count])) as Record<ChannelName, typeof count>,
    )
    .describe('Responses per channel of the contact the survey asked about (every channel, 0 included).'),
});

export const sourcesNow = z.strictObject({
  system: sourceSystem.nullable().describe("The source's system (envelope source.system); null for tenant."),
  vendor: z.string().nullable().describe("The source's vendor; null for tenant."),
  instance: z.string().nullable().describe("The source's instance; null when it has none, and for tenant."),
  sources: count.describe('Sources in the scope that sent any event (1 for a source scope).'),
  last_event_at: timestamp
    .nullable()
    .describe('Event time: the latest occurred_at of any event of the scope, by its own clock.'),
  last_received_at: timestamp
    .nullable()
    .describe(
      'Receive time: when the aggregator last received an event of the scope from the event ' +
        'topics (a redelivery of an event seen in the last 15 minutes excluded); whole seconds ' +
        'after a restart.',
    ),
  events_15m: count.describe(
    'Distinct events (by event_id) of the scope with occurred_at in (as_of − 15 min, as_of].',
  ),
});

const windows = <T extends z.ZodType>(shape: T) =>
  z.strictObject({ '15m': shape, half_hour: shape, '1h': shape, today: shape });

const snapshotFields = {
  spec_version: z.literal(1),
  tenant: tenantCode,
  scope: kpiScope,
  as_of: timestamp.describe('The instant the numbers describe (the aggregator clock).'),
  computed_at: timestamp.describe('Wall-clock time the snapshot was computed.'),
  last_event_at: timestamp
    .nullable()
    .describe("Latest occurred_at among the events applied to this tenant's domain so far."),
};

export const kpiSnapshot = z.discriminatedUnion('domain', [
  z.strictObject({
    ...snapshotFields,
    domain: z.literal('counter'),
    now: counterNow,
    windows: windows(counterWindow),
  }),
  z.strictObject({
    ...snapshotFields,
    domain: z.literal('phone'),
    now: phoneNow,
    windows: windows(phoneWindow),
  }),
  z.strictObject({
    ...snapshotFields,
    domain: z.literal('cases'),
    now: casesNow,
    windows: windows(casesWindow),
  }),
  z.strictObject({
    ...snapshotFields,
    domain: z.literal('written'),
    now: writtenNow,
    windows: windows(writtenWindow),
  }),
  z.strictObject({
    ...snapshotFields,
    domain: z.literal('survey'),
    now: z.strictObject({}),
    windows: windows(surveyWindow),
  }),
  z.strictObject({
    ...snapshotFields,
    domain: z.literal('sources'),
    now: sourcesNow,
    windows: z.strictObject({}).describe('Sources have no windows; events_15m is in now.'),
  }),
]);
export type KpiSnapshot = z.infer<typeof kpiSnapshot>;
export type KpiSnapshotOf<D extends KpiDomain> = Extract<KpiSnapshot, { domain: D }>;

/** Compaction key of a snapshot: the latest message per key is the current picture. */
export function kpiSnapshotKey(s: { tenant: string; domain: KpiDomain; scope: KpiScope }): string {
  return `${s.tenant}|${s.domain}|${s.scope.kind}|${s.scope.id ?? ''}`;
}
