import type { Clock } from '@stuurwiel/runtime';
import type { AlertHistory, Receiver } from '../model.js';
import type { Stage } from './stage.js';
import { notificationOf, stop } from './stage.js';

export interface RetryOptions {
  receiver: (name: string) => Receiver | undefined;
  history: Pick<AlertHistory, 'recordAttempt'>;
  clock: Clock;
  /** Waits between attempts; a test passes a fake scheduler's. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** In [0, 1); jitter spreads the retries of many groups towards one receiver that came back. */
  random?: () => number;
  maxAttempts?: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

export const RETRY_DEFAULTS = { maxAttempts: 5, initialDelayMs: 1000, maxDelayMs: 60_000 } as const;

/** Delay before attempt `attempt + 1`: doubling from the initial delay up to the cap, half of it jittered. */
export function backoffMs(
  attempt: number,
  random: () => number,
  options: { initialDelayMs: number; maxDelayMs: number } = RETRY_DEFAULTS,
): number {
  const capped = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** (attempt - 1));
  return Math.round(capped / 2 + (random() * capped) / 2);
}

/**
 * Sends the notification, retrying with exponential backoff; every failed attempt is recorded,
 * the last one as dead_letter. The alert is not touched: it stays firing, and the group tries
 * again at its next interval (the log never recorded it as sent).
 */
export function retryStage(options: RetryOptions): Stage {
  const maxAttempts = options.maxAttempts ?? RETRY_DEFAULTS.maxAttempts;
  const random = options.random ?? Math.random;
  const delays = {
    initialDelayMs: options.initialDelayMs ?? RETRY_DEFAULTS.initialDelayMs,
    maxDelayMs: options.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs,
  };
  return {
    name: 'retry',
    async exec(ctx, alerts) {
      const notification = notificationOf(ctx, 'retry');
      const receiver = options.receiver(ctx.receiver);
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        let reason: string;
        try {
          if (receiver === undefined) throw new Error(`unknown receiver "${ctx.receiver}"`);
          await receiver.send(notification, ctx.signal);
          return { ctx: { ...ctx, attempt }, alerts };
        } catch (error) {
          reason = error instanceof Error ? error.message : String(error);
        }
        const last = attempt === maxAttempts || receiver === undefined || ctx.signal.aborted;
        await options.history.recordAttempt({
          notification,
          attempt,
          outcome: last ? 'dead_letter' : 'failed',
          reason,
          at: options.clock().toISOString(),
        });
        if (last) break;
        await options.sleep(backoffMs(attempt, random, delays), ctx.signal);
      }
      return stop(ctx, 'dead_letter');
    },
  };
}
