import { type Db, sql } from '@stuurwiel/clickhouse';
import { type CanonicalEvent, validateEvent } from '@stuurwiel/schemas';

interface RawRow {
  event_id: string;
  tenant: string;
  type: string;
  source_system: string;
  source_vendor: string;
  occurred_utc: string;
  occurred_at_ms: number;
  payload: string;
}

/**
 * The stored visit, desk, call and callback events of the last `lookbackHours`, in event-time
 * order, to rebuild open-entity state before consuming after a restart or rebalance: what was
 * committed before the crash is in ClickHouse, what was not is read again from Kafka (and
 * ignored by the stores where it repeats).
 */
export async function recentStatefulEvents(
  db: Db,
  now: Date,
  lookbackHours: number,
): Promise<CanonicalEvent[]> {
  const since = new Date(now.getTime() - lookbackHours * 3_600_000);
  const rows = await db.query<RawRow>(sql`
    SELECT event_id, tenant, type, source_system, source_vendor, toString(occurred_at) AS occurred_utc,
      occurred_at_ms, payload
    FROM raw_events_v1 FINAL
    WHERE occurred_at >= ${since}
      AND (startsWith(type, 'visit.') OR startsWith(type, 'desk.') OR startsWith(type, 'call.')
        OR startsWith(type, 'callback.'))
    ORDER BY occurred_at, occurred_at_ms, event_id`);
  const events: CanonicalEvent[] = [];
  for (const row of rows) {
    const at = new Date(`${row.occurred_utc.replace(' ', 'T')}Z`);
    at.setUTCMilliseconds(Number(row.occurred_at_ms));
    const result = validateEvent({
      spec_version: 1,
      event_id: row.event_id,
      tenant: row.tenant,
      source: { system: row.source_system, vendor: row.source_vendor },
      occurred_at: at.toISOString(),
      type: row.type,
      payload: JSON.parse(row.payload),
    });
    // Stored events were valid when stored; one that no longer is (a later schema) is skipped.
    if (result.ok) events.push(result.event);
  }
  return events;
}
