import { setTimeout as delay } from 'node:timers/promises';

/** Waits `ms`, or less when `signal` aborts; never rejects. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = async (ms, signal) => {
  try {
    await delay(ms, undefined, { signal });
  } catch {
    // Aborted: the caller looks at the signal.
  }
};

export interface SenderOptions {
  /** The full endpoint, e.g. https://ingest.example.nl/v1/sources/asterisk/queue-log. */
  endpoint: string;
  apiKey: string;
  sleep?: Sleep;
  log?: (message: string) => void;
  /** Per request; a request that takes longer is retried. */
  requestTimeoutMs?: number;
  /** Longest wait of the exponential backoff (default 60 s). */
  maxBackoffMs?: number;
  /** Longest Retry-After honoured (default 10 min), against a server asking for hours. */
  maxRetryAfterMs?: number;
  random?: () => number;
  now?: () => number;
}

export type SendOutcome =
  /** The server took the batch: 202, or 422/400, whose records it dead-lettered itself. */
  | { kind: 'delivered'; status: number; body: string }
  /** 413: too many lines or bytes for one request. */
  | { kind: 'too_large'; body: string }
  /** Stop was asked while the batch still had to be retried; it was not delivered. */
  | { kind: 'stopped' };

/** An answer that retrying will not change (wrong key, wrong URL): the follower stops. */
export class FatalSendError extends Error {
  override name = 'FatalSendError';
}

// Statuses that say "not now": retry the same batch after a while.
const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Milliseconds from a Retry-After header (seconds, or an HTTP date), or undefined. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Posts batches of queue_log lines and insists: a batch is retried, unchanged, until the server
 * takes it (never skipped), with the wait the server asks for (Retry-After) or an exponential
 * backoff with jitter. A request already on its way is never aborted by a stop; only the waits
 * and further attempts are.
 */
export class QueueLogSender {
  private readonly sleep: Sleep;
  private readonly log: (message: string) => void;
  private readonly timeoutMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(private readonly options: SenderOptions) {
    this.sleep = options.sleep ?? realSleep;
    this.log = options.log ?? (() => {});
    this.timeoutMs = options.requestTimeoutMs ?? 30_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 60_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 600_000;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  async send(body: Uint8Array, stop: AbortSignal): Promise<SendOutcome> {
    for (let attempt = 1; ; attempt++) {
      let wait: number;
      let why: string;
      try {
        const response = await fetch(this.options.endpoint, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${this.options.apiKey}`,
            'content-type': 'text/plain; charset=utf-8',
          },
          body,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        const text = await response.text();
        const status = response.status;
        if (status === 202 || status === 422) return { kind: 'delivered', status, body: text };
        if (status === 400) {
          // The ingest service dead-letters an unusable body before it answers 400.
          this.log(`the server refused the batch as unusable and dead-lettered it: ${text.slice(0, 500)}`);
          return { kind: 'delivered', status, body: text };
        }
        if (status === 413) return { kind: 'too_large', body: text };
        if (!RETRYABLE.has(status) && status < 500) {
          throw new FatalSendError(`the server answered ${status}: ${text.slice(0, 500)}`);
        }
        const asked = retryAfterMs(response.headers.get('retry-after'), this.now());
        wait = asked === undefined ? this.backoff(attempt) : Math.min(asked, this.maxRetryAfterMs);
        why = `HTTP ${status}${asked === undefined ? '' : `, Retry-After ${response.headers.get('retry-after')}`}`;
      } catch (error) {
        if (error instanceof FatalSendError) throw error;
        wait = this.backoff(attempt);
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        why = cause?.code ?? cause?.message ?? (error as Error).message;
      }
      if (stop.aborted) return { kind: 'stopped' };
      this.log(`batch not delivered (${why}); attempt ${attempt + 1} in ${wait} ms`);
      await this.sleep(wait, stop);
      if (stop.aborted) return { kind: 'stopped' };
    }
  }

  private backoff(attempt: number): number {
    const base = Math.min(this.maxBackoffMs, 500 * 2 ** Math.min(attempt - 1, 20));
    return Math.min(this.maxBackoffMs, Math.round(base * (0.75 + this.random() / 2)));
  }
}
