import { z } from 'zod';

/** The instant a service takes as "now". Every service reads time only through one of these. */
export type Clock = () => Date;

export const wallClock: Clock = () => new Date();

/**
 * A clock that starts at `start` when created and runs `speed` times as fast as the wall clock:
 * the demo replays a working day in minutes, and every service of one run must agree on the time,
 * so each derives it from the same start instant and speed (`STUURWIEL_CLOCK_*`), not from the
 * moment it happened to boot.
 */
export function acceleratedClock(options: { start: Date; speed: number; origin?: number }): Clock {
  const origin = options.origin ?? Date.now();
  const start = options.start.getTime();
  return () => new Date(start + (Date.now() - origin) * options.speed);
}

export const clockEnv = z.object({
  STUURWIEL_CLOCK_START: z.iso
    .datetime({ offset: true, error: 'must be an ISO instant such as 2026-03-02T07:00:00Z' })
    .optional()
    .describe(
      'Demo only: the instant the clock showed at STUURWIEL_CLOCK_ORIGIN (every service of a run gets the same); unset: the wall clock',
    ),
  STUURWIEL_CLOCK_ORIGIN: z.iso
    .datetime({ offset: true, error: 'must be an ISO instant' })
    .optional()
    .describe('Demo only: the wall-clock instant at which the demo clock showed STUURWIEL_CLOCK_START'),
  STUURWIEL_CLOCK_SPEED: z.coerce
    .number({ error: 'must be a number' })
    .positive('must be above 0')
    .max(3600, 'must be at most 3600')
    .default(1)
    .describe('Demo only: how many times as fast as the wall clock the demo clock runs'),
});

/** The clock the environment asks for: the wall clock, or the demo's accelerated one. */
export function clockFromEnv(env: z.output<typeof clockEnv>): Clock {
  if (env.STUURWIEL_CLOCK_START === undefined) return wallClock;
  return acceleratedClock({
    start: new Date(env.STUURWIEL_CLOCK_START),
    speed: env.STUURWIEL_CLOCK_SPEED,
    origin: env.STUURWIEL_CLOCK_ORIGIN === undefined ? Date.now() : Date.parse(env.STUURWIEL_CLOCK_ORIGIN),
  });
}

/** A clock a test moves by hand. */
export function manualClock(
  start: Date | string,
): Clock & { set(at: Date | string): void; advance(ms: number): void } {
  let now = new Date(start).getTime();
  const clock = () => new Date(now);
  clock.set = (at: Date | string) => {
    now = new Date(at).getTime();
  };
  clock.advance = (ms: number) => {
    now += ms;
  };
  return clock;
}
