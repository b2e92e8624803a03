import { statPanel, stuurwielDashboard, tablePanel, timeSeriesPanel } from '../panels.js';
import {
  answerNormVariable,
  locationIs,
  locationVariable,
  shortAbandonVariable,
  tenantVariable,
} from '../variables.js';

/**
 * The visits waiting at the end of the time range, one row each, rebuilt from the stored raw
 * events as the aggregator's open-visit state has them: a visit waits while its latest event is
 * its arrival or a transfer to another queue (`kind` occurs in a transfer's payload only as
 * to.kind). Its wait starts at arrival, or for an early visitor with an appointment at the
 * appointment start (counter.ts, waitStart). Only visits that arrived within the range count,
 * which for the default range (today) is every visit of the day.
 */
const waitingVisits = `
  SELECT
    location_id,
    greatest(toUInt32($__toTime) - toUInt32(wait_start), 0) AS waited_seconds
  FROM
  (
    SELECT
      argMax(type, (occurred_at, occurred_at_ms)) AS last_type,
      argMax(payload, (occurred_at, occurred_at_ms)) AS last_payload,
      argMin(payload, (occurred_at, occurred_at_ms)) AS arrival,
      visitParamExtractString(arrival, 'location_id') AS location_id,
      if(visitParamExtractString(arrival, 'kind') = 'appointment',
        greatest(min(occurred_at), parseDateTimeBestEffortOrZero(visitParamExtractString(arrival, 'appointment_start'))),
        min(occurred_at)) AS wait_start
    FROM raw_events_v1 FINAL
    WHERE tenant = '\${tenant}'
      AND type IN ('visit.arrived', 'visit.called', 'visit.transferred', 'visit.finished')
      AND $__timeFilter(occurred_at)
    GROUP BY entity_key
  )
  WHERE (last_type = 'visit.arrived'
      OR (last_type = 'visit.transferred' AND visitParamExtractString(last_payload, 'kind') = 'queue'))
    AND ${locationIs('location_id')}`;

/**
 * The telephone measures of call_facts_v1 as the live phone snapshot counts them (phone.ts):
 * calls by the time they ended; queued (offered to a queue) when it entered one, was abandoned in one, or
 * was answered with a known wait; the service level is answered within the norm over queued
 * minus short abandons.
 */
const phoneMeasures = `
    countIf(queued_at IS NOT NULL OR outcome = 'abandoned_in_queue'
      OR (outcome = 'answered' AND wait_seconds IS NOT NULL)) AS queued,
    countIf(outcome = 'answered') AS answered,
    countIf(outcome = 'answered' AND wait_seconds IS NOT NULL
      AND ifNull(wait_seconds, 0) <= \${answer_norm_seconds}) AS answered_within_norm,
    countIf(outcome = 'abandoned_in_queue') AS abandoned_in_queue,
    countIf(outcome = 'abandoned_in_queue' AND wait_seconds IS NOT NULL
      AND ifNull(wait_seconds, 0) < \${short_abandon_seconds}) AS abandoned_short`;

const serviceLevel = `if(queued - abandoned_short > 0,
    answered_within_norm / (queued - abandoned_short), NULL) AS service_level`;

const callsOfRange = `FROM call_facts_v1 FINAL
    WHERE tenant = '\${tenant}' AND $__timeFilter(ended_at)`;

const today = "toDate($__toTime, 'Europe/Amsterdam')";

