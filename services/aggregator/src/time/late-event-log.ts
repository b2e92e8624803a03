import type { CanonicalEvent } from '@stuurwiel/schemas';

/**
 * Logs too-late events per tenant at most once per interval, with how many there were since the
 * last line and one example: a backfill or a source that was offline for an hour can send
 * thousands, and a log line each would cost more than handling them.
 */
export function createLateEventLog(
  log: (fields: Record<string, unknown>, message: string) => void,
  intervalMs = 10_000,
  now: () => number = Date.now,
) {
  const last = new Map<string, { at: number; suppressed: number }>();
  return (event: CanonicalEvent) => {
    const entry = last.get(event.tenant);
    const t = now();
    if (entry && t - entry.at < intervalMs) {
      entry.suppressed += 1;
      return;
    }
    log(
      {
        tenant: event.tenant,
        example: { event_id: event.event_id, type: event.type, occurred_at: event.occurred_at },
        too_late_since_last_line: (entry?.suppressed ?? 0) + 1,
      },
      'events later than the allowed lateness: stored in ClickHouse, not shown live',
    );
    last.set(event.tenant, { at: t, suppressed: 0 });
  };
}
