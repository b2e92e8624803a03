import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

/** The simulated municipalities keep Dutch office hours. */
const TIME_ZONE = 'Europe/Amsterdam';
/** A demo day starts before the first counter opens (08:30), so the morning is seen building up. */
const DAY_START_HOUR = 8;

const stateFile = z.strictObject({
  version: z.literal(1),
  /** The furthest demo instant a run of this data folder reached. */
  reached: z.iso.datetime({ offset: true }),
});

function amsterdamParts(at: Date): { date: string; weekday: string; hour: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: parts.weekday!,
    hour: Number(parts.hour),
  };
}

/** `hour`:00 in Amsterdam on the calendar day `date` (YYYY-MM-DD), as an instant. */
function amsterdamAt(date: string, hour: number): Date {
  // Amsterdam is UTC+1 or UTC+2: try both offsets and keep the one that shows the asked hour.
  for (const offset of [1, 2]) {
    const at = new Date(`${date}T${String(hour - offset).padStart(2, '0')}:00:00Z`);
    if (amsterdamParts(at).hour === hour && amsterdamParts(at).date === date) return at;
  }
  throw new Error(`no ${hour}:00 in ${TIME_ZONE} on ${date}`);
}

/** 08:00 Amsterdam time of the first weekday on or after the calendar day of `from` (after it when `after`). */
export function demoDayStart(from: Date, options: { after?: boolean } = {}): Date {
  let day = amsterdamParts(from).date;
  for (let step = options.after ? 1 : 0; ; step = 1) {
    if (step) day = new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const { weekday } = amsterdamParts(new Date(`${day}T12:00:00Z`));
    if (weekday !== 'Sat' && weekday !== 'Sun') return amsterdamAt(day, DAY_START_HOUR);
  }
}

export interface DemoClockPlan {
  start: Date;
  speed: number;
  /** The wall-clock instant at which the demo clock shows `start`. */
  origin: Date;
  /** Why this start: a new data folder or the day after the last run's. */
  reason: string;
}

/**
 * Where this run's demo clock starts. A data folder used before goes on with the working day after
 * the furthest instant its runs reached: its events then follow the earlier ones instead of
 * repeating a day that is already stored (the simulator's counters start each day empty, so a
 * fresh day is also what they expect).
 */
export function planDemoClock(options: {
  file: string;
  speed: number;
  start?: string;
  now?: Date;
}): DemoClockPlan {
  const now = options.now ?? new Date();
  const base = { speed: options.speed, origin: now };
  if (existsSync(options.file)) {
    const kept = readDemoClock(options.file);
    return {
      ...base,
      start: demoDayStart(new Date(kept.reached), { after: true }),
      reason: `this data folder's demo clock last showed ${kept.reached}; going on with the next working day`,
    };
  }
  if (options.start) return { ...base, start: new Date(options.start), reason: 'as --start asked' };
  return {
    ...base,
    start: demoDayStart(now),
    reason: 'a new data folder starts on today or the next weekday',
  };
}

function readDemoClock(file: string): z.output<typeof stateFile> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: not JSON (${(error as Error).message}); start with --reset to begin anew`);
  }
  const parsed = stateFile.safeParse(json);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ');
    throw new Error(`${file}: ${why}; start with --reset to begin anew`);
  }
  return parsed.data;
}

/** The environment every service and the simulator read the one demo clock from. */
export function demoClockEnv(plan: DemoClockPlan): Record<string, string> {
  return {
    STUURWIEL_CLOCK_START: plan.start.toISOString(),
    STUURWIEL_CLOCK_ORIGIN: plan.origin.toISOString(),
    STUURWIEL_CLOCK_SPEED: String(plan.speed),
  };
}

/** Writes the instant the demo clock has reached into the data folder now and every `everyMs`. */
export function keepDemoClock(file: string, plan: DemoClockPlan, everyMs = 5_000) {
  // As @stuurwiel/runtime's acceleratedClock computes it from the same three values.
  const clock = () => new Date(plan.start.getTime() + (Date.now() - plan.origin.getTime()) * plan.speed);
  const save = () => {
    const content = { version: 1, reached: clock().toISOString() } satisfies z.input<typeof stateFile>;
    // Through a temporary file: a stop in the middle of writing must not leave half a file.
    writeFileSync(`${file}.tmp`, `${JSON.stringify(content)}\n`);
    renameSync(`${file}.tmp`, file);
  };
  save();
  const timer = setInterval(save, everyMs);
  timer.unref();
  return {
    clock,
    stop() {
      clearInterval(timer);
      save();
    },
  };
}
