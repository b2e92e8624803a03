import { z } from 'zod';
import { deadlineItemKind, deadlineStatus } from './deadlines.js';
import { tenantCode } from './envelope.js';
import { kpiDomain, kpiScopeKind } from './kpi.js';
import { entityId, label, timestamp } from './values.js';

/**
 * Alerting's data: the rules, silences, mutes and acknowledgements that the gateway writes on the
 * compacted topic `alerting.config.v1` (key: alertingConfigKey; a tombstone deletes), and the
 * alerts that alerting publishes on the compacted topic `alerts.v1` (key: alertKey), which the
 * gateway pushes live. Alerting validates every message again with these schemas; a message that
 * fails is logged with its reason and ignored, never half applied.
 */

const ruleId = entityId.describe('Id of the rule, unique within the municipality.');
const minutes = (what: string) =>
  z
    .number()
    .positive()
    .max(24 * 60)
    .describe(what);

export const alertSeverity = z
  .enum(['warning', 'critical'])
  .describe('warning: act soon; critical: act now.');
export type AlertSeverity = z.infer<typeof alertSeverity>;

/** Which snapshots a rule reads: one scope kind, and one id of it or (without id) every one. */
export const ruleScope = z
  .strictObject({
    kind: kpiScopeKind,
    id: z.string().min(1).max(512).optional().describe('One scope; left out: every scope of the kind.'),
  })
  .describe('The snapshots a rule reads: every scope of a kind, or one.');

const ruleCommon = {
  rule_id: ruleId,
  name: label.describe('Name shown in notifications and the inbox.'),
  severity: alertSeverity.default('warning'),
  enabled: z.boolean().default(true),
  team: entityId
    .optional()
    .describe(
      "Team to warn; left out: the scope's own team (team and case deadlines), else the municipality.",
    ),
};

/**
 * A number of a KPI snapshot, named by its path: `now.<field>` or `windows.<15m|half_hour|1h|today>.<field>`,
 * optionally one level deeper for duration statistics (`windows.15m.wait_walk_in.p90`).
 * Which paths exist is checked against the domain's snapshot schema by alerting (and the gateway).
 */
export const metricPath = z.string().regex(/^(now|windows\.[a-z0-9_]+)\.[a-z0-9_]+(\.[a-z0-9_]+)?$/, {
  error: 'must be a path such as now.expected_wait_seconds or windows.15m.service_level',
});

export const thresholdRule = z
  .strictObject({
    ...ruleCommon,
    kind: z.literal('threshold'),
    domain: kpiDomain,
    scope: ruleScope,
    metric: metricPath,
    operator: z.enum(['above', 'below']).describe('Breach when the value is above (or below) the threshold.'),
    threshold: z.number().describe('In the metric’s own unit: seconds, a share in [0, 1], or a count.'),
    recovery: z
      .number()
      .optional()
      .describe(
        'Hysteresis: a firing alert resolves only once the value is back past this level (below it ' +
          'for above, above it for below); left out: the threshold itself.',
      ),
    for_seconds: z
      .number()
      .min(0)
      .max(24 * 3600)
      .default(0)
      .describe('How long the breach must last before the alert fires (pending until then).'),
    min_count: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe('Ignore windows with fewer items than this (the count beside the metric), e.g. 10 calls.'),
  })
  .refine(
    (r) =>
      r.recovery === undefined ||
      (r.operator === 'above' ? r.recovery <= r.threshold : r.recovery >= r.threshold),
    {
      path: ['recovery'],
      message: 'must lie on the good side of the threshold (≤ it for above, ≥ it for below)',
    },
  );

export const counterForecastRule = z.strictObject({
  ...ruleCommon,
  kind: z.literal('counter_forecast'),
  scope: ruleScope.refine((s) => ['tenant', 'location', 'queue'].includes(s.kind), {
    path: ['kind'],
    message: 'must be tenant, location or queue for a counter forecast',
  }),
  horizon_minutes: minutes(
    'Warn when the expected wait for a newcomer will pass the wait norm within this many minutes ' +
      '(domain.md: (T·μ − n − 1) ÷ (λ − μ)), or already does. Must be shorter than the norm.',
  ),
  resolve_after_minutes: z
    .number()
    .min(0)
    .max(120)
    .default(2)
    .describe('A forecast alert resolves after the forecast stayed clear this long (no flapping).'),
});

export const phoneHalfHourRule = z.strictObject({
  ...ruleCommon,
  kind: z.literal('phone_half_hour'),
  scope: ruleScope.refine((s) => ['tenant', 'queue'].includes(s.kind), {
    path: ['kind'],
    message: 'must be tenant or queue for a telephone forecast',
  }),
  target_share: z
    .number()
    .gt(0)
    .max(1)
    .optional()
    .describe('Service level to reach; left out: the share of the phone_service_level norm, else 0.8.'),
  min_offered: z.number().int().min(0).default(5).describe('Stay quiet until this many calls were offered.'),
});

