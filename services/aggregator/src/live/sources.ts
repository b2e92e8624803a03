import { KPI_SCOPES, type KpiSnapshotOf, sourceScopeId } from '@stuurwiel/schemas';
import { type SourceActivity, upperBound } from '../state/sources.js';
import { ms } from '../time/instants.js';
import type { SnapshotStamp } from './inputs.js';
import { splitByScope } from './scopes.js';

type SourcesSnapshot = KpiSnapshotOf<'sources'>;
type SourcesNow = SourcesSnapshot['now'];

/** The window of events_15m: (as_of − 15 min, as_of]. */
export const SOURCE_WINDOW_MS = 15 * 60_000;

const isoOrNull = (atMs: number | null) => (atMs === null ? null : new Date(atMs).toISOString());

const latest = (values: readonly (number | null)[]) =>
  values.reduce<number | null>((a, b) => (b === null ? a : a === null ? b : Math.max(a, b)), null);

function sourcesNow(sources: readonly SourceActivity[], asOfMs: number, one: boolean): SourcesNow {
  let events = 0;
  for (const s of sources)
    events += upperBound(s.recentMs, asOfMs) - upperBound(s.recentMs, asOfMs - SOURCE_WINDOW_MS);
  const only = one ? sources[0] : undefined;
  return {
    system: (only?.system ?? null) as SourcesNow['system'],
    vendor: only?.vendor ?? null,
    instance: only?.instance ?? null,
    sources: sources.length,
    last_event_at: isoOrNull(latest(sources.map((s) => s.lastEventMs))),
    last_received_at: isoOrNull(latest(sources.map((s) => s.lastReceivedMs))),
    events_15m: events,
  };
}

/**
 * Freshness of a tenant's sources: one snapshot per source and one for the tenant (every source:
 * the latest times, the events summed), so that a quiet source shows as quiet rather than as a
 * quiet queue.
 */
export function computeSourceSnapshots(
  tenant: string,
  sources: readonly SourceActivity[],
  asOf: string,
  stamp: SnapshotStamp,
): SourcesSnapshot[] {
  const asOfMs = ms(asOf);
  const scoped = splitByScope({ sources }, KPI_SCOPES.sources, { sources: (s) => [sourceScopeId(s)] });
  return scoped.map(({ scope, input }) => ({
    spec_version: 1,
    tenant,
    domain: 'sources',
    scope,
    as_of: asOf,
    computed_at: stamp.computedAt,
    last_event_at: stamp.lastEventAt,
    now: sourcesNow(input.sources, asOfMs, scope.kind === 'source'),
    windows: {},
  }));
}
