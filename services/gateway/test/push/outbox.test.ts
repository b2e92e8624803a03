import { describe, expect, it } from 'vitest';
import { createOutbox, type Frame, frame } from '../../src/push/outbox.js';
import { counterSnapshot } from './support/fixtures.js';

/** A transport that holds every write until the test lets it go, as a stalled socket does. */
function stalledWire() {
  const written: Frame[] = [];
  const unsent: (() => void)[] = [];
  const closed: string[] = [];
  return {
    written,
    closed,
    wire: {
      write(f: Frame, done: () => void) {
        written.push(f);
        unsent.push(done);
      },
      close: (reason: string) => closed.push(reason),
    },
    /** The network took everything written so far. */
    drain() {
      for (const done of unsent.splice(0)) done();
    },
  };
}

const update = (location: string, waiting: number) =>
  frame({
    v: 1,
    type: 'snapshot',
    snapshot: counterSnapshot('GM0363', { kind: 'location', id: location }, waiting),
  });
const waitingOf = (f: Frame) =>
  f.message.type === 'snapshot' && f.message.snapshot.domain === 'counter'
    ? f.message.snapshot.now.waiting
    : -1;

describe('outbox of one live connection', () => {
  it('holds at most the latest frame per key while the transport is busy, and then sends only those', () => {
    const t = stalledWire();
    const outbox = createOutbox(t.wire);
    outbox.put('L1', update('L1', 0)); // written at once: the transport was idle
    let most = 0;
    for (let n = 1; n <= 10_000; n++) {
      outbox.put(`L${(n % 3) + 1}`, update(`L${(n % 3) + 1}`, n));
      most = Math.max(most, outbox.queued());
    }
    expect(most).toBe(4); // the frame on the wire and one per key
    expect(t.written).toHaveLength(1);
    t.drain();
    expect(
      t.written
        .slice(1)
        .map((f) => [f.message.type === 'snapshot' && f.message.snapshot.scope.id, waitingOf(f)]),
    ).toEqual([
      ['L2', 10_000],
      ['L3', 9_998],
      ['L1', 9_999],
    ]);
    t.drain();
    expect(outbox.queued()).toBe(0);
  });

  it('keeps messages that replace nothing in order behind what was queued before them', () => {
    const t = stalledWire();
    const outbox = createOutbox(t.wire);
    outbox.append(frame({ v: 1, type: 'hello', tenant: 'GM0363', role: 'manager', rooms: [] }));
    outbox.put('L1', update('L1', 1));
    outbox.append(frame({ v: 1, type: 'subscribed', rooms: ['tenant:GM0363'] }));
    outbox.put('L1', update('L1', 2));
    t.drain();
    expect(t.written.map((f) => f.message.type)).toEqual(['hello', 'snapshot', 'subscribed']);
    expect(waitingOf(t.written[1]!)).toBe(2);
  });

  it('closes the connection rather than let more frames wait than its bound', () => {
    const t = stalledWire();
    const outbox = createOutbox(t.wire, { maxQueued: 2 });
    for (let n = 0; n < 4; n++) outbox.put(`L${n}`, update(`L${n}`, n));
    expect(t.closed).toEqual(['more than 2 messages waiting']);
    expect(outbox.queued()).toBe(1);
  });
});
