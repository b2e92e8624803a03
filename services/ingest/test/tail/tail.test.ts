import { appendFile, readdir, rename, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TailOptions, tailQueueLog } from '../../src/tail/run.js';
import { FatalSendError, retryAfterMs } from '../../src/tail/sender.js';
import { StateFileError } from '../../src/tail/state.js';
import {
  type Answer,
  lines,
  pause,
  type ReceivedRequest,
  readState,
  startReceiver,
  tempDir,
  waitFor,
} from './harness.js';

const KEY = 'swk_pbx-gm0363_abcdefghijklmnopqrstuvwxyz0123456789';

let dir: string;
let cleanup: () => Promise<void>;
let file: string;
let statePath: string;
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
let running: { stop: () => Promise<void> }[] = [];

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  file = join(dir, 'queue_log');
  statePath = join(dir, 'tail.state.json');
  running = [];
});

afterEach(async () => {
  for (const r of running) await r.stop().catch(() => {});
  await receiver?.close();
  receiver = undefined;
  await cleanup();
});

async function receive(answer?: (request: ReceivedRequest, n: number) => Answer | Promise<Answer>) {
  receiver = await startReceiver(answer);
  return receiver;
}

/** Runs the follower until stop(); stop() resolves when it has finished (and throws its error). */
function follow(overrides: Partial<TailOptions> = {}) {
  const controller = new AbortController();
  const log: string[] = [];
  const done = tailQueueLog({
    file,
    url: overrides.url ?? receiver!.url,
    apiKey: KEY,
    statePath,
    batchLines: 50,
    intervalMs: 10,
    stop: controller.signal,
    log: (m) => log.push(m),
    ...overrides,
  });
  done.catch(() => {});
  const handle = {
    log,
    done,
    stop: async () => {
      controller.abort();
      await done;
    },
  };
  running.push(handle);
  return handle;
}

const text = (ls: string[]) => ls.map((l) => `${l}\n`).join('');

