import { describe, expect, it } from 'vitest';
import { computeSourceSnapshots } from '../../src/live/sources.js';
import type { SourceActivity } from '../../src/state/sources.js';
import { parsedByKey, pick, stamp, TENANT } from './helpers.js';

const AS_OF = '2026-03-02T09:00:00Z';
const T = Date.parse(AS_OF);
const MIN = 60_000;

const sources: SourceActivity[] = [
  {
    system: 'telephony',
    vendor: 'asterisk',
    instance: null,
    lastEventMs: T - 18 * MIN, // 09:42 local
    lastReceivedMs: T - 17 * MIN,
    // exactly 15 min before as_of: out; one after as_of (a clock running ahead): out
    recentMs: [T - 15 * MIN, T - 15 * MIN + 1],
  },
  {
    system: 'queue_management',
    vendor: 'jcc',
    instance: 'stadhuis/1',
    lastEventMs: T + 2_000,
    lastReceivedMs: T - 1_000,
    recentMs: [T - 10 * MIN, T - MIN, T, T + 2_000],
  },
];

describe('computeSourceSnapshots', () => {
  const byKey = parsedByKey(computeSourceSnapshots(TENANT, sources, AS_OF, stamp));

  it('one snapshot per source, its parts spelled out, so a screen can say since when it is quiet', () => {
    expect([...byKey.keys()]).toEqual([
      'GM0363|sources|tenant|',
      'GM0363|sources|source|queue_management/jcc/stadhuis%2F1',
      'GM0363|sources|source|telephony/asterisk',
    ]);
    expect(pick(byKey, 'GM0363|sources|source|telephony/asterisk')).toMatchObject({
      domain: 'sources',
      as_of: AS_OF,
      now: {
        system: 'telephony',
        vendor: 'asterisk',
        instance: null,
        sources: 1,
        last_event_at: '2026-03-02T08:42:00.000Z',
        last_received_at: '2026-03-02T08:43:00.000Z',
        events_15m: 1, // (as_of − 15 min, as_of]
      },
      windows: {},
    });
    expect(pick(byKey, 'GM0363|sources|source|queue_management/jcc/stadhuis%2F1').now).toMatchObject({
      instance: 'stadhuis/1',
      events_15m: 3,
    });
  });

  it('the tenant: every source, the latest times, the events summed', () => {
    expect(pick(byKey, 'GM0363|sources|tenant|').now).toEqual({
      system: null,
      vendor: null,
      instance: null,
      sources: 2,
      last_event_at: '2026-03-02T09:00:02.000Z',
      last_received_at: '2026-03-02T08:59:59.000Z',
      events_15m: 4,
    });
  });

  it('a tenant without sources publishes its tenant snapshot with nothing known', () => {
    const [only, ...rest] = computeSourceSnapshots(TENANT, [], AS_OF, stamp);
    expect(rest).toEqual([]);
    expect(only!.now).toMatchObject({
      sources: 0,
      last_event_at: null,
      last_received_at: null,
      events_15m: 0,
    });
  });
});
