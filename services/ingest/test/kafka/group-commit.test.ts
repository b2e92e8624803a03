import { describe, expect, it } from 'vitest';
import { groupCommit } from '../../src/kafka/group-commit.js';

const msg = (key: string) => ({ key, value: key });

describe('group commit', () => {
  it('sends the first request at once and the ones that arrive meanwhile together', async () => {
    const requests: { topic: string; keys: string[] }[][] = [];
    let release!: () => void;
    const first = new Promise<void>((r) => {
      release = r;
    });
    const send = groupCommit(async (batches) => {
      requests.push(batches.map((b) => ({ topic: b.topic, keys: b.messages.map((m) => m.key) })));
      if (requests.length === 1) await first;
    });
    const a = send('visits', [msg('a')]);
    const b = send('visits', [msg('b')]);
    const c = send('calls', [msg('c')]);
    const d = send('visits', [msg('d')]);
    release();
    await Promise.all([a, b, c, d]);
    expect(requests).toEqual([
      [{ topic: 'visits', keys: ['a'] }],
      [
        { topic: 'visits', keys: ['b', 'd'] },
        { topic: 'calls', keys: ['c'] },
      ],
    ]);
  });

  it('rejects every caller of a failed request and carries on with the next', async () => {
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const send = groupCommit(async () => {
      calls++;
      if (calls === 1) await gate;
      if (calls === 2) throw new Error('broker said no');
    });
    const first = send('t', [msg('1')]);
    const second = send('t', [msg('2')]);
    const third = send('t', [msg('3')]);
    release();
    await expect(first).resolves.toBeUndefined();
    await expect(second).rejects.toThrow('broker said no');
    await expect(third).rejects.toThrow('broker said no');
    await expect(send('t', [msg('4')])).resolves.toBeUndefined();
  });

  it('keeps a request under the size limit by leaving the rest for the next one', async () => {
    const sizes: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const send = groupCommit(async (batches) => {
      sizes.push(batches.reduce((n, b) => n + b.messages.length, 0));
      if (sizes.length === 1) await gate;
    }, 3);
    const all = [send('t', [msg('a')]), send('t', [msg('b'), msg('c')]), send('t', [msg('d'), msg('e')])];
    release();
    await Promise.all(all);
    expect(sizes).toEqual([1, 2, 2]);
  });
});
