import type { EventProducer, OutgoingMessage } from '@stuurwiel/kafka';
import { describe, expect, it } from 'vitest';
import { createLatestSender } from '../../src/snapshots/latest-sender.js';

/** A producer stand-in that fails its first `failures` sends and records the rest. */
function flakyProducer(failures: number) {
  const sent: OutgoingMessage[][] = [];
  let left = failures;
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const producer: EventProducer = {
    async connect() {},
    async disconnect() {},
    async sendMany() {},
    async send(_topic, messages) {
      await gate;
      if (left > 0) {
        left -= 1;
        throw new Error('broker said no');
      }
      sent.push([...messages]);
    },
  };
  return { producer, sent, release };
}

describe('createLatestSender', () => {
  it('sends a failed batch again, except for keys a newer message replaced meanwhile', async () => {
    const { producer, sent, release } = flakyProducer(1);
    const errors: unknown[] = [];
    const sender = createLatestSender({ producer, topic: 't', onError: (e) => errors.push(e), retryMs: 1 });
    sender.send([
      { key: 'a', value: '1' },
      { key: 'b', value: null },
    ]);
    // While the first send hangs, a newer value for `a` comes.
    sender.send([{ key: 'a', value: '2' }]);
    release();
    await sender.settle(10_000);
    expect(errors).toHaveLength(1);
    // `a` once, with its newest value; the tombstone of `b` not lost.
    expect(sent).toEqual([
      [
        { key: 'a', value: '2' },
        { key: 'b', value: null },
      ],
    ]);
    sender.close();
  });

  it('splits what waits into sends the broker accepts, keeping every message', async () => {
    const { producer, sent, release } = flakyProducer(0);
    release();
    const sender = createLatestSender({ producer, topic: 't', onError: () => {}, maxBatchBytes: 25 });
    // 2 + 8 bytes each: two fit in 25 bytes, a third does not.
    sender.send(['k1', 'k2', 'k3', 'k4', 'k5'].map((key) => ({ key, value: 'x'.repeat(8) })));
    await sender.settle(10_000);
    expect(sent.map((batch) => batch.map((m) => m.key))).toEqual([['k1', 'k2'], ['k3', 'k4'], ['k5']]);
    sender.close();
  });
});
