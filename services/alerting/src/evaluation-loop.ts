import type { Clock } from '@stuurwiel/runtime';

export interface EvaluationLoopOptions {
  intervalMs: number;
  clock: Clock;
  /** One round: every rule of every municipality at `now`. */
  tick: (now: Date) => Promise<void>;
  onError: (error: unknown) => void;
}

export interface EvaluationLoop {
  start(): void;
  /** Waits for the round in progress, then stops. */
  stop(): Promise<void>;
  /** Wall-clock ms of the last round that finished (with or without an error); null before the first. */
  lastRoundAt(): number | null;
}

/**
 * Runs a round every interval on the service clock (the demo clock runs faster, so `now` comes
 * from it, while the interval is wall time). Rounds never overlap: a slow round delays the next.
 */
export function createEvaluationLoop(options: EvaluationLoopOptions): EvaluationLoop {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let last: number | null = null;

  const round = async () => {
    try {
      await options.tick(options.clock());
    } catch (error) {
      options.onError(error);
    } finally {
      last = Date.now();
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().then(schedule);
    }, options.intervalMs);
  };

  return {
    start() {
      stopped = false;
      running = round().then(schedule);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    lastRoundAt: () => last,
  };
}
