import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface IngestMetrics {
  records: Counter<'source' | 'outcome'>;
  rejected: Counter<'source' | 'reason'>;
  produceSeconds: Histogram<'outcome'>;
  pendingEvents: Gauge;
}

export function createIngestMetrics(registry: Registry, pending: () => number): IngestMetrics {
  return {
    records: new Counter({
      name: 'ingest_records_total',
      help: 'Source records by outcome (accepted, rejected, ignored)',
      labelNames: ['source', 'outcome'],
      registers: [registry],
    }),
    rejected: new Counter({
      name: 'ingest_rejected_total',
      help: 'Rejected records and bodies by source and reason code',
      labelNames: ['source', 'reason'],
      registers: [registry],
    }),
    produceSeconds: new Histogram({
      name: 'ingest_produce_seconds',
      help: 'Time from handing a request to Kafka until all its acknowledgements',
      labelNames: ['outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    pendingEvents: new Gauge({
      name: 'ingest_pending_events',
      help: 'Events sent to Kafka and not yet acknowledged',
      registers: [registry],
      collect() {
        this.set(pending());
      },
    }),
  };
}