export const live = () =>
  stuurwielDashboard(
    'stuurwiel-live',
    'stuurwiel · live operations',
    "Today's counters and telephone, and the open work, from what the aggregator stored.",
  )
    .time({ from: 'now/d', to: 'now' })
    .refresh('30s')
    .withVariable(tenantVariable())
    .withVariable(locationVariable())
    .withVariable(answerNormVariable())
    .withVariable(shortAbandonVariable())
    .withPanel(
      statPanel(
        {
          title: 'Wachtend nu',
          description:
            'Visitors waiting at the end of the range (their latest event is the arrival or a transfer to a queue), and the longest wait among them.',
          width: 8,
          height: 5,
          unit: { longest_wait_seconds: 's' },
        },
        `SELECT count() AS waiting, max(waited_seconds) AS longest_wait_seconds
FROM (${waitingVisits}
)`,
      ),
    )
    .withPanel(
      statPanel(
        {
          title: 'Telefoon: servicelevel',
          description:
            'Calls that ended within the range: answered within the answer norm over calls that entered a queue (queued) minus short abandons.',
          width: 8,
          height: 5,
          unit: { service_level: 'percentunit' },
        },
        `SELECT ${serviceLevel}, queued, answered
FROM (SELECT ${phoneMeasures}
  ${callsOfRange})`,
      ),
    )
    .withPanel(
      statPanel(
        {
          title: 'Werkvoorraad',
          description:
            'Open cases (of them past their due date and not suspended), open written contacts, and open callback requests (of them past their promise).',
          width: 8,
          height: 5,
        },
        `SELECT
  (SELECT count() FROM case_facts_v1 FINAL WHERE tenant = '\${tenant}' AND status = 'open') AS open_cases,
  (SELECT count() FROM case_facts_v1 FINAL WHERE tenant = '\${tenant}' AND status = 'open'
    AND suspended = 0 AND due_date < ${today}) AS overdue_cases,
  (SELECT count() FROM written_facts_v1 FINAL WHERE tenant = '\${tenant}' AND status = 'open') AS open_written,
  (SELECT count() FROM callback_facts_v1 FINAL WHERE tenant = '\${tenant}' AND status = 'open') AS open_callbacks,
  (SELECT count() FROM callback_facts_v1 FINAL WHERE tenant = '\${tenant}' AND status = 'open'
    AND due_at < $__toTime) AS overdue_callbacks`,
      ),
    )
    .withPanel(
      tablePanel(
        {
          title: 'Wachtend per locatie',
          description: 'Visitors waiting now and the longest wait, per location.',
          width: 8,
          height: 8,
          unit: { longest_wait_seconds: 's' },
        },
        `SELECT location_id, count() AS waiting, max(waited_seconds) AS longest_wait_seconds
FROM (${waitingVisits}
)
GROUP BY location_id
ORDER BY location_id`,
      ),
    )
    .withPanel(
      timeSeriesPanel(
        {
          title: 'Bezoekers per uur',
          description:
            'Finished visits by the hour they arrived (visit_facts_v1), and their mean wait in seconds.',
          width: 16,
          height: 8,
          unit: { mean_wait_seconds: 's' },
        },
        `SELECT toStartOfHour(arrived_at) AS time, count() AS visits, avg(wait_seconds) AS mean_wait_seconds
FROM visit_facts_v1 FINAL
WHERE tenant = '\${tenant}' AND $__timeFilter(arrived_at) AND ${locationIs('location_id')}
GROUP BY time
ORDER BY time`,
      ),
    )
    .withPanel(
      timeSeriesPanel(
        {
          title: 'Telefoon per uur',
          description:
            'Calls by the hour they ended: entered a queue (queued), answered, and the service level.',
          width: 12,
          height: 8,
          unit: { service_level: 'percentunit' },
        },
        `SELECT time, queued, answered, ${serviceLevel}
FROM (SELECT toStartOfHour(ended_at) AS time, ${phoneMeasures}
  ${callsOfRange}
  GROUP BY time)
ORDER BY time`,
      ),
    )
    .withPanel(
      tablePanel(
        {
          title: 'Telefoon per wachtrij',
          description: 'The telephone measures of the range per queue.',
          width: 12,
          height: 8,
          unit: { service_level: 'percentunit' },
        },
        `SELECT queue, queued, answered, abandoned_in_queue, ${serviceLevel}
FROM (SELECT ifNull(queue_id, '') AS queue, ${phoneMeasures}
  ${callsOfRange}
  GROUP BY queue)
ORDER BY queue`,
      ),
    )
    .withPanel(
      tablePanel(
        {
          title: 'Open zaken per zaaktype',
          description: 'Open cases per case type: suspended, and past their due date while not suspended.',
          width: 24,
          height: 8,
        },
        `SELECT case_type_id, count() AS open_cases, countIf(suspended = 1) AS suspended_cases,
  countIf(suspended = 0 AND due_date < ${today}) AS overdue_cases
FROM case_facts_v1 FINAL
WHERE tenant = '\${tenant}' AND status = 'open'
GROUP BY case_type_id
ORDER BY overdue_cases DESC, case_type_id`,
      ),
    );
