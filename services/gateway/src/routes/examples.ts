import type { KpiSnapshot } from '@stuurwiel/schemas';

const stats = { count: 0, mean: null, median: null, p90: null };
const counterWindow = {
  arrivals: 12,
  arrivals_per_hour: 48,
  called: 10,
  wait_walk_in: { count: 6, mean: 312, median: 290, p90: 540 },
  wait_appointment: { count: 4, mean: 95, median: 80, p90: 180 },
  service: { count: 9, mean: 420, median: 400, p90: 610 },
  served: 9,
  no_shows: 1,
  left_or_removed: 0,
};

/** A counter snapshot of one location, as the OpenAPI examples show it. */
export const counterSnapshotExample: KpiSnapshot = {
  spec_version: 1,
  tenant: 'GM0363',
  domain: 'counter',
  scope: { kind: 'location', id: 'stadsloket-centrum' },
  as_of: '2026-03-02T10:15:00.000Z',
  computed_at: '2026-03-02T10:15:00.120Z',
  last_event_at: '2026-03-02T10:14:52.000Z',
  now: {
    waiting: 7,
    waiting_walk_in: 5,
    waiting_appointment: 2,
    longest_wait_seconds: 780,
    wait_norm_seconds: 600,
    waiting_over_norm: 1,
    in_service: 4,
    desks_open: 4,
    expected_wait_seconds: 600,
    expected_wait_basis: 'called_15m',
  },
  windows: {
    '15m': counterWindow,
    half_hour: counterWindow,
    '1h': { ...counterWindow, service: stats },
    today: counterWindow,
  },
};

/** A sources snapshot of one source. */
export const sourceSnapshotExample: KpiSnapshot = {
  spec_version: 1,
  tenant: 'GM0363',
  domain: 'sources',
  scope: { kind: 'source', id: 'telephony/asterisk' },
  as_of: '2026-03-02T10:15:00.000Z',
  computed_at: '2026-03-02T10:15:00.120Z',
  last_event_at: '2026-03-02T10:42:00.000Z',
  now: {
    system: 'telephony',
    vendor: 'asterisk',
    instance: null,
    sources: 1,
    last_event_at: '2026-03-02T10:42:00.000Z',
    last_received_at: '2026-03-02T10:42:01.000Z',
    events_15m: 0,
  },
  windows: {},
};
