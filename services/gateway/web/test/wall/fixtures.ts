import type { KpiSnapshotOf, SourcesResponse } from '@stuurwiel/schemas';
import { counterSnapshot, teamSnapshot } from '../../../test/push/support/fixtures.js';

const stats = { count: 0, mean: null, median: null, p90: null };
const stamp = {
  spec_version: 1 as const,
  tenant: 'GM0363',
  as_of: '2026-03-03T09:15:00.000Z',
  computed_at: '2026-03-03T09:15:00.100Z',
  last_event_at: '2026-03-03T09:14:00.000Z',
};

type CounterNow = KpiSnapshotOf<'counter'>['now'];

/** A counter snapshot of `location`: 4 waiting, all within the 10-minute norm, unless `now` says otherwise. */
export function counter(location: string, now: Partial<CounterNow> = {}): KpiSnapshotOf<'counter'> {
  const base = counterSnapshot('GM0363', { kind: 'location', id: location }, 4);
  return {
    ...base,
    ...stamp,
    now: {
      ...base.now,
      waiting_walk_in: 3,
      waiting_appointment: 1,
      longest_wait_seconds: 240,
      in_service: 2,
      desks_open: 2,
      expected_wait_seconds: 300,
      expected_wait_basis: 'called_15m',
      ...now,
    },
  };
}

type PhoneNow = KpiSnapshotOf<'phone'>['now'];
type PhoneWindow = KpiSnapshotOf<'phone'>['windows']['15m'];

export function phone(
  now: Partial<PhoneNow> = {},
  window: Partial<PhoneWindow> = {},
): KpiSnapshotOf<'phone'> {
  const w: PhoneWindow = {
    ended: 10,
    queued: 10,
    answered: 9,
    answered_within_norm: 9,
    abandoned_in_queue: 1,
    abandoned_short: 0,
    abandoned_in_menu: 0,
    blocked: 0,
    service_level: 0.9,
    service_level_of_answered: 1,
    average_speed_of_answer_seconds: 12,
    abandonment_rate: 0.1,
    handling: stats,
    ...window,
  };
  return {
    ...stamp,
    domain: 'phone',
    scope: { kind: 'tenant', id: null },
    now: {
      calls_waiting: 2,
      longest_wait_seconds: 10,
      calls_over_norm: 0,
      calls_in_progress: 3,
      callbacks_open: 4,
      callbacks_due_today: 2,
      callbacks_overdue: 0,
      norm_seconds: 30,
      short_abandon_seconds: 5,
      ...now,
    },
    windows: { '15m': w, half_hour: w, '1h': w, today: w },
  };
}

export function cases(now: Partial<KpiSnapshotOf<'cases'>['now']> = {}): KpiSnapshotOf<'cases'> {
  const base = teamSnapshot('GM0363', 'any', 10);
  return { ...base, ...stamp, scope: { kind: 'tenant', id: null }, now: { ...base.now, ...now } };
}

/** GET /sources with one source per entry: its system, vendor and seconds quiet. */
export function sources(
  entries: readonly {
    system: 'telephony' | 'queue_management' | 'appointments' | 'case_system';
    vendor: string;
    quiet: number | null;
  }[],
): SourcesResponse {
  return {
    tenant: 'GM0363',
    now: '2026-03-03T09:30:00.000Z',
    sources: entries.map((e) => ({
      scope: { kind: 'source' as const, id: `${e.system}/${e.vendor}` },
      as_of: '2026-03-03T09:20:00.000Z',
      now: {
        system: e.system,
        vendor: e.vendor,
        instance: null,
        sources: 1,
        last_event_at:
          e.quiet === null
            ? null
            : new Date(Date.parse('2026-03-03T09:30:00Z') - e.quiet * 1000).toISOString(),
        last_received_at:
          e.quiet === null
            ? null
            : new Date(Date.parse('2026-03-03T09:30:00Z') - e.quiet * 1000).toISOString(),
        events_15m: 3,
      },
      quiet_seconds: e.quiet,
    })),
  };
}