export const deadlineRule = z.strictObject({
  ...ruleCommon,
  kind: z.literal('deadline'),
  item_kinds: z.array(deadlineItemKind).min(1).describe('Which items the rule watches.'),
  group_by: z
    .array(z.enum(['team', 'case_type', 'queue', 'channel']))
    .default(['team', 'case_type'])
    .describe('One alert per group of these labels, listing its items by deadline.'),
  overdue_severity: alertSeverity.default('critical'),
});

export const sourceQuietRule = z.strictObject({
  ...ruleCommon,
  kind: z.literal('source_quiet'),
  source: z
    .string()
    .min(1)
    .max(512)
    .optional()
    .describe('One source scope id (system/vendor[/instance]); left out: every source of the municipality.'),
  min_quiet_minutes: minutes('Never fire before the source was quiet this long.').default(10),
  max_quiet_minutes: minutes(
    'Always fire once the source was quiet this long (during opening hours).',
  ).default(30),
  gap_factor: z
    .number()
    .min(1)
    .max(100)
    .default(5)
    .describe('Fire when quiet for this many times its usual gap between events (within the bounds above).'),
});

export const alertRuleKinds = [
  thresholdRule,
  counterForecastRule,
  phoneHalfHourRule,
  deadlineRule,
  sourceQuietRule,
] as const;

export const alertRule = z
  .discriminatedUnion('kind', alertRuleKinds)
  .check((ctx) => {
    const r = ctx.value;
    if (r.kind === 'source_quiet' && r.min_quiet_minutes > r.max_quiet_minutes)
      ctx.issues.push({
        code: 'custom',
        input: r.min_quiet_minutes,
        path: ['min_quiet_minutes'],
        message: 'must not exceed max_quiet_minutes',
      });
  })
  .describe('An alert rule of a municipality.');
export type AlertRule = z.infer<typeof alertRule>;
export type AlertRuleKind = AlertRule['kind'];

/** Matches a label of an alert, as Alertmanager's matchers do. */
export const labelMatcher = z
  .strictObject({
    name: z.string().regex(/^[a-z_][a-z0-9_]*$/, { error: 'must be a label name such as team or rule_id' }),
    value: z.string().max(512),
    op: z
      .enum(['=', '!=', '=~', '!~'])
      .default('=')
      .describe('=~ and !~ take an anchored regular expression.'),
  })
  .check((ctx) => {
    const m = ctx.value;
    if (m.op !== '=~' && m.op !== '!~') return;
    try {
      new RegExp(`^(?:${m.value})$`, 'u');
    } catch (error) {
      ctx.issues.push({
        code: 'custom',
        input: m.value,
        path: ['value'],
        message: `must be a valid regular expression for ${m.op}: ${(error as Error).message}`,
      });
    }
  });
export type LabelMatcher = z.infer<typeof labelMatcher>;

const matchers = z.array(labelMatcher).min(1).max(20).describe('All must match.');

export const silence = z
  .strictObject({
    silence_id: entityId,
    matchers,
    starts_at: timestamp,
    ends_at: timestamp.describe('Expiring a silence sets this to the moment of expiry.'),
    created_by: label.describe('Who set it (user id, not a name).'),
    comment: z.string().min(1).max(1000),
  })
  .refine((s) => Date.parse(s.ends_at) > Date.parse(s.starts_at), {
    path: ['ends_at'],
    message: 'must be later than starts_at',
  })
  .describe('Suppresses the notifications of matching alerts between starts_at and ends_at.');
export type Silence = z.infer<typeof silence>;

export const mute = z
  .strictObject({
    mute_id: entityId,
    matchers,
    when: z
      .literal('outside_opening_hours')
      .describe(
        "Outside the opening hours of the alert's queue, location or municipality (reference.opening_hours).",
      ),
    created_by: label,
  })
  .describe(
    'Suppresses matching alerts at times they mean nothing, e.g. counter alerts when the counter is closed.',
  );
export type Mute = z.infer<typeof mute>;

export const acknowledgement = z
  .strictObject({
    fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
    acknowledged_by: label,
    at: timestamp,
    comment: z.string().max(1000).optional(),
  })
  .describe('A team lead has seen a firing alert: no repeats and no escalation until the alert changes.');
export type Acknowledgement = z.infer<typeof acknowledgement>;

const changeFields = {
  spec_version: z.literal(1),
  tenant: tenantCode,
  changed_at: timestamp,
  changed_by: label.describe('User id of who made the change (for the change log).'),
};

/** A message on `alerting.config.v1`. A tombstone (null value) for a key deletes that rule, silence or mute. */
export const alertingConfigMessage = z.discriminatedUnion('type', [
  z.strictObject({ ...changeFields, type: z.literal('rule'), rule: alertRule }),
  z.strictObject({ ...changeFields, type: z.literal('silence'), silence }),
  z.strictObject({ ...changeFields, type: z.literal('mute'), mute }),
  z.strictObject({ ...changeFields, type: z.literal('acknowledgement'), acknowledgement }),
]);
export type AlertingConfigMessage = z.infer<typeof alertingConfigMessage>;

