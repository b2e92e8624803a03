import { type CanonicalEvent, partitionKey } from '@stuurwiel/schemas';
import type { Db } from '../client.js';
import { formatDateTime, sql } from '../dialect.js';

export const RAW_EVENTS_TABLE = 'raw_events_v1';

export function rawEventRow(event: CanonicalEvent, ingestedAt: Date): Record<string, unknown> {
  const occurred = new Date(event.occurred_at);
  return {
    event_id: event.event_id,
    tenant: event.tenant,
    type: event.type,
    source_system: event.source.system,
    source_vendor: event.source.vendor,
    // The Kafka key has no entity kind (visit 12 and desk 12 share GM0363:12); here it does.
    entity_key: `${event.type.split('.')[0]}:${partitionKey(event)}`,
    occurred_at: formatDateTime(occurred),
    occurred_at_ms: occurred.getUTCMilliseconds(),
    payload: JSON.stringify(event.payload),
    ingested_at: formatDateTime(ingestedAt),
  };
}

/** Inserts events; inserting the same event again changes no query result below. */
export async function insertRawEvents(
  db: Db,
  events: readonly CanonicalEvent[],
  ingestedAt = new Date(),
): Promise<void> {
  await db.insert(
    RAW_EVENTS_TABLE,
    events.map((e) => rawEventRow(e, ingestedAt)),
  );
}

/** Distinct accepted events, optionally for one tenant. */
export async function countRawEvents(db: Db, filter: { tenant?: string } = {}): Promise<number> {
  const where = filter.tenant === undefined ? sql`` : sql`WHERE tenant = ${filter.tenant}`;
  const rows = await db.query<{ n: string }>(sql`SELECT count() AS n FROM raw_events_v1 FINAL ${where}`);
  return Number(rows[0]?.n ?? 0);
}

export async function countRawEventsByType(db: Db, tenant: string): Promise<Record<string, number>> {
  const rows = await db.query<{ type: string; n: string }>(
    sql`SELECT type, count() AS n FROM raw_events_v1 FINAL WHERE tenant = ${tenant} GROUP BY type`,
  );
  return Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]));
}
