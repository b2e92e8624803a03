import * as text from '@grafana/grafana-foundation-sdk/text';
import { statPanel, stuurwielDashboard, tablePanel, timeSeriesPanel } from '../panels.js';
import { tenantVariable } from '../variables.js';

/*
 * Every accepted event is in raw_events_v1 once per event_id (copies not yet merged are counted
 * once: uniqExact(event_id)). A source is (system, vendor, instance) as in the aggregator's
 * source freshness (live/sources.ts); `ingested_at` is when stuurwiel received the event.
 */

const ofTenant = "tenant = '${tenant}'";

export const sources = () =>
  stuurwielDashboard(
    'stuurwiel-sources',
    'stuurwiel · sources',
    'Which sources deliver, how much, and how long ago they last did.',
  )
    .time({ from: 'now-24h', to: 'now' })
    .refresh('1m')
    .withVariable(tenantVariable())
    .withPanel(
      statPanel(
        {
          title: 'Bronnen',
          description:
            'Sources that delivered in the range, the events they delivered, and seconds since the last one arrived.',
          width: 12,
          height: 5,
          unit: { seconds_since_last_event: 's' },
        },
        `SELECT
  uniqExact(source_system, source_vendor, source_instance) AS sources,
  uniqExact(event_id) AS events,
  if(count() = 0, NULL, toUInt32($__toTime) - toUInt32(max(ingested_at))) AS seconds_since_last_event
FROM raw_events_v1
WHERE ${ofTenant} AND $__timeFilter(ingested_at)`,
      ),
    )
    .withPanel(
      new text.PanelBuilder()
        .title('Afgewezen berichten')
        .description('Where the dead letters are.')
        .span(12)
        .height(5)
        .mode(text.TextMode.Markdown)
        .content(
          'Records that ingest or the aggregator rejected are not stored in ClickHouse: they are on the ' +
            'Kafka dead-letter topic (`events.dlq.v1`) with the original payload and the reason. ' +
            'Notifications that could not be delivered show on the alerts dashboard as outcome `dead_letter`.',
        ),
    )
    .withPanel(
      tablePanel(
        {
          title: 'Versheid per bron',
          description:
            'Per source: the latest event time, when the latest event arrived, seconds since then, and the events of the range.',
          width: 24,
          height: 8,
          unit: { seconds_since_received: 's' },
        },
        `SELECT
  source_system,
  source_vendor,
  source_instance,
  max(occurred_at) AS last_event_at,
  max(ingested_at) AS last_received_at,
  toUInt32($__toTime) - toUInt32(max(ingested_at)) AS seconds_since_received,
  uniqExact(event_id) AS events
FROM raw_events_v1
WHERE ${ofTenant} AND $__timeFilter(ingested_at)
GROUP BY source_system, source_vendor, source_instance
ORDER BY seconds_since_received DESC, source_system, source_vendor, source_instance`,
      ),
    )
    .withPanel(
      timeSeriesPanel(
        {
          title: 'Events per bron',
          description: 'Events received per interval, per source system.',
          width: 16,
          height: 8,
        },
        `SELECT toDateTime(intDiv(toUInt32(ingested_at), $__interval_s) * $__interval_s) AS time,
  source_system, uniqExact(event_id) AS events
FROM raw_events_v1
WHERE ${ofTenant} AND $__timeFilter(ingested_at)
GROUP BY time, source_system
ORDER BY time`,
      ),
    )
    .withPanel(
      tablePanel(
        {
          title: 'Events per type',
          description: 'Events of the range per event type and source system, with the latest event time.',
          width: 8,
          height: 8,
        },
        `SELECT type AS event_type, source_system, uniqExact(event_id) AS events, max(occurred_at) AS last_event_at
FROM raw_events_v1
WHERE ${ofTenant} AND $__timeFilter(ingested_at)
GROUP BY event_type, source_system
ORDER BY event_type, source_system`,
      ),
    );
