import { describe, expect, it } from 'vitest';
import { timerScheduler } from '../../src/dispatch/scheduler.js';

describe('timer scheduler', () => {
  it('runs a timer, and never one that was cancelled', async () => {
    const ran: string[] = [];
    const cancel = timerScheduler.after(0, () => ran.push('cancelled'));
    cancel();
    await new Promise<void>((resolve) => timerScheduler.after(0, resolve));
    expect(ran).toEqual([]);
  });

  it('ends a sleep when its signal aborts', async () => {
    const abort = new AbortController();
    const sleeping = timerScheduler.sleep(60_000, abort.signal);
    abort.abort(new Error('closing'));
    await expect(sleeping).rejects.toThrow();
  });
});
