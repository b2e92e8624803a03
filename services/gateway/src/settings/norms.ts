import { epochIso, jsonText, namedQuery, runQuery } from '@stuurwiel/alerting/history';
import { type Db, sql } from '@stuurwiel/clickhouse';
import {
  deriveEventId,
  type EventOf,
  referenceEvents,
  referenceNormPayload,
  tenantCode,
} from '@stuurwiel/schemas';
import { z } from 'zod';

export type NormPayload = z.output<typeof referenceNormPayload>;
export type NormEvent = EventOf<'reference.norm'>;

/** Norms written through the gateway come from this source, so they can be told from a source system's. */
export const GATEWAY_SOURCE = { system: 'reference', vendor: 'stuurwiel' } as const;

/**
 * The canonical `reference.norm` event for a norm set at `at`: the aggregator and alerting take
 * the latest event per norm_id by occurred_at, so a change is simply a later event.
 */
export function normEvent(tenant: string, norm: NormPayload, at: Date): NormEvent {
  const occurred_at = at.toISOString();
  return referenceEvents['reference.norm'].parse({
    spec_version: 1,
    event_id: deriveEventId(tenant, GATEWAY_SOURCE.vendor, 'norm', norm.norm_id, occurred_at),
    tenant,
    source: GATEWAY_SOURCE,
    occurred_at,
    type: 'reference.norm',
    payload: norm,
  }) as NormEvent;
}

const NORMS_IN_FORCE = namedQuery({
  name: 'normsInForce',
  params: z.strictObject({ tenant: tenantCode }),
  row: z.object({
    norm: jsonText.pipe(referenceNormPayload),
    set_by_system: z.string(),
    set_by_vendor: z.string(),
    set_at: epochIso,
  }),
  // The latest event per norm_id by event time (then event id), as the aggregator's reference
  // store decides. Aliases differ from the columns: a current ClickHouse lets an alias shadow one.
  statement: ({ tenant }) => sql`
    SELECT argMax(payload, (occurred_at, occurred_at_ms, event_id)) AS norm,
      argMax(source_system, (occurred_at, occurred_at_ms, event_id)) AS set_by_system,
      argMax(source_vendor, (occurred_at, occurred_at_ms, event_id)) AS set_by_vendor,
      max(toUInt64(occurred_at) * 1000 + occurred_at_ms) AS set_at
    FROM raw_events_v1
    WHERE tenant = ${tenant} AND type = 'reference.norm'
    GROUP BY visitParamExtractString(payload, 'norm_id')
    ORDER BY visitParamExtractString(norm, 'norm_id')
    LIMIT 10000`,
});

export type NormInForce = z.output<typeof NORMS_IN_FORCE.row>;

/**
 * The norms of a tenant in force: the latest stored reference.norm event per norm_id. Norms are
 * settings, not KPI history, so reading the raw reference events (what the aggregator rebuilds
 * its reference store from after a restart) is the plain way to see what it applies.
 */
export const normsInForce = (db: Db, params: z.input<typeof NORMS_IN_FORCE.params>): Promise<NormInForce[]> =>
  runQuery(db, NORMS_IN_FORCE, params);
