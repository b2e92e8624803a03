import { type CanonicalEvent, partitionKey } from '@stuurwiel/schemas';
import type { Db } from '../client.js';
import { formatDateTime, splitInstant, sql } from '../dialect.js';

export const RAW_EVENTS_TABLE = 'raw_events_v1';

// TabSeparated rather than JSONEachRow: the payload is JSON text already, and a JSON string of it
// would escape it a second time; raw events are the widest stream we store.
const RAW_COLUMNS = [
  'event_id',
  'tenant',
  'type',
  'source_system',
  'source_vendor',
  'entity_key',
  'occurred_at',
  'occurred_at_ms',
  'payload',
  'ingested_at',
  'source_instance',
] as const;

const TSV_SPECIAL = /[\\\t\n\r]/;
const TSV_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A string as one TabSeparated field. */
export function tsvField(value: string): string {
  return TSV_SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => TSV_ESCAPES[c]!) : value;
}

/** The TabSeparated body (columns as RAW_COLUMNS) that inserts these events. */
export function rawEventsBody(events: readonly CanonicalEvent[], ingestedAt: Date): string {
  const ingested = formatDateTime(ingestedAt);
  let body = '';
  for (const e of events) {
    const occurred = splitInstant(e.occurred_at);
    const kind = e.type.slice(0, e.type.indexOf('.'));
    // The Kafka key has no entity kind (visit 12 and desk 12 share GM0363:12); here it does.
    const entityKey = `${kind}:${partitionKey(e)}`;
    body +=
      `${tsvField(e.event_id)}\t${tsvField(e.tenant)}\t${tsvField(e.type)}\t${tsvField(e.source.system)}\t` +
      `${tsvField(e.source.vendor)}\t${tsvField(entityKey)}\t${occurred.dateTime}\t${occurred.ms}\t` +
      `${tsvField(JSON.stringify(e.payload))}\t${ingested}\t${tsvField(e.source.instance ?? '')}\n`;
  }
  return body;
}

/** Inserts events; inserting the same event again changes no query result below. */
export async function insertRawEvents(
  db: Db,
  events: readonly CanonicalEvent[],
  ingestedAt = new Date(),
): Promise<void> {
  await insertRawEventsBody(db, rawEventsBody(events, ingestedAt));
}

/** Inserts rows encoded by rawEventsBody (several bodies may be joined into one). */
export async function insertRawEventsBody(db: Db, body: string): Promise<void> {
  await db.insertText(RAW_EVENTS_TABLE, RAW_COLUMNS, 'TabSeparated', body);
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
