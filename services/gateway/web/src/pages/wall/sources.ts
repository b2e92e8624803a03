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

/** The sources that are quiet now, by the gateway's clock (quiet_seconds), in id order. */
export function quietSources(response: SourcesResponse | null): QuietSource[] {
  if (!response) return [];
  const quiet: QuietSource[] = [];
  for (const s of response.sources) {
    const { system, last_received_at } = s.now;
    if (s.scope.kind !== 'source' || s.scope.id === null || system === null || last_received_at === null)
      continue;
    if (s.quiet_seconds !== null && s.quiet_seconds > QUIET_AFTER_SECONDS)
      quiet.push({ id: s.scope.id, system, since: last_received_at });
  }
  return quiet.sort((a, b) => a.id.localeCompare(b.id));
}

/** The quiet sources that feed a tile's domain: while any is quiet, its figures are not current. */
export function quietFor(domain: TileDomain, quiet: readonly QuietSource[]): QuietSource[] {
  return quiet.filter((q) => SOURCE_DOMAIN[q.system] === domain);
}

/**
 * A fingerprint of the freshness the live picture shows (the sources snapshots' receipts): when
 * it changes, the screen asks the gateway for the quiet seconds again instead of waiting for its
 * next poll.
 */
export function freshnessKey(
  snapshots: Iterable<{ domain: string; scope: { id: string | null }; now: unknown }>,
): string {
  const parts: string[] = [];
  for (const s of snapshots)
    if (s.domain === 'sources')
      parts.push(
        `${s.scope.id ?? ''}=${(s.now as { last_received_at: string | null }).last_received_at ?? ''}`,
      );
  return parts.sort().join('|');
}
