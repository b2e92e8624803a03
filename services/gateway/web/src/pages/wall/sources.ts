import { SOURCE_DOMAIN, type SourcesResponse } from '@stuurwiel/schemas';
import { QUIET_AFTER_SECONDS } from './norms.js';
import type { TileDomain } from './tiles.js';

export type SourceSystem = keyof typeof SOURCE_DOMAIN;

/** A source that sent nothing for longer than QUIET_AFTER_SECONDS. */
export interface QuietSource {
  id: string;
  system: SourceSystem;
  /** When its last event was received (ISO). */
  since: string;
}

/**
 * The sources that are quiet now, in id order: quiet by the gateway's clock (quiet_seconds) when
 * it last answered, and with no newer receipt in the live picture since (`receipts`, by source
 * id): a source that speaks again is current at once, without waiting for the next poll.
 */
export function quietSources(
  response: SourcesResponse | null,
  receipts: ReadonlyMap<string, string | null> = new Map(),
): QuietSource[] {
  if (!response) return [];
  const quiet: QuietSource[] = [];
  for (const s of response.sources) {
    const { system, last_received_at } = s.now;
    if (s.scope.kind !== 'source' || s.scope.id === null || system === null || last_received_at === null)
      continue;
    if (s.quiet_seconds === null || s.quiet_seconds <= QUIET_AFTER_SECONDS) continue;
    const latest = receipts.get(s.scope.id);
    if (latest != null && Date.parse(latest) > Date.parse(last_received_at)) continue;
    quiet.push({ id: s.scope.id, system, since: last_received_at });
  }
  return quiet.sort((a, b) => a.id.localeCompare(b.id));
}

/** The quiet sources that feed a tile's domain: while any is quiet, its figures are not current. */
export function quietFor(domain: TileDomain, quiet: readonly QuietSource[]): QuietSource[] {
  return quiet.filter((q) => SOURCE_DOMAIN[q.system] === domain);
}

/** The last receipt of each source in the live picture (its `sources` snapshots), by source id. */
export function receiptsOf(
  snapshots: Iterable<{ domain: string; scope: { kind: string; id: string | null }; now: unknown }>,
): Map<string, string | null> {
  const receipts = new Map<string, string | null>();
  for (const s of snapshots)
    if (s.domain === 'sources' && s.scope.kind === 'source' && s.scope.id !== null)
      receipts.set(s.scope.id, (s.now as { last_received_at: string | null }).last_received_at);
  return receipts;
}
