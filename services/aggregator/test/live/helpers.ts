import { type KpiSnapshot, kpiSnapshot, kpiSnapshotKey } from '@stuurwiel/schemas';
import type { CallFact, VisitFact } from '../../src/facts/types.js';

export const TENANT = 'GM0363';
export const stamp = { computedAt: '2026-03-02T09:00:00.123Z', lastEventAt: '2026-03-02T08:59:00Z' };

/** Every snapshot must pass the published schema; returns them by key for easy lookup. */
export function parsedByKey<S extends KpiSnapshot>(snapshots: readonly S[]): Map<string, S> {
  const out = new Map<string, S>();
  for (const s of snapshots) {
    kpiSnapshot.parse(s);
    out.set(kpiSnapshotKey(s), s);
  }
  return out;
}

export function pick<S>(map: Map<string, S>, key: string): S {
  const s = map.get(key);
  if (!s) throw new Error(`no snapshot ${key}; have ${[...map.keys()].join(', ')}`);
  return s;
}

export const emptyStats = { count: 0, mean: null, median: null, p90: null };

export function visitFact(p: Partial<VisitFact> & Pick<VisitFact, 'visit_id' | 'finished_at'>): VisitFact {
  return {
    tenant: TENANT,
    location_id: 'L1',
    queue_id: 'Q1',
    desk_id: null,
    kind: 'walk_in',
    products: [],
    arrived_at: p.finished_at,
    appointment_start: null,
    called_at: null,
    outcome: 'served',
    wait_seconds: null,
    service_seconds: null,
    transfers: 0,
    recalls: 0,
    ...p,
  };
}

export function callFact(
  p: Partial<CallFact> & Pick<CallFact, 'call_id' | 'ended_at' | 'outcome'>,
): CallFact {
  return {
    tenant: TENANT,
    line: '14020',
    queue_id: 'A',
    caller_key: null,
    offered_at: p.ended_at,
    queued_at: null,
    answered_at: null,
    wait_seconds: null,
    talk_seconds: 0,
    hold_seconds: 0,
    after_call_work_seconds: 0,
    handling_seconds: 0,
    transfers: 0,
    resolved: null,
    ...p,
  };
}
