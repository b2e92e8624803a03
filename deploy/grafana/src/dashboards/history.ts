import { stuurwielDashboard, timeSeriesPanel } from '../panels.js';
import { locationIs, locationVariable, tenantVariable } from '../variables.js';

/** A rollup's Amsterdam day as the instant it began, for a time axis. */
const dayTime = "toDateTime(day, 'Europe/Amsterdam') AS time";

const ofTenant = "tenant = '${tenant}'";

/** Norm shares only where the row's norm could be applied (NULL when it is in another unit, 0007). */
const withinNormShare = (within: string, count: string) =>
  `if(sumIf(${count}, ${within} IS NOT NULL) = 0, NULL,
    sumIf(ifNull(${within}, 0), ${within} IS NOT NULL) / sumIf(${count}, ${within} IS NOT NULL))`;

export const history = () =>
  stuurwielDashboard(
    'stuurwiel-history',
    'stuurwiel · history',
    'Visits, waits against their norms, calls and cases per hour and per day, from the rollups.',
  )
    .time({ from: 'now-30d', to: 'now' })
    .withVariable(tenantVariable())
    .withVariable(locationVariable())
    .withPanel(
      timeSeriesPanel(
        {
          title: 'Bezoeken per dag',
          description: 'Visits per Amsterdam day (visits_per_day_v1): served, no-shows, left or removed.',
          width: 12,
          height: 8,
        },
        `SELECT ${dayTime}, sum(visits) AS visits, sum(served) AS served, sum(no_shows) AS no_shows,
  sum(left_or_removed) AS left_or_removed
FROM visits_per_day_v1 FINAL
WHERE ${ofTenant} AND $__dateFilter(day) AND ${locationIs('location_id')}
GROUP BY time
ORDER BY time`,
      ),
    )
    .withPanel(
      timeSeriesPanel(
        {
          title: 'Wachttijd per uur tegen de norm',
          description:
            'Mean counter wait per hour (visits_per_hour_v1: wait_sum / wait_count), the highest 90th percentile of its groups, and the norm in force when the hour was computed (visit_waits_per_hour_v1).',
          width: 12,
          height: 8,
          unit: 's',
        },
        `SELECT hour AS time, if(sum(wait_count) = 0, NULL, sum(wait_sum) / sum(wait_count)) AS mean_wait_seconds,
  max(wait_p90) AS p90_wait_seconds
FROM visits_per_hour_v1 FINAL
WHERE ${ofTenant} AND $__timeFilter(hour) AND ${locationIs('location_id')}
GROUP BY time
ORDER BY time`,
        `SELECT hour AS time, max(wait_norm_seconds) AS wait_norm_seconds
FROM visit_waits_per_hour_v1 FINAL
WHERE ${ofTenant} AND $__timeFilter(hour) AND ${locationIs('location_id')}
GROUP BY time
ORDER BY time`,
      ),
    )
    .withPanel(
      timeSeriesPanel(
        {
          title: 'Binnen de norm gewacht per dag',
          description:
            'Share of counter waits within the norm in force (visit_waits_per_day_v1), walk-ins and appointments apart.',
          width: 12,
          height: 8,
          unit: 'percentunit',
        },
        `SELECT ${dayTime}, toString(kind) AS visit_kind, ${withinNormShare('waited_within_norm', 'wait_count')} AS within_norm
FROM visit_waits_per_day_v1 FINAL
WHERE ${ofTenant} AND $__dateFilter(day) AND ${locationIs('location_id')}
GROUP BY time, visit_kind
ORDER BY time`,
      ),
    )
    .withPanel(
      timeSeriesPanel(
        {
          title: 'Gesprekken per uur',
          description:
            'Calls per hour of the offer (calls_per_hour_v1): offered, entered a queue, answered, abandoned in the queue.',
          width: 12,
          height: 8,
        },
        `SELECT hour AS time, sum(offered) AS offered, sum(queued) AS queued, sum(answered) AS answered,
  sum(abandoned_in_queue) AS abandoned_in_queue
FROM calls_per_hour_v1 FINAL
WHERE ${ofTenant} AND $__timeFilter(hour)
GROUP BY time
ORDER BY time`,
      ),
    )
    .withPanel(
      timeSeriesPanel(
        {
          title: 'Servicelevel telefoon per dag',
          description:
            'Answered within the norm in force (call_waits_per_day_v1) over calls that entered a queue minus short abandons (calls_per_day_v1).',
          width: 12,
          height: 8,
          unit: 'percentunit',
        },
        `SELECT time, if(queued - abandoned_short > 0, answered_within_norm / (queued - abandoned_short), NULL) AS service_level
FROM
(
  SELECT ${dayTime}, sum(queued) AS queued, sum(abandoned_short) AS abandoned_short
  FROM calls_per_day_v1 FINAL
  WHERE ${ofTenant} AND $__dateFilter(day)
  GROUP BY time
) AS offered_calls
ANY LEFT JOIN
(
  SELECT ${dayTime}, sumIf(ifNull(answered_within_norm, 0), answered_within_norm IS NOT NULL) AS answered_within_norm
  FROM call_waits_per_day_v1 FINAL
  WHERE ${ofTenant} AND $__dateFilter(day)
  GROUP BY time
) AS answered_calls USING time
ORDER BY time`,
      ),
    )
    .withPanel(
      timeSeriesPanel(
        {
          title: 'Zaken afgehandeld per dag',
          description:
            'Cases closed per day of their end date (cases_per_day_v1), of them within their own deadline, and the mean lead time in days.',
          width: 12,
          height: 8,
        },
        `SELECT ${dayTime}, sum(closed) AS cases_closed, sum(closed_within_norm) AS cases_closed_within_norm,
  if(sum(closed) = 0, NULL, sum(lead_time_days_sum) / sum(closed)) AS mean_lead_time_days
FROM cases_per_day_v1 FINAL
WHERE ${ofTenant} AND $__dateFilter(day)
GROUP BY time
ORDER BY time`,
      ),
    )
    .withPanel(
      timeSeriesPanel(
        {
          title: 'Schriftelijk per dag',
          description:
            'Written contacts received and answered per day (written_per_day_v1), and the mean working days to the answer.',
          width: 12,
          height: 8,
        },
        `SELECT ${dayTime}, sum(received) AS written_received, sum(answered) AS written_answered,
  if(sum(answered) = 0, NULL, sum(answer_working_days_sum) / sum(answered)) AS mean_answer_working_days
FROM written_per_day_v1 FINAL
WHERE ${ofTenant} AND $__dateFilter(day)
GROUP BY time
ORDER BY time`,
      ),
    );
