import type { KpiScope, KpiSnapshot, KpiSnapshotOf } from '@stuurwiel/schemas';
import { counterSnapshotExample, sourceSnapshotExample } from '../../src/routes/examples.js';

/** A valid counter snapshot of `tenant` and `scope`; the example's figures, with `waiting` set. */
export function counterSnapshot(
  tenant: string,
  scope: KpiScope,
  overrides: { waiting?: number; as_of?: string } = {},
): KpiSnapshotOf<'counter'> {
  const base = counterSnapshotExample as KpiSnapshotOf<'counter'>;
  return {
    ...base,
    tenant,
    scope,
    as_of: overrides.as_of ?? base.as_of,
    now: { ...base.now, waiting: overrides.waiting ?? base.now.waiting },
  };
}

/** A valid sources snapshot of one source of `tenant`, last received at `receivedAt`. */
export function sourceSnapshot(
  tenant: string,
  source: { system: 'telephony' | 'queue_management'; vendor: string },
  receivedAt: string | null,
): KpiSnapshot {
  const base = sourceSnapshotExample as KpiSnapshotOf<'sources'>;
  return {
    ...base,
    tenant,
    scope: { kind: 'source', id: `${source.system}/${source.vendor}` },
    now: { ...base.now, ...source, last_received_at: receivedAt, last_event_at: receivedAt },
  };
}
