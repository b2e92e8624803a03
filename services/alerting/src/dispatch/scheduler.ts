import { setTimeout as delay } from 'node:timers/promises';

/** Timers of the dispatch and notify stages, injected so that tests move time by hand. */
export interface Scheduler {
  /** Runs `fn` after `ms`; the returned function cancels it. */
  after(ms: number, fn: () => void): () => void;
  /** Resolves after `ms`; rejects when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Real timers; they do not keep the process alive (closing the service stops them). */
export const timerScheduler: Scheduler = {
  after(ms, fn) {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
  async sleep(ms, signal) {
    await delay(ms, undefined, { signal, ref: false });
  },
};
