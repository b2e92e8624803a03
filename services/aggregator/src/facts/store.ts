import { type Db, formatDateTime } from '@stuurwiel/clickhouse';
import type { CallFact, VisitFact } from './types.js';

const dt = (iso: string) => formatDateTime(new Date(iso));
const dtOrNull = (iso: string | null) => (iso === null ? null : dt(iso));

/** Inserts visit facts; a fact inserted again (redelivery, recomputation) replaces its row. */
export async function insertVisitFacts(
  db: Db,
  facts: readonly VisitFact[],
  version = new Date(),
): Promise<void> {
  await db.insert(
    'visit_facts_v1',
    facts.map((f) => ({
      ...f,
      arrived_at: dt(f.arrived_at),
      appointment_start: dtOrNull(f.appointment_start),
      called_at: dtOrNull(f.called_at),
      finished_at: dt(f.finished_at),
      version: formatDateTime(version),
    })),
  );
}

export async function insertCallFacts(
  db: Db,
  facts: readonly CallFact[],
  version = new Date(),
): Promise<void> {
  await db.insert(
    'call_facts_v1',
    facts.map((f) => ({
      ...f,
      offered_at: dt(f.offered_at),
      queued_at: dtOrNull(f.queued_at),
      answered_at: dtOrNull(f.answered_at),
      ended_at: dt(f.ended_at),
      resolved: f.resolved === null ? null : Number(f.resolved),
      version: formatDateTime(version),
    })),
  );
}
