/**
 * Gathers the work of many Kafka batches into few ClickHouse statements: ClickHouse wants large,
 * infrequent inserts (each insert makes a part, each rollup recomputation reads FINAL), while
 * the consumer hands over a batch per partition fetch. Items wait at most `maxDelayMs` (or until
 * `maxItems` are pending); flushes run one at a time, in order, so a later flush never overtakes
 * an earlier one. `add` resolves when the flush holding its items succeeded, and rejects with that
 * flush's error, which makes the consumer stop before committing past it.
 */
export interface CoalescingSink<T> {
  add(items: readonly T[]): Promise<void>;
  /** Items added and not yet flushed. */
  pending(): number;
}

export interface CoalescingSinkOptions<T> {
  flush: (items: T[]) => Promise<void>;
  /** Flush at once when the pending items weigh this much. */
  maxItems: number;
  /** What one item counts for against maxItems (default 1), e.g. the rows it holds. */
  weight?: (item: T) => number;
  maxDelayMs: number;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function createCoalescingSink<T>(options: CoalescingSinkOptions<T>): CoalescingSink<T> {
  let items: T[] = [];
  let weight = 0;
  let waiters: Waiter[] = [];
  const weigh = options.weight ?? (() => 1);
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();
  let scheduled = false;

  const flushNow = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (scheduled) return;
    scheduled = true;
    flushing = flushing.then(async () => {
      scheduled = false;
      const batch = items;
      const done = waiters;
      items = [];
      weight = 0;
      waiters = [];
      if (done.length === 0) return;
      try {
        await options.flush(batch);
        for (const w of done) w.resolve();
      } catch (error) {
        for (const w of done) w.reject(error);
      }
    });
  };

  return {
    add(added) {
      return new Promise<void>((resolve, reject) => {
        for (const item of added) {
          items.push(item);
          weight += weigh(item);
        }
        waiters.push({ resolve, reject });
        if (weight >= options.maxItems) flushNow();
        else timer ??= setTimeout(flushNow, options.maxDelayMs);
      });
    },
    pending: () => items.length,
  };
}
