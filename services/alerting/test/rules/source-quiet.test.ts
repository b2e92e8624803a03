import { type AlertRule, alertRule } from '@stuurwiel/schemas';
import { describe, expect, it } from 'vitest';
import type { OpeningScope } from '../../src/model.js';
import { type QuietMemory, quietDomains, sourceQuietKind } from '../../src/rules/source-quiet.js';
import { inMemoryView, snapshot, TENANT } from '../support/view.js';
import { at, T0 } from './fixtures.js';

const iso = (minutes: number) => at(minutes).toISOString();

const rule = (patch: Record<string, unknown> = {}) =>
  alertRule.parse({ rule_id: 'sources-quiet', name: 'Bron stil', kind: 'source_quiet', ...patch }) as Extract<
    AlertRule,
    { kind: 'source_quiet' }
  >;

/** The telephone exchange's snapshot as of `asOf`, last heard of at `lastMinute`. */
const pbx = (asOf: number, lastMinute: number, events15m: number) =>
  snapshot('sources', {
    as_of: iso(asOf),
    scope: { kind: 'source', id: 'telephony/asterisk' },
    now: {
      system: 'telephony',
      vendor: 'asterisk',
      sources: 1,
      events_15m: events15m,
      last_event_at: iso(lastMinute),
      last_received_at: iso(lastMinute),
    },
  });

const run = (
  s: ReturnType<typeof pbx>,
  now: number,
  memory: QuietMemory,
  options: { rule?: ReturnType<typeof rule>; isOpen?: (scope: OpeningScope, at: Date) => boolean } = {},
) =>
  sourceQuietKind.evaluate(
    options.rule ?? rule(),
    inMemoryView({ snapshots: [s], ...(options.isOpen ? { isOpen: options.isOpen } : {}) }),
    at(now),
    new Set(),
    memory,
  );

describe('source quiet', () => {
  it('fires once quiet longer than gap_factor × its usual gap, no sooner than min_quiet_minutes', () => {
    const memory: QuietMemory = new Map();
    // 90 events in 15 minutes: one every 10 s; 5 × 10 s is below the 10-minute floor.
    expect(run(pbx(0, 0, 90), 0, memory)[0]?.active).toBe(false);
    expect(memory.get('telephony/asterisk')).toBe(10);
    // The snapshot stops changing once the source is quiet: only `now` moves.
    expect(run(pbx(0, 0, 90), 10, memory)[0]?.active).toBe(false);
    const [obs] = run(pbx(0, 0, 90), 11, memory);
    expect(obs).toMatchObject({
      active: true,
      domain: 'sources',
      labels: {
        tenant: TENANT,
        rule_id: 'sources-quiet',
        domain: 'sources',
        source: 'telephony/asterisk',
        system: 'telephony',
      },
    });
    expect(obs?.summary).toContain('telephony / asterisk');
    expect(obs?.description).toContain('10 s');
  });

  it('waits longer for a source that sends seldom, up to max_quiet_minutes', () => {
    const memory: QuietMemory = new Map();
    // 3 events in 15 minutes: a gap of 300 s, 5 × 300 s = 25 minutes.
    run(pbx(0, 0, 3), 0, memory);
    expect(run(pbx(0, 0, 3), 24, memory)[0]?.active).toBe(false);
    expect(run(pbx(0, 0, 3), 26, memory)[0]?.active).toBe(true);
  });

  it('keeps the usual gap seen while active, not the stretched one of a source falling quiet', () => {
    const memory: QuietMemory = new Map();
    run(pbx(0, 0, 90), 0, memory);
    // Twelve minutes into the silence only 18 events are left in the 15 minutes.
    run(pbx(12, 0, 18), 12, memory);
    expect(memory.get('telephony/asterisk')).toBe(10);
  });

  it('without a known gap waits max_quiet_minutes', () => {
    const memory: QuietMemory = new Map();
    expect(run(pbx(16, 0, 0), 29, memory)[0]?.active).toBe(false);
    expect(run(pbx(16, 0, 0), 31, memory)[0]?.active).toBe(true);
  });

  it('counts quiet time only while open: closed at night is not quiet, and after opening it gets the full limit', () => {
    const memory: QuietMemory = new Map();
    run(pbx(0, 0, 90), 0, memory);
    // Closed from minute 5 to minute 60.
    const isOpen = (_: OpeningScope, when: Date) => when < at(5) || when >= at(60);
    expect(run(pbx(0, 0, 90), 30, memory, { isOpen })[0]?.active).toBe(false);
    expect(run(pbx(0, 0, 90), 65, memory, { isOpen })[0]?.active).toBe(false);
    expect(run(pbx(0, 0, 90), 71, memory, { isOpen })[0]?.active).toBe(true);
  });

  it('never calls reference data quiet: it is sent only when locations, norms or hours change', () => {
    const reference = snapshot('sources', {
      as_of: iso(0),
      scope: { kind: 'source', id: 'reference/stuurwiel-simulator' },
      now: {
        system: 'reference',
        vendor: 'stuurwiel-simulator',
        sources: 1,
        events_15m: 40,
        last_event_at: iso(0),
        last_received_at: iso(0),
      },
    }) as ReturnType<typeof pbx>;
    expect(run(reference, 600, new Map())).toEqual([]);
    expect(run(pbx(0, 0, 90), 600, new Map())[0]?.active).toBe(true);
  });

  it('reads only the source the rule names', () => {
    expect(run(pbx(0, 0, 90), 40, new Map(), { rule: rule({ source: 'case_system/openzaak' }) })).toEqual([]);
    expect(run(pbx(0, 0, 90), 40, new Map(), { rule: rule({ source: 'telephony/asterisk' }) })).toHaveLength(
      1,
    );
  });

  it('names the KPI domain of a quiet source, so that its old figures resolve nothing', () => {
    const memory: QuietMemory = new Map();
    expect(quietDomains(run(pbx(0, 0, 90), 5, memory))).toEqual(new Set());
    expect(quietDomains(run(pbx(0, 0, 90), 40, memory))).toEqual(new Set(['phone']));
  });

  it('learns the gap of a busy source whose snapshot comes a moment after its last event', () => {
    const memory: QuietMemory = new Map();
    // 1,800 events in 15 minutes (one every 0.5 s); the snapshot is half a minute behind the last.
    const busy = snapshot('sources', {
      as_of: new Date(T0 + 30_000).toISOString(),
      scope: { kind: 'source', id: 'queue_management/qmatic' },
      now: { system: 'queue_management', vendor: 'qmatic', events_15m: 1800, last_received_at: iso(0) },
    });
    sourceQuietKind.evaluate(rule(), inMemoryView({ snapshots: [busy] }), at(1), new Set(), memory);
    expect(memory.get('queue_management/qmatic')).toBe(0.5);
  });
});
