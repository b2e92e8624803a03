import {
  type Acknowledgement,
  type AlertRule,
  type DeadlineItem,
  KPI_WINDOWS,
  type KpiDomain,
  type KpiScope,
  type KpiScopeKind,
  type KpiSnapshot,
  type KpiSnapshotOf,
  type Mute,
  type Silence,
} from '@stuurwiel/schemas';
import type { NormKpi, NormPayload, OpeningScope, TenantView } from '../../src/model.js';

/**
 * An in-memory TenantView for unit tests of rules and stages, and builders of valid snapshots and
 * deadline items with every figure zero unless a test says otherwise.
 */

export const TENANT = 'GM0363';

export interface ViewContents {
  tenant?: string;
  snapshots?: KpiSnapshot[];
  deadlineItems?: DeadlineItem[];
  norms?: NormPayload[];
  /** Opening hours as a function; left out: always open. */
  isOpen?: (scope: OpeningScope, at: Date) => boolean;
  queueLocations?: Record<string, string>;
  rules?: AlertRule[];
  silences?: Silence[];
  mutes?: Mute[];
  acknowledgements?: Acknowledgement[];
}

export function inMemoryView(contents: ViewContents = {}): TenantView & { contents: ViewContents } {
  const c = contents;
  return {
    contents: c,
    tenant: c.tenant ?? TENANT,
    snapshots: (domain: KpiDomain, scopeKind?: KpiScopeKind) =>
      (c.snapshots ?? []).filter(
        (s) => s.domain === domain && (scopeKind === undefined || s.scope.kind === scopeKind),
      ),
    deadlineItems: () => c.deadlineItems ?? [],
    norm: (kpi: NormKpi, scope?: { kind: NormPayload['scope']['kind']; id?: string }) => {
      const norms = (c.norms ?? []).filter((n) => n.kpi === kpi);
      const exact = scope && norms.find((n) => n.scope.kind === scope.kind && n.scope.id === scope.id);
      return exact ?? norms.find((n) => n.scope.kind === 'tenant');
    },
    isOpen: (scope, at) => c.isOpen?.(scope, at) ?? true,
    locationOfQueue: (queueId) => c.queueLocations?.[queueId],
    rules: () => c.rules ?? [],
    silences: () => c.silences ?? [],
    mutes: () => c.mutes ?? [],
    acknowledgement: (fingerprint) => c.acknowledgements?.find((a) => a.fingerprint === fingerprint),
  };
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object | null ? DeepPartial<T[K]> | T[K] : T[K] };

function merge<T>(base: T, patch: unknown): T {
  if (patch === undefined) return base;
  if (
    patch === null ||
    typeof patch !== 'object' ||
    Array.isArray(patch) ||
    base === null ||
    typeof base !== 'object'
  )
    return patch as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) out[k] = merge(out[k], v);
  return out as T;
}

const stats = { count: 0, mean: null, median: null, p90: null };

const EMPTY_WINDOW = {
  counter: {
    arrivals: 0,
    arrivals_per_hour: 0,
    called: 0,
    wait_walk_in: stats,
    wait_appointment: stats,
    service: stats,
    served: 0,
    no_shows: 0,
    left_or_removed: 0,
  },
  phone: {
    ended: 0,
    queued: 0,
    answered: 0,
    answered_within_norm: 0,
    abandoned_in_queue: 0,
    abandoned_short: 0,
    abandoned_in_menu: 0,
    blocked: 0,
    service_level: null,
    service_level_of_answered: null,
    average_speed_of_answer_seconds: null,
    abandonment_rate: null,
    handling: stats,
  },
  cases: { closed: 0, closed_within_norm: 0, lead_time_days: stats },
  written: { received: 0, answered: 0, answered_within_norm: 0 },
};

