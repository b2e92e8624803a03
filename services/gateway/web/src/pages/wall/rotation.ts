import type { KpiSnapshot } from '@stuurwiel/schemas';

/** How long the screen shows one location before the next, when it rotates. */
export const ROTATE_EVERY_MS = 15_000;

/**
 * The locations the screen rotates through: every location with a snapshot, and those the key
 * names in its rooms (so a location without data yet still gets its page), sorted by id.
 */
export function locationsOf(snapshots: Iterable<KpiSnapshot>, rooms: readonly string[]): string[] {
  const ids = new Set<string>();
  for (const s of snapshots) if (s.scope.kind === 'location' && s.scope.id !== null) ids.add(s.scope.id);
  for (const room of rooms) {
    const match = /:location:([^:]+)$/.exec(room);
    if (match) ids.add(decodeURIComponent(match[1]!));
  }
  return [...ids].sort((a, b) => a.localeCompare(b, 'nl'));
}

/** The location after `current` in `locations`, from the start again after the last. */
export function nextLocation(locations: readonly string[], current: string | null): string | null {
  if (locations.length === 0) return null;
  const at = current === null ? -1 : locations.indexOf(current);
  return locations[(at + 1) % locations.length]!;
}

/**
 * What the screen shows: the pinned location (even one without data: the screen was set up for
 * it), else the current one while it is still there, else the first.
 */
export function shownLocation(
  locations: readonly string[],
  pinned: string | null,
  current: string | null,
): string | null {
  if (pinned !== null) return pinned;
  if (current !== null && locations.includes(current)) return current;
  return locations[0] ?? null;
}

/** The location a rotating screen shows next, after the one it shows now (the first, at the start). */
export function rotateFrom(locations: readonly string[], current: string | null): string | null {
  return nextLocation(locations, shownLocation(locations, null, current));
}
