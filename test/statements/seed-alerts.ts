/**
 * Alerts and notification attempts for the statement catalogue (alert history, migration 0010).
 * Tuesday 28 April 2026, UTC.
 */
import { type AlertMessage, alertMessage } from '@stuurwiel/schemas';
import type { NotificationAttempt } from '../../services/alerting/src/history/index.js';
import type { Notification } from '../../services/alerting/src/model.js';
import { OTHER_TENANT, TENANT } from './seed.js';

export const QUEUE_ALERT = 'a000000000000001';
export const PHONE_ALERT = 'b000000000000002';
export const OLD_ALERT = 'c000000000000003';
export const OTHER_ALERT = 'd000000000000004';

const at = (hhmm: string) => `2026-04-28T${hhmm}:00.000Z`;

/** A valid alert message; `extra` overrides any field. */
export function alertOf(
  tenant: string,
  fingerprint: string,
  state: AlertMessage['state'],
  startsAt: string,
  updatedAt: string,
  extra: Partial<AlertMessage> = {},
): AlertMessage {
  return alertMessage.parse({
    spec_version: 1,
    tenant,
    fingerprint,
    rule_id: `rule-${fingerprint.slice(0, 1)}`,
    rule_kind: 'counter_forecast',
    labels: { tenant, rule_id: `rule-${fingerprint.slice(0, 1)}`, queue: 'Q1' },
    state,
    severity: 'warning',
    summary: 'Wachttijd loopt op',
    description: 'Verwachte wachttijd boven de norm.',
    value: 900,
    threshold: 600,
    unit: 'seconds',
    items: [],
    items_total: 0,
    starts_at: startsAt,
    fired_at: state === 'pending' ? null : startsAt,
    resolved_at: state === 'resolved' ? updatedAt : null,
    updated_at: updatedAt,
    acknowledgement: null,
    silenced_by: [],
    muted_by: [],
    escalated_at: null,
    ...extra,
  });
}

/** The phone alert is a team's, of another rule kind, for the filters of listAlerts. */
const PHONE: Partial<AlertMessage> = {
  rule_kind: 'phone_half_hour',
  labels: { tenant: TENANT, rule_id: 'rule-b', queue: 'Q1', team: 'kcc' },
};

/**
 * The queue alert: pending, firing, resolved, then pending again (a second occurrence); the phone
 * alert (team kcc) firing, then escalated; an old alert resolved in the morning; another tenant's firing.
 */
export const ALERT_CHANGES: AlertMessage[] = [
  alertOf(TENANT, QUEUE_ALERT, 'pending', at('08:00'), at('08:00')),
  alertOf(TENANT, QUEUE_ALERT, 'firing', at('08:00'), at('08:05')),
  alertOf(TENANT, QUEUE_ALERT, 'resolved', at('08:00'), at('08:30')),
  alertOf(TENANT, QUEUE_ALERT, 'pending', at('09:00'), at('09:00')),
  alertOf(TENANT, PHONE_ALERT, 'firing', at('08:10'), at('08:10'), PHONE),
  alertOf(TENANT, PHONE_ALERT, 'firing', at('08:10'), at('08:40'), { ...PHONE, escalated_at: at('08:40') }),
  alertOf(TENANT, OLD_ALERT, 'resolved', at('06:00'), at('06:20')),
  alertOf(OTHER_TENANT, OTHER_ALERT, 'firing', at('08:15'), at('08:15')),
];

/** The queue alert's firing change recorded again after a restart: the same, but a later updated_at. */
export const REPLAYED_CHANGE = { ...ALERT_CHANGES[1]!, updated_at: at('08:07') };

function notification(id: string, reason: Notification['reason'], alerts: AlertMessage[]): Notification {
  return {
    notification_id: id,
    tenant: TENANT,
    group_key: `${TENANT}|queue=Q1`,
    group_labels: { tenant: TENANT, queue: 'Q1' },
    receiver: 'ops',
    reason,
    alerts,
    created_at: alerts[0]!.updated_at,
  };
}

const FIRED = notification('n-fired', 'firing', [ALERT_CHANGES[1]!]);
const RESOLVED = notification('n-resolved', 'resolved', [ALERT_CHANGES[2]!]);

/** The firing notification failed once and was sent; the resolved one was sent; both to `ops`. */
export const ATTEMPTS: NotificationAttempt[] = [
  { notification: FIRED, attempt: 1, outcome: 'failed', reason: 'webhook ops answered 503', at: at('08:06') },
  { notification: FIRED, attempt: 2, outcome: 'sent', reason: null, at: at('08:07') },
  { notification: RESOLVED, attempt: 1, outcome: 'sent', reason: null, at: at('08:31') },
];

/** The resolved notification's attempt recorded again after a restart, a minute later. */
export const REPLAYED_ATTEMPT: NotificationAttempt = { ...ATTEMPTS[2]!, at: at('08:32') };

export const SINCE = at('07:00');
export const ISO = at;
