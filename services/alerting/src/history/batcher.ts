/**
 * Collects items and writes them in batches: when `maxItems` are waiting, else `intervalMs` after
 * the first one came. One write at a time; what arrives meanwhile waits for the next. Each `add`
 * resolves once its items are written (or rejects with the write's error), so a caller that must
 * not go on before its record is stored can wait for exactly that.
 */
export interface Batcher<T> {
  add(items: readonly T[]): Promise<void>;
  /** Writes everything waiting now; resolves when all writes so far are done. */
  flush(): Promise<void>;
  /** Flushes, then refuses further items. */
  close(): Promise<void>;
}

interface Waiting<T> {
  items: T[];
  settle: Array<{ resolve: () => void; reject: (e: unknown) => void }>;
}

export function batcher<T>(
  write: (items: T[]) => Promise<void>,
  options: { maxItems: number; intervalMs: number },
): Batcher<T> {
  let waiting: Waiting<T> = { items: [], settle: [] };
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  let closed = false;

  const start = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (waiting.items.length === 0) return inFlight;
    const batch = waiting;
    waiting = { items: [], settle: [] };
    inFlight = inFlight.then(() =>
      write(batch.items).then(
        () => {
          for (const s of batch.settle) s.resolve();
        },
        (error: unknown) => {
          for (const s of batch.settle) s.reject(error);
        },
      ),
    );
    return inFlight;
  };

  return {
    add(items) {
      if (closed) return Promise.reject(new Error('the history is closed'));
      if (items.length === 0) return Promise.resolve();
      const done = new Promise<void>((resolve, reject) => waiting.settle.push({ resolve, reject }));
      waiting.items.push(...items);
      if (waiting.items.length >= options.maxItems) void start();
      else if (!timer) timer = setTimeout(start, options.intervalMs);
      return done;
    },
    flush: start,
    async close() {
      closed = true;
      await start();
    },
  };
}
