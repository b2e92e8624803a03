import { appendFileSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { CanonicalEvent } from '@stuurwiel/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tailQueueLog } from '../../src/tail/run.js';
import { type IngestUnderTest, startIngest, TENANT } from './harness.js';

const line = (epoch: number, call: string, event: string, data: string) =>
  `${epoch}|${call}|kcc|NONE|${event}|${data}\n`;

describe('stuurwiel-ingest tail against the real ingest and broker', () => {
  let ingest: IngestUnderTest;
  beforeAll(async () => {
    ingest = await startIngest();
  });
  afterAll(async () => {
    await ingest.close();
  });

  it('delivers appended and rotated lines once each, and resumes from its state after a restart', async () => {
    const dir = mkdtempSync(`${tmpdir()}/tail-e2e-`);
    const file = `${dir}/queue_log`;
    const statePath = `${dir}/state.json`;
    writeFileSync(file, line(1772439000, 'c1', 'ENTERQUEUE', '|anonymous|1'));
    const run = () => {
      const stop = new AbortController();
      const done = tailQueueLog({
        file,
        url: ingest.url,
        apiKey: ingest.keys[TENANT]!,
        statePath,
        batchLines: 100,
        intervalMs: 100,
        stop: stop.signal,
      });
      return { stop: () => stop.abort(), done };
    };
    const settle = () => new Promise((r) => setTimeout(r, 1500));

    let tail = run();
    await settle();
    appendFileSync(file, line(1772439005, 'c1', 'ABANDON', '1|1|5'));
    await settle();
    // Rotation: the old file moves away, a new one starts.
    renameSync(file, `${file}.1`);
    writeFileSync(file, line(1772439010, 'c2', 'ENTERQUEUE', '|anonymous|1'));
    await settle();
    tail.stop();
    await tail.done;

    // Lines written while the follower is down arrive after its restart, the old ones not again.
    appendFileSync(file, line(1772439020, 'c2', 'ABANDON', '1|1|10'));
    tail = run();
    await settle();
    tail.stop();
    await tail.done;

    const events = (await ingest.consume('events.call.v1', { idleMs: 2000 })) as CanonicalEvent[];
    const summary = events.map((e) => `${(e.payload as { call_id: string }).call_id}:${e.type}`).sort();
    expect(summary).toEqual([
      'c1:call.abandoned',
      'c1:call.offered',
      'c1:call.queued',
      'c2:call.abandoned',
      'c2:call.offered',
      'c2:call.queued',
    ]);
  }, 60_000);
});
