import { statPanel, stuurwielDashboard, tablePanel, timeSeriesPanel } from '../panels.js';
import { tenantVariable } from '../variables.js';

/*
 * Alert history (migration 0010). A replayed record repeats a key, so every figure groups by what
 * makes a record the same one (as services/alerting/src/history does): an alert's occurrence is
 * (fingerprint, starts_at), a change is (fingerprint, starts_at, change), an attempt is
 * (notification_id, attempt, outcome).
 */

const ofTenant = "tenant = '${tenant}'";
const latest = '(at, at_ms)';

export const alerts = () =>
  stuurwielDashboard(
    'stuurwiel-alerts',
    'stuurwiel · alerts',
    'The alerts of the municipality, their changes, and the notifications sent for them.',
  )
    .time({ from: 'now-7d', to: 'now' })
    .refresh('1m')
    .withVariable(tenantVariable())
    .withPanel(
      statPanel(
        {
          title: 'Actief aan het eind van de periode',
          description: 'Alerts whose latest change up to the end of the range is firing, or pending.',
          width: 8,
          height: 5,
        },
        `SELECT countIf(state = 'firing') AS firing, countIf(state = 'pending') AS pending
FROM
(
  SELECT argMax(state, ${latest}) AS state
  FROM alert_history_v1
  WHERE ${ofTenant} AND at <= $__toTime
  GROUP BY fingerprint, starts_at
)`,
      ),
    )
    .withPanel(
      timeSeriesPanel(
        {
          title: 'Wijzigingen per uur',
          description: 'Changes of alerts per hour, by the state they changed to.',
          width: 16,
          height: 5,
        },
        `SELECT toStartOfHour(at) AS time, toString(state) AS alert_state, uniqExact(fingerprint, starts_at, change) AS changes
FROM alert_history_v1
WHERE ${ofTenant} AND $__timeFilter(at)
GROUP BY time, alert_state
ORDER BY time`,
      ),
    )
    .withPanel(
      tablePanel(
        {
          title: 'Meldingen',
          description:
            "Each alert occurrence with a change in the range: its rule, severity and state after its latest change, and that change's message.",
          width: 24,
          height: 10,
        },
        `SELECT
  fingerprint,
  any(rule_id) AS rule,
  starts_at,
  toString(argMax(severity, ${latest})) AS severity_now,
  toString(argMax(state, ${latest})) AS state_now,
  max(at) AS last_change_at,
  uniqExact(change) AS changes,
  argMax(message, ${latest}) AS last_message
FROM alert_history_v1
WHERE ${ofTenant} AND $__timeFilter(at)
GROUP BY fingerprint, starts_at
ORDER BY last_change_at DESC
LIMIT 500`,
      ),
    )
    .withPanel(
      timeSeriesPanel(
        {
          title: 'Notificaties per uur',
          description:
            'Attempts to notify a receiver per hour, by outcome (sent, failed, dead letter, suppressed).',
          width: 12,
          height: 8,
        },
        `SELECT toStartOfHour(at) AS time, toString(outcome) AS notification_outcome,
  uniqExact(notification_id, attempt, outcome) AS attempts
FROM alert_notifications_v1
WHERE ${ofTenant} AND $__timeFilter(at)
GROUP BY time, notification_outcome
ORDER BY time`,
      ),
    )
    .withPanel(
      tablePanel(
        {
          title: 'Notificaties',
          description:
            'Every attempt in the range: receiver, why it was sent, its outcome and reason, and how many alerts it named.',
          width: 12,
          height: 8,
        },
        `SELECT
  min(at) AS attempted_at,
  receiver,
  toString(reason) AS notification_reason,
  attempt,
  toString(outcome) AS notification_outcome,
  any(outcome_reason) AS outcome_detail,
  any(length(fingerprints)) AS alerts_named
FROM alert_notifications_v1
WHERE ${ofTenant} AND $__timeFilter(at)
GROUP BY notification_id, attempt, outcome, receiver, reason
ORDER BY attempted_at DESC
LIMIT 500`,
      ),
    );
