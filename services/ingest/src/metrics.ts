import type { FastifyBaseLogger } from 'fastify';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { CredentialStore } from './auth/credential-store.js';

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

/**
 * Logs and counts every look at the credentials file: a reload that changed the credentials, and
 * a file that cannot be used (the last good credentials stay in force). The gauge tells an alert
 * that the file on disk is broken even when nobody reads the logs.
 */
export function observeCredentialReloads(
  store: CredentialStore,
  registry: Registry,
  log: Pick<FastifyBaseLogger, 'info' | 'error'>,
): void {
  const reloads = new Counter({
    name: 'ingest_credentials_reloads_total',
    help: 'Looks at the credentials file that changed the credentials (applied) or found it unusable (rejected)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const valid = new Gauge({
    name: 'ingest_credentials_file_valid',
    help: '1 when the credentials file was valid at the last look, 0 when the last good credentials are kept',
    registers: [registry],
  });
  valid.set(1);
  store.on('reload', (result) => {
    valid.set(result.ok ? 1 : 0);
    if (result.ok && result.changed) {
      reloads.inc({ outcome: 'applied' });
      log.info({ keys: store.current().keys.length }, 'credentials reloaded');
    } else if (!result.ok) {
      reloads.inc({ outcome: 'rejected' });
      if (result.fresh)
        log.error({ reason: result.error }, 'credentials file unusable; keeping the last good credentials');
    }
  });
}
