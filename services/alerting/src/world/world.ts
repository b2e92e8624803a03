import {
  type Acknowledgement,
  type AlertRule,
  type DeadlineItem,
  type KpiDomain,
  type KpiScopeKind,
  type KpiSnapshot,
  kpiSnapshotKey,
  type Mute,
  type PayloadOf,
  type Silence,
} from '@stuurwiel/schemas';
import type { NormKpi, NormPayload, OpeningScope, TenantView } from '../model.js';
import { governingHours, isOpenBy, type OpeningHours } from './opening-hours.js';

/** The alerting.config.v1 entities a key names. */
export type ConfigKind = 'rule' | 'silence' | 'mute' | 'acknowledgement';

/** Default rules of a municipality (the rules file); rules on alerting.config.v1 replace them by rule_id. */
export type DefaultRules = (tenant: string) => readonly AlertRule[];

interface TenantState {
  snapshots: Map<string, KpiSnapshot>;
  deadlines: Map<string, DeadlineItem>;
  norms: Map<string, NormPayload>;
  hours: Map<string, OpeningHours>;
  closingDays: Map<string, boolean>;
  queueLocation: Map<string, string>;
  rules: Map<string, AlertRule>;
  silences: Map<string, Silence>;
  mutes: Map<string, Mute>;
  acknowledgements: Map<string, Acknowledgement>;
}

const newTenant = (): TenantState => ({
  snapshots: new Map(),
  deadlines: new Map(),
  norms: new Map(),
  hours: new Map(),
  closingDays: new Map(),
  queueLocation: new Map(),
  rules: new Map(),
  silences: new Map(),
  mutes: new Map(),
  acknowledgements: new Map(),
});

const hoursKey = (scope: OpeningScope) => `${scope.kind}|${scope.id ?? ''}`;

/**
 * What alerting knows of every municipality, written by the inputs (one method per kind of
 * message, each applying a whole, validated message) and read by the evaluation as TenantViews.
 */
export interface World {
  putSnapshot(snapshot: KpiSnapshot): void;
  /** A tombstone on kpi.v1. */
  removeSnapshot(tenant: string, key: string): void;
  putDeadline(key: string, item: DeadlineItem): void;
  removeDeadline(tenant: string, key: string): void;
  /** A validated reference event: norms, opening hours, closing days and queues are kept. */
  applyReference(
    tenant: string,
    event:
      | { type: 'reference.norm'; payload: PayloadOf<'reference.norm'> }
      | { type: 'reference.opening_hours'; payload: PayloadOf<'reference.opening_hours'> }
      | { type: 'reference.closing_day'; payload: PayloadOf<'reference.closing_day'> }
      | { type: 'reference.queue'; payload: PayloadOf<'reference.queue'> },
  ): void;
  putConfig(
    tenant: string,
    entry:
      | { kind: 'rule'; rule: AlertRule }
      | { kind: 'silence'; silence: Silence }
      | { kind: 'mute'; mute: Mute }
      | { kind: 'acknowledgement'; acknowledgement: Acknowledgement },
  ): void;
  /** A tombstone on alerting.config.v1. */
  removeConfig(tenant: string, kind: ConfigKind, id: string): void;
  /** Municipalities alerting has heard of, sorted. */
  tenants(): string[];
  view(tenant: string): TenantView;
}

export function createWorld(defaultRules: DefaultRules = () => []): World {
  const tenants = new Map<string, TenantState>();
  const of = (tenant: string) => {
    let state = tenants.get(tenant);
    if (!state) {
      state = newTenant();
      tenants.set(tenant, state);
    }
    return state;
  };

  const view = (tenant: string): TenantView => {
    const s = of(tenant);
    const locationOfQueue = (queueId: string) => s.queueLocation.get(queueId);
    return {
      tenant,
      snapshots(domain: KpiDomain, scopeKind?: KpiScopeKind) {
        const out: KpiSnapshot[] = [];
        for (const snap of s.snapshots.values())
          if (snap.domain === domain && (scopeKind === undefined || snap.scope.kind === scopeKind))
            out.push(snap);
        return out;
      },
      deadlineItems: () => s.deadlines.values(),
      norm(kpi: NormKpi, scope?: { kind: NormPayload['scope']['kind']; id?: string }) {
        let tenantWide: NormPayload | undefined;
        for (const n of s.norms.values()) {
          if (n.kpi !== kpi) continue;
          if (scope && scope.kind !== 'tenant' && n.scope.kind === scope.kind && n.scope.id === scope.id)
            return n;
          if (n.scope.kind === 'tenant') tenantWide = n;
        }
        return tenantWide;
      },
      isOpen(scope: OpeningScope, at: Date) {
        const hours = governingHours(scope, (sc) => s.hours.get(hoursKey(sc)), locationOfQueue);
        if (!hours) return true;
        return isOpenBy(hours, at, (date) => s.closingDays.get(date) === true);
      },
      locationOfQueue,
      rules() {
        const byId = new Map(defaultRules(tenant).map((r) => [r.rule_id, r]));
        for (const [id, rule] of s.rules) byId.set(id, rule);
        return [...byId.values()].filter((r) => r.enabled);
      },
      silences: () => [...s.silences.values()],
      mutes: () => [...s.mutes.values()],
      acknowledgement: (fingerprint: string) => s.acknowledgements.get(fingerprint),
    };
  };

  return {
    putSnapshot(snapshot) {
      of(snapshot.tenant).snapshots.set(kpiSnapshotKey(snapshot), snapshot);
    },
    removeSnapshot(tenant, key) {
      tenants.get(tenant)?.snapshots.delete(key);
    },
    putDeadline(key, item) {
      of(item.tenant).deadlines.set(key, item);
    },
    removeDeadline(tenant, key) {
      tenants.get(tenant)?.deadlines.delete(key);
    },
    applyReference(tenant, event) {
      const s = of(tenant);
      switch (event.type) {
        case 'reference.norm':
          s.norms.set(event.payload.norm_id, event.payload);
          return;
        case 'reference.opening_hours': {
          // The latest schedule of a scope counts, whatever its id; an id that moves to another
          // scope leaves its old one.
          for (const [key, hours] of s.hours)
            if (hours.opening_hours_id === event.payload.opening_hours_id) s.hours.delete(key);
          s.hours.set(hoursKey(event.payload.scope), event.payload);
          return;
        }
        case 'reference.closing_day':
          s.closingDays.set(event.payload.date, event.payload.closed);
          return;
        case 'reference.queue':
          if (event.payload.location_id === undefined) s.queueLocation.delete(event.payload.queue_id);
          else s.queueLocation.set(event.payload.queue_id, event.payload.location_id);
          return;
      }
    },
    putConfig(tenant, entry) {
      const s = of(tenant);
      switch (entry.kind) {
        case 'rule':
          s.rules.set(entry.rule.rule_id, entry.rule);
          return;
        case 'silence':
          s.silences.set(entry.silence.silence_id, entry.silence);
          return;
        case 'mute':
          s.mutes.set(entry.mute.mute_id, entry.mute);
          return;
        case 'acknowledgement':
          s.acknowledgements.set(entry.acknowledgement.fingerprint, entry.acknowledgement);
          return;
      }
    },
    removeConfig(tenant, kind, id) {
      const s = tenants.get(tenant);
      if (!s) return;
      const maps = { rule: s.rules, silence: s.silences, mute: s.mutes, acknowledgement: s.acknowledgements };
      maps[kind].delete(id);
    },
    tenants: () => [...tenants.keys()].sort(),
    view,
  };
}