export function alertingConfigKey(m: AlertingConfigMessage): string {
  switch (m.type) {
    case 'rule':
      return `${m.tenant}|rule|${m.rule.rule_id}`;
    case 'silence':
      return `${m.tenant}|silence|${m.silence.silence_id}`;
    case 'mute':
      return `${m.tenant}|mute|${m.mute.mute_id}`;
    case 'acknowledgement':
      return `${m.tenant}|acknowledgement|${m.acknowledgement.fingerprint}`;
  }
}

export const alertState = z
  .enum(['pending', 'firing', 'resolved'])
  .describe('pending: the condition holds but not yet for its duration; firing; resolved.');
export type AlertState = z.infer<typeof alertState>;

export const alertItem = z.strictObject({
  kind: deadlineItemKind,
  item_id: entityId,
  due_at: timestamp,
  working_days_left: z.number().int(),
  status: deadlineStatus,
});

/** A message on `alerts.v1`: the current state of one alert. */
export const alertMessage = z.strictObject({
  spec_version: z.literal(1),
  tenant: tenantCode,
  fingerprint: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .describe('Stable id of the alert: a hash of its labels.'),
  rule_id: ruleId,
  rule_kind: z.enum(['threshold', 'counter_forecast', 'phone_half_hour', 'deadline', 'source_quiet']),
  labels: z
    .record(z.string().regex(/^[a-z_][a-z0-9_]*$/), z.string().max(512))
    .describe('tenant, rule_id, and the scope: team, location, queue, case_type, source, status …'),
  state: alertState,
  severity: alertSeverity,
  summary: z.string().max(500).describe('One line, Dutch, for a notification subject or an inbox row.'),
  description: z.string().max(4000).describe('What was measured and how it was predicted, with the inputs.'),
  value: z
    .number()
    .nullable()
    .describe('The measured or predicted value; null for a deadline or quiet-source alert.'),
  threshold: z.number().nullable(),
  unit: z.enum(['seconds', 'minutes', 'share', 'count', 'items']).nullable(),
  items: z.array(alertItem).max(500).describe('Deadline items behind the alert, by due_at ascending.'),
  items_total: z.number().int().min(0).describe('All items behind the alert (items holds at most 500).'),
  occurrence: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe(
      'How many times this fingerprint began anew (1 the first time; a new one after each resolve); ' +
        'notification ids and the notification log tell occurrences apart by it. Absent: 1.',
    ),
  starts_at: timestamp.describe('When the condition began (pending) for this occurrence.'),
  fired_at: timestamp.nullable(),
  resolved_at: timestamp.nullable(),
  updated_at: timestamp,
  changed_at: timestamp
    .optional()
    .describe(
      'Last change that calls for attention again: a new occurrence, a state or severity change, a ' +
        'new deadline item. An acknowledgement older than this no longer holds. Absent: starts_at.',
    ),
  acknowledgement: acknowledgement.nullable(),
  silenced_by: z.array(entityId).describe('Silences that suppress its notifications now.'),
  muted_by: z.array(entityId).describe('Mutes that suppress it now (e.g. outside opening hours).'),
  escalated_at: timestamp.nullable(),
});
export type AlertMessage = z.infer<typeof alertMessage>;

export function alertKey(a: { tenant: string; fingerprint: string }): string {
  return `${a.tenant}|${a.fingerprint}`;
}

/**
 * The JSON body alerting's webhook receiver POSTs, version 1: one notification about one group of
 * alerts. The request carries `X-Stuurwiel-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>">` with the receiver's secret (refuse a stale t to refuse replays), and
 * `Idempotency-Key: <notification_id>`: the same notification sent again after a crash carries
 * the same id, so a receiver drops the repeat. A later, incompatible body gets version 2.
 */
export const alertWebhookPayload = z.strictObject({
  version: z.literal(1),
  notification_id: z.string().min(1).max(128).describe('Deterministic id; equal ids are one notification.'),
  tenant: tenantCode,
  group_key: z.string().min(1).max(1000).describe('The group of alerts the notification is about.'),
  group_labels: z
    .record(z.string(), z.string())
    .describe('The labels the group is formed by (tenant, team …).'),
  receiver: z.string().min(1).max(128).describe('Name of the receiver in the receivers file.'),
  reason: z
    .enum(['firing', 'resolved', 'repeat', 'escalation'])
    .describe('firing: new or changed alerts; resolved: all resolved; repeat: still firing; escalation.'),
  created_at: timestamp,
  alerts: z.array(alertMessage).min(1).describe('The alerts of the group, as alerts.v1 carries them.'),
});
export type AlertWebhookPayload = z.infer<typeof alertWebhookPayload>;
