import { acceleratedClock, type Clock } from '@stuurwiel/runtime';

/**
 * The demo clock of a scenario, shared by every service of it: event time runs `speed` times as
 * fast as the wall clock from `start`, so minutes of event time pass in seconds. Services in
 * process get the clock; a child process gets the same instants as STUURWIEL_CLOCK_*.
 */
export interface ScenarioClock {
  clock: Clock;
  start: Date;
  speed: number;
  /** STUURWIEL_CLOCK_START, _ORIGIN and _SPEED for a child process on the same clock. */
  env: Record<string, string>;
  /** Event time `minutes` after the start. */
  at(minutes: number): Date;
  /** Resolves once the clock shows `instant` (a wall-clock wait of (instant − now) ÷ speed). */
  until(instant: Date): Promise<void>;
}

/**
 * `leadMs`: wall time before the clock shows `start`, for the stack to start; until then it shows
 * earlier instants, so no event of the scenario is posted late.
 */
export function scenarioClock(start: string, speed: number, leadMs = 15_000): ScenarioClock {
  const origin = Date.now() + leadMs;
  const startAt = new Date(start);
  const clock = acceleratedClock({ start: startAt, speed, origin });
  return {
    clock,
    start: startAt,
    speed,
    env: {
      STUURWIEL_CLOCK_START: startAt.toISOString(),
      STUURWIEL_CLOCK_ORIGIN: new Date(origin).toISOString(),
      STUURWIEL_CLOCK_SPEED: String(speed),
    },
    at: (minutes) => new Date(startAt.getTime() + minutes * 60_000),
    async until(instant) {
      for (;;) {
        const left = instant.getTime() - clock().getTime();
        if (left <= 0) return;
        await new Promise((r) => setTimeout(r, Math.max(1, Math.ceil(left / speed))));
      }
    },
  };
}
