import { type Db, splitInstant, sql } from '@stuurwiel/clickhouse';
import { alertSeverity, alertState, tenantCode, timestamp } from '@stuurwiel/schemas';
import { z } from 'zod';
import type { AlertHistory } from '../model.js';
import { epochIso, jsonText, namedQuery, parseFor, precedence, rowLimit, runQuery } from './statement.js';

/** Statements on alert_notifications_v1 (migration 0010): one row per attempt to notify a receiver. */
export const NOTIFICATIONS_TABLE = 'alert_notifications_v1';

export type NotificationAttempt = Parameters<AlertHistory['recordAttempt']>[0];

const reason = z.enum(['firing', 'resolved', 'repeat', 'escalation']);

/**
 * What the notification said of each alert: enough for the notification log to tell, after a
 * restart, whether an alert changed since (the messages themselves are in alert_history_v1).
 */
export const notifiedAlert = z.object({
  fingerprint: z.string(),
  state: alertState,
  severity: alertSeverity,
  occurrence: z
    .number()
    .int()
    .min(1)
    .default(1)
    .describe('The alert message’s occurrence number; absent: 1.'),
  starts_at: timestamp,
});
export type NotifiedAlert = z.output<typeof notifiedAlert>;

/** The parts of an attempt that are stored; the rest of the notification is in alert_history_v1. */
const notificationAttempt = z.object({
  notification: z.object({
    notification_id: z.string().min(1).max(256),
    tenant: tenantCode,
    group_key: z.string().min(1),
    receiver: z.string().min(1),
    reason,
    alerts: z.array(notifiedAlert),
  }),
  attempt: z.number().int().min(0).max(65_535),
  outcome: z.enum(['sent', 'failed', 'dead_letter', 'suppressed']),
  reason: z.string().nullable(),
  at: timestamp,
});

/** Inserts notification attempts; recording one again changes no result of the reads below. */
export async function insertNotificationAttempts(
  db: Db,
  attempts: readonly NotificationAttempt[],
): Promise<void> {
  const valid = parseFor('insertNotificationAttempts', 'attempts', z.array(notificationAttempt), attempts);
  await db.insert(
    NOTIFICATIONS_TABLE,
    valid.map(({ notification: n, attempt, outcome, reason, at }) => {
      const when = splitInstant(at);
      return {
        tenant: n.tenant,
        notification_id: n.notification_id,
        group_key: n.group_key,
        receiver: n.receiver,
        reason: n.reason,
        attempt,
        outcome,
        outcome_reason: reason,
        fingerprints: n.alerts.map((a) => a.fingerprint),
        resolved_fingerprints: n.alerts.filter((a) => a.state === 'resolved').map((a) => a.fingerprint),
        alerts: JSON.stringify(n.alerts),
        at: when.dateTime,
        at_ms: when.ms,
        precedence: precedence(Date.parse(at)),
      };
    }),
  );
}

const NOTIFICATION_LOG = namedQuery({
  name: 'notificationLog',
  params: z.strictObject({ tenants: z.array(tenantCode).min(1).max(1000) }),
  row: z.object({
    tenant: tenantCode,
    group_key: z.string(),
    receiver: z.string(),
    notification_id: z.string(),
    reason,
    fingerprints: z.array(z.string()),
    resolved_fingerprints: z.array(z.string()),
    alerts: jsonText.pipe(z.array(notifiedAlert)),
    sent_at: epochIso,
  }),
  // Each attempt once (its earliest record), then the last one sent per group and receiver.
  statement: ({ tenants }) => sql`
    SELECT tenant, group_key, receiver,
      argMax(sent_id, (sent_ms, sent_id)) AS notification_id,
      argMax(sent_reason, (sent_ms, sent_id)) AS reason,
      argMax(sent_fingerprints, (sent_ms, sent_id)) AS fingerprints,
      argMax(sent_resolved, (sent_ms, sent_id)) AS resolved_fingerprints,
      argMax(sent_alerts, (sent_ms, sent_id)) AS alerts,
      max(sent_ms) AS sent_at
    FROM (
      SELECT tenant, notification_id AS sent_id,
        any(group_key) AS group_key, any(receiver) AS receiver, any(reason) AS sent_reason,
        any(fingerprints) AS sent_fingerprints, any(resolved_fingerprints) AS sent_resolved,
        any(alerts) AS sent_alerts,
        min(toUInt64(at) * 1000 + at_ms) AS sent_ms
      FROM alert_notifications_v1
      WHERE has(${tenants}, tenant) AND outcome = 'sent'
      GROUP BY tenant, sent_id, attempt, outcome
    )
    GROUP BY tenant, group_key, receiver
    ORDER BY tenant, group_key, receiver`,
});

export type NotificationLogEntry = z.output<typeof NOTIFICATION_LOG.row>;

/**
 * The last notification sent per group and receiver (Alertmanager's notification log): after a
 * restart the dedup stage reads it, so nothing already sent is sent again.
 */
export const notificationLog = (
  db: Db,
  params: z.input<typeof NOTIFICATION_LOG.params>,
): Promise<NotificationLogEntry[]> => runQuery(db, NOTIFICATION_LOG, params);

const NOTIFICATION_ATTEMPTS = namedQuery({
  name: 'notificationAttempts',
  params: z.strictObject({
    tenant: tenantCode,
    notification_id: z.string().min(1).optional().describe('One notification; left out: every one.'),
    from: timestamp.optional(),
    limit: rowLimit,
  }),
  row: z.object({
    notification_id: z.string(),
    group_key: z.string(),
    receiver: z.string(),
    reason,
    attempt: z.coerce.number().int(),
    outcome: notificationAttempt.shape.outcome,
    outcome_reason: z.string().nullable(),
    fingerprints: z.array(z.string()),
    attempted_at: epochIso,
  }),
  statement: ({ tenant, notification_id, from, limit }) => {
    const one = notification_id === undefined ? sql`` : sql`AND notification_id = ${notification_id}`;
    const since = from === undefined ? sql`` : sql`AND at >= ${new Date(from)}`;
    return sql`
      SELECT notification_id, any(group_key) AS group_key, any(receiver) AS receiver, any(reason) AS reason,
        attempt, outcome, argMin(outcome_reason, (at, at_ms)) AS outcome_reason,
        any(fingerprints) AS fingerprints, min(toUInt64(at) * 1000 + at_ms) AS attempted_at
      FROM alert_notifications_v1
      WHERE tenant = ${tenant} ${one} ${since}
      GROUP BY notification_id, attempt, outcome
      ORDER BY attempted_at DESC, attempt DESC
      LIMIT ${limit}`;
  },
});

export type NotificationAttemptRow = z.output<typeof NOTIFICATION_ATTEMPTS.row>;

/** A tenant's notification attempts, each once, the newest first (delivery log, dead letters). */
export const notificationAttempts = (
  db: Db,
  params: z.input<typeof NOTIFICATION_ATTEMPTS.params>,
): Promise<NotificationAttemptRow[]> => runQuery(db, NOTIFICATION_ATTEMPTS, params);