const EMPTY_NOW = {
  counter: {
    waiting: 0,
    waiting_walk_in: 0,
    waiting_appointment: 0,
    longest_wait_seconds: null,
    wait_norm_seconds: 600,
    waiting_over_norm: 0,
    in_service: 0,
    desks_open: 0,
    expected_wait_seconds: null,
    expected_wait_basis: 'no_open_desk',
  },
  phone: {
    calls_waiting: 0,
    longest_wait_seconds: null,
    calls_over_norm: 0,
    calls_in_progress: 0,
    callbacks_open: 0,
    callbacks_due_today: 0,
    callbacks_overdue: 0,
    norm_seconds: 30,
    short_abandon_seconds: 5,
  },
  cases: {
    open: 0,
    suspended: 0,
    suspended_long: 0,
    completion_period_passed: 0,
    at_risk: 0,
    overdue: 0,
    past_legal_term: 0,
  },
  written: {
    open: 0,
    unacknowledged: 0,
    answer_overdue: 0,
    acknowledge_overdue: 0,
    oldest_open_age_seconds: null,
  },
  sources: {
    system: null,
    vendor: null,
    instance: null,
    sources: 0,
    last_event_at: null,
    last_received_at: null,
    events_15m: 0,
  },
};

type Windowed = 'counter' | 'phone' | 'cases' | 'written';
type WindowName = '15m' | 'half_hour' | '1h' | 'today';

export interface SnapshotSpec<D extends Windowed | 'sources'> {
  scope?: KpiScope;
  as_of: string;
  now?: DeepPartial<KpiSnapshotOf<D>['now']>;
  /** Per window; `half_hour` is accepted ahead of the schema having it. */
  windows?: D extends Windowed
    ? Partial<Record<WindowName, DeepPartial<KpiSnapshotOf<D>['windows']['15m']>>>
    : never;
}

/** A snapshot of a domain with every figure empty, patched by `spec`. */
export function snapshot<D extends Windowed | 'sources'>(domain: D, spec: SnapshotSpec<D>): KpiSnapshotOf<D> {
  const windows: Record<string, unknown> = {};
  if (domain !== 'sources') {
    const empty = EMPTY_WINDOW[domain as Windowed];
    // Every window the schema has, and half_hour when a test gives it before the schema has it.
    const names = new Set<string>([...KPI_WINDOWS, ...(spec.windows?.half_hour ? ['half_hour'] : [])]);
    for (const w of names) windows[w] = merge(empty, spec.windows?.[w as WindowName]);
  }
  return {
    spec_version: 1,
    tenant: TENANT,
    domain,
    scope: spec.scope ?? { kind: 'tenant', id: null },
    as_of: spec.as_of,
    computed_at: spec.as_of,
    last_event_at: null,
    now: merge(EMPTY_NOW[domain], spec.now),
    windows,
  } as unknown as KpiSnapshotOf<D>;
}

/** A deadline item, on track unless patched. */
export function deadlineItem(
  patch: Partial<DeadlineItem> & Pick<DeadlineItem, 'item_id' | 'due_at'>,
): DeadlineItem {
  return {
    spec_version: 1,
    tenant: TENANT,
    kind: 'case',
    team: 'vergunningen',
    case_type: 'omgevingsvergunning',
    queue: null,
    channel: null,
    opened_at: '2026-10-01T00:00:00.000Z',
    due_date: patch.due_at.slice(0, 10),
    legal_due_at: null,
    at_risk_from: null,
    suspended: false,
    status: 'on_track',
    working_days_left: 5,
    norm: { target: 8, unit: 'calendar_days' },
    horizon: { target: 2, unit: 'working_days' },
    as_of: '2026-12-01T00:00:00.000Z',
    ...patch,
  };
}

/** A norm of the municipality (reference.norm payload). */
export function norm(
  patch: Partial<NormPayload> & Pick<NormPayload, 'kpi' | 'target' | 'unit'>,
): NormPayload {
  return {
    norm_id: `${patch.kpi}-${patch.scope?.id ?? 'tenant'}`,
    warning_horizon: { target: 1, unit: 'minutes' },
    scope: { kind: 'tenant' },
    ...patch,
  };
}
