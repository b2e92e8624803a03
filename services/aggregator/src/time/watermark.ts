/**
 * Event time per tenant, as Kafka Streams and Flink keep it: the watermark is the highest
 * occurred_at seen minus an out-of-order bound. An event at or after the watermark is on time;
 * one before it but within the allowed lateness is late and still updates the live figures; one
 * older than that is too late: it still goes to ClickHouse (facts and rollups recompute), but it
 * no longer changes the live windows that were already published, and it is counted and logged.
 *
 * Keyed by the caller (the aggregator uses tenant and topic: a tenant's events of one topic share
 * a partition and come in nearly event-time order), so a quiet stream never holds back another.
 */
export type Lateness = 'on_time' | 'late' | 'too_late';

export interface EventClock {
  /** Classifies an event against the watermark before it, then advances the watermark. */
  observe(stream: string, occurredAtMs: number): Lateness;
  watermark(stream: string): number | undefined;
  /** Highest occurred_at seen for the tenant. */
  latest(tenant: string): number | undefined;
}

export interface EventClockOptions {
  outOfOrderMs: number;
  allowedLatenessMs: number;
}

export function createEventClock(options: EventClockOptions): EventClock {
  const highest = new Map<string, number>();
  return {
    observe(tenant, at) {
      const max = highest.get(tenant);
      let lateness: Lateness = 'on_time';
      if (max !== undefined) {
        const watermark = max - options.outOfOrderMs;
        if (at < watermark - options.allowedLatenessMs) lateness = 'too_late';
        else if (at < watermark) lateness = 'late';
      }
      if (max === undefined || at > max) highest.set(tenant, at);
      return lateness;
    },
    watermark(tenant) {
      const max = highest.get(tenant);
      return max === undefined ? undefined : max - options.outOfOrderMs;
    },
    latest: (tenant) => highest.get(tenant),
  };
}
