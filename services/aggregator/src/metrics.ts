import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** The aggregator's own Prometheus metrics, beside the shared HTTP and process ones. */
export function createAggregatorMetrics(registry: Registry) {
  return {
    stored: new Counter({
      name: 'aggregator_raw_events_stored_total',
      help: 'Canonical events inserted into raw_events_v1 (redeliveries included)',
      registers: [registry],
    }),
    late: new Counter({
      name: 'aggregator_late_events_total',
      help: 'Events behind the watermark: late (still live) or too_late (stored only)',
      labelNames: ['lateness'] as const,
      registers: [registry],
    }),
    snapshots: new Counter({
      name: 'aggregator_kpi_snapshots_published_total',
      help: 'KPI snapshots and tombstones sent to kpi.v1',
      registers: [registry],
    }),
    deadlineItems: new Counter({
      name: 'aggregator_deadline_items_published_total',
      help: 'Deadline items and tombstones sent to deadlines.v1',
      registers: [registry],
    }),
    expired: new Counter({
      name: 'aggregator_open_entities_expired_total',
      help: 'Visits and calls ended for lack of events, and orphan cases and contacts dropped',
      registers: [registry],
    }),
    partitions: new Gauge({
      name: 'aggregator_partitions_owned',
      help: 'Partitions (per topic) this replica owns since the last rebalance',
      registers: [registry],
    }),
    rollupRoundSeconds: new Histogram({
      name: 'aggregator_rollup_round_seconds',
      help: 'How long a round of rollup recomputations took (all tables and tenants it touched)',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    applyLagSeconds: new Histogram({
      name: 'aggregator_event_apply_lag_seconds',
      help: 'Per stored batch, the time from its last event (occurred_at) until it is applied to the live state: the pipeline latency of a live stream (large while reading a backlog)',
      buckets: [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 60],
      registers: [registry],
    }),
    rebuildSeconds: new Gauge({
      name: 'aggregator_state_rebuild_seconds',
      help: 'How long the last rebuild of open-entity state after a rebalance took',
      registers: [registry],
    }),
  };
}