describe('tail: following a queue_log', () => {
  it('sends lines appended while following, each exactly once and in order, in bounded batches', async () => {
    const server = await receive();
    const first = lines('a', 3);
    await writeFile(file, text(first));
    const tail = follow({ batchLines: 7 });
    await waitFor('the first lines', () => server.delivered.length === 3);
    const more = lines('b', 2);
    await appendFile(file, text(more.slice(0, 1)));
    await appendFile(file, text(more.slice(1)));
    await waitFor('two more lines', () => server.delivered.length === 5);
    const many = lines('c', 60);
    await appendFile(file, text(many));
    await waitFor('sixty more lines', () => server.delivered.length === 65);
    await pause(50);
    await tail.stop();

    expect(server.delivered).toEqual([...first, ...more, ...many]);
    for (const request of server.requests) {
      expect(request.method).toBe('POST');
      expect(request.url).toBe('/v1/sources/asterisk/queue-log');
      expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(request.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(request.body.endsWith('\n')).toBe(true);
      expect(request.body.split('\n').length - 1).toBeLessThanOrEqual(7);
    }
    const state = await readState(statePath);
    expect(state.file).toBe(file);
    expect(state.position.offset).toBe((await stat(file)).size);
    expect(state.position.inode).toBe(String((await stat(file, { bigint: true })).ino));
    // Written through a temporary file and a rename: nothing else is left in the folder.
    expect((await readdir(dir)).sort()).toEqual(['queue_log', 'tail.state.json']);
  });

  it('holds back a partial last line until its line feed arrives', async () => {
    const server = await receive();
    await writeFile(file, '1772438400|c.1|q|NONE|ABANDON|1|1|3\n1772438401|c.2|q|NO');
    const tail = follow();
    await waitFor('the complete line', () => server.delivered.length === 1);
    await pause(100);
    expect(server.delivered).toEqual(['1772438400|c.1|q|NONE|ABANDON|1|1|3']);
    expect((await readState(statePath)).position.offset).toBe(36);
    await appendFile(file, 'NE|ABANDON|1|1|4\n');
    await waitFor('the finished line', () => server.delivered.length === 2);
    await tail.stop();
    expect(server.delivered).toEqual([
      '1772438400|c.1|q|NONE|ABANDON|1|1|3',
      '1772438401|c.2|q|NONE|ABANDON|1|1|4',
    ]);
    expect(server.requests.every((r) => !r.body.includes('|NO\n') && r.body.endsWith('\n'))).toBe(true);
  });

  it('keeps going through rotation: finishes the old file, then reads the new one from its start', async () => {
    const server = await receive();
    const old = lines('old', 3);
    await writeFile(file, text(old));
    const tail = follow();
    await waitFor('the old lines', () => server.delivered.length === 3);
    await appendFile(file, text(lines('old', 1, 4)));
    await rename(file, `${file}.1`);
    // Asterisk may write a last line to the old file before it reopens the log.
    await appendFile(`${file}.1`, text(lines('old', 1, 5)));
    const fresh = lines('new', 4);
    await writeFile(file, text(fresh));
    await waitFor('both files', () => server.delivered.length === 9);
    await pause(100);
    await tail.stop();
    expect(server.delivered).toEqual([...old, ...lines('old', 2, 4), ...fresh]);
    const state = await readState(statePath);
    expect(state.position.inode).toBe(String((await stat(file, { bigint: true })).ino));
    expect(state.position.offset).toBe((await stat(file)).size);
    expect(tail.log.some((m) => m.includes('rotated'))).toBe(true);
  });

  it('reads a truncated file again from its start', async () => {
    const server = await receive();
    const before = lines('before', 5);
    await writeFile(file, text(before));
    const tail = follow();
    await waitFor('the first lines', () => server.delivered.length === 5);
    await truncate(file, 0);
    const after = lines('after', 2);
    await appendFile(file, text(after));
    await waitFor('the lines after truncation', () => server.delivered.length === 7);
    await pause(50);
    await tail.stop();
    expect(server.delivered).toEqual([...before, ...after]);
    expect((await readState(statePath)).position.offset).toBe((await stat(file)).size);
    expect(tail.log.some((m) => m.includes('truncated'))).toBe(true);
  });

  it('waits for a file that does not exist yet', async () => {
    const server = await receive();
    const tail = follow();
    await pause(50);
    await writeFile(file, text(lines('late', 2)));
    await waitFor('the lines', () => server.delivered.length === 2);
    await tail.stop();
    expect(server.delivered).toEqual(lines('late', 2));
  });
});

describe('tail: restarts', () => {
  it('continues from the state file without resending', async () => {
    const server = await receive();
    await writeFile(file, text(lines('x', 3)));
    const first = follow();
    await waitFor('the first run', () => server.delivered.length === 3);
    await first.stop();
    await appendFile(file, text(lines('x', 2, 4)));
    const second = follow();
    await waitFor('the second run', () => server.delivered.length === 5);
    await pause(100);
    await second.stop();
    expect(server.delivered).toEqual(lines('x', 5));
    expect(second.log[0]).toMatch(/from byte \d+ \(saved position\)/);
  });

  it('finishes the rotated file (FILE.1) when the log was rotated while stopped', async () => {
    const server = await receive();
    await writeFile(file, text(lines('x', 2)));
    const first = follow();
    await waitFor('the first run', () => server.delivered.length === 2);
    await first.stop();
    await appendFile(file, text(lines('x', 2, 3)));
    await rename(file, `${file}.1`);
    await writeFile(file, text(lines('y', 3)));
    const second = follow();
    await waitFor('the rest of both files', () => server.delivered.length === 7);
    await pause(100);
    await second.stop();
    expect(server.delivered).toEqual([...lines('x', 4), ...lines('y', 3)]);
  });

  it('reads a new file from its start when the rotated one is gone', async () => {
    const server = await receive();
    await writeFile(file, text(lines('x', 2)));
    const first = follow();
    await waitFor('the first run', () => server.delivered.length === 2);
    await first.stop();
    await rename(file, join(dir, 'queue_log-20260302'));
    await writeFile(file, text(lines('y', 2)));
    const second = follow();
    await waitFor('the new file', () => server.delivered.length === 4);
    await second.stop();
    expect(server.delivered).toEqual([...lines('x', 2), ...lines('y', 2)]);
  });

  it('notices a file rewritten past the saved position while stopped (last-line hash)', async () => {
    const server = await receive();
    await writeFile(file, text(lines('x', 2)));
    const first = follow();
    await waitFor('the first run', () => server.delivered.length === 2);
    await first.stop();
    // Same inode, longer than before, other content: copytruncate followed by new lines.
    await truncate(file, 0);
    await appendFile(file, text(lines('z', 4)));
    const second = follow();
    await waitFor('the rewritten file', () => server.delivered.length === 6);
    await second.stop();
    expect(server.delivered).toEqual([...lines('x', 2), ...lines('z', 4)]);
    expect(second.log.some((m) => m.includes('rewritten'))).toBe(true);
  });

  it('refuses a state file that belongs to another queue_log', async () => {
    await receive();
    await writeFile(file, text(lines('x', 1)));
    await writeFile(
      statePath,
      JSON.stringify({
        version: 1,
        file: '/var/log/asterisk/queue_log',
        position: { device: '1', inode: '2', offset: 0, size: 0, lastLineSha256: null },
        savedAt: '2026-03-02T08:00:00.000Z',
      }),
    );
    await expect(follow().done).rejects.toThrow(StateFileError);
    await writeFile(statePath, '{"version":');
    await expect(follow().done).rejects.toThrow(/is not JSON; move it away/);
  });
});

describe('tail: delivery', () => {
  it('on 503 with Retry-After waits that long, resends the same batch, and saves the position only after the 202', async () => {
    const stateWhenAsked: boolean[] = [];
    const server = await receive(async (_request, n) => {
      stateWhenAsked.push(
        await stat(statePath).then(
          () => true,
          () => false,
        ),
      );
      return n === 1
        ? { status: 503, headers: { 'retry-after': '1' }, body: { error: 'service_unavailable' } }
        : { status: 202 };
    });
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
      await pause(5);
    };
    const batch = lines('r', 4);
    await writeFile(file, text(batch));
    const tail = follow({ sleep });
    await waitFor('the resent batch', () => server.delivered.length === 4);
    await waitFor('the saved position', () =>
      stat(statePath).then(
        () => true,
        () => false,
      ),
    );
    await pause(50);
    await tail.stop();

    expect(server.requests.map((r) => r.status)).toEqual([503, 202]);
    expect(server.requests[1]!.body).toBe(server.requests[0]!.body);
    expect(waits[0]).toBe(1000);
    expect(stateWhenAsked).toEqual([false, false]);
    expect(server.delivered).toEqual(batch);
    expect((await readState(statePath)).position.offset).toBe((await stat(file)).size);
  });

  it('backs off on 429 and on a connection that fails, and never skips the batch', async () => {
    let calls = 0;
    const server = await receive((_r, n) => {
      calls = n;
      return n <= 2 ? { status: 429 } : { status: 202 };
    });
    const waits: number[] = [];
    await writeFile(file, text(lines('r', 2)));
    const tail = follow({
      sleep: async (ms) => {
        waits.push(ms);
        await pause(2);
      },
    });
    await waitFor('delivery', () => server.delivered.length === 2);
    await tail.stop();
    expect(calls).toBe(3);
    // Exponential with ±25 % jitter: 500 ms, then 1 s.
    expect(waits[0]).toBeGreaterThanOrEqual(375);
    expect(waits[0]).toBeLessThanOrEqual(625);
    expect(waits[1]).toBeGreaterThanOrEqual(750);
    expect(waits[1]).toBeLessThanOrEqual(1250);
    expect(server.delivered).toEqual(lines('r', 2));

    // Nobody listening: the same batch keeps being retried, the position does not move.
    const url = server.url;
    await server.close();
    receiver = undefined;
    await appendFile(file, text(lines('s', 1)));
    const offline: string[] = [];
    const again = follow({
      url,
      sleep: async () => {
        await pause(2);
      },
      log: (m) => offline.push(m),
    });
    await waitFor(
      'three failed attempts',
      () => offline.filter((m) => m.includes('not delivered')).length >= 3,
    );
    await again.stop();
    expect(offline.find((m) => m.includes('not delivered'))).toMatch(/ECONNREFUSED/);
    expect((await readState(statePath)).position.offset).toBe(2 * lines('r', 1)[0]!.length + 2);
  });

  it('takes 422 (all lines rejected and dead-lettered by the server) as delivered', async () => {
    const server = await receive(() => ({
      status: 422,
      body: {
        accepted: 0,
        rejected: [{ index: 0, path: 'line.event', reason: "unknown queue_log event 'X'" }],
      },
    }));
    await writeFile(file, '1772438400|c.1|q|NONE|X|1\n');
    const tail = follow();
    await waitFor('the saved position', () =>
      stat(statePath).then(
        () => true,
        () => false,
      ),
    );
    await pause(50);
    await tail.stop();
    expect(server.requests).toHaveLength(1);
    expect(tail.log.some((m) => m.includes("line 0 line.event: unknown queue_log event 'X'"))).toBe(true);
  });

  it('halves the batch when the server answers 413, and sends every line once', async () => {
    const server = await receive((request) =>
      request.body.split('\n').length - 1 > 10 ? { status: 413 } : { status: 202 },
    );
    await writeFile(file, text(lines('big', 40)));
    const tail = follow({ batchLines: 40 });
    await waitFor('all lines', () => server.delivered.length === 40);
    await tail.stop();
    expect(server.delivered).toEqual(lines('big', 40));
    expect(server.requests.map((r) => r.status)).toEqual([413, 413, 202, 202, 202, 202]);
  });

  it('stops on 401 without moving the position', async () => {
    const server = await receive(() => ({ status: 401, body: { error: 'unauthorized' } }));
    await writeFile(file, text(lines('k', 1)));
    const tail = follow();
    await expect(tail.done).rejects.toThrow(FatalSendError);
    await expect(tail.done).rejects.toThrow(/answered 401/);
    expect(server.requests).toHaveLength(1);
    await expect(stat(statePath)).rejects.toThrow(/ENOENT/);
  });

  it('on stop, finishes the batch in flight and saves its position', async () => {
    const server = await receive(() => ({ status: 202, delayMs: 200 }));
    await writeFile(file, text(lines('f', 3)));
    const tail = follow();
    await waitFor('a request in flight', () => server.requests.length === 1);
    await tail.stop();
    expect(server.delivered).toEqual(lines('f', 3));
    expect((await readState(statePath)).position.offset).toBe((await stat(file)).size);
  });

  it('on stop during a retry wait, stops without saving a position the server has not taken', async () => {
    await receive(() => ({ status: 503, headers: { 'retry-after': '30' } }));
    await writeFile(file, text(lines('w', 1)));
    const tail = follow({ sleep: undefined });
    await waitFor('the first attempt', () => receiver!.requests.length === 1);
    await pause(20);
    const started = Date.now();
    await tail.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(stat(statePath)).rejects.toThrow(/ENOENT/);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-03-02T08:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Mon, 02 Mar 2026 08:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Mon, 02 Mar 2026 07:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
