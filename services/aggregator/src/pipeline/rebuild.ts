import { type Db, sql } from '@stuurwiel/clickhouse';
import { type CanonicalEvent, validateEvent } from '@stuurwiel/schemas';
import type { SourceRef, StoredRecentEvent, StoredSource } from '../state/sources.js';

interface RawRow {
  event_id: string;
  tenant: string;
  type: string;
  source_system: string;
  source_vendor: string;
  source_instance: string;
  occurred_utc: string;
  occurred_at_ms: number;
  payload: string;
}

// An entity is rebuilt whole (all its stored events) when it was touched recently, by event time
// (today's figures) or by storage time (a redelivered batch of an old day, an import, a backfill:
// its entities' facts may be half done), or when it is long-lived and still open (cases, written
// contacts and callbacks live for weeks). Reference data is replayed whole.
const LONG_LIVED = sql`(startsWith(type, 'case.') OR startsWith(type, 'written.') OR startsWith(type, 'callback.'))`;
const ENDING = sql`type IN ('case.closed', 'written.answered', 'callback.completed')`;

/** Tenants with stored events; the caller keeps those it owns. */
export async function storedTenants(db: Db): Promise<string[]> {
  const rows = await db.query<{ tenant: string }>(sql`SELECT DISTINCT tenant FROM raw_events_v1`);
  return rows.map((r) => r.tenant).sort();
}

/**
 * The stored events that rebuild the given tenants' open-entity state and today's figures, in
 * event-time order, before consuming after a start or rebalance: what was committed is in
 * ClickHouse, what was not is read again from Kafka (and ignored by the stores where it repeats).
 */
export async function storedStateEvents(
  db: Db,
  tenants: readonly string[],
  now: Date,
  lookbackHours: number,
): Promise<CanonicalEvent[]> {
  if (tenants.length === 0) return [];
  const since = new Date(now.getTime() - lookbackHours * 3_600_000);
  const rows = await db.query<RawRow>(sql`
    SELECT event_id, tenant, type, source_system, source_vendor, source_instance,
      toString(occurred_at) AS occurred_utc,
      occurred_at_ms, payload
    FROM raw_events_v1 FINAL
    WHERE has(${tenants}, tenant)
      AND (startsWith(type, 'reference.')
        OR entity_key IN (
          SELECT entity_key FROM raw_events_v1
          WHERE has(${tenants}, tenant) AND NOT startsWith(type, 'reference.')
            AND NOT startsWith(type, 'appointment.')
          GROUP BY entity_key
          HAVING max(occurred_at) >= ${since} OR max(ingested_at) >= ${since}
            OR (countIf(${LONG_LIVED}) > 0 AND countIf(${ENDING}) = 0)))
    ORDER BY occurred_at, occurred_at_ms, event_id`);
  const events: CanonicalEvent[] = [];
  for (const row of rows) {
    const at = new Date(`${row.occurred_utc.replace(' ', 'T')}Z`);
    at.setUTCMilliseconds(Number(row.occurred_at_ms));
    const result = validateEvent({
      spec_version: 1,
      event_id: row.event_id,
      tenant: row.tenant,
      source: {
        system: row.source_system,
        vendor: row.source_vendor,
        ...(row.source_instance === '' ? {} : { instance: row.source_instance }),
      },
      occurred_at: at.toISOString(),
      type: row.type,
      payload: JSON.parse(row.payload),
    });
    // Stored events were valid when stored; one that no longer is (a later schema) is skipped.
    if (result.ok) events.push(result.event);
  }
  return events;
}

/** The sources' freshness as stored: what SourceStore.restore takes. */
export interface StoredFreshness {
  sources: StoredSource[];
  recent: StoredRecentEvent[];
}

interface SourceRow {
  tenant: string;
  source_system: string;
  source_vendor: string;
  source_instance: string;
}

const refOf = (row: SourceRow): SourceRef & { tenant: string } => ({
  tenant: row.tenant,
  system: row.source_system,
  vendor: row.source_vendor,
  instance: row.source_instance === '' ? null : row.source_instance,
});

// Epoch milliseconds of an event's occurred_at, from its two stored columns.
const OCCURRED_MS = sql`toUInt64(toUInt32(occurred_at)) * 1000 + occurred_at_ms`;

/**
 * Every source of the given tenants with its last event (event time) and last receipt (ingested_at,
 * whole seconds), over all that is stored, since a source silent for days is the one to show; and
 * the events that occurred after `horizon`, which the sources' 15 minutes still count.
 */
export async function storedSourceFreshness(
  db: Db,
  tenants: readonly string[],
  horizon: Date,
): Promise<StoredFreshness> {
  if (tenants.length === 0) return { sources: [], recent: [] };
  const [sources, recent] = await Promise.all([
    db.query<SourceRow & { last_event_ms: string; last_received_s: string }>(sql`
      SELECT tenant, source_system, source_vendor, source_instance,
        max(${OCCURRED_MS}) AS last_event_ms, max(toUInt32(ingested_at)) AS last_received_s
      FROM raw_events_v1
      WHERE has(${tenants}, tenant)
      GROUP BY tenant, source_system, source_vendor, source_instance`),
    // Copies not yet merged repeat an event_id; the store counts each id once.
    db.query<SourceRow & { event_id: string; at_ms: string }>(sql`
      SELECT tenant, source_system, source_vendor, source_instance, event_id, ${OCCURRED_MS} AS at_ms
      FROM raw_events_v1
      WHERE has(${tenants}, tenant) AND occurred_at >= ${new Date(Math.floor(horizon.getTime() / 1000) * 1000)}`),
  ]);
  return {
    sources: sources.map((r) => ({
      ...refOf(r),
      lastEventMs: Number(r.last_event_ms),
      lastReceivedMs: Number(r.last_received_s) * 1000,
    })),
    recent: recent.map((r) => ({ ...refOf(r), eventId: r.event_id, atMs: Number(r.at_ms) })),
  };
}
